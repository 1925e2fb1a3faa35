"""API authentication: the browser session with CSRF on writes, or a bearer token; and GET /api/v1/me."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from qingdan.accounts.models import ApiToken, hash_token, new_raw_token
from qingdan.audit.models import AuditEvent
from qingdan.duties.models import Catalog
from qingdan.duties.tests.api_helpers import tsv_file

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"
IMPORT = "/api/v1/catalogs/import"
CSRF_SECRET = "a" * 32  # a CSRF cookie value, sent back in the header as Django expects


def token_for(user, **extra) -> str:
    raw = new_raw_token()
    ApiToken.objects.create(user=user, name="县数据共享平台", key_hash=hash_token(raw), hint=raw[:8], **extra)
    return raw


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_bearer_token_signs_the_caller_in(client, township_dispatcher):
    raw = token_for(township_dispatcher)
    response = client.get(ME, **bearer(raw))
    assert response.status_code == 200
    assert response.json()["username"] == "jiazhen"
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_token_is_refused(client, township_dispatcher):
    raw = token_for(township_dispatcher, revoked_at=timezone.now())
    response = client.get(ME, **bearer(raw))
    assert response.status_code == 401
    assert "令牌" in response.json()["detail"]


def test_the_token_of_a_locked_user_is_refused(client, township_dispatcher):
    raw = token_for(township_dispatcher)
    township_dispatcher.locked_until = timezone.now() + timedelta(minutes=10)
    township_dispatcher.save()
    assert client.get(ME, **bearer(raw)).status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(client, township_dispatcher):
    raw = token_for(township_dispatcher)
    township_dispatcher.is_active = False
    township_dispatcher.save()
    assert client.get(ME, **bearer(raw)).status_code == 401


@pytest.mark.parametrize("header", ["Bearer ", "Bearer qd_made_up", "Token abc", "Basic YTpi"])
def test_a_wrong_or_malformed_authorization_header_is_refused(client, township_dispatcher, header):
    token_for(township_dispatcher)
    assert client.get(ME, HTTP_AUTHORIZATION=header).status_code == 401


def test_a_request_without_session_or_token_is_refused(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("请先登录")


def test_a_signed_in_session_reads_the_api(login, village_cadre, village):
    response = login(village_cadre).get(ME)
    assert response.status_code == 200
    body = response.json()
    assert body["role"] == "village_cadre"
    assert body["unit"]["name"] == "甲村村委会"
    assert body["scope_division"] == {"code": village.code, "name": "甲村", "level": "village"}
    assert "duties.apply_amendment" in body["permissions"]
    assert "duties.import_catalog" not in body["permissions"]


def test_a_supervisor_holds_no_write_permission(login, supervisor):
    permissions = set(login(supervisor).get(ME).json()["permissions"])
    assert "audit.view" in permissions
    assert not permissions & {"duties.import_catalog", "duties.apply_amendment", "duties.decide_amendment"}


def test_a_session_write_without_the_csrf_token_is_refused(catalog_office, village):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(catalog_office)
    response = browser.post(IMPORT, {"division": village.code, "file": tsv_file()})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Catalog.objects.exists()


def test_a_session_write_with_the_csrf_token_goes_through(catalog_office, village):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(catalog_office)
    browser.cookies["csrftoken"] = CSRF_SECRET
    response = browser.post(
        IMPORT, {"division": village.code, "file": tsv_file()}, HTTP_X_CSRFTOKEN=CSRF_SECRET
    )
    assert response.status_code == 200
    assert Catalog.objects.filter(division=village).exists()


def test_a_token_write_needs_no_csrf_token(catalog_office, village):
    system = Client(enforce_csrf_checks=True)
    raw = token_for(catalog_office)
    response = system.post(IMPORT, {"division": village.code, "file": tsv_file()}, **bearer(raw))
    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert AuditEvent.objects.get(action="duties.import_catalog").actor == catalog_office


def test_a_token_write_is_refused_to_a_read_only_supervisor(supervisor, village):
    raw = token_for(supervisor)
    response = Client().post(IMPORT, {"division": village.code, "file": tsv_file()}, **bearer(raw))
    assert response.status_code == 403
    assert not Catalog.objects.exists()
