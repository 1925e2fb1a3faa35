from django.test import RequestFactory
from django.urls import reverse

from qingdan.accounts.api_auth import BearerToken
from qingdan.accounts.models import ApiToken, hash_token
from qingdan.audit.models import AuditEvent

LIST = reverse("accounts:token_list")
CREATE = reverse("accounts:token_create")


def _revoke_url(token):
    return reverse("accounts:token_revoke", args=[token.pk])


def _token_of(user, name="县数据共享平台", raw="qd_secret"):
    return ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), hint=raw[:8])


def test_owner_creates_a_token_and_sees_it_once(login, township_dispatcher, township):
    client = login(township_dispatcher)
    response = client.post(CREATE, {"name": "县数据共享平台"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=township_dispatcher)
    raw = response.context["raw"]
    assert raw in response.content.decode()
    assert token.key_hash == hash_token(raw)
    assert raw not in token.key_hash
    assert "no-store" in response["Cache-Control"]
    assert raw not in client.get(LIST).content.decode()
    event = AuditEvent.objects.get(action="accounts.token_create")
    assert event.actor == township_dispatcher
    assert event.object_id == str(token.pk)
    assert event.division == township
    assert raw not in str(event.changes)


def test_a_created_token_signs_in_to_the_api(login, township_dispatcher):
    client = login(township_dispatcher)
    raw = client.post(CREATE, {"name": "对接"}).context["raw"]
    assert BearerToken().authenticate(RequestFactory().get("/api/v1/"), raw) == township_dispatcher


def test_a_token_needs_a_name(login, township_dispatcher):
    response = login(township_dispatcher).post(CREATE, {"name": "  "})
    assert response.status_code == 400
    assert "请为令牌命名" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_owner_revokes_a_token_and_it_stops_working(login, township_dispatcher):
    token = _token_of(township_dispatcher)
    client = login(township_dispatcher)
    response = client.post(_revoke_url(token))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert BearerToken().authenticate(RequestFactory().get("/api/v1/"), "qd_secret") is None
    assert AuditEvent.objects.filter(action="accounts.token_revoke", object_id=str(token.pk)).count() == 1
    client.post(_revoke_url(token))
    assert AuditEvent.objects.filter(action="accounts.token_revoke").count() == 1


def test_revoke_is_post_only(login, township_dispatcher):
    token = _token_of(township_dispatcher)
    assert login(township_dispatcher).get(_revoke_url(token)).status_code == 405


def test_the_token_list_shows_only_my_tokens(login, township_dispatcher, outsider):
    _token_of(township_dispatcher, name="甲镇的令牌", raw="qd_mine")
    _token_of(outsider, name="乙村的令牌", raw="qd_theirs")
    page = login(township_dispatcher).get(LIST).content.decode()
    assert "甲镇的令牌" in page
    assert "乙村的令牌" not in page


def test_a_token_of_another_user_cannot_be_revoked(login, township_dispatcher, outsider):
    token = _token_of(township_dispatcher)
    assert login(outsider).post(_revoke_url(token)).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_of_a_colleague_in_scope_is_invisible_too(login, township_dispatcher, platform_admin):
    token = _token_of(township_dispatcher)
    assert login(platform_admin).post(_revoke_url(token)).status_code == 404


def test_supervisor_may_not_create_or_revoke_tokens(login, supervisor):
    token = _token_of(supervisor)
    client = login(supervisor)
    page = client.get(LIST)
    assert page.status_code == 200
    assert CREATE not in page.content.decode()
    assert client.post(CREATE, {"name": "x"}).status_code == 403
    assert client.post(_revoke_url(token)).status_code == 403
    assert ApiToken.objects.filter(user=supervisor).count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, township_dispatcher):
    token = _token_of(township_dispatcher)
    for response in (client.get(LIST), client.post(CREATE, {"name": "x"}), client.post(_revoke_url(token))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_token_list_takes_a_fixed_number_of_queries(
    login, township_dispatcher, django_assert_max_num_queries
):
    for n in range(30):
        _token_of(township_dispatcher, name=f"令牌{n}", raw=f"qd_{n}")
    client = login(township_dispatcher)
    with django_assert_max_num_queries(9):
        assert client.get(LIST).status_code == 200
