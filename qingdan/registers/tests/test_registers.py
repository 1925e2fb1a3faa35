"""The village profile and the residents register: values with history, checked, scoped and audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.forms.choices import ElementStatus, ValueSource
from qingdan.registers import actions as registers
from qingdan.registers import personal
from qingdan.registers import queries as register_queries
from qingdan.registers.models import Resident, ResidentFact, VillageFact
from qingdan.testing import id_number

from .registers_helpers import wrong_check_digit

LAST_YEAR = datetime.date(2025, 12, 31)
THIS_YEAR = datetime.date(2026, 6, 30)


def test_a_village_figure_keeps_its_history_and_the_latest_is_current(
    village_cadre, village, register_elements
):
    population = register_elements["户籍人口"]
    registers.set_village_fact(
        user=village_cadre, village=village, element=population, value="1200", as_of=LAST_YEAR
    )
    registers.set_village_fact(
        user=village_cadre, village=village, element=population, value="1,230", as_of=THIS_YEAR
    )
    current = register_queries.current_village_facts(village)
    assert current[population.pk].value == "1230" and current[population.pk].as_of == THIS_YEAR
    history = VillageFact.objects.filter(village=village, element=population).order_by("as_of")
    assert [(f.value, f.as_of, f.set_by) for f in history] == [
        ("1200", LAST_YEAR, village_cadre),
        ("1230", THIS_YEAR, village_cadre),
    ]


def test_a_value_entered_late_for_an_earlier_date_does_not_replace_the_current_one(
    village_cadre, village, register_elements
):
    population = register_elements["户籍人口"]
    registers.set_village_fact(
        user=village_cadre, village=village, element=population, value="1230", as_of=THIS_YEAR
    )
    registers.set_village_fact(
        user=village_cadre, village=village, element=population, value="1200", as_of=LAST_YEAR
    )
    assert register_queries.current_village_facts(village, [population])[population.pk].value == "1230"


def test_two_values_for_the_same_date_keep_the_one_set_last(village_cadre, village, register_elements):
    kind = register_elements["村庄类型"]
    for value in ("集聚提升类", "城郊融合类"):
        registers.set_village_fact(
            user=village_cadre, village=village, element=kind, value=value, as_of=THIS_YEAR
        )
    assert register_queries.current_village_facts(village)[kind.pk].value == "城郊融合类"


def test_a_value_of_the_wrong_type_is_refused_in_chinese_and_nothing_is_saved(
    village_cadre, village, register_elements
):
    with pytest.raises(ActionRefused) as refused:
        registers.set_village_facts(
            user=village_cadre,
            village=village,
            values={register_elements["面积"]: "12.5", register_elements["户籍人口"]: "一千二"},
            as_of=THIS_YEAR,
        )
    assert refused.value.message == "户籍人口：「一千二」不是数字。"
    assert (
        not VillageFact.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="forms.").exists()
    )


def test_a_figure_cannot_be_true_as_of_a_future_date(village_cadre, village, register_elements):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ActionRefused, match="不能晚于今天"):
        registers.set_village_fact(
            user=village_cadre,
            village=village,
            element=register_elements["户籍人口"],
            value="1",
            as_of=tomorrow,
        )
    assert not VillageFact.objects.exists()


def test_only_approved_elements_of_the_village_profile_are_recorded(
    village_cadre, village, register_elements
):
    with pytest.raises(ActionRefused, match="不属于"):
        registers.set_village_fact(
            user=village_cadre,
            village=village,
            element=register_elements["性别"],
            value="男",
            as_of=THIS_YEAR,
        )
    proposed = register_elements["面积"]
    proposed.status = ElementStatus.PROPOSED
    proposed.save()
    with pytest.raises(ActionRefused, match="已审定"):
        registers.set_village_fact(
            user=village_cadre, village=village, element=proposed, value="3", as_of=THIS_YEAR
        )


@pytest.mark.parametrize("persona", ["outsider", "supervisor", "dept_clerk", "county_reviewer"])
def test_only_the_registers_keepers_in_scope_record_figures(request, village, register_elements, persona):
    with pytest.raises(PermissionDenied):
        registers.set_village_fact(
            user=request.getfixturevalue(persona),
            village=village,
            element=register_elements["户籍人口"],
            value="1",
            as_of=THIS_YEAR,
        )


def test_the_township_keeps_its_villages_figures_and_the_trail_says_what_changed(
    township_dispatcher, village, register_elements
):
    population = register_elements["户籍人口"]
    registers.set_village_fact(
        user=township_dispatcher, village=village, element=population, value="1200", as_of=LAST_YEAR
    )
    registers.set_village_fact(
        user=township_dispatcher, village=village, element=population, value="1230", as_of=THIS_YEAR
    )
    event = AuditEvent.objects.filter(action="forms.set_village_fact").first()
    assert event.changes == {"户籍人口": ["1200", "1230"]} and event.division == village


def test_figures_are_kept_for_villages_only(township_dispatcher, township, register_elements):
    with pytest.raises(ActionRefused, match="不是村或社区"):
        registers.set_village_fact(
            user=township_dispatcher,
            village=township,
            element=register_elements["户籍人口"],
            value="1",
            as_of=THIS_YEAR,
        )


# --- residents -----------------------------------------------------------------------------------


def test_adding_a_resident_checks_the_id_number_and_audits_only_masked_data(village_cadre, village):
    number = id_number(2)
    person = registers.upsert_resident(
        user=village_cadre,
        village=village,
        name=" 李 四 ",
        id_number=number,
        phone="138 0000 1111",
        tags="低保、残疾",
    )
    assert (person.name, person.tags, person.phone_masked) == ("李 四", "低保 残疾", "138****1111")
    event = AuditEvent.objects.get(action="forms.add_resident")
    text = str(event.changes) + event.object_repr
    assert number not in text and "13800001111" not in text and person.id_masked in text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (wrong_check_digit(id_number(2)), "身份证号校验码不正确，请逐位核对。"),
        (id_number(2)[:17], "身份证号应为18位，这里是17位。"),
        ("42010219900101ABCD", "身份证号只能由数字组成，最后一位可以是X。"),
    ],
)
def test_a_malformed_id_number_is_refused_and_nobody_is_added(village_cadre, village, raw, message):
    with pytest.raises(ActionRefused) as refused:
        registers.upsert_resident(user=village_cadre, village=village, name="李四", id_number=raw)
    assert refused.value.message == message
    assert not Resident.objects.exists()


def test_the_same_id_number_in_the_same_village_updates_the_person(resident, village_cadre, village):
    again = registers.upsert_resident(
        user=village_cadre,
        village=village,
        name="张三",
        id_number=id_number(1),
        phone="027-87654321",
        tags="",
    )
    assert again.pk == resident.pk and Resident.objects.count() == 1
    assert (again.phone_masked, again.tags) == ("027-****4321", "")
    assert personal.decrypt(again.phone_cipher) == "027-87654321"
    event = AuditEvent.objects.get(action="forms.update_resident")
    assert event.changes["phone_masked"] == ["138****5678", "027-****4321"]
    assert "87654321" not in str(event.changes)


def test_the_same_id_number_in_another_village_of_the_county_is_refused_as_a_duplicate(
    resident, township_dispatcher, community
):
    with pytest.raises(ActionRefused) as refused:
        registers.upsert_resident(
            user=township_dispatcher, village=community, name="张三", id_number=id_number(1)
        )
    assert refused.value.message == "该身份证号已在本县（市、区）其他村（社区）登记，不能重复登记。"
    assert Resident.objects.count() == 1


def test_a_resident_attribute_keeps_its_history(resident, village_cadre, village, register_elements):
    dibao = register_elements["是否低保"]
    registers.set_resident_fact(
        user=village_cadre, resident=resident, element=dibao, value="否", as_of=LAST_YEAR
    )
    registers.set_resident_fact(
        user=village_cadre, resident=resident, element=dibao, value="是", as_of=THIS_YEAR
    )
    current = register_queries.current_resident_facts(Resident.objects.filter(village=village), [dibao])
    assert current[(resident.pk, dibao.pk)].value == "是"
    assert (
        register_queries.current_resident_facts([resident], [dibao])[(resident.pk, dibao.pk)].as_of
        == THIS_YEAR
    )
    assert ResidentFact.objects.filter(resident=resident, element=dibao).count() == 2


def test_a_birth_date_in_the_future_is_refused(resident, village_cadre, register_elements):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(ActionRefused) as refused:
        registers.set_resident_fact(
            user=village_cadre,
            resident=resident,
            element=register_elements["出生日期"],
            value=tomorrow,
            as_of=timezone.localdate(),
        )
    assert "出生日期" in refused.value.message and "不能晚于今天" in refused.value.message
    assert not ResidentFact.objects.exists()


def test_the_trail_of_personal_attributes_does_not_hold_their_values(
    resident, village_cadre, register_elements
):
    registers.set_resident_facts(
        user=village_cadre,
        village=resident.village,
        values={
            (resident, register_elements["残疾等级"]): "二级",
            (resident, register_elements["月收入"]): "850",
        },
        as_of=THIS_YEAR,
        source=ValueSource.FORM,
    )
    changes = AuditEvent.objects.get(action="forms.set_resident_fact").changes
    assert set(map(tuple, changes.values())) == {(None, "***"), (None, "850")}
    assert ResidentFact.objects.get(element=register_elements["残疾等级"]).source == ValueSource.FORM


def test_id_numbers_and_phones_are_not_kept_as_attributes(resident, village_cadre, register_elements):
    with pytest.raises(ActionRefused, match="居民本身"):
        registers.set_resident_fact(
            user=village_cadre,
            resident=resident,
            element=register_elements["联系电话"],
            value="13800001111",
            as_of=THIS_YEAR,
        )


def test_another_villages_cadre_cannot_touch_the_resident(resident, outsider, register_elements):
    with pytest.raises(PermissionDenied):
        registers.set_resident_fact(
            user=outsider,
            resident=resident,
            element=register_elements["是否低保"],
            value="是",
            as_of=THIS_YEAR,
        )
    with pytest.raises(PermissionDenied):
        registers.upsert_resident(
            user=outsider, village=resident.village, name="王五", id_number=id_number(9)
        )
