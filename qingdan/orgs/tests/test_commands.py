"""The `divisions` and `demo` console commands."""

from io import StringIO

import pytest
from django.core.management import call_command

from qingdan.audit.models import AuditEvent
from qingdan.duties.models import Amendment, Catalog, CatalogVersion, DutyItem
from qingdan.orgs.choices import Role
from qingdan.orgs.models import Division, Unit, User

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_divisions_prints_code_name_and_level_by_code(village, community, other_village):
    lines = run("divisions").splitlines()
    assert lines == sorted(lines)
    assert lines[0] == "429900000000\t测试市\tcity"
    assert "429901100001\t甲村\tvillage" in lines
    assert "429901200000\t乙乡\ttownship" in lines
    assert len(lines) == Division.objects.count()
    assert all(len(line.split("\t")) == 3 for line in lines)


def test_divisions_level_filter_keeps_only_that_level(village, community, other_village):
    assert run("divisions", "--level", "village").splitlines() == [
        "429901100001\t甲村\tvillage",
        "429901100002\t甲社区\tvillage",
        "429901200001\t乙村\tvillage",
    ]
    assert run("divisions", "--level", "county").splitlines() == ["429901000000\t测试县\tcounty"]


def test_divisions_refuses_an_unknown_level():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("divisions", "--level", "hamlet")


def _counts() -> dict[str, int]:
    models = [Division, Unit, User, Catalog, CatalogVersion, DutyItem, Amendment]
    return {model.__name__: model.objects.count() for model in models}


def test_demo_loads_the_county_once_and_running_it_again_changes_nothing():
    first = run("demo")
    counts = _counts()
    events = AuditEvent.objects.count()
    second = run("demo")
    assert _counts() == counts
    assert AuditEvent.objects.count() == events
    assert first == second

    county = Division.objects.get(code="421202000000")
    assert county.name == "咸安区" and county.county_id == county.pk
    townships = Division.objects.filter(level="township")
    assert townships.count() == 13
    assert sorted(townships.values_list("kind", flat=True)) == ["jiedao"] * 3 + ["xiang"] + ["zhen"] * 9
    villages = Division.objects.filter(level="village")
    assert 140 <= villages.count() <= 160
    assert villages.values("name").distinct().count() == villages.count()
    assert not Division.objects.filter(code__startswith="421202").exclude(county=county).exists()
    assert Unit.objects.filter(kind="village").count() == villages.count()

    # Every village and township holds a published catalog; two villages amended theirs.
    adopted = Catalog.objects.filter(is_template=False, current_version__isnull=False)
    assert adopted.count() == villages.count() + 13
    assert Amendment.objects.filter(status="approved").count() == 2
    # Departments are named as 责任单位, so their mirror view has content.
    assert DutyItem.objects.filter(list_kind="assist", responsible_unit__name="区民政局").exists()
    assert DutyItem.objects.filter(list_kind="withdrawn", responsible_unit__name="区城市管理执法局").exists()
    assert not DutyItem.objects.filter(
        list_kind__in=["assist", "withdrawn", "cooperate"], responsible_unit=None
    ).exists()

    # One account per role, each printed with the password, its role in Chinese and its unit. (The township
    # people named on the demo's task checklists never sign in: they have no password and are not printed.)
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    for user in (u for u in User.objects.select_related("unit") if u.has_usable_password()):
        line = next(line for line in second.splitlines() if line.startswith(user.username + " "))
        assert "qingdan-demo-2026" in line and user.unit.name in line
        assert user.check_password("qingdan-demo-2026")
    assert "编办" in second and "村(社区)干部" in second
