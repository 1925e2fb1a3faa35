import time

from django.conf import settings
from django.urls import reverse

from qingdan.accounts.middleware import LAST_SEEN
from qingdan.audit.models import AuditEvent


def _last_seen(client, seconds_ago):
    session = client.session
    session[LAST_SEEN] = time.time() - seconds_ago
    session.save()


def test_a_session_idle_too_long_is_ended_and_audited(login, village_cadre, village):
    client = login(village_cadre)
    _last_seen(client, settings.QINGDAN_IDLE_MINUTES * 60 + 5)
    response = client.get(reverse("web:home"), REMOTE_ADDR="10.7.7.7")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    event = AuditEvent.objects.get(action="accounts.idle_logout")
    assert event.actor == village_cadre
    assert event.ip == "10.7.7.7"
    assert event.division == village
    assert not AuditEvent.objects.filter(action="accounts.logout").exists()


def test_a_recently_active_session_continues(login, village_cadre):
    client = login(village_cadre)
    _last_seen(client, settings.QINGDAN_IDLE_MINUTES * 60 - 60)
    assert client.get(reverse("web:home")).status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 60
    assert not AuditEvent.objects.filter(action="accounts.idle_logout").exists()
