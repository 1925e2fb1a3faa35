"""Setting up and revoking coordination bodies under the cap, and recording what they do."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.audit.models import AuditEvent
from qingdan.bodies import actions
from qingdan.bodies.choices import BodyStatus, Permanence
from qingdan.bodies.models import BodyCap, BodyDocument, BodyMeeting, CoordinationBody
from qingdan.bodies.queries import caps_of, handover_rows

from .conftest import active_count, fields, make_bodies

pytestmark = pytest.mark.django_db

REVOKED_ON = datetime.date(2024, 1, 15)


def test_the_catalog_office_sets_up_a_county_body_with_members_and_one_audit_entry(
    catalog_office, county, department, other_department
):
    body = actions.set_up_body(
        user=catalog_office, division=county, members=[department, other_department], **fields(department)
    )
    assert (body.status, body.county, body.division, body.lead_unit) == ("active", county, county, department)
    assert set(body.member_units.all()) == {department, other_department}
    event = AuditEvent.objects.get()
    assert event.action == "bodies.set_up_body" and event.object_id == str(body.pk)
    assert event.changes["name"] == [None, "县防汛抗旱指挥部"]
    assert event.changes["member_units"][1] in ("县农业农村局、县自然资源局", "县自然资源局、县农业农村局")


def test_a_county_without_cap_rows_keeps_25_and_townships_none(county):
    assert caps_of(county) == {"county": 25, "township": 0, "village": 0}


def test_at_the_cap_a_set_up_alone_is_refused_revoke_one_to_set_one(
    catalog_office, county, full_county, body_fields, nothing_written
):
    with nothing_written() as refused:
        actions.set_up_body(user=catalog_office, division=county, **body_fields)
    assert "已达上限" in refused.value.message and "撤一设一" in refused.value.message
    assert "25" in refused.value.message
    assert active_count(county) == 25


def test_revoke_one_set_one_does_both_in_one_act_with_one_audit_entry(
    catalog_office, county, full_county, body_fields
):
    old = full_county[0]
    body = actions.set_up_body(
        user=catalog_office,
        division=county,
        revoke=old,
        revocation_document="测发〔2024〕1号",
        revocation_date=REVOKED_ON,
        **body_fields,
    )
    old.refresh_from_db()
    assert (old.status, old.revocation_document, old.revoked_on) == ("revoked", "测发〔2024〕1号", REVOKED_ON)
    assert body.status == "active"
    assert active_count(county) == 25
    event = AuditEvent.objects.get()
    assert event.action == "bodies.replace_body" and event.object_id == str(body.pk)
    assert event.changes["name"] == [None, "县防汛抗旱指挥部"]
    assert old.name in event.note and "测发〔2024〕1号" in event.note and "2024-01-15" in event.note


def test_when_the_set_up_fails_the_revocation_is_rolled_back_with_it(
    catalog_office, county, department, full_county, body_fields, nothing_written
):
    make_bodies(county, 1, lead_unit=department, start=26)  # an imported ledger above the cap: 26 of 25
    old = full_county[0]
    with nothing_written() as refused:
        actions.set_up_body(
            user=catalog_office,
            division=county,
            revoke=old,
            revocation_document="测发〔2024〕1号",
            revocation_date=REVOKED_ON,
            **body_fields,
        )
    assert "撤销" in refused.value.message and old.name in refused.value.message
    old.refresh_from_db()
    assert old.status == "active" and old.revocation_document == ""


def test_a_namesake_after_the_revocation_undoes_the_revocation_too(
    catalog_office, county, full_county, department, nothing_written
):
    old, namesake = full_county[0], full_county[1]
    with nothing_written() as refused:
        actions.set_up_body(
            user=catalog_office,
            division=county,
            revoke=old,
            revocation_document="测发〔2024〕1号",
            revocation_date=REVOKED_ON,
            **fields(department, name=f"测试县{namesake.name}"),  # the same name with the county's in front
        )
    assert "同名" in refused.value.message and namesake.name in refused.value.message
    assert CoordinationBody.objects.get(pk=old.pk).status == "active"


def test_a_body_may_be_set_up_again_under_the_name_of_the_one_it_replaces(
    catalog_office, county, full_county, department
):
    old = full_county[0]
    body = actions.set_up_body(
        user=catalog_office,
        division=county,
        revoke=old,
        revocation_document="测发〔2024〕2号",
        revocation_date=REVOKED_ON,
        **fields(department, name=old.name),
    )
    assert body.name == old.name and active_count(county) == 25


def test_revoke_one_set_one_needs_the_revocation_document(
    catalog_office, county, full_county, body_fields, nothing_written
):
    with nothing_written() as refused:
        actions.set_up_body(
            user=catalog_office,
            division=county,
            revoke=full_county[0],
            revocation_document=" ",
            revocation_date=REVOKED_ON,
            **body_fields,
        )
    assert "撤销文件" in refused.value.message


def test_a_body_of_another_division_cannot_be_revoked_to_make_room(
    catalog_office, county, full_county, township_body, body_fields, nothing_written
):
    with nothing_written() as refused:
        actions.set_up_body(
            user=catalog_office,
            division=county,
            revoke=township_body,
            revocation_document="测发〔2024〕1号",
            revocation_date=REVOKED_ON,
            **body_fields,
        )
    assert "甲镇" in refused.value.message


@pytest.mark.parametrize("place", ["township", "village"])
def test_a_township_or_village_cannot_set_up_a_body_at_all(
    request, place, catalog_office, body_fields, nothing_written
):
    division = request.getfixturevalue(place)
    with nothing_written() as refused:
        actions.set_up_body(user=catalog_office, division=division, **body_fields)
    assert division.name in refused.value.message and "上限为 0" in refused.value.message


def test_a_township_may_keep_bodies_once_the_county_raises_its_cap(
    catalog_office, county, township, other_township, body_fields
):
    actions.set_cap(user=catalog_office, county=county, level="township", cap=1)
    actions.set_up_body(user=catalog_office, division=township, **body_fields)
    actions.set_up_body(user=catalog_office, division=other_township, **body_fields)  # each township one
    assert active_count(township) == 1 and active_count(other_township) == 1
    with pytest.raises(actions.ActionRefused):
        actions.set_up_body(
            user=catalog_office, division=township, **fields(body_fields["lead_unit"], name="另一个")
        )


def test_an_end_date_before_the_start_is_refused(catalog_office, county, department, nothing_written):
    with nothing_written() as refused:
        actions.set_up_body(
            user=catalog_office,
            division=county,
            **fields(department, permanence=Permanence.TEMPORARY, ends_on=datetime.date(2018, 12, 31)),
        )
    assert refused.value.message == "结束时间（2018-12-31）早于设立时间（2019-03-01）。"


def test_a_temporary_body_needs_an_end_date(catalog_office, county, department, nothing_written):
    with nothing_written() as refused:
        actions.set_up_body(
            user=catalog_office, division=county, **fields(department, permanence=Permanence.TEMPORARY)
        )
    assert "临时" in refused.value.message and "结束时间" in refused.value.message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"name": "  "}, "名称"),
        ({"basis_class": ""}, "保留依据类别"),
        ({"basis": ""}, "依据"),
        ({"lead_unit": None}, "牵头单位"),
        ({"set_up_document": ""}, "设立文件"),
        ({"set_up_on": datetime.date(2999, 1, 1)}, "晚于今天"),
        ({"kind": "council"}, "类型"),
    ],
)
def test_a_set_up_missing_a_particular_names_it(
    catalog_office, county, department, change, expected, nothing_written
):
    with nothing_written() as refused:
        actions.set_up_body(user=catalog_office, division=county, **fields(department, **change))
    assert expected in refused.value.message


def test_a_lead_unit_of_another_county_is_refused(catalog_office, county, stranger, nothing_written):
    with nothing_written() as refused:
        actions.set_up_body(user=catalog_office, division=county, **fields(stranger.unit))
    assert "邻县县委编办" in refused.value.message


def test_a_revocation_needs_a_document_and_a_date(catalog_office, county_body, nothing_written):
    with nothing_written() as refused:
        actions.revoke_body(user=catalog_office, body=county_body, document="", revoked_on=REVOKED_ON)
    assert refused.value.message == "撤销县防汛抗旱指挥部须填写撤销文件的文号。"
    with nothing_written() as refused:
        actions.revoke_body(
            user=catalog_office, body=county_body, document="测发〔2024〕3号", revoked_on=None
        )
    assert "撤销时间" in refused.value.message


def test_a_revocation_dated_before_the_set_up_is_refused(catalog_office, county_body, nothing_written):
    with nothing_written() as refused:
        actions.revoke_body(
            user=catalog_office,
            body=county_body,
            document="测发〔2018〕3号",
            revoked_on=datetime.date(2018, 1, 1),
        )
    assert "早于" in refused.value.message


def test_revoking_a_body_records_the_document_once(catalog_office, county_body, nothing_written):
    body = actions.revoke_body(
        user=catalog_office, body=county_body, document="测发〔2024〕3号", revoked_on=REVOKED_ON
    )
    assert (body.status, body.revoked_on) == ("revoked", REVOKED_ON)
    assert AuditEvent.objects.filter(action="bodies.revoke_body").count() == 1
    with nothing_written() as refused:
        actions.revoke_body(user=catalog_office, body=body, document="测发〔2024〕4号", revoked_on=REVOKED_ON)
    assert "已撤销" in refused.value.message


def test_a_lower_cap_stops_new_set_ups_until_enough_are_revoked(
    catalog_office, county, department, body_fields
):
    make_bodies(county, 3, lead_unit=department)
    cap = actions.set_cap(user=catalog_office, county=county, level="county", cap=3)
    assert cap.cap == 3 and BodyCap.objects.get(county=county, level="county").cap == 3
    with pytest.raises(actions.ActionRefused):
        actions.set_up_body(user=catalog_office, division=county, **body_fields)
    event = AuditEvent.objects.get(action="bodies.set_cap")
    assert event.changes["cap"] == [25, 3]


@pytest.mark.parametrize("bad", [-1, 501, "3", True])
def test_a_cap_must_be_a_whole_number_in_range(catalog_office, county, bad, nothing_written):
    with nothing_written():
        actions.set_cap(user=catalog_office, county=county, level="county", cap=bad)


def test_only_the_catalog_office_sets_up_revokes_or_caps(
    supervisor, dept_clerk, township_dispatcher, county, county_body, body_fields
):
    for user in (supervisor, dept_clerk, township_dispatcher):
        with pytest.raises(PermissionDenied):
            actions.set_up_body(user=user, division=county, **body_fields)
        with pytest.raises(PermissionDenied):
            actions.revoke_body(user=user, body=county_body, document="x", revoked_on=REVOKED_ON)
        with pytest.raises(PermissionDenied):
            actions.set_cap(user=user, county=county, level="county", cap=30)
        with pytest.raises(PermissionDenied):
            actions.update_body(user=user, body=county_body, name="改名")


def test_another_countys_catalog_office_cannot_touch_this_county(stranger, county, county_body, body_fields):
    with pytest.raises(PermissionDenied):
        actions.set_up_body(user=stranger, division=county, **body_fields)
    with pytest.raises(PermissionDenied):
        actions.revoke_body(user=stranger, body=county_body, document="x", revoked_on=REVOKED_ON)


def test_updating_a_body_changes_its_particulars_and_members_in_the_trail(
    catalog_office, county_body, department
):
    body = actions.update_body(
        user=catalog_office, body=county_body, leader="县委副书记、县长", members=[department]
    )
    assert body.leader == "县委副书记、县长"
    assert list(body.member_units.all()) == [department]
    event = AuditEvent.objects.get(action="bodies.update_body")
    assert event.changes["leader"] == ["县长", "县委副书记、县长"]
    assert "member_units" in event.changes


def test_an_update_that_changes_nothing_writes_no_audit_entry(catalog_office, county_body):
    actions.update_body(user=catalog_office, body=county_body, leader="县长")
    assert not AuditEvent.objects.filter(action="bodies.update_body").exists()


def test_an_update_to_an_end_date_before_the_start_is_refused(catalog_office, county_body, nothing_written):
    with nothing_written() as refused:
        actions.update_body(user=catalog_office, body=county_body, ends_on=datetime.date(2000, 1, 1))
    assert "早于设立时间" in refused.value.message


# --- meetings and documents ----------------------------------------------------------------------


def test_a_clerk_of_the_lead_unit_records_meetings_and_documents(dept_clerk, county_body):
    meeting = actions.record_meeting(
        user=dept_clerk,
        body=county_body,
        held_on=datetime.date(2024, 5, 10),
        topic="部署汛前检查",
        attendees_count=23,
        attendees="各成员单位分管负责人",
    )
    document = actions.record_document(
        user=dept_clerk,
        body=county_body,
        number="测防指发〔2024〕1号",
        title="关于做好2024年防汛工作的通知",
        issued_on=datetime.date(2024, 5, 12),
    )
    assert (meeting.county, meeting.attendees_count) == (county_body.county, 23)
    assert document.recorded_by == dept_clerk
    actions_written = list(AuditEvent.objects.filter(actor=dept_clerk).values_list("action", flat=True))
    assert sorted(actions_written) == ["bodies.record_document", "bodies.record_meeting"]


def test_a_clerk_of_another_unit_may_not_record_for_the_body(county_body, other_department):
    from qingdan.orgs.choices import Role
    from qingdan.testing import make_user

    clerk = make_user("ziran", Role.DEPT_CLERK, other_department)
    with pytest.raises(PermissionDenied):
        actions.record_meeting(user=clerk, body=county_body, held_on=datetime.date(2024, 5, 10), topic="会")
    assert not BodyMeeting.objects.exists()


def test_a_township_office_records_its_own_bodies_only(township_dispatcher, township_body, county_body):
    actions.record_meeting(
        user=township_dispatcher, body=township_body, held_on=datetime.date(2023, 6, 1), topic="秋粮收储"
    )
    with pytest.raises(PermissionDenied):
        actions.record_meeting(
            user=township_dispatcher, body=county_body, held_on=datetime.date(2023, 6, 1), topic="会"
        )


def test_a_supervisor_records_nothing(supervisor, county_body):
    with pytest.raises(PermissionDenied):
        actions.record_document(
            user=supervisor, body=county_body, number="1", title="t", issued_on=datetime.date(2024, 1, 1)
        )


def test_a_meeting_outside_the_bodys_life_is_refused(catalog_office, county_body, nothing_written):
    with nothing_written() as refused:
        actions.record_meeting(
            user=catalog_office, body=county_body, held_on=datetime.date(2018, 1, 1), topic="成立前"
        )
    assert "早于" in refused.value.message
    actions.revoke_body(
        user=catalog_office, body=county_body, document="测发〔2024〕3号", revoked_on=REVOKED_ON
    )
    county_body.refresh_from_db()
    with nothing_written() as refused:
        actions.record_document(
            user=catalog_office,
            body=county_body,
            number="后1",
            title="撤销后",
            issued_on=datetime.date(2024, 2, 1),
        )
    assert "撤销" in refused.value.message


def test_a_document_number_is_recorded_once_per_body(catalog_office, county_body, nothing_written):
    args = {"number": "测防指发〔2024〕1号", "title": "通知", "issued_on": datetime.date(2024, 5, 12)}
    actions.record_document(user=catalog_office, body=county_body, **args)
    with nothing_written() as refused:
        actions.record_document(user=catalog_office, body=county_body, **args)
    assert "已登记" in refused.value.message
    assert BodyDocument.objects.count() == 1


def test_minutes_are_stored_when_they_are_what_they_claim(catalog_office, county_body, media_root):
    pdf = SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    meeting = actions.record_meeting(
        user=catalog_office, body=county_body, held_on=datetime.date(2024, 5, 10), topic="汛前", minutes=pdf
    )
    assert meeting.minutes_name == "会议纪要.pdf"
    assert (media_root / meeting.minutes.name).read_bytes() == b"%PDF-1.4 minutes"


def test_minutes_that_are_not_what_they_claim_leave_nothing(catalog_office, county_body, nothing_written):
    fake = SimpleUploadedFile("纪要.pdf", b"PK\x03\x04 not a pdf", content_type="application/pdf")
    with nothing_written():
        actions.record_meeting(
            user=catalog_office,
            body=county_body,
            held_on=datetime.date(2024, 5, 10),
            topic="汛前",
            minutes=fake,
        )


# --- the handover ---------------------------------------------------------------------------------


def test_the_handover_suggests_checklist_rows_from_the_last_years_meetings_and_documents(
    catalog_office, county_body, department
):
    actions.record_meeting(
        user=catalog_office, body=county_body, held_on=datetime.date(2022, 5, 1), topic="太早的会议"
    )
    actions.record_meeting(
        user=catalog_office, body=county_body, held_on=datetime.date(2023, 6, 1), topic="部署汛前隐患排查"
    )
    actions.record_document(
        user=catalog_office,
        body=county_body,
        number="测防指发〔2023〕4号",
        title="关于加强山洪灾害防御的通知",
        issued_on=datetime.date(2023, 7, 2),
    )
    body = actions.revoke_body(
        user=catalog_office, body=county_body, document="测发〔2024〕3号", revoked_on=REVOKED_ON
    )
    rows = handover_rows(body)
    assert [row.task for row in rows] == ["关于加强山洪灾害防御的通知", "部署汛前隐患排查"]
    assert {row.area for row in rows} == {"防汛抗旱"}
    assert all(row.lead_unit == department and row.lead_unit_name == "县农业农村局" for row in rows)
    assert "测防指发〔2023〕4号" in rows[0].measures and "测防指发〔2023〕4号" in rows[0].source


def test_a_body_that_recorded_nothing_hands_over_one_general_row(county_body):
    [row] = handover_rows(county_body, today=datetime.date(2024, 1, 1))
    assert row.task == "承接原县防汛抗旱指挥部的统筹协调工作"
    assert row.area == "防汛抗旱" and row.measures == ""


def test_revoked_bodies_stay_in_the_register(catalog_office, county_body):
    actions.revoke_body(
        user=catalog_office, body=county_body, document="测发〔2024〕3号", revoked_on=REVOKED_ON
    )
    assert CoordinationBody.objects.filter(status=BodyStatus.REVOKED).count() == 1


def test_the_audit_trail_reads_body_changes_in_chinese(catalog_office, county, full_county, body_fields):
    from qingdan.audit.queries import row_of

    actions.set_up_body(
        user=catalog_office,
        division=county,
        revoke=full_county[0],
        revocation_document="测发〔2024〕1号",
        revocation_date=REVOKED_ON,
        **body_fields,
    )
    row = row_of(AuditEvent.objects.get())
    assert row.action == "撤一设一：撤销一个议事协调机构并设立新机构"
    assert row.object_type == "议事协调机构"
    changes = {change.field: change.new for change in row.changes}
    assert changes["名称"] == "县防汛抗旱指挥部" and changes["类型"] == "指挥部" and changes["状态"] == "在册"
