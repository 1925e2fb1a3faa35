import pytest

from qingdan.audit.actions import record
from qingdan.orgs.choices import DivisionKind, Level


@pytest.fixture
def other_county(county):
    from qingdan.orgs.models import Division

    c = Division.objects.create(
        code="429902000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=county.parent
    )
    c.county = c
    c.save()
    return c


@pytest.fixture
def event():
    """record(...) with sensible defaults for trail tests."""

    def _event(*, division, action="duties.import_catalog", actor=None, actor_name="someone", **kwargs):
        return record(actor=actor, actor_name=actor_name, action=action, division=division, **kwargs)

    return _event
