"""The light ledger's figures for the burden dashboards, hand-counted on one monitoring point."""

from __future__ import annotations

from qingdan.burden.ledger import actions, sources
from qingdan.burden.sources import load_sources

from .conftest import LAST_YEAR, THIS_MONTH, TODAY, committed, document, month


def figures(county, villages=None) -> dict:
    return {
        (x.village_id, x.issuer_unit_id, x.month, x.measure): x.value
        for x in sources.counts(county, villages)
    }


def test_the_ledger_is_one_of_the_burden_sources():
    assert sources in load_sources()
    assert all(measure.label and measure.definition for measure in sources.MEASURES)


def test_documents_meetings_and_apps_are_counted_per_village_issuer_and_month(
    village_cadre, village, point, department, county
):
    document(village_cadre, village, department, characters=1200)
    document(village_cadre, village, department, characters=800)
    actions.record_meeting(
        user=village_cadre, village=village, held_on=TODAY, issuer=department, level="county", hours="1.5"
    )
    actions.record_borrowing(
        user=village_cadre, village=village, month=THIS_MONTH, issuer=department, cadres=2, days=5
    )
    actions.add_tool(
        user=village_cadre,
        village=village,
        kind="app",
        name="掌上农业",
        issuer=department,
        used_from=month(LAST_YEAR, 11),
        used_until=month(LAST_YEAR, 12),
    )
    found = figures(county)
    key = (village.pk, department.pk, THIS_MONTH)
    assert found[(*key, "documents_received")] == 2
    assert found[(*key, "document_characters")] == 2000
    assert found[(*key, "meetings_called")] == 1
    assert found[(*key, "meeting_hours")] == 1.5
    assert found[(*key, "cadres_borrowed")] == 2
    assert found[(*key, "borrowed_cadre_days")] == 10
    assert found[(village.pk, department.pk, month(LAST_YEAR, 11), "apps_required")] == 1
    assert (village.pk, department.pk, month(LAST_YEAR, 12), "apps_required") not in found


def test_a_forbidden_certificate_counts_twice_demanded_and_forbidden(
    village_cadre, village, point, with_lists, county
):
    actions.record_certificate(
        user=village_cadre,
        village=village,
        month=THIS_MONTH,
        demander_kind="bank",
        demander="县农商银行",
        purpose="居民财产证明",
    )
    found = figures(county)
    assert found[(village.pk, None, THIS_MONTH, "certificates_demanded")] == 1
    assert found[(village.pk, None, THIS_MONTH, "certificates_forbidden")] == 1


def test_removed_signs_count_in_the_month_of_the_decision(village_cadre, village, county):
    sign = actions.add_sign(
        user=village_cadre, village=village, name="创建办", kind="inspection", place="vertical"
    )
    actions.dispose_sign(user=village_cadre, sign=sign, disposition="remove", on=TODAY)
    assert figures(county)[(village.pk, None, THIS_MONTH, "signs_removed")] == 1


def test_only_the_villages_asked_for_are_counted(
    village_cadre, village, point, department, county, other_village
):
    document(village_cadre, village, department)
    assert figures(county, [other_village.pk]) == {}
    assert figures(county, [village.pk])


def test_a_ledger_write_marks_the_village_and_the_refresh_after_commit_counts_it(
    village_cadre, village, point, department
):
    from qingdan.burden.models import DirtyVillage, MonthlyFigure

    with committed():
        actions.record_document(
            user=village_cadre, village=village, month=THIS_MONTH, issuer=department, characters=900
        )
        assert DirtyVillage.objects.filter(division=village).exists()
        assert not MonthlyFigure.objects.filter(division=village).exists()
    assert not DirtyVillage.objects.exists()
    figure = MonthlyFigure.objects.get(division=village, measure="documents_received")
    assert (figure.issuer, figure.month, figure.value) == (department, THIS_MONTH, 1)
