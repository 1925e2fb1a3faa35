"""The ledger's pages as the village's own cadre, an outsider (404), a supervisor (reads, 403 on writes),
the township and the county."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.burden.ledger import actions
from qingdan.burden.ledger.models import DocumentReceived, LedgerMonth, MonitoringPoint, Sign, Violation
from qingdan.burden.ledger.queries import completeness, months_back

from .conftest import LAST_YEAR, THIS_MONTH, TODAY, document, month

CHINESE = "文件"


def month_url(village, name="burden_ledger:month_detail", **extra):
    return reverse(
        name, kwargs={"pk": village.pk, "year": THIS_MONTH.year, "month": THIS_MONTH.month, **extra}
    )


def add_url(village, kind):
    return month_url(village, "burden_ledger:entry_add", kind=kind)


def test_the_cadre_enters_a_document_on_the_month_page_with_htmx(
    login, village_cadre, village, point, department
):
    client = login(village_cadre)
    page = client.get(month_url(village))
    assert page.status_code == 200 and "本月已填完" in page.content.decode()
    answer = client.post(
        add_url(village, "document"),
        {"issuer": department.pk, "number": "县农发〔2026〕1号", "characters": "1800"},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    assert "县农发〔2026〕1号" in answer.content.decode()
    assert "<html" not in answer.content.decode()  # the section only
    assert DocumentReceived.objects.get().characters == 1800


def test_a_negative_count_on_the_page_is_refused_in_chinese_and_nothing_written(
    login, village_cadre, village, point, department
):
    answer = login(village_cadre).post(
        add_url(village, "borrowing"), {"issuer": department.pk, "cadres": "-3", "days": "4"}
    )
    assert answer.status_code == 400
    assert "不能为负数" in answer.content.decode()
    assert not LedgerMonth.objects.exists()


def test_the_cadre_submits_the_month(login, village_cadre, village, point):
    answer = login(village_cadre).post(month_url(village, "burden_ledger:month_submit"))
    assert answer.status_code == 302
    assert LedgerMonth.objects.get(village=village).submitted_at is not None


def test_an_outsider_gets_404_on_every_page_of_the_village(
    login, outsider, village, point, department, village_cadre
):
    doc = document(village_cadre, village, department)
    sign = actions.add_sign(
        user=village_cadre, village=village, name="村务公开栏", kind="publicity", place="vertical"
    )
    client = login(outsider)
    for url in (
        month_url(village),
        reverse("burden_ledger:village_detail", args=[village.pk]),
        reverse("burden_ledger:tool_list", args=[village.pk]),
        reverse("burden_ledger:sign_list", args=[village.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(add_url(village, "document"), {"issuer": department.pk, "characters": "10"}).status_code
        == 404
    )
    assert client.post(reverse("burden_ledger:entry_remove", args=["document", doc.pk])).status_code == 404
    assert (
        client.post(
            reverse("burden_ledger:sign_dispose", args=[sign.pk]),
            {"disposition": "remove", "on": TODAY.isoformat()},
        ).status_code
        == 404
    )
    assert DocumentReceived.objects.count() == 1 and Sign.objects.get().disposition == ""


def test_a_supervisor_reads_but_may_not_write(login, supervisor, village, point, department, village_cadre):
    doc = document(village_cadre, village, department, characters=7000)
    client = login(supervisor)
    assert client.get(month_url(village)).status_code == 200
    assert "本月已填完" not in client.get(month_url(village)).content.decode()
    assert client.get(reverse("burden_ledger:point_list")).status_code == 200
    assert (
        client.post(add_url(village, "document"), {"issuer": department.pk, "characters": "10"}).status_code
        == 403
    )
    assert client.post(reverse("burden_ledger:entry_remove", args=["document", doc.pk])).status_code == 403
    assert client.post(month_url(village, "burden_ledger:month_submit")).status_code == 403
    violation = Violation.objects.get()
    assert client.get(reverse("burden_ledger:violation_detail", args=[violation.pk])).status_code == 200
    answer = client.post(reverse("burden_ledger:violation_dismiss", args=[violation.pk]), {"reason": "不算"})
    assert answer.status_code == 403
    assert client.post(
        reverse("burden_ledger:point_mark"), {"village": village.pk, "since": "2025-01"}
    ).status_code in (400, 403)
    assert DocumentReceived.objects.count() == 1


def test_the_township_sees_its_points_and_the_county_marks_them(
    login, township_dispatcher, catalog_office, village, other_village, point
):
    page = login(township_dispatcher).get(reverse("burden_ledger:point_list"))
    assert "甲村" in page.content.decode()
    answer = login(catalog_office).post(
        reverse("burden_ledger:point_mark"), {"village": other_village.pk, "since": f"{LAST_YEAR}-03"}
    )
    assert answer.status_code == 302
    assert MonitoringPoint.objects.get(village=other_village).since == month(LAST_YEAR, 3)


def test_completeness_lists_the_missing_months(login, catalog_office, village, point, village_cadre):
    *_, two_ago, last, this = months_back(THIS_MONTH, 12)
    actions.submit_month(user=village_cadre, village=village, month=last)
    [row] = completeness(MonitoringPoint.objects.all(), [two_ago, last, this])
    assert row.cells == [(two_ago, "missing"), (last, "entered"), (this, "not_yet")]
    page = login(catalog_office).get(reverse("burden_ledger:point_list")).content.decode()
    assert f"{two_ago:%Y-%m}" in page and "✓" in page


def test_the_reviewer_dismisses_with_a_reason_on_the_page(
    login, county_reviewer, village, point, department, village_cadre
):
    document(village_cadre, village, department, characters=6000)
    violation = Violation.objects.get()
    client = login(county_reviewer)
    url = reverse("burden_ledger:violation_dismiss", args=[violation.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "汇编材料"}).status_code == 302
    violation.refresh_from_db()
    assert violation.status == "dismissed"


def test_the_signs_page_lists_the_breaches_of_the_standard(login, village_cadre, village):
    for n in range(5):
        actions.add_sign(user=village_cadre, village=village, name=f"竖牌{n}", kind="mark", place="vertical")
    actions.add_sign(
        user=village_cadre, village=village, name="制度牌一", kind="rules", place="room", room="会议室"
    )
    actions.add_sign(
        user=village_cadre, village=village, name="制度牌二", kind="rules", place="room", room="会议室"
    )
    page = login(village_cadre).get(reverse("burden_ledger:sign_list", args=[village.pk])).content.decode()
    assert "会议室" in page and "竖牌4" in page
    sign = Sign.objects.get(name="竖牌4")
    answer = login(village_cadre).post(
        reverse("burden_ledger:sign_dispose", args=[sign.pk]),
        {"disposition": "remove", "on": TODAY.isoformat()},
    )
    assert answer.status_code == 302
    assert Sign.objects.get(pk=sign.pk).disposition == "remove"


@pytest.mark.parametrize("name", ["point_list", "violation_list"])
def test_county_pages_show_no_english(login, catalog_office, point, name):
    page = login(catalog_office).get(reverse(f"burden_ledger:{name}")).content.decode()
    for word in ("Monitoring points", "Violations", "Village", "Status"):
        assert f">{word}<" not in page


def test_a_month_that_has_not_begun_has_no_page(login, village_cadre, village, point):
    url = reverse(
        "burden_ledger:month_detail", kwargs={"pk": village.pk, "year": THIS_MONTH.year + 1, "month": 1}
    )
    assert login(village_cadre).get(url).status_code == 404
