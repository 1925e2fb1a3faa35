"""Fixtures for staffing: units with quotas, people on rosters, a town's modules and positions.

county_unit       县农业农村局: 10 administrative and 20 institution quotas
town_office       甲镇党政办 (the township dispatcher's unit): 8 administrative, 12 institution quotas
other_town_office 乙乡党政办: 6 administrative, 10 institution quotas
unchanged         `with unchanged() as refused: <action>`: refused, and no staffing row or audit event
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pytest

from qingdan.audit.models import AuditEvent
from qingdan.demo.registers import id_number_for
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Unit
from qingdan.staffing import actions, models
from qingdan.staffing.choices import Identity, Series
from qingdan.testing import make_user

TODAY = datetime.date(2025, 3, 1)
_serial = iter(range(1, 999))


def id_number() -> str:
    return id_number_for("420102", datetime.date(1985, 5, 4), next(_serial))


@pytest.fixture
def county_unit(catalog_office, department):
    return actions.set_unit_quotas(
        user=catalog_office,
        unit=department,
        series=Series.GOVERNMENT,
        administrative_quota=10,
        institution_quota=20,
        leader_posts=3,
    )


@pytest.fixture
def town_office(catalog_office, township_dispatcher):
    return actions.set_unit_quotas(
        user=catalog_office,
        unit=township_dispatcher.unit,
        series=Series.GOVERNMENT,
        administrative_quota=8,
        institution_quota=12,
        leader_posts=5,
    )


@pytest.fixture
def other_town_office(catalog_office, other_township, county):
    unit = Unit.objects.create(
        name="乙乡党政办", kind=UnitKind.TOWNSHIP, division=other_township, county=county
    )
    return actions.set_unit_quotas(
        user=catalog_office,
        unit=unit,
        series=Series.GOVERNMENT,
        administrative_quota=6,
        institution_quota=10,
        leader_posts=4,
    )


@pytest.fixture
def other_town_dispatcher(other_town_office):
    return make_user("yixiang", Role.TOWNSHIP_DISPATCHER, other_town_office.unit)


def add(user, unit, name, identity=Identity.ADMINISTRATIVE, **extra):
    return actions.add_person(
        user=user, works_in=unit, name=name, identity=identity, id_number=id_number(), **extra
    )


def snapshot() -> dict:
    tables = [m for m in vars(models).values() if isinstance(m, type) and hasattr(m, "_meta")]
    return {
        "rows": {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in tables},
        "quotas": sorted(
            models.StaffedUnit.objects.values_list("pk", "administrative_quota", "institution_quota")
        ),
        "people": sorted(models.StaffPerson.objects.values_list("pk", "in_pool", "is_active")),
        "audit": AuditEvent.objects.count(),
    }


@pytest.fixture
def unchanged():
    @contextmanager
    def check():
        before = snapshot()
        with pytest.raises(ActionRefused) as refused:
            yield refused
        assert snapshot() == before

    return check
