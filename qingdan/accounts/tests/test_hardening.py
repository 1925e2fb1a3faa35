"""Hardened settings: session limits, lock ends sessions, private answers, CSP, ID numbers in addresses,
password rules, and `qingdan check --deploy` with QINGDAN_HTTPS=1."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from qingdan.accounts.middleware import LAST_SEEN, SIGNED_IN_AT, holds_id_number
from qingdan.audit.models import AuditEvent
from qingdan.testing import PASSWORD

HOME = reverse("web:home")
ID_NUMBER = "11010519491231002X"


def _set(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def _session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_a_page_view_within_a_minute_does_not_write_the_session(login, village_cadre):
    client = login(village_cadre)
    _set(client, **{LAST_SEEN: time.time() - 10})
    before = _session_row(client)
    assert client.get(HOME).status_code == 200
    after = _session_row(client)
    assert (after.session_data, after.expire_date) == (before.session_data, before.expire_date)


def test_a_page_view_after_a_minute_moves_the_idle_mark(login, village_cadre):
    client = login(village_cadre)
    _set(client, **{LAST_SEEN: time.time() - 61})
    assert client.get(HOME).status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 5


def test_signing_in_starts_the_session_clock(login, village_cadre):
    client = login(village_cadre)
    assert time.time() - client.session[SIGNED_IN_AT] < 5


def test_every_session_ends_twelve_hours_after_sign_in_however_active(login, village_cadre):
    client = login(village_cadre)
    _set(client, **{SIGNED_IN_AT: time.time() - 12 * 3600 - 5, LAST_SEEN: time.time() - 5})
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert AuditEvent.objects.filter(action="accounts.session_expired", actor=village_cadre).exists()


def test_locking_an_account_ends_its_existing_sessions(login, client, village_cadre, township_dispatcher):
    signed_in = login(village_cadre)
    assert signed_in.get(HOME).status_code == 200
    from django.test import Client

    someone_else = Client()
    someone_else.force_login(township_dispatcher)
    attacker = Client()
    for _ in range(settings.QINGDAN_LOCKOUT_FAILURES):
        attacker.post(
            reverse("accounts:login"), {"username": village_cadre.username, "password": "wrong-guess"}
        )
    # Gone from the session store at the moment of the lock, not only at the session's next request.
    assert not Session.objects.filter(session_key=signed_in.session.session_key).exists()
    assert Session.objects.filter(session_key=someone_else.session.session_key).exists()
    response = signed_in.get(HOME)
    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in.session
    # The lock's audit event says how many sessions it ended.
    assert AuditEvent.objects.get(action="accounts.locked").note.endswith("; 1 sessions ended")


def test_signed_in_pages_are_not_stored_by_any_cache(login, village_cadre):
    response = login(village_cadre).get(HOME)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_api_answers_are_not_stored_by_any_cache(login, village_cadre):
    response = login(village_cadre).get("/api/v1/divisions")
    assert "no-store" in response["Cache-Control"]


def test_every_page_carries_csp_permissions_and_referrer_policies(client, db):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in csp
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_holds_an_inline_script_or_event_handler():
    import re
    from pathlib import Path

    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.rglob("templates/**/*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path}: {tag}")
        offenders += [f"{path}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
    assert offenders == []


@pytest.mark.parametrize(
    "query",
    [
        f"q={ID_NUMBER}",
        f"q=%E5%BC%A0%E4%B8%89{ID_NUMBER.lower()}",  # 张三 then the number, lower-case x
        "q=" + "".join(chr(ord(c) + 0xFEE0) for c in ID_NUMBER),  # full-width characters
        f"{ID_NUMBER}=1",
    ],
)
def test_a_full_id_number_in_a_page_address_is_refused(login, village_cadre, query):
    response = login(village_cadre).get(f"{HOME}?{query}")
    assert response.status_code == 400
    assert "身份证号" in response.content.decode()


def test_a_full_id_number_in_an_api_address_is_refused_anonymous_or_not(client, db):
    response = client.get(f"/api/v1/divisions?q={ID_NUMBER}")
    assert response.status_code == 400
    assert "身份证号" in response.json()["detail"]


def test_numbers_that_are_not_id_numbers_pass(login, village_cadre):
    client = login(village_cadre)
    assert client.get(f"{HOME}?q=110105194912310021").status_code == 200  # wrong check digit
    assert client.get(f"{HOME}?q=4211230000000000001234").status_code == 200  # a longer number
    assert not holds_id_number("110105194912310021")


def test_passwords_need_twelve_characters_that_are_not_spaces(village_cadre):
    for padded in ["abc123xyz9", "abc123xyz9  ", "abc123xyz9\u3000\u3000", "abc 123 xyz 9 q", "\u3000" * 12]:
        with pytest.raises(ValidationError):
            password_validation.validate_password(padded, village_cadre)
    password_validation.validate_password("abc123xyz9qq", village_cadre)


def test_passwords_like_the_user_name_are_refused(village_cadre):
    village_cadre.username = "zhangweiguo2024"
    with pytest.raises(ValidationError) as caught:
        password_validation.validate_password("zhangweiguo2024!", village_cadre)
    assert "相似" in " ".join(caught.value.messages)


def test_the_test_and_demo_password_passes_the_rules(village_cadre):
    password_validation.validate_password(PASSWORD, village_cadre)


def test_the_lock_ends_with_the_lockout_minutes_not_at_once(village_cadre):
    village_cadre.locked_until = timezone.now() + timedelta(minutes=1)
    assert village_cadre.is_locked()


def test_check_deploy_prints_no_warnings_over_https(tmp_path):
    env = {
        **os.environ,
        "QINGDAN_HTTPS": "1",
        "SECRET_KEY": "k7#Qv9!xTz2@Lm4$Pw8^Rb3&Nc6*Hd1(Fs5)Gj0-Yu+Ea=Ko;Ie:Wq",
        "DEBUG": "",
        "DJANGO_SETTINGS_MODULE": "qingdan.settings",
        "QINGDAN_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the test conftest for Playwright, never in deployment
    result = subprocess.run(
        [sys.executable, "-m", "qingdan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
