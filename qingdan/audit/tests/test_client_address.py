"""The client address in the audit trail: REMOTE_ADDR, or X-Forwarded-For only when REMOTE_ADDR is a
trusted proxy (settings.QINGDAN_TRUSTED_PROXIES), read from the right so a client cannot forge it."""

import pytest
from django.test import RequestFactory

from qingdan.audit.context import ip_of
from qingdan.audit.models import AuditEvent
from qingdan.testing import PASSWORD

NGINX = "10.0.0.2"
CLIENT = "203.0.113.9"


def address(peer: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return ip_of(RequestFactory().get("/", REMOTE_ADDR=peer, **extra))


@pytest.fixture
def behind_nginx(settings):
    settings.QINGDAN_TRUSTED_PROXIES = ["10.0.0.0/24", "::1/128"]


def test_without_trusted_proxies_the_header_is_ignored():
    assert address(NGINX, CLIENT) == NGINX


def test_a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address(behind_nginx):
    assert address("198.51.100.7", CLIENT) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_client_is_the_forwarded_address(behind_nginx):
    assert address(NGINX, CLIENT) == CLIENT
    assert address("::1", CLIENT) == CLIENT


def test_addresses_the_client_wrote_itself_are_passed_over(behind_nginx):
    # The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    assert address(NGINX, f"1.2.3.4, {CLIENT}") == CLIENT
    # Two trusted proxies in a row: the first untrusted address from the right.
    assert address(NGINX, f"1.2.3.4, {CLIENT}, 10.0.0.7") == CLIENT


def test_a_missing_or_broken_header_leaves_the_proxy_address(behind_nginx):
    assert address(NGINX) == NGINX
    assert address(NGINX, "") == NGINX
    assert address(NGINX, "not-an-address") == NGINX


@pytest.mark.django_db
def test_a_failed_sign_in_behind_nginx_is_audited_with_the_clients_address(
    client, behind_nginx, village_cadre
):
    data = {"username": village_cadre.username, "password": "not-the-password"}
    client.post("/accounts/login/", data, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=f"6.6.6.6, {CLIENT}")
    assert AuditEvent.objects.get(action="accounts.login_failed").ip == CLIENT


@pytest.mark.django_db
def test_a_sign_in_from_an_untrusted_peer_is_audited_with_that_peer(client, village_cadre):
    data = {"username": village_cadre.username, "password": PASSWORD}
    client.post("/accounts/login/", data, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=CLIENT)
    assert AuditEvent.objects.get(action="accounts.login").ip == "198.51.100.7"
