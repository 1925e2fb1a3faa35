"""The ledger's rules, by name: screening of certificates, the caps of the 2024 rules, refused input."""

from __future__ import annotations

import datetime

import pytest

from qingdan.audit.models import AuditEvent
from qingdan.burden.ledger import actions, checks, signs
from qingdan.burden.ledger.choices import Rule, Screening, ViolationStatus
from qingdan.burden.ledger.models import (
    CertificateDemand,
    DocumentReceived,
    LedgerMonth,
    MeetingCalled,
    Sign,
    Violation,
)
from qingdan.errors import ActionRefused

from .conftest import LAST_YEAR, THIS_MONTH, THIS_YEAR, TODAY, committed, document, month


def ledger_rows() -> dict:
    return {
        "documents": DocumentReceived.objects.count(),
        "meetings": MeetingCalled.objects.count(),
        "certificates": CertificateDemand.objects.count(),
        "months": LedgerMonth.objects.count(),
        "violations": Violation.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def test_a_certificate_the_lists_forbid_is_flagged_with_the_matched_item(
    village_cadre, village, point, with_lists
):
    demand = actions.record_certificate(
        user=village_cadre,
        village=village,
        month=THIS_MONTH,
        demander_kind="bank",
        demander="县农商银行",
        purpose="居民财产证明",
    )
    assert demand.screening == Screening.FORBIDDEN
    assert "居民财产证明" in demand.matched_item


def test_a_certificate_on_the_certificate_list_is_not_flagged(village_cadre, village, point, with_lists):
    demand = actions.record_certificate(
        user=village_cadre,
        village=village,
        month=THIS_MONTH,
        demander_kind="court",
        demander="县人民法院",
        purpose="村民死亡证明",
    )
    assert demand.screening == Screening.ALLOWED
    assert not demand.forbidden


def test_a_document_over_5000_characters_is_a_violation(village_cadre, village, point, department):
    document(village_cadre, village, department, characters=5001, number="县农发〔2026〕3号")
    [violation] = Violation.objects.all()
    assert violation.rule == Rule.DOCUMENT_TOO_LONG
    assert "5001" in violation.evidence
    assert violation.division == village


def test_a_document_of_5000_characters_is_within_the_cap(village_cadre, village, point, department):
    document(village_cadre, village, department, characters=5000)
    assert not Violation.objects.exists()


def test_more_documents_this_year_than_last_is_a_violation(village_cadre, village, point, department):
    document(village_cadre, village, department, when=month(LAST_YEAR, 3))
    document(village_cadre, village, department, when=THIS_MONTH)
    assert not Violation.objects.filter(rule=Rule.DOCUMENTS_UP).exists()  # 1 vs 1: not more
    document(village_cadre, village, department, when=THIS_MONTH)
    [violation] = Violation.objects.filter(rule=Rule.DOCUMENTS_UP)
    assert violation.issuer == department and violation.year == THIS_YEAR
    assert "2 " in violation.evidence or "2" in violation.evidence


def test_a_village_without_last_year_in_the_ledger_shows_no_increase(
    village_cadre, village, point, department
):
    document(village_cadre, village, department, when=THIS_MONTH)
    document(village_cadre, village, department, when=THIS_MONTH)
    assert not Violation.objects.filter(rule=Rule.DOCUMENTS_UP).exists()


def test_fewer_documents_withdraw_an_open_violation(village_cadre, village, point, department):
    document(village_cadre, village, department, when=month(LAST_YEAR, 3))
    document(village_cadre, village, department, when=THIS_MONTH)
    extra = document(village_cadre, village, department, when=THIS_MONTH)
    assert Violation.objects.filter(rule=Rule.DOCUMENTS_UP).exists()
    with committed():
        actions.remove_entry(user=village_cadre, entry=extra)
    assert not Violation.objects.filter(rule=Rule.DOCUMENTS_UP).exists()


def test_a_second_comprehensive_meeting_in_a_year_is_a_violation(village_cadre, village, point, department):
    day = TODAY.replace(day=1)
    with committed():
        actions.record_meeting(
            user=village_cadre,
            village=village,
            held_on=day,
            issuer=department,
            level="county",
            hours=2,
            comprehensive=True,
        )
    assert not Violation.objects.exists()
    with committed():
        actions.record_meeting(
            user=village_cadre,
            village=village,
            held_on=TODAY,
            issuer=department,
            level="county",
            hours="1.5",
            comprehensive=True,
        )
    if day != TODAY:
        [violation] = Violation.objects.all()
        assert violation.rule == Rule.MEETINGS


def test_a_second_app_of_one_department_is_a_violation(village_cadre, village, point, department):
    with committed():
        actions.add_tool(
            user=village_cadre,
            village=village,
            kind="app",
            name="掌上农业",
            issuer=department,
            used_from=month(LAST_YEAR, 1),
        )
    assert not Violation.objects.exists()
    with committed():
        actions.add_tool(
            user=village_cadre,
            village=village,
            kind="app",
            name="防返贫监测",
            issuer=department,
            used_from=month(LAST_YEAR, 6),
        )
    assert set(Violation.objects.values_list("rule", "year")) == {
        (Rule.APPS, LAST_YEAR),
        (Rule.APPS, THIS_YEAR),
    }


def test_a_dismissed_violation_needs_a_reason_and_is_audited(
    village_cadre, village, point, department, county_reviewer, nothing_written
):
    document(village_cadre, village, department, characters=8000)
    violation = Violation.objects.get()
    with nothing_written() as refused:
        actions.dismiss_violation(user=county_reviewer, violation=violation, reason="  ")
    assert "理由" in refused.value.message or "reason" in refused.value.message
    actions.dismiss_violation(user=county_reviewer, violation=violation, reason="文件为法规汇编，非发文")
    violation.refresh_from_db()
    assert violation.status == ViolationStatus.DISMISSED and violation.decided_at is not None
    event = AuditEvent.objects.get(action="burden_ledger.dismiss_violation")
    assert event.note == "文件为法规汇编，非发文" and event.actor == county_reviewer
    assert violation.entries.get().reason == "文件为法规汇编，非发文"


def test_a_confirmed_violation_stays_when_the_ledger_changes(
    village_cadre, village, point, department, county_reviewer
):
    doc = document(village_cadre, village, department, characters=8000)
    actions.confirm_violation(user=county_reviewer, violation=Violation.objects.get())
    with committed():
        actions.remove_entry(user=village_cadre, entry=doc)
    assert Violation.objects.get().status == ViolationStatus.CONFIRMED
    assert AuditEvent.objects.filter(action="burden_ledger.confirm_violation").count() == 1


def test_a_village_cadre_cannot_decide_a_violation(village_cadre, village, point, department):
    document(village_cadre, village, department, characters=8000)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.confirm_violation(user=village_cadre, violation=Violation.objects.get())


@pytest.mark.parametrize(
    "change",
    [
        {"characters": -5},
        {"characters": 0},
        {"month": datetime.date(THIS_YEAR + 1, 1, 1)},
        {"issuer": 999_999},
        {"number": "号" * 101},
    ],
    ids=["negative characters", "no characters", "future month", "unknown issuer", "number too long"],
)
def test_bad_document_input_is_refused_in_chinese_and_nothing_written(
    village_cadre, village, point, department, change
):
    fields = {"month": THIS_MONTH, "issuer": department, "characters": 1200, "number": "", **change}
    before = ledger_rows()
    with pytest.raises(ActionRefused) as refused:
        actions.record_document(user=village_cadre, village=village, **fields)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message), refused.value.message
    assert ledger_rows() == before


