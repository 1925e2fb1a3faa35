"""Fixtures for coordination bodies.

body_fields      valid fields for set_up_body (县防汛抗旱指挥部, led by 县农业农村局)
county_body      one active county body, set up through the action
make_bodies      n active bodies in a division, written directly (the ledger before the platform)
full_county      the test county at its default cap of 25
township_body    an old body of 甲镇 (townships keep none now; this one predates the rule)
stranger         the catalog office of another county: sees nothing of the test county
"""

from __future__ import annotations

import datetime

import pytest

from qingdan.bodies import actions
from qingdan.bodies.choices import BasisClass, BodyKind, BodyStatus, Permanence
from qingdan.bodies.models import CoordinationBody
from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit
from qingdan.testing import make_user

SET_UP = datetime.date(2019, 3, 1)


def fields(unit, **overrides) -> dict:
    """Valid fields for set_up_body, led by `unit`; overrides change any of them."""
    values = {
        "name": "县防汛抗旱指挥部",
        "kind": BodyKind.HEADQUARTERS,
        "permanence": Permanence.PERMANENT,
        "ends_on": None,
        "basis_class": BasisClass.LAW,
        "basis": "《中华人民共和国防洪法》第三十八条",
        "lead_unit": unit,
        "office_unit": unit,
        "leader": "县长",
        "deputy": "分管副县长",
        "set_up_on": SET_UP,
        "set_up_document": "测政办发〔2019〕5号",
    }
    return {**values, **overrides}


@pytest.fixture
def body_fields(department):
    return fields(department)


@pytest.fixture
def county_body(catalog_office, county, department, other_department) -> CoordinationBody:
    return actions.set_up_body(
        user=catalog_office, division=county, members=[department, other_department], **fields(department)
    )


def make_bodies(division: Division, count: int, *, lead_unit: Unit | None = None, start: int = 1):
    county = division if division.level == Level.COUNTY else division.county
    return CoordinationBody.objects.bulk_create(
        CoordinationBody(
            county=county,
            division=division,
            name=f"{division.name}第{n}工作领导小组",
            kind=BodyKind.LEADING_GROUP,
            permanence=Permanence.PERMANENT,
            basis_class=BasisClass.LOCAL,
            lead_unit=lead_unit,
            lead_unit_name=lead_unit.name if lead_unit else "",
            set_up_on=SET_UP,
            set_up_document=f"测发〔2019〕{n}号",
        )
        for n in range(start, start + count)
    )


@pytest.fixture
def full_county(county, department):
    return make_bodies(county, 25, lead_unit=department)


@pytest.fixture
def township_body(township, county, department) -> CoordinationBody:
    [body] = make_bodies(township, 1, lead_unit=department)
    return body


@pytest.fixture
def stranger(db):
    city = Division.objects.create(code="429800000000", name="邻市", level=Level.CITY, kind=DivisionKind.CITY)
    other = Division.objects.create(
        code="429801000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=city
    )
    other.county = other
    other.save()
    unit = Unit.objects.create(name="邻县县委编办", kind=UnitKind.OFFICE, division=other, county=other)
    return make_user("linxian", Role.CATALOG_OFFICE, unit)


def active_count(division) -> int:
    return CoordinationBody.objects.filter(division=division, status=BodyStatus.ACTIVE).count()
