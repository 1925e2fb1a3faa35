"""Units, quotas, the roster and moving quotas down."""

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.audit.models import AuditEvent
from qingdan.registers import personal
from qingdan.staffing import actions
from qingdan.staffing.choices import Identity, QuotaKind
from qingdan.staffing.models import StaffedUnit
from qingdan.staffing.queries import filled, is_over, quotas_added, with_filled

from .conftest import TODAY, add, id_number


def test_filled_counts_come_from_the_people_placed_and_over_quota_is_flagged(
    county_unit, township_dispatcher, town_office
):
    for n in range(3):
        add(township_dispatcher, town_office, f"干部{n}")
    add(township_dispatcher, town_office, "编外甲", identity=Identity.CONTRACT)
    assert filled(town_office, QuotaKind.ADMINISTRATIVE) == 3
    assert filled(town_office, QuotaKind.INSTITUTION) == 0
    unit = with_filled(StaffedUnit.objects.filter(pk=town_office.pk)).get()
    assert not is_over(unit)
    StaffedUnit.objects.filter(pk=town_office.pk).update(administrative_quota=2)
    assert is_over(with_filled(StaffedUnit.objects.filter(pk=town_office.pk)).get())


def test_people_in_the_turnover_pool_are_not_counted_against_the_quota(township_dispatcher, town_office):
    people = [add(township_dispatcher, town_office, f"干部{n}") for n in range(3)]
    StaffedUnit.objects.filter(pk=town_office.pk).update(administrative_quota=2)
    actions.send_to_pool(user=township_dispatcher, person=people[0], since=TODAY, duty="协助乡村振兴专班")
    assert not is_over(with_filled(StaffedUnit.objects.filter(pk=town_office.pk)).get())


def test_a_county_unit_may_not_occupy_a_township_quota(catalog_office, county_unit, town_office, unchanged):
    with unchanged() as refused:
        add(catalog_office, county_unit, "借调人员", quota_unit=town_office)
    assert "专编专用" in refused.value.message


def test_personal_data_is_checked_encrypted_and_masked_as_residents_are(
    township_dispatcher, town_office, unchanged
):
    number = id_number()
    person = actions.add_person(
        user=township_dispatcher,
        works_in=town_office,
        name="王芳",
        identity=Identity.INSTITUTION,
        id_number=number,
        phone="13812345678",
    )
    assert number not in person.id_cipher and person.id_masked == personal.mask_id(number)
    assert person.phone_masked == "138****5678"
    assert personal.decrypt(person.id_cipher) == number
    with unchanged() as refused:
        actions.add_person(
            user=township_dispatcher,
            works_in=town_office,
            name="李四",
            identity=Identity.INSTITUTION,
            id_number="420102199001011235",
        )
    assert "校验" in refused.value.message or "身份证" in refused.value.message
    with unchanged():
        actions.add_person(
            user=township_dispatcher,
            works_in=town_office,
            name="重复",
            identity=Identity.INSTITUTION,
            id_number=number,
        )


def test_revealing_a_phone_needs_a_reason_and_is_audited(township_dispatcher, town_office):
    person = add(township_dispatcher, town_office, "王芳", phone="13812345678")
    clear = actions.reveal_person(
        user=township_dispatcher, person=person, field="phone", reason="通知参加培训"
    )
    assert clear == "13812345678"
    event = AuditEvent.objects.filter(action="staffing.reveal_personal").get()
    assert "13812345678" not in str(event.changes) and event.note == "通知参加培训"


def test_dispatched_staff_name_their_sending_unit(township_dispatcher, town_office, department, unchanged):
    with unchanged():
        add(township_dispatcher, town_office, "派驻甲", identity=Identity.DISPATCHED)
    person = add(
        township_dispatcher, town_office, "派驻乙", identity=Identity.DISPATCHED, sending_unit=department
    )
    assert person.quota_unit is None and person.sending_unit == department


def test_the_catalog_office_moves_quotas_down_and_the_county_total_stays(
    catalog_office, county_unit, town_office, other_town_office
):
    before = sum(StaffedUnit.objects.values_list("institution_quota", flat=True))
    move = actions.move_quotas(
        user=catalog_office,
        source=county_unit,
        kind=QuotaKind.INSTITUTION,
        lines=[(town_office, 5), (other_town_office, 3)],
        document="咸编办〔2025〕3号",
        moved_on=TODAY,
    )
    assert sum(StaffedUnit.objects.values_list("institution_quota", flat=True)) == before
    county_unit.refresh_from_db()
    town_office.refresh_from_db()
    assert county_unit.institution_quota == 12 and town_office.institution_quota == 17
    assert AuditEvent.objects.filter(action="staffing.move_quotas", note="咸编办〔2025〕3号").count() == 1
    report = quotas_added(move.lines.all())
    assert [(r["township"], r["institution"]) for r in report] == [("甲镇", 5), ("乙乡", 3)]


@pytest.mark.parametrize(
    "amounts, words",
    [((25, 1), "空编"), ((0, 1), "1"), ((5, -1), "1")],
)
def test_a_bad_move_is_refused_and_nothing_changes(
    catalog_office, county_unit, town_office, other_town_office, unchanged, amounts, words
):
    with unchanged() as refused:
        actions.move_quotas(
            user=catalog_office,
            source=county_unit,
            kind=QuotaKind.INSTITUTION,
            lines=[(town_office, amounts[0]), (other_town_office, amounts[1])],
            document="咸编办〔2025〕4号",
            moved_on=TODAY,
        )
    assert words in refused.value.message


def test_quotas_move_only_to_township_units_and_filled_ones_stay(
    catalog_office, county_unit, town_office, unchanged
):
    other = actions.set_unit_quotas(
        user=catalog_office,
        unit=county_unit.unit.__class__.objects.create(
            name="县财政局", kind="department", division=county_unit.unit.division, county=county_unit.county
        ),
        series="government",
        administrative_quota=3,
        institution_quota=0,
        leader_posts=1,
    )
    with unchanged():
        actions.move_quotas(
            user=catalog_office,
            source=county_unit,
            kind=QuotaKind.INSTITUTION,
            lines=[(other, 2)],
            document="x",
            moved_on=TODAY,
        )
    with unchanged():
        actions.move_quotas(
            user=catalog_office,
            source=town_office,
            kind=QuotaKind.INSTITUTION,
            lines=[(town_office, 2)],
            document="x",
            moved_on=TODAY,
        )


def test_only_the_catalog_office_moves_quotas(township_dispatcher, supervisor, county_unit, town_office):
    for user in (township_dispatcher, supervisor):
        with pytest.raises(PermissionDenied):
            actions.move_quotas(
                user=user,
                source=county_unit,
                kind=QuotaKind.INSTITUTION,
                lines=[(town_office, 1)],
                document="x",
                moved_on=TODAY,
            )


def test_every_staffing_action_reads_in_chinese_in_the_audit_trail():
    import re
    from pathlib import Path

    from qingdan.audit.labels import action_label
    from qingdan.staffing import actions as verbs

    written = set()
    for module in (verbs.quotas, verbs.reforms, verbs.positions, verbs.scoring):
        source = Path(module.__file__).read_text(encoding="utf-8")
        written |= set(re.findall(r'action="(staffing\.[a-z_]+)"', source))
    assert len(written) == 20
    assert all(re.search(r"[\u4e00-\u9fff]", str(action_label(code))) for code in written), written
