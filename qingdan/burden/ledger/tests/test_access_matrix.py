"""Every page and endpoint of the ledger as its owner (甲村's cadre, or the county for points and
violations), an outsider (乙村's cadre: 404) and a supervisor (reads everything, 403 on every write)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.burden.ledger import actions
from qingdan.burden.ledger.models import (
    DigitalTool,
    DocumentReceived,
    LedgerMonth,
    MonitoringPoint,
    Sign,
    Violation,
)

from .conftest import LAST_YEAR, THIS_MONTH, TODAY, document, month

API = "/api/v1/burden/ledger"


@pytest.fixture
def world(village_cadre, village, point, department):
    doc = document(village_cadre, village, department, characters=9000)
    tool = actions.add_tool(
        user=village_cadre,
        village=village,
        kind="app",
        name="掌上农业",
        issuer=department,
        used_from=month(LAST_YEAR, 1),
    )
    sign = actions.add_sign(
        user=village_cadre, village=village, name="迎检牌", kind="inspection", place="square"
    )
    return {"doc": doc, "tool": tool, "sign": sign, "violation": Violation.objects.get()}


def snapshot() -> tuple:
    return (
        DocumentReceived.objects.count(),
        LedgerMonth.objects.filter(submitted_at__isnull=False).count(),
        list(DigitalTool.objects.values_list("used_until", flat=True)),
        list(Sign.objects.values_list("name", "disposition")),
        list(Violation.objects.values_list("status", flat=True)),
        list(MonitoringPoint.objects.values_list("village_id", "is_active")),
    )


def village_reads(village, w):
    args = [village.pk, THIS_MONTH.year, THIS_MONTH.month]
    return [
        reverse("burden_ledger:village_detail", args=[village.pk]),
        reverse("burden_ledger:month_detail", args=args),
        reverse("burden_ledger:tool_list", args=[village.pk]),
        reverse("burden_ledger:sign_list", args=[village.pk]),
        f"{API}/villages/{village.pk}/months/{THIS_MONTH.isoformat()}",
        f"{API}/villages/{village.pk}/apps",
        f"{API}/villages/{village.pk}/signs",
    ]


def village_writes(village, department, w):
    args = [village.pk, THIS_MONTH.year, THIS_MONTH.month]
    today = TODAY.isoformat()
    return [
        (
            "page",
            reverse("burden_ledger:entry_add", args=[*args, "document"]),
            {"issuer": department.pk, "characters": "100"},
        ),
        ("page", reverse("burden_ledger:entry_remove", args=["document", w["doc"].pk]), {}),
        ("page", reverse("burden_ledger:month_submit", args=args), {}),
        (
            "page",
            reverse("burden_ledger:tool_add", args=[village.pk]),
            {"kind": "app", "name": "新App", "issuer": department.pk, "used_from": f"{THIS_MONTH:%Y-%m}"},
        ),
        ("page", reverse("burden_ledger:tool_drop", args=[w["tool"].pk]), {"month": f"{THIS_MONTH:%Y-%m}"}),
        (
            "page",
            reverse("burden_ledger:sign_add", args=[village.pk]),
            {"name": "新牌", "kind": "mark", "place": "vertical"},
        ),
        (
            "page",
            reverse("burden_ledger:sign_dispose", args=[w["sign"].pk]),
            {"disposition": "remove", "on": today},
        ),
        (
            "api",
            f"{API}/villages/{village.pk}/documents",
            {"month": THIS_MONTH.isoformat(), "issuer": department.pk, "characters": 100},
        ),
        ("api", f"{API}/villages/{village.pk}/months/{THIS_MONTH.isoformat()}/submit", {}),
        (
            "api",
            f"{API}/villages/{village.pk}/apps",
            {"kind": "app", "name": "新App", "issuer": department.pk, "used_from": THIS_MONTH.isoformat()},
        ),
        ("api", f"{API}/villages/{village.pk}/signs", {"name": "新牌", "kind": "mark", "place": "vertical"}),
        ("api", f"{API}/signs/{w['sign'].pk}/disposition", {"disposition": "remove", "on": today}),
        ("api", f"{API}/apps/{w['tool'].pk}/drop", {"month": THIS_MONTH.isoformat()}),
        ("delete", f"{API}/entries/document/{w['doc'].pk}", {}),
    ]


def county_writes(village, w):
    pk = w["violation"].pk
    return [
        ("page", reverse("burden_ledger:violation_confirm", args=[pk]), {"note": ""}),
        ("page", reverse("burden_ledger:violation_dismiss", args=[pk]), {"reason": "不算"}),
        (
            "page",
            reverse("burden_ledger:point_unmark", args=[MonitoringPoint.objects.get(village=village).pk]),
            {},
        ),
        ("api", f"{API}/violations/{pk}/confirm", {}),
        ("api", f"{API}/violations/{pk}/dismiss", {"reason": "不算"}),
        ("api", f"{API}/points/{MonitoringPoint.objects.get(village=village).pk}/unmark", {}),
    ]


def send(client, how, url, data):
    if how == "delete":
        return client.delete(url)
    if how == "api":
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


def test_the_outsider_gets_404_everywhere_and_changes_nothing(login, outsider, village, department, world):
    client = login(outsider)
    for url in village_reads(village, world):
        assert client.get(url).status_code == 404, url
    before = snapshot()
    for how, url, data in [*village_writes(village, department, world), *county_writes(village, world)]:
        assert send(client, how, url, data).status_code == 404, url
    assert snapshot() == before
    assert (
        client.get(reverse("burden_ledger:violation_detail", args=[world["violation"].pk])).status_code == 404
    )


def test_the_supervisor_reads_everything_and_gets_403_on_every_write(
    login, supervisor, village, department, world
):
    client = login(supervisor)
    for url in [
        *village_reads(village, world),
        reverse("burden_ledger:point_list"),
        reverse("burden_ledger:violation_list"),
        f"{API}/points",
        f"{API}/violations",
    ]:
        assert client.get(url).status_code == 200, url
    before = snapshot()
    for how, url, data in [*village_writes(village, department, world), *county_writes(village, world)]:
        assert send(client, how, url, data).status_code == 403, url
    assert snapshot() == before


def test_the_owner_may_do_each_write(
    login, village_cadre, county_reviewer, catalog_office, village, department, world
):
    reviewer = login(county_reviewer)
    how, url, data = county_writes(village, world)[0]
    assert send(reviewer, how, url, data).status_code == 302
    assert Violation.objects.get(pk=world["violation"].pk).status == "confirmed"
    cadre = login(village_cadre)
    for how, url, data in village_writes(village, department, world):
        if "submit" in url and LedgerMonth.objects.filter(submitted_at__isnull=False).exists():
            continue  # the page submitted the month already; the API would answer 409
        if "/drop" in url and DigitalTool.objects.filter(used_until__isnull=False).exists():
            continue  # the page dropped it already
        if "/entries/" in url and not DocumentReceived.objects.filter(pk=world["doc"].pk).exists():
            continue  # the page removed it already
        assert send(cadre, how, url, data).status_code in (200, 201, 204, 302), url
    how, url, data = county_writes(village, world)[2]
    assert send(login(catalog_office), how, url, data).status_code == 302
    assert not MonitoringPoint.objects.get(village=village).is_active