def test_a_certificate_text_too_long_is_refused(village_cadre, village, point, nothing_written):
    with nothing_written() as refused:
        actions.record_certificate(
            user=village_cadre,
            village=village,
            month=THIS_MONTH,
            demander_kind="bank",
            demander="县农商银行",
            purpose="证" * 201,
        )
    assert "201" in refused.value.message


def test_negative_borrowed_cadres_are_refused(village_cadre, village, point, department, nothing_written):
    with nothing_written() as refused:
        actions.record_borrowing(
            user=village_cadre, village=village, month=THIS_MONTH, issuer=department, cadres=-1, days=3
        )
    assert "-1" in refused.value.message


def test_a_village_that_is_not_a_point_keeps_no_ledger(village_cadre, village, department, nothing_written):
    with nothing_written():
        document(village_cadre, village, department)


def test_another_villages_ledger_cannot_be_written(outsider, village, point, department):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        document(outsider, village, department)
    assert not DocumentReceived.objects.exists()


def test_an_imported_batch_is_all_or_nothing(village_cadre, village, point, department):
    rows = [
        {"entry": "document", "month": THIS_MONTH, "issuer": department, "characters": 900},
        {"entry": "borrowing", "month": THIS_MONTH, "issuer": department, "cadres": -2, "days": 3},
    ]
    with pytest.raises(ActionRefused):
        actions.record_rows(user=village_cadre, village=village, rows=rows)
    assert not DocumentReceived.objects.exists()


def test_the_checks_find_nothing_new_the_second_time(village_cadre, village, point, department):
    document(village_cadre, village, department, characters=9000)
    assert checks.check_county(village.county_division(), [THIS_YEAR]) == []
    assert Violation.objects.count() == 1


def test_the_sign_standard_lists_each_breach_outside_and_per_room(village_cadre, village):
    def sign(name, place, room=""):
        return actions.add_sign(
            user=village_cadre, village=village, name=name, kind="mark", place=place, room=room
        )

    sign("横牌一", "horizontal")
    sign("横牌二", "horizontal")
    for n in range(4):
        sign(f"竖牌{n}", "vertical")
    sign("方牌", "square")
    sign("制度一", "room", "会议室")
    extra = sign("制度二", "room", "会议室")
    sign("服务指南", "room", "便民大厅")
    report = signs.report(Sign.objects.filter(village=village))
    assert [(b.where, b.hanging, b.allowed) for b in report.breaches] == [
        ("室外横牌", 2, 1),
        ("会议室", 2, 1),
    ]
    actions.dispose_sign(user=village_cadre, sign=extra, disposition="remove", on=TODAY)
    actions.dispose_sign(
        user=village_cadre, sign=Sign.objects.get(name="横牌二"), disposition="merge", on=TODAY
    )
    report = signs.report(Sign.objects.filter(village=village))
    assert report.breaches == [] and (report.before, report.after) == (10, 8)


def test_a_sign_inside_needs_its_room(village_cadre, village, nothing_written):
    with nothing_written():
        actions.add_sign(user=village_cadre, village=village, name="制度牌", kind="rules", place="room")


def test_the_nightly_command_finds_what_the_ledger_holds(village_cadre, village, point, department):
    from django.core.management import call_command

    document(village_cadre, village, department, characters=9000)
    Violation.objects.all().delete()
    call_command("check-burden-caps")
    assert Violation.objects.get().rule == Rule.DOCUMENT_TOO_LONG
