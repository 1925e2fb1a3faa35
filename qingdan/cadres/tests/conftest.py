"""Fixtures for seconded cadres, on top of the personas of qingdan/conftest.py.

organiser        a clerk of 县委组织部, the unit the test county's programme names as organiser
dept_clerk       (shared persona) the clerk of 县农业农村局, a sending unit
other_sender     the clerk of 县自然资源局, another sending unit
community_cadre  a village cadre of 甲社区; street: the shared township_dispatcher of 甲镇
far_community    乙社区 of 乙乡, and far_cadre, its village cadre
programme        the test county's programme (under 45, 副处级以下, full time, weights 40/30/30)
batch, cadre     an open batch of 县农业农村局 and a nominee in it; selected: the batch approved
posting          the selected cadre posted to 甲社区 as 专职副书记, covering one grid
nothing_written  `with nothing_written() as refused:` refused, and no row of the cadres app or audit trail
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pytest
from django.utils import timezone
from stdnum.cn import ric

from qingdan.access import SYSTEM
from qingdan.audit.models import AuditEvent
from qingdan.cadres import actions
from qingdan.cadres import models as cadre_models
from qingdan.cadres.choices import Education, GridKind, PostRole, Rank
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, User

TODAY = timezone.localdate()
PHONE = "13912345678"


def id_for(age: int, serial: int = 1) -> str:
    """A valid ID number of someone `age` years old today (born a month before the birthday)."""
    born = TODAY.replace(year=TODAY.year - age, day=1) - datetime.timedelta(days=31)
    body = f"110105{born:%Y%m%d}{serial:03d}"
    return body + ric.calc_check_digit(body + "0")


def make_user(username: str, role: str, unit: Unit) -> User:
    return User.objects.create(username=username, full_name=username, role=role, unit=unit)


def nominee(**overrides) -> dict:
    values = {
        "name": "李明",
        "id_number": id_for(36),
        "phone": PHONE,
        "rank": Rank.STAFF,
        "education": Education.MASTER,
        "position": "科员",
        "full_time": True,
    }
    return {**values, **overrides}


@pytest.fixture
def organiser(county):
    unit = Unit.objects.create(name="县委组织部", kind=UnitKind.DEPARTMENT, division=county, county=county)
    return make_user("zuzhibu", Role.DEPT_CLERK, unit)


@pytest.fixture
def other_sender(other_department):
    return make_user("ziranziyuan", Role.DEPT_CLERK, other_department)


@pytest.fixture
def community_cadre(community, county):
    unit = Unit.objects.create(name="甲社区居委会", kind=UnitKind.VILLAGE, division=community, county=county)
    return make_user("jiashequ", Role.VILLAGE_CADRE, unit)


@pytest.fixture
def far_community(other_township, county):
    return Division.objects.create(
        code="429901200002",
        name="乙社区",
        level=Level.VILLAGE,
        kind=DivisionKind.COMMUNITY,
        parent=other_township,
        county=county,
    )


@pytest.fixture
def far_cadre(far_community, county):
    unit = Unit.objects.create(
        name="乙社区居委会", kind=UnitKind.VILLAGE, division=far_community, county=county
    )
    return make_user("yishequ", Role.VILLAGE_CADRE, unit)


@pytest.fixture
def programme(county, organiser):
    return actions.set_up_programme(user=SYSTEM, county=county, organising_unit=organiser.unit)


@pytest.fixture
def batch(programme, dept_clerk):
    return actions.open_batch(user=dept_clerk, year=TODAY.year)


@pytest.fixture
def cadre(batch, dept_clerk):
    return actions.nominate(user=dept_clerk, batch=batch, **nominee())


@pytest.fixture
def selected(cadre, batch, dept_clerk, organiser):
    actions.submit_batch(user=dept_clerk, batch=batch)
    actions.approve_batch(user=organiser, batch=batch)
    cadre.refresh_from_db()
    return cadre


@pytest.fixture
def grid(community, community_cadre, programme):
    return actions.add_grid(
        user=community_cadre, community=community, name="幸福小区", kind=GridKind.COMPOUND
    )


@pytest.fixture
def posting(selected, community, organiser, grid):
    return actions.post_cadre(
        user=organiser,
        cadre=selected,
        community=community,
        role=PostRole.DEPUTY_SECRETARY,
        starts_on=TODAY - datetime.timedelta(days=60),
        ends_on=TODAY + datetime.timedelta(days=300),
        grids=[grid],
    )


def snapshot() -> dict:
    tables = {
        model.__name__: sorted(map(str, model.objects.values_list()))
        for model in (
            cadre_models.Programme,
            cadre_models.NominationBatch,
            cadre_models.BatchReviewEntry,
            cadre_models.Cadre,
            cadre_models.CommunityTag,
            cadre_models.Grid,
            cadre_models.Posting,
            cadre_models.Resource,
            cadre_models.Need,
            cadre_models.Project,
            cadre_models.WorkRecord,
            cadre_models.Attendance,
            cadre_models.Assessment,
            cadre_models.Commendation,
        )
    }
    tables["project links"] = sorted(
        map(str, cadre_models.Project.needs.through.objects.values_list())
    ) + sorted(map(str, cadre_models.Project.resources.through.objects.values_list()))
    tables["posting grids"] = sorted(map(str, cadre_models.Posting.grids.through.objects.values_list()))
    tables["audit"] = [AuditEvent.objects.count()]
    return tables


@pytest.fixture
def nothing_written(db):
    @contextmanager
    def check():
        before = snapshot()
        with pytest.raises(ActionRefused) as refused:
            yield refused
        assert snapshot() == before

    return check
