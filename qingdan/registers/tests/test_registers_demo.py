"""The demo's dictionary and registers: realistic, valid, consistent, and loaded only once."""

import datetime

import pytest
from stdnum.cn import ric

from qingdan.demo import registers as demo
from qingdan.forms.choices import ElementStatus, Register
from qingdan.forms.models import DataElement
from qingdan.registers import personal
from qingdan.registers import queries as register_queries
from qingdan.registers.models import Resident, ResidentFact, VillageFact

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def loaded(county, village, community, other_village, catalog_office):
    return demo.load_demo_registers(county, places=[village, community], today=TODAY)


def test_the_dictionary_holds_village_figures_and_resident_attributes(loaded, county):
    approved = DataElement.objects.filter(county=county, status=ElementStatus.APPROVED)
    assert approved.count() == 42
    assert approved.filter(register=Register.VILLAGE).count() == 22
    names = set(approved.values_list("name", flat=True))
    assert {
        "户籍人口",
        "常住人口",
        "户数",
        "面积",
        "耕地面积",
        "村干部人数",
        "村集体经济收入",
        "低保户数",
    } <= names
    assert {"性别", "出生日期", "联系电话", "是否低保", "残疾等级"} <= names
    assert DataElement.objects.filter(county=county, status=ElementStatus.PROPOSED).count() == 2
    mapped = DataElement.objects.get(county=county, status=ElementStatus.MAPPED)
    assert mapped.mapped_to.name == "户籍人口"


def test_the_demo_residents_carry_valid_id_numbers_and_their_attributes(loaded, village, community):
    assert loaded["residents"] == Resident.objects.count() >= 600
    for resident in Resident.objects.all():
        number = personal.decrypt(resident.id_cipher)
        assert ric.is_valid(number) and resident.id_masked == personal.mask_id(number)
        assert resident.id_hash == personal.lookup_hash(number)
    sexes = dict(ResidentFact.objects.filter(element__name="性别").values_list("resident_id", "value"))
    resident = Resident.objects.filter(village=village).first()
    number = personal.decrypt(resident.id_cipher)
    assert sexes[resident.pk] == ("男" if int(number[16]) % 2 else "女")
    assert Resident.objects.filter(tags__contains="低保").exists()


def test_every_village_has_a_profile_with_history_that_agrees_with_its_register(loaded, county, village):
    villages_with_figures = VillageFact.objects.values("village").distinct().count()
    assert villages_with_figures == 3  # 甲村, 甲社区, 乙村
    current = register_queries.current_village_facts(village)
    by_name = {fact.element.name: fact.value for fact in current.values()}
    assert by_name["户籍人口"] == str(Resident.objects.filter(village=village).count())
    assert by_name["低保人数"] == str(Resident.objects.filter(village=village, tags__contains="低保").count())
    history = VillageFact.objects.filter(village=village, element__name="户籍人口").order_by("as_of")
    assert history.count() == 2 and history[0].as_of < history[1].as_of <= TODAY


def test_loading_the_demo_again_changes_nothing(loaded, county, village, community):
    counts = (DataElement.objects.count(), Resident.objects.count(), VillageFact.objects.count())
    again = demo.load_demo_registers(county, places=[village, community], today=TODAY)
    assert again == {"elements": 0, "figures": 0, "residents": 0}
    assert counts == (DataElement.objects.count(), Resident.objects.count(), VillageFact.objects.count())


def test_id_numbers_follow_the_area_codes_of_their_birth_year():
    assert (
        demo.area_for(1975) == "422321"
        and demo.area_for(1990) == "422301"
        and demo.area_for(2005) == "421202"
    )
    for year in (1950, 1983, 1997, 1998, 2020):
        assert ric.is_valid(demo.id_number_for(demo.area_for(year), datetime.date(year, 3, 1), 11))
