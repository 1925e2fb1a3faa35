"""A village fills an approved form: it opens pre-filled, typed values are checked (a bad one saves
nothing), and on submission new values flow back into the registers with history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from qingdan.audit.models import AuditEvent
from qingdan.forms.actions import dictionary, submissions
from qingdan.forms.choices import ElementKind, SubmissionStatus, ValueSource
from qingdan.notifications.models import Notification
from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Unit
from qingdan.registers import actions as registers
from qingdan.registers import queries as register_queries
from qingdan.registers.models import ResidentFact, VillageFact
from qingdan.testing import id_number, make_user

from ..models import Submission, SubmissionValue

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def opened(village_form, registers_filled, village, village_cadre):
    return submissions.open_submission(user=village_cadre, form=village_form, village=village)


@pytest.fixture
def resident_sheet(resident_form, registers_filled, village, village_cadre):
    return submissions.open_submission(user=village_cadre, form=resident_form, village=village)


def cells(submission) -> dict:
    """What the submission holds: {(resident, element name): (value as kept, filled in advance)}."""
    table = submissions.filled(Submission.objects.get(pk=submission.pk))
    names = {f.element_id: f.element.name for f in table.fields}
    return {(resident, names[element]): value for (resident, element), value in table.values.items()}


# ---- opening ------------------------------------------------------------------------------------------


def test_opening_a_form_creates_the_submission_with_the_known_values_filled_in(opened, village_form, village):
    assert (opened.form, opened.village, opened.status) == (village_form, village, SubmissionStatus.DRAFT)
    assert opened.period == str(timezone.localdate().year)
    assert cells(opened) == {(None, "户数"): ("120", True), (None, "户籍人口"): ("450", True)}
    assert submissions.progress(opened) == submissions.Progress(prefilled=2, typed=0, empty=2)
    assert AuditEvent.objects.filter(action="forms.open_submission").count() == 1


def test_opening_a_form_copies_nothing_the_registers_show_the_current_values(
    opened, village, village_cadre, elements
):
    assert not SubmissionValue.objects.filter(submission=opened).exists()
    registers.set_village_fact(
        user=village_cadre,
        village=village,
        element=elements["households"],
        value="125",
        as_of=timezone.localdate(),
    )
    assert cells(opened)[(None, "户数")] == ("125", True)


def test_opening_again_returns_the_same_submission(opened, village_form, village, village_cadre):
    again = submissions.open_submission(user=village_cadre, form=village_form, village=village)
    assert again == opened
    assert Submission.objects.count() == 1
    assert AuditEvent.objects.filter(action="forms.open_submission").count() == 1


def test_a_period_must_fit_the_forms_frequency(village_form, village, village_cadre, nothing_written):
    with nothing_written() as refused:
        submissions.open_submission(user=village_cadre, form=village_form, village=village, period="2026-Q1")
    assert refused.value.message == "The period 2026-Q1 does not fit a yearly form; write it like 2026."
    earlier = submissions.open_submission(
        user=village_cadre, form=village_form, village=village, period="2024"
    )
    assert earlier.period == "2024"


def test_only_the_villages_cadre_opens_the_villages_form(
    village_form, village, dept_clerk, supervisor, outsider
):
    for user in (dept_clerk, supervisor, outsider):
        with pytest.raises(PermissionDenied):
            submissions.open_submission(user=user, form=village_form, village=village)


def test_a_form_not_sent_to_a_village_cannot_be_opened_there(village_form, community, county):
    unit = Unit.objects.create(name="甲社区居委会", kind=UnitKind.VILLAGE, division=community, county=county)
    cadre = make_user("shequ", Role.VILLAGE_CADRE, unit)
    with pytest.raises(PermissionDenied):
        submissions.open_submission(user=cadre, form=village_form, village=community)


def test_an_unapproved_form_cannot_be_opened(make_form, dept_clerk, village, village_cadre):
    form = make_form()
    with pytest.raises(PermissionDenied):
        submissions.open_submission(user=village_cadre, form=form, village=village)
    assert not submissions.may_fill(village_cadre, form)


# ---- saving values ------------------------------------------------------------------------------------


def test_typed_values_are_saved_and_a_changed_prefilled_value_counts_as_typed(
    opened, village_cadre, elements
):
    e = elements
    submissions.save_values(
        user=village_cadre,
        submission=opened,
        values={
            (None, e["farmland"].pk): "1,250.5",
            (None, e["households"].pk): "121",
            (None, e["population"].pk): "450",
        },
    )
    assert cells(opened) == {
        (None, "户数"): ("121", False),
        (None, "户籍人口"): ("450", True),
        (None, "耕地面积"): ("1250.5", False),
    }
    assert AuditEvent.objects.get(action="forms.save_values").changes == {"values_saved": [None, 2]}


def test_an_empty_value_clears_a_cell(opened, village_cadre, elements):
    submissions.save_values(
        user=village_cadre, submission=opened, values={(None, elements["households"].pk): ""}
    )
    assert cells(opened)[(None, "户数")] == ("", False)


def test_a_value_of_the_wrong_type_saves_nothing_and_names_the_field(
    opened, village_cadre, elements, nothing_written
):
    with nothing_written() as refused:
        submissions.save_values(
            user=village_cadre,
            submission=opened,
            values={(None, elements["ditches"].pk): "30", (None, elements["population"].pk): "很多"},
        )
    assert refused.value.message.startswith('Nothing was saved. Please correct: "户籍人口": ')
    assert [p["element_id"] for p in refused.value.problems] == [elements["population"].pk]


def test_every_bad_value_is_reported_at_once_in_chinese(opened, village_cadre, elements, nothing_written):
    with translation.override("zh-hans"), nothing_written() as refused:
        submissions.save_values(
            user=village_cadre,
            submission=opened,
            values={(None, elements["population"].pk): "很多", (None, elements["farmland"].pk): "-3"},
        )
    message = refused.value.message
    assert message.startswith("没有保存任何数据")
    assert "「户籍人口」" in message and "「耕地面积」" in message
    assert len(refused.value.problems) == 2


@pytest.fixture
def secretary_form(make_form, catalog_office, dept_clerk, county_reviewer):
    """A village form asking the Party secretary's ID number and the date of the last election."""
    from qingdan.forms.actions import admission

    ids = dictionary.define_element(user=catalog_office, name="书记身份证号", kind=ElementKind.ID_NUMBER)
    elected = dictionary.define_element(
        user=catalog_office, name="换届日期", kind=ElementKind.DATE, no_future_date=True
    )
    form = make_form(title="村干部信息", element_ids=[ids.pk, elected.pk])
    admission.submit_form(user=dept_clerk, form=form)
    return admission.approve_form(user=county_reviewer, form=form), ids, elected


