"""Fixtures for village assessment.

primary_items    five primary duties (主责事项) of the county's published village list; `assist_item` one
                 assisting duty of the same list
typed_villages   甲村 and 乙村, both agricultural villages
last_year        the county's published 2025 scheme: 4 agricultural indicators (25 points each), cap 10
scheme           the county's 2026 draft (cap 8), previous = last_year
make_data        valid IndicatorInput, overrides by keyword
nothing_written  a block that must be refused and leave every assessment table as it was
world            2025 published, a team, 甲村 visited, results published today
stranger         the catalog office of another county: sees nothing of this one
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pytest

from qingdan import testing
from qingdan.assessment import actions
from qingdan.assessment.actions import IndicatorInput
from qingdan.assessment.models import (
    Appeal,
    AppealEntry,
    AssessmentCap,
    CadrePay,
    DroppedIndicator,
    Indicator,
    JointTeam,
    Result,
    Scheme,
    Score,
    VillageKind,
    Visit,
)
from qingdan.audit.models import AuditEvent
from qingdan.duties.models import Catalog, CatalogVersion, DutyItem
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit

LAST, THIS = 2025, 2026


def _item(version, county, position, kind, name):
    return DutyItem.objects.create(
        version=version, county=county, position=position, list_kind=kind, item_no=str(position), name=name
    )


@pytest.fixture
def village_list(county):
    catalog = Catalog.objects.create(
        division=county, county=county, level="village", name="测试县村级履职清单", is_template=True
    )
    version = CatalogVersion.objects.create(
        catalog=catalog, county=county, number=1, status="published", source="import"
    )
    catalog.current_version = version
    catalog.save()
    return version


@pytest.fixture
def primary_items(village_list, county):
    names = [
        "组织村民议事协商",
        "管理村集体资产资源",
        "人居环境整治",
        "矛盾纠纷排查化解",
        "为村民代办服务事项",
    ]
    return [_item(village_list, county, n, "primary", name) for n, name in enumerate(names, start=1)]


@pytest.fixture
def assist_item(village_list, county):
    return _item(village_list, county, 9, "assist", "协助开展招商引资")


def make_data(item, department, **overrides) -> IndicatorInput:
    values = {
        "name": f"{item.name}成效",
        "village_type": "agricultural",
        "duty_item": item,
        "points": 25,
        "rule_kind": "quantitative",
        "target": 100,
        "formula": "proportional",
        "evidence": "document",
        "department": department,
    }
    values.update(overrides)
    return IndicatorInput(**values)


@pytest.fixture
def typed_villages(catalog_office, village, other_village):
    actions.set_village_type(user=catalog_office, village=village, village_type="agricultural")
    actions.set_village_type(user=catalog_office, village=other_village, village_type="agricultural")
    return village, other_village


@pytest.fixture
def last_year(catalog_office, county, department, primary_items):
    actions.set_cap(user=catalog_office, county=county, year=LAST, cap=10)
    old = actions.create_scheme(user=catalog_office, division=county, year=LAST, title="2025年度村级考核方案")
    for item in primary_items[:4]:
        actions.add_indicator(user=catalog_office, scheme=old, data=make_data(item, department))
    return actions.publish_scheme(user=catalog_office, scheme=old)


@pytest.fixture
def scheme(catalog_office, county, last_year):
    actions.set_cap(user=catalog_office, county=county, year=THIS, cap=8)
    return actions.create_scheme(
        user=catalog_office, division=county, year=THIS, title="2026年度村级考核方案"
    )


def snapshot() -> dict:
    models = (
        AssessmentCap,
        Scheme,
        Indicator,
        DroppedIndicator,
        VillageKind,
        JointTeam,
        Visit,
        Score,
        Result,
        CadrePay,
        Appeal,
        AppealEntry,
    )
    state = {m.__name__: sorted(map(str, m.objects.values_list())) for m in models}
    state["audit"] = AuditEvent.objects.count()
    return state


@pytest.fixture
def nothing_written():
    """`with nothing_written() as refused: <action>` — refused, and no row changed."""

    @contextmanager
    def check():
        before = snapshot()
        with pytest.raises(ActionRefused) as refused:
            yield refused
        assert snapshot() == before

    return check


@pytest.fixture
def world(catalog_office, county_reviewer, typed_villages, last_year, department, other_department):
    """2025 published, a team, 甲村 visited, results published today with an appeal waiting."""
    village, _other_village = typed_villages
    team = actions.form_team(
        user=county_reviewer,
        county=last_year.county,
        year=2025,
        name="联合考核组",
        units=[department, other_department],
    )
    actions.record_visit(
        user=county_reviewer, team=team, village=village, visited_on=datetime.date(2025, 12, 1)
    )
    actions.publish_results(user=county_reviewer, scheme=last_year)
    result = Result.objects.get(scheme=last_year, village=village)
    return last_year, result


@pytest.fixture
def stranger(db):
    city = Division.objects.create(code="429800000000", name="邻市", level=Level.CITY, kind=DivisionKind.CITY)
    other = Division.objects.create(
        code="429801000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=city
    )
    other.county = other
    other.save()
    unit = Unit.objects.create(name="邻县县委编办", kind=UnitKind.OFFICE, division=other, county=other)
    return testing.make_user("linxian", Role.CATALOG_OFFICE, unit)
