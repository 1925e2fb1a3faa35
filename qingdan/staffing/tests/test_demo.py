"""The demo's staffing: the Shanxi-style reform table and a Quzhou-style town with everyone placed."""

import pytest

from qingdan.demo.staffing import load_demo_staffing
from qingdan.staffing.models import Module, Position, QuotaMoveLine, Reform, StaffPerson, TownModule
from qingdan.staffing.queries import placement_status, quotas_added, reform_table, uncarried_items

from .duty_list import township_list

pytestmark = pytest.mark.django_db


def test_the_demo_reproduces_the_seeds(
    catalog_office, county, township, other_township, township_dispatcher, department
):
    township_list(township)
    assert load_demo_staffing(county, township_name=township.name) == 62
    table = {line.label: line for line in reform_table(Reform.objects.get())}
    assert (table["党政机构"].before, table["党政机构"].after) == (36, 22)
    assert (table["事业单位"].before, table["事业单位"].after) == (179, 40)
    assert (table["事业编制"].before, table["事业编制"].after) == (1944, 970)
    assert (table["领导职数"].before, table["领导职数"].after) == (151, 128)
    assert (table["执法队伍"].before, table["执法队伍"].after) == (9, 1)
    assert table["乡镇编制"].change == 139
    assert sum(town["total"] for town in quotas_added(QuotaMoveLine.objects.all())) == 139
    assert StaffPerson.objects.filter(in_pool=True).count() == 6
    assert (
        Module.objects.filter(parent=None).count() == 6 and Module.objects.exclude(parent=None).count() == 11
    )
    assert TownModule.objects.filter(township=township, module__parent__isnull=False).count() == 4
    assert Position.objects.filter(town_module__township=township).count() == 62
    status = placement_status(township)
    assert status.total == 62 and status.unplaced == [] and status.percent == 100
    assert uncarried_items(township).count() == 3  # the town's list has three items; no position carries them


def test_loading_the_demo_again_changes_nothing(
    catalog_office, county, township, township_dispatcher, department
):
    load_demo_staffing(county, township_name=township.name)
    people = StaffPerson.objects.count()
    assert load_demo_staffing(county, township_name=township.name) == 0
    assert StaffPerson.objects.count() == people
