from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from qingdan.accounts.api_auth import BearerToken
from qingdan.accounts.models import ApiToken, hash_token
from qingdan.audit.models import AuditEvent
from qingdan.testing import PASSWORD

LOGIN = "/accounts/login/"


def sign_in(client, username, password, ip="10.1.2.3"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_url_is_accounts_login():
    assert reverse("accounts:login") == LOGIN


def test_login_page_is_in_chinese(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "登录" in response.content.decode()
    assert 'name="viewport"' in response.content.decode()


def test_correct_password_signs_in_and_is_audited_with_ip(client, village_cadre, village):
    response = sign_in(client, "jiacun", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    event = AuditEvent.objects.get(action="accounts.login")
    assert event.actor == village_cadre
    assert event.ip == "10.1.2.3"
    assert event.division == village


def test_signed_in_user_is_sent_on_from_the_login_page(login, village_cadre):
    client = login(village_cadre)
    assert client.get(LOGIN).status_code == 302


def test_wrong_password_gets_generic_message_and_is_audited(client, village_cadre, village):
    response = sign_in(client, "jiacun", "not-the-password")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    event = AuditEvent.objects.get(action="accounts.login_failed")
    assert event.actor is None
    assert event.actor_name == "jiacun"
    assert event.ip == "10.1.2.3"
    assert event.division == village
    village_cadre.refresh_from_db()
    assert village_cadre.failed_logins == 1


def test_unknown_username_gets_the_same_generic_message(client, village_cadre):
    wrong_password = sign_in(client, "jiacun", "not-the-password").content.decode()
    unknown = sign_in(client, "nobody-here", "not-the-password").content.decode()
    assert "用户名或密码错误" in unknown
    assert wrong_password.count("用户名或密码错误") == unknown.count("用户名或密码错误")
    event = AuditEvent.objects.filter(action="accounts.login_failed").first()
    assert event.actor_name == "nobody-here"
    assert event.division is None


def test_five_failures_lock_the_account_even_against_the_right_password(client, village_cadre):
    for _ in range(5):
        sign_in(client, "jiacun", "not-the-password")
    village_cadre.refresh_from_db()
    assert village_cadre.is_locked()
    assert AuditEvent.objects.filter(action="accounts.locked", object_id=str(village_cadre.pk)).count() == 1

    response = sign_in(client, "jiacun", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 200
    until = timezone.localtime(village_cadre.locked_until).strftime("%Y-%m-%d %H:%M")
    assert until not in page  # the same words as a wrong password: nothing tells the account is locked
    assert "用户名或密码错误" in page
    assert "_auth_user_id" not in client.session
    refused = AuditEvent.objects.filter(action="accounts.login_failed").first()
    assert refused.note == "account locked"


def test_four_failures_do_not_lock(client, village_cadre):
    for _ in range(4):
        sign_in(client, "jiacun", "not-the-password")
    assert sign_in(client, "jiacun", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_lockout_minutes(client, village_cadre):
    for _ in range(5):
        sign_in(client, "jiacun", "not-the-password")
    village_cadre.refresh_from_db()
    assert village_cadre.locked_until - timezone.now() > timedelta(minutes=14)
    type(village_cadre).objects.filter(pk=village_cadre.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    response = sign_in(client, "jiacun", PASSWORD)
    assert response.status_code == 302
    village_cadre.refresh_from_db()
    assert village_cadre.locked_until is None
    assert village_cadre.failed_logins == 0


def test_a_successful_login_resets_the_failure_count(client, village_cadre):
    for _ in range(4):
        sign_in(client, "jiacun", "not-the-password")
    sign_in(client, "jiacun", PASSWORD)
    village_cadre.refresh_from_db()
    assert village_cadre.failed_logins == 0
    client.logout()
    for _ in range(4):
        sign_in(client, "jiacun", "not-the-password")
    village_cadre.refresh_from_db()
    assert not village_cadre.is_locked()


def test_attempts_during_the_lock_do_not_extend_it(client, village_cadre):
    for _ in range(5):
        sign_in(client, "jiacun", "not-the-password")
    village_cadre.refresh_from_db()
    first_until = village_cadre.locked_until
    sign_in(client, "jiacun", "not-the-password")
    village_cadre.refresh_from_db()
    assert village_cadre.locked_until == first_until


def test_locked_account_cannot_authenticate_by_any_password_path(village_cadre):
    type(village_cadre).objects.filter(pk=village_cadre.pk).update(
        locked_until=timezone.now() + timedelta(minutes=5)
    )
    assert authenticate(RequestFactory().post(LOGIN), username="jiacun", password=PASSWORD) is None


def test_locked_account_cannot_use_its_api_token(village_cadre):
    ApiToken.objects.create(user=village_cadre, name="t", key_hash=hash_token("qd_raw"), hint="qd_raw")
    request = RequestFactory().get("/api/v1/")
    assert BearerToken().authenticate(request, "qd_raw") == village_cadre
    type(village_cadre).objects.filter(pk=village_cadre.pk).update(
        locked_until=timezone.now() + timedelta(minutes=5)
    )
    assert BearerToken().authenticate(request, "qd_raw") is None


def test_inactive_account_gets_the_generic_message(client, village_cadre):
    type(village_cadre).objects.filter(pk=village_cadre.pk).update(is_active=False)
    page = sign_in(client, "jiacun", PASSWORD).content.decode()
    assert "用户名或密码错误" in page


@pytest.mark.parametrize("next_url", ["/audit/", "https://evil.example/"])
def test_login_only_follows_local_next_urls(client, supervisor, next_url):
    response = client.post(LOGIN, {"username": "jijian", "password": PASSWORD, "next": next_url})
    assert response["Location"] == (next_url if next_url.startswith("/") else reverse("web:home"))


def test_logout_is_post_only_and_audited(login, village_cadre, village):
    client = login(village_cadre)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"), REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    event = AuditEvent.objects.get(action="accounts.logout")
    assert event.actor == village_cadre
    assert event.ip == "10.9.9.9"
    assert event.division == village
    assert client.get(reverse("web:home")).status_code == 302


def _error_of(page: str) -> str:
    start = page.index('class="errorlist"')
    return page[start : page.index("</ul>", start)]


def test_wrong_password_unknown_user_and_locked_account_read_the_same(
    client, village_cadre, township_dispatcher
):
    wrong = _error_of(sign_in(client, "jiacun", "not-the-password").content.decode())
    unknown = _error_of(sign_in(client, "nobody-here", "not-the-password").content.decode())
    type(village_cadre).objects.filter(pk=township_dispatcher.pk).update(
        locked_until=timezone.now() + timedelta(minutes=10)
    )
    locked = _error_of(sign_in(client, township_dispatcher.username, PASSWORD).content.decode())
    assert wrong == unknown == locked
