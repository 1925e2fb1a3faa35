"""A draft keeps only what the village typed and shows the registers' current values around it, a page
of rows at a time; submitting keeps every value as it was sent and writes the village's new values back,
including a resident's name, household, phone and tags."""

import pytest
from django.utils import timezone

from qingdan.audit.models import AuditEvent
from qingdan.forms import prefill
from qingdan.forms.actions import admission, dictionary, submissions
from qingdan.forms.choices import ElementKind, Register, RowsKind, SubmissionStatus
from qingdan.registers import actions as registers
from qingdan.registers import personal
from qingdan.registers.models import Resident, ResidentFact
from qingdan.testing import id_number

from ..models import Submission, SubmissionValue

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def details(catalog_office, elements) -> dict:
    """The residents register's own fields as data elements, beside the fixture's phone."""

    def define(name, kind=ElementKind.TEXT):
        return dictionary.define_element(
            user=catalog_office, name=name, kind=kind, register=Register.RESIDENTS
        )

    return {
        "name": define("姓名"),
        "household": define("户号"),
        "tags": define("标签"),
        "phone": elements["phone"],
    }


@pytest.fixture
def contact_sheet(
    make_form, details, elements, registers_filled, dept_clerk, county_reviewer, village, village_cadre
):
    """An approved resident form of each 低保 resident's name, household, phone, tags and allowance, opened
    (李四's phone and allowance are not known yet)."""
    form = make_form(
        title="低保对象联系方式",
        rows_kind=RowsKind.RESIDENTS,
        resident_tag="低保",
        element_ids=[d.pk for d in details.values()] + [elements["allowance"].pk],
    )
    admission.submit_form(user=dept_clerk, form=form)
    admission.approve_form(user=county_reviewer, form=form)
    return submissions.open_submission(user=village_cadre, form=form, village=village)


def many_residents(village_cadre, village, count: int) -> None:
    for n in range(10, 10 + count):
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n:03d}", id_number=id_number(n), tags="低保"
        )


def complete(sheet, village_cadre, residents, details, elements) -> None:
    li = residents["li"].pk
    submissions.save_values(
        user=village_cadre,
        submission=sheet,
        values={(li, details["phone"].pk): "13900001111", (li, elements["allowance"].pk): "260"},
    )


def whole_count(submission) -> submissions.Progress:
    """The progress counted the slow way: every cell of every row."""
    table = submissions.filled(Submission.objects.get(pk=submission.pk))
    prefilled = sum(1 for value, was in table.values.values() if value and was)
    typed = sum(1 for value, was in table.values.values() if value and not was)
    total = len(table.rows) * len(table.fields)
    return submissions.Progress(prefilled, typed, total - prefilled - typed)


def test_a_resident_form_is_shown_a_page_of_rows_at_a_time(
    resident_form, registers_filled, village, village_cadre
):
    many_residents(village_cadre, village, 118)  # 120 tagged residents in all
    first = prefill.prefill(resident_form, village)
    last = prefill.prefill(resident_form, village, page=3)
    assert (len(first.rows), len(last.rows), first.row_count) == (50, 20, 120)
    assert {row.name for row in first.rows} & {row.name for row in last.rows} == set()
    every = prefill.prefill(resident_form, village, page=None)
    assert len(every.rows) == 120 and every.cells.items() >= first.cells.items()


def test_the_registers_count_of_a_form_agrees_with_filling_every_row(
    resident_form, registers_filled, village, village_cadre, elements
):
    many_residents(village_cadre, village, 60)
    for person in Resident.objects.filter(name__startswith="居民")[:25]:
        registers.set_resident_fact(
            user=village_cadre,
            resident=person,
            element=elements["birth"],
            value="1970-01-01",
            as_of=timezone.localdate(),
        )
    every = prefill.prefill(resident_form, village, page=None)
    assert prefill.known_count(resident_form, village) == every.prefilled == 28


def test_progress_counts_the_whole_form_as_filling_every_row_would(
    contact_sheet, village_cadre, village, residents, elements, details
):
    many_residents(village_cadre, village, 70)
    r = residents
    submissions.save_values(
        user=village_cadre,
        submission=contact_sheet,
        values={
            (r["zhang"].pk, elements["allowance"].pk): "",  # clears a value the register holds
            (r["li"].pk, elements["allowance"].pk): "260",  # fills an empty one
            (r["li"].pk, details["household"].pk): "002-1",  # changes one
        },
    )
    counted = submissions.progress(contact_sheet)
    assert counted == whole_count(contact_sheet)
    assert counted.typed == 2


