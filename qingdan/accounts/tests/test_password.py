from django.urls import reverse

from qingdan.audit.models import AuditEvent
from qingdan.testing import PASSWORD

URL = reverse("accounts:password_change")
NEW = "another-long-passphrase-42"


def test_owner_changes_their_password_and_stays_signed_in(login, village_cadre, client):
    login(village_cadre)
    response = client.post(URL, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    village_cadre.refresh_from_db()
    assert village_cadre.check_password(NEW)
    assert client.get(reverse("web:home")).status_code == 200
    event = AuditEvent.objects.get(action="accounts.password_change")
    assert event.actor == village_cadre
    assert NEW not in str(event.changes) + event.note


def test_a_wrong_old_password_changes_nothing(login, village_cadre, client):
    login(village_cadre)
    response = client.post(URL, {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200
    assert "旧密码" in response.content.decode()
    village_cadre.refresh_from_db()
    assert village_cadre.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="accounts.password_change").exists()


def test_a_short_password_is_refused_in_chinese(login, village_cadre, client):
    login(village_cadre)
    response = client.post(
        URL, {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}
    )
    assert response.status_code == 200
    assert "密码太短" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
