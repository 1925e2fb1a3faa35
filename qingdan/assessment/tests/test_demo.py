"""The demo retells Daye: last year 25 indicators a village, this year 10, the cancelled ones listed with
their reasons, four village types, results and pay for every village."""

import datetime
from decimal import Decimal

import pytest

from qingdan.assessment import queries
from qingdan.assessment.models import Appeal, CadrePay, Result, Scheme, Visit
from qingdan.demo.assessment import WHY_FORM, WHY_NOT_A_DUTY, load_demo_assessment
from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)


@pytest.fixture
def more_villages(county, township, other_township, village, community, other_village):
    jiedao = Division.objects.create(
        code="429901300000",
        name="丙街道",
        level=Level.TOWNSHIP,
        kind=DivisionKind.JIEDAO,
        parent=county,
        county=county,
    )
    extra = [
        Division.objects.create(
            code=f"4299013002{n:02d}",
            name=f"丙{n}村",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=jiedao,
            county=county,
        )
        for n in range(1, 3)
    ]
    extra += [
        Division.objects.create(
            code=f"4299012002{n:02d}",
            name=f"乙{n}村",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=other_township,
            county=county,
        )
        for n in range(2, 5)
    ]
    return [village, community, other_village, *extra]


def test_the_demo_tells_dayes_story(
    county, primary_items, department, other_department, village_cadre, village, more_villages
):
    assert load_demo_assessment(county, today=TODAY) == len(more_villages)
    scheme = Scheme.objects.get(county=county, year=2026)
    comparison = queries.compare(scheme)
    assert (comparison.before, comparison.after, comparison.reduction) == (25, 10, 60)
    assert {t.label for t in comparison.types} == {"城市社区", "城郊村", "园中村", "农业村"}
    for line in comparison.types:
        reasons = [reason for _indicator, reason in line.removed]
        assert len(line.removed) == 16 and all(reasons)
        assert reasons.count(WHY_NOT_A_DUTY) == 2 and reasons.count(WHY_FORM) == 13
        assert len(line.added) == 1 and len(line.changed) == 9
    assert Visit.objects.filter(year=2026).count() == len(more_villages)
    assert Result.objects.filter(scheme=scheme).count() == len(more_villages)
    assert all(CadrePay.objects.filter(result__village=v).count() == 3 for v in more_villages)
    # the demo village's three cadres: 15 % of a ¥140,000 rise, ¥7,000 each
    assert set(CadrePay.objects.filter(result__village=village).values_list("bonus", flat=True)) == {
        Decimal(7000)
    }
    assert Appeal.objects.filter(result__village=village).count() == 1


def test_loading_the_demo_again_changes_nothing(
    county, primary_items, department, other_department, more_villages
):
    load_demo_assessment(county, today=TODAY)
    before = (Scheme.objects.count(), Result.objects.count())
    assert load_demo_assessment(county, today=TODAY) == 0
    assert (Scheme.objects.count(), Result.objects.count()) == before