def test_typing_the_registers_value_again_keeps_nothing_as_typed(
    contact_sheet, village_cadre, residents, elements
):
    cell = (residents["zhang"].pk, elements["allowance"].pk)
    submissions.save_values(user=village_cadre, submission=contact_sheet, values={cell: "310"})
    assert SubmissionValue.objects.filter(submission=contact_sheet).count() == 1
    submissions.save_values(user=village_cadre, submission=contact_sheet, values={cell: "300"})
    assert not SubmissionValue.objects.filter(submission=contact_sheet).exists()
    assert submissions.filled(contact_sheet).values[cell] == ("300", True)


def test_a_typed_phone_is_kept_encrypted_and_shown_masked(contact_sheet, village_cadre, residents, details):
    cell = (residents["li"].pk, details["phone"].pk)
    submissions.save_values(user=village_cadre, submission=contact_sheet, values={cell: "13900001111"})
    kept = SubmissionValue.objects.get(submission=contact_sheet).value
    assert "13900001111" not in kept and personal.readable(details["phone"], kept) == "13900001111"
    assert personal.shown(details["phone"], kept) == "139****1111"


def test_submitting_writes_back_name_household_phone_and_tags(
    contact_sheet, village_cadre, residents, details, elements
):
    li = residents["li"]
    submissions.save_values(
        user=village_cadre,
        submission=contact_sheet,
        values={
            (li.pk, details["name"].pk): "李四妹",
            (li.pk, details["household"].pk): "002-1",
            (li.pk, details["phone"].pk): "13900001111",
            (li.pk, details["tags"].pk): "低保、独居老人",
            (li.pk, elements["allowance"].pk): "260",
            (residents["zhang"].pk, details["tags"].pk): "低保 五保",
        },
    )
    submissions.submit(user=village_cadre, submission=contact_sheet)
    li.refresh_from_db()
    assert (li.name, li.household, li.phone_masked, li.tags) == (
        "李四妹",
        "002-1",
        "139****1111",
        "低保 独居老人",
    )
    assert personal.decrypt(li.phone_cipher) == "13900001111"
    assert Resident.objects.get(pk=residents["zhang"].pk).tags == "低保 五保"
    audited = str(AuditEvent.objects.filter(action="forms.update_resident").latest("id").changes)
    assert "李四妹" in audited and "139****1111" in audited and "13900001111" not in audited


def test_a_submitted_form_keeps_its_values_and_rows_when_the_registers_change(
    contact_sheet, village_cadre, residents, elements, details
):
    complete(contact_sheet, village_cadre, residents, details, elements)
    done = submissions.submit(user=village_cadre, submission=contact_sheet)
    assert done.status == SubmissionStatus.SUBMITTED
    before = submissions.filled(done)
    zhang = residents["zhang"]
    registers.set_resident_fact(
        user=village_cadre,
        resident=zhang,
        element=elements["allowance"],
        value="999",
        as_of=timezone.localdate(),
    )
    registers.update_residents(user=village_cadre, village=zhang.village, changes={zhang: {"tags": "残疾"}})
    after = submissions.filled(Submission.objects.get(pk=done.pk))
    assert [row.name for row in after.rows] == [row.name for row in before.rows] == ["张三", "李四"]
    assert after.values[(zhang.pk, elements["allowance"].pk)] == ("300", True)
    assert after.values[(zhang.pk, details["tags"].pk)] == ("低保", True)


def test_a_wrong_detail_saves_nothing(
    contact_sheet, village_cadre, residents, details, elements, nothing_written
):
    complete(contact_sheet, village_cadre, residents, details, elements)
    submissions.save_values(
        user=village_cadre,
        submission=contact_sheet,
        values={(residents["li"].pk, details["name"].pk): "李" * 51},
    )
    with nothing_written() as refused:
        submissions.submit(user=village_cadre, submission=contact_sheet)
    assert "longer than 50 characters" in refused.value.message


def test_what_was_typed_for_someone_who_left_the_rows_is_neither_sent_nor_written_back(
    contact_sheet, village_cadre, residents, details, elements
):
    complete(contact_sheet, village_cadre, residents, details, elements)
    zhang = residents["zhang"]
    submissions.save_values(
        user=village_cadre, submission=contact_sheet, values={(zhang.pk, elements["allowance"].pk): "500"}
    )
    registers.update_residents(user=village_cadre, village=zhang.village, changes={zhang: {"tags": "残疾"}})
    done = submissions.submit(user=village_cadre, submission=contact_sheet)
    assert [row.name for row in submissions.filled(done).rows] == ["李四"]
    assert not ResidentFact.objects.filter(resident=zhang, value="500").exists()