def test_a_malformed_id_number_or_a_future_date_saves_nothing(
    secretary_form, village, village_cadre, nothing_written
):
    form, ids, elected = secretary_form
    sheet = submissions.open_submission(user=village_cadre, form=form, village=village)
    bad_id = id_number(5)[:17] + ("0" if id_number(5)[17] != "0" else "1")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with translation.override("zh-hans"), nothing_written() as refused:
        submissions.save_values(
            user=village_cadre,
            submission=sheet,
            values={(None, ids.pk): bad_id, (None, elected.pk): tomorrow.isoformat()},
        )
    message = refused.value.message
    assert "「书记身份证号」" in message and "校验" in message
    assert "「换届日期」" in message
    assert bad_id not in message  # an ID number is never repeated in clear
    submissions.save_values(
        user=village_cadre,
        submission=sheet,
        values={(None, ids.pk): id_number(5), (None, elected.pk): "2026/1/5"},
    )
    assert cells(sheet)[(None, "换届日期")] == ("2026-01-05", False)


def test_a_value_for_a_field_or_row_the_form_lacks_is_refused(
    opened, village_cadre, elements, residents, nothing_written
):
    with nothing_written() as refused:
        submissions.save_values(
            user=village_cadre, submission=opened, values={(None, elements["birth"].pk): "1950-01-01"}
        )
    assert refused.value.problems[0]["element_id"] == elements["birth"].pk
    with nothing_written():
        submissions.save_values(
            user=village_cadre,
            submission=opened,
            values={(residents["zhang"].pk, elements["households"].pk): "1"},
        )


def test_resident_values_name_the_resident_when_wrong(
    resident_sheet, village_cadre, elements, residents, nothing_written
):
    with nothing_written() as refused:
        submissions.save_values(
            user=village_cadre,
            submission=resident_sheet,
            values={(residents["li"].pk, elements["work"].pk): "上学"},
        )
    assert refused.value.message.startswith(
        f'Nothing was saved. Please correct: 李四 ({residents["li"].id_masked}), "就业情况": '
    )


def test_a_resident_not_listed_on_the_form_cannot_be_given_values(
    resident_sheet, village_cadre, elements, residents, nothing_written
):
    with nothing_written():
        submissions.save_values(
            user=village_cadre,
            submission=resident_sheet,
            values={(residents["wang"].pk, elements["work"].pk): "务农"},
        )


def test_others_cannot_save_values(opened, elements, dept_clerk, supervisor, outsider, county_reviewer):
    for user in (dept_clerk, supervisor, outsider, county_reviewer):
        with pytest.raises(PermissionDenied):
            submissions.save_values(
                user=user, submission=opened, values={(None, elements["ditches"].pk): "1"}
            )


# ---- adding a resident row ----------------------------------------------------------------------------


