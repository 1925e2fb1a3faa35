"""Townships and villages complain about demands on or around the platform; the reviewer handles them."""

import pytest

from qingdan.admission import actions
from qingdan.admission.choices import ComplaintStatus
from qingdan.audit.models import AuditEvent
from qingdan.testing import in_days

pytestmark = pytest.mark.usefixtures("english")

BYPASS_TEXT = "要求村(社区)作为责任主体开展环境整治执法工作"  # r008


def bypass(user, **overrides):
    fields = {
        "kind": "bypass",
        "what": BYPASS_TEXT,
        "against_name": "县城管局某科室",
        "happened_on": in_days(-3),
        "channel": "phone",
    }
    return actions.file_complaint(user=user, **{**fields, **overrides})


def test_a_village_complains_about_a_phone_demand_that_bypassed_the_platform(
    village_cadre, village, county, other_department
):
    complaint = bypass(village_cadre, against_unit=other_department, against_name="")
    assert (complaint.division, complaint.county, complaint.filed_by) == (village, county, village_cadre)
    assert (complaint.kind, complaint.channel, complaint.status) == ("bypass", "phone", ComplaintStatus.OPEN)
    assert complaint.against_unit == other_department and complaint.order is None
    event = AuditEvent.objects.get(action="admission.file_complaint")
    assert event.division == village and event.changes["against"] == [None, "县自然资源局"]


def test_a_bypass_complaint_may_name_a_person_instead_of_a_department(township_dispatcher, township):
    complaint = bypass(township_dispatcher)
    assert complaint.against_name == "县城管局某科室" and complaint.division == township


def test_a_bypass_complaint_must_say_who_and_how(village_cadre, nothing_written):
    with nothing_written() as refused:
        bypass(village_cadre, against_name="")
    assert "Say who made the demand" in refused.value.message
    with nothing_written() as refused:
        bypass(village_cadre, channel="")
    assert "Say how the demand was made" in refused.value.message


def test_a_demand_cannot_have_been_made_tomorrow(village_cadre, nothing_written):
    with nothing_written():
        bypass(village_cadre, happened_on=in_days(1))


def test_a_complaint_needs_its_text(village_cadre, nothing_written):
    with nothing_written() as refused:
        bypass(village_cadre, what="")
    assert refused.value.message == "What was demanded is empty."


def test_a_bypass_complaint_cannot_name_another_countys_department(village_cadre, nothing_written):
    from qingdan.orgs.choices import DivisionKind, Level, UnitKind
    from qingdan.orgs.models import Division, Unit

    elsewhere = Division.objects.create(
        code="110101000000", name="东城区", level=Level.COUNTY, kind=DivisionKind.COUNTY
    )
    far = Unit.objects.create(
        name="东城区城管委", kind=UnitKind.DEPARTMENT, division=elsewhere, county=elsewhere
    )
    with nothing_written() as refused:
        bypass(village_cadre, against_unit=far)
    assert refused.value.message == "东城区城管委 is not a department of your county."


def test_a_complaint_about_an_order_is_against_its_department(
    dispatched, village_cadre, department, approved
):
    complaint = actions.file_complaint(
        user=village_cadre, kind="support_missing", what="承诺的疫苗没有送到", order=approved
    )
    assert complaint.against_unit == department and complaint.order == approved and complaint.channel == ""


def test_a_complaint_about_an_order_needs_the_order(village_cadre, nothing_written):
    with nothing_written() as refused:
        actions.file_complaint(user=village_cadre, kind="over_list", what="超出清单")
    assert refused.value.message == "Say which work order the complaint is about."


def test_a_village_cannot_complain_about_an_order_that_never_reached_it(
    dispatched, approved, outsider, nothing_written
):
    with nothing_written() as refused:
        actions.file_complaint(user=outsider, kind="over_list", what="超出清单", order=approved)
    assert "did not reach you" in refused.value.message


def test_an_unknown_kind_of_complaint_is_refused(village_cadre, nothing_written):
    with nothing_written():
        actions.file_complaint(user=village_cadre, kind="grumble", what="x")


def test_the_reviewer_upholds_a_complaint_and_records_the_outcome(village_cadre, county_reviewer):
    complaint = bypass(village_cadre)
    handled = actions.handle_complaint(
        user=county_reviewer, complaint=complaint, upheld=True, outcome="已约谈县城管局,责令停止"
    )
    assert handled.status == ComplaintStatus.UPHELD and handled.handled_by == county_reviewer
    assert handled.outcome == "已约谈县城管局,责令停止" and handled.handled_at is not None


def test_a_complaint_is_handled_once_and_needs_an_outcome(village_cadre, county_reviewer, nothing_written):
    complaint = bypass(village_cadre)
    with nothing_written():
        actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=False, outcome=" ")
    actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=False, outcome="经核实不属实")
    with nothing_written() as refused:
        actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=True, outcome="改判")
    assert refused.value.message == "This complaint was already handled."