def test_a_resident_joins_the_rows_by_id_number_with_what_the_register_knows(
    resident_sheet, village_cadre, residents, elements
):
    registers.set_resident_fact(
        user=village_cadre,
        resident=residents["wang"],
        element=elements["work"],
        value="务农",
        as_of=datetime.date(2025, 1, 1),
    )
    submissions.add_resident_row(user=village_cadre, submission=resident_sheet, who=id_number(3))
    table = submissions.filled(resident_sheet)
    assert [row.name for row in table.rows] == ["张三", "李四", "王五"]
    assert table.values[(residents["wang"].pk, elements["work"].pk)] == ("务农", True)


def test_a_resident_joins_the_rows_by_name(resident_sheet, village_cadre, residents):
    submissions.add_resident_row(user=village_cadre, submission=resident_sheet, who="王五")
    assert [row.name for row in submissions.filled(resident_sheet).rows] == ["张三", "李四", "王五"]


def test_a_resident_not_found_or_already_listed_is_refused(resident_sheet, village_cadre, nothing_written):
    with nothing_written() as refused:
        submissions.add_resident_row(user=village_cadre, submission=resident_sheet, who=id_number(77))
    assert "420102********" in refused.value.message and id_number(77) not in refused.value.message
    with nothing_written() as refused:
        submissions.add_resident_row(user=village_cadre, submission=resident_sheet, who="张三")
    assert refused.value.message == "张三 is already a row of this form."


# ---- submitting ---------------------------------------------------------------------------------------


def test_a_form_with_required_values_missing_cannot_be_submitted(opened, village_cadre, nothing_written):
    with nothing_written() as refused:
        submissions.submit(user=village_cadre, submission=opened)
    assert refused.value.message == (
        'The form cannot be submitted yet. Still empty: "耕地面积" is empty; "本年新修沟渠长度" is empty'
    )


def test_submitting_writes_typed_values_back_to_the_registers_with_history(
    opened, village_cadre, elements, village, dept_clerk, committed
):
    e = elements
    submissions.save_values(
        user=village_cadre,
        submission=opened,
        values={
            (None, e["households"].pk): "121",
            (None, e["farmland"].pk): "1250",
            (None, e["ditches"].pk): "300",
        },
    )
    done = committed(submissions.submit, user=village_cadre, submission=opened)
    assert (done.status, done.submitted_by, done.prefilled_count, done.typed_count) == (
        SubmissionStatus.SUBMITTED,
        village_cadre,
        1,
        3,
    )
    households = VillageFact.objects.filter(village=village, element=e["households"]).order_by("as_of", "id")
    assert [(f.value, f.source) for f in households] == [
        ("120", ValueSource.MANUAL),
        ("121", ValueSource.FORM),
    ]
    assert households.last().as_of == timezone.localdate() and households.last().set_by == village_cadre
    assert VillageFact.objects.get(village=village, element=e["farmland"]).value == "1250"
    assert not VillageFact.objects.filter(element=e["ditches"]).exists()  # no register holds it
    assert (
        register_queries.current_village_facts(village, [e["population"]])[e["population"].pk].value == "450"
    )
    assert AuditEvent.objects.get(action="forms.submit_submission").changes["written_to_registers"] == [
        None,
        2,
    ]
    assert Notification.objects.filter(recipient=dept_clerk, verb="forms.submission_received").exists()


def test_resident_values_flow_back_to_the_residents_register(
    resident_sheet, village_cadre, elements, residents
):
    e, r = elements, residents
    submissions.save_values(
        user=village_cadre,
        submission=resident_sheet,
        values={
            (r["zhang"].pk, e["work"].pk): "无业",
            (r["zhang"].pk, e["visited"].pk): "2026-01-05",
            (r["li"].pk, e["allowance"].pk): "280",
            (r["li"].pk, e["work"].pk): "务农",
            (r["li"].pk, e["visited"].pk): "2026-01-06",
        },
    )
    done = submissions.submit(user=village_cadre, submission=resident_sheet)
    assert (done.prefilled_count, done.typed_count) == (3, 5)
    facts = ResidentFact.objects.filter(source=ValueSource.FORM).order_by("resident__name", "element__name")
    assert sorted((f.resident.name, f.element.name, f.value) for f in facts) == [
        ("张三", "就业情况", "无业"),
        ("李四", "低保金额", "280"),
        ("李四", "就业情况", "务农"),
    ]


def test_a_submitted_form_can_no_longer_be_changed(opened, village_cadre, elements, nothing_written):
    e = elements
    submissions.save_values(
        user=village_cadre,
        submission=opened,
        values={(None, e["farmland"].pk): "1", (None, e["ditches"].pk): "2"},
    )
    submissions.submit(user=village_cadre, submission=opened)
    with nothing_written() as refused:
        submissions.save_values(user=village_cadre, submission=opened, values={(None, e["ditches"].pk): "3"})
    assert "already submitted" in refused.value.message
    with nothing_written():
        submissions.submit(user=village_cadre, submission=opened)


def test_others_cannot_submit(opened, dept_clerk, supervisor, outsider):
    for user in (dept_clerk, supervisor, outsider):
        with pytest.raises(PermissionDenied):
            submissions.submit(user=user, submission=opened)
