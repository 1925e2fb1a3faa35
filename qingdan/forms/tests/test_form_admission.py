"""Form admission: a department requests a form; the reviewer approves, returns, refuses or merges it.
No form reaches a village unapproved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qingdan import access
from qingdan.audit.models import AuditEvent
from qingdan.forms.actions import admission
from qingdan.forms.choices import FormStatus, FormStep, RowsKind
from qingdan.forms.models import FormRequest
from qingdan.notifications.models import Notification
from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Division, Unit
from qingdan.testing import in_days, make_user

pytestmark = pytest.mark.usefixtures("english")


def verbs(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("verb", flat=True))


def steps(form) -> list[str]:
    return list(form.history.values_list("step", flat=True))


@pytest.fixture
def submitted(make_form, dept_clerk):
    return admission.submit_form(user=dept_clerk, form=make_form())


def village_sees(user, form) -> bool:
    return access.visible(FormRequest.objects.filter(pk=form.pk), user).exists()


# ---- the department drafts and submits ----------------------------------------------------------------


def test_a_clerk_drafts_a_request_with_its_fields_in_order(make_form, elements, dept_clerk, village):
    form = make_form(
        element_ids=[elements["ditches"].pk, elements["households"].pk],
        optional_element_ids=[elements["ditches"].pk],
    )
    assert (form.status, form.department, form.county) == (FormStatus.DRAFT, dept_clerk.unit, village.county)
    assert [(f.element.name, f.position, f.required) for f in form.fields.order_by("position")] == [
        ("本年新修沟渠长度", 1, False),
        ("户数", 2, True),
    ]
    assert list(form.targets.all()) == [village]
    event = AuditEvent.objects.get(action="forms.create_form")
    assert event.changes["fields"] == [None, "本年新修沟渠长度、户数"]


def test_a_township_target_stands_for_all_its_villages(make_form, township, village, community):
    form = make_form(villages=[township])
    assert list(form.targets.order_by("code")) == [village, community]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "The title is empty."),
        (
            {"deadline": datetime.date(2020, 1, 1)},
            "The deadline 2020-01-01 is in the past; choose today or a later day.",
        ),
        ({"element_ids": []}, "A form needs at least one field."),
        ({"element_ids": [999999]}, "Unknown data element: 999999."),
        ({"frequency": "daily"}, "Unknown frequency: daily."),
        ({"rows_kind": "households"}, "Unknown kind of rows: households."),
    ],
)
def test_a_bad_request_is_refused_naming_what_is_wrong(make_form, nothing_written, overrides, message):
    with nothing_written() as refused:
        make_form(**overrides)
    assert refused.value.message == message


def test_fields_must_fit_the_rows(make_form, elements, nothing_written):
    with nothing_written() as refused:
        make_form(element_ids=[elements["birth"].pk])
    assert (
        refused.value.message
        == "出生日期 is held per resident; ask for it in a form with one row per resident."
    )
    with nothing_written() as refused:
        make_form(rows_kind=RowsKind.RESIDENTS, element_ids=[elements["population"].pk])
    assert "is a village figure" in refused.value.message


def test_a_form_goes_only_to_villages_of_its_own_county(make_form, nothing_written):
    city = Division.objects.get(code="429900000000")
    other = Division.objects.create(
        code="429902000000", name="邻县", level="county", kind="county", parent=city
    )
    far = Division.objects.create(
        code="429902100001", name="邻村", level="village", kind="village", parent=other, county=other
    )
    with nothing_written() as refused:
        make_form(villages=[far])
    assert "邻村 is not a township or village of 测试县" in refused.value.message


@pytest.mark.parametrize("persona", ["village_cadre", "county_reviewer", "catalog_office", "supervisor"])
def test_only_department_clerks_request_forms(request, make_form, persona):
    with pytest.raises(PermissionDenied):
        make_form(user=request.getfixturevalue(persona))


def test_the_clerk_changes_a_draft_and_the_trail_says_what_changed(make_form, dept_clerk, elements):
    form = make_form()
    admission.update_form(
        user=dept_clerk, form=form, title="农业基本情况", element_ids=[elements["farmland"].pk]
    )
    form.refresh_from_db()
    assert form.title == "农业基本情况"
    assert list(form.fields.values_list("element__name", flat=True)) == ["耕地面积"]
    changes = AuditEvent.objects.get(action="forms.update_form").changes
    assert changes["title"] == ["农业生产基本情况", "农业基本情况"]
    assert changes["fields"] == ["户数、户籍人口、耕地面积、本年新修沟渠长度", "耕地面积"]


def test_another_department_cannot_touch_the_request(make_form, other_department):
    form = make_form()
    other_clerk = make_user("ziranziyuan", Role.DEPT_CLERK, other_department)
    with pytest.raises(PermissionDenied):
        admission.update_form(user=other_clerk, form=form, title="改")
    with pytest.raises(PermissionDenied):
        admission.submit_form(user=other_clerk, form=form)


def test_submitting_sends_the_request_to_the_reviewer(make_form, dept_clerk, county_reviewer, committed):
    form = committed(admission.submit_form, user=dept_clerk, form=make_form())
    assert form.status == FormStatus.SUBMITTED
    assert steps(form) == [FormStep.SUBMIT]
    assert verbs(county_reviewer) == ["forms.form_submitted"]


def test_a_submitted_request_can_no_longer_be_changed(submitted, dept_clerk, nothing_written):
    with nothing_written() as refused:
        admission.update_form(user=dept_clerk, form=submitted, title="改")
    assert refused.value.message == "This form request can no longer be changed; it is awaiting review."
    with nothing_written():
        admission.submit_form(user=dept_clerk, form=submitted)


def test_no_form_reaches_a_village_before_approval(submitted, village_cadre, county_reviewer, outsider):
    assert not village_sees(village_cadre, submitted)
    admission.approve_form(user=county_reviewer, form=submitted)
    assert village_sees(village_cadre, submitted)
    assert not village_sees(outsider, submitted)


# ---- the reviewer decides -----------------------------------------------------------------------------


def test_approving_tells_the_clerk_and_the_villages(
    submitted, county_reviewer, dept_clerk, village_cadre, outsider, committed
):
    form = committed(admission.approve_form, user=county_reviewer, form=submitted, note="字段均为必需")
    assert form.status == FormStatus.APPROVED and form.approved_at is not None
    assert steps(form) == [FormStep.SUBMIT, FormStep.APPROVE]
    assert form.history.last().reason == "字段均为必需"
    assert verbs(dept_clerk) == ["forms.form_approved"]
    assert verbs(village_cadre) == ["forms.form_to_fill"]
    assert verbs(outsider) == []
    assert AuditEvent.objects.get(action="forms.approve_form").changes["status"] == ["submitted", "approved"]


def test_a_returned_request_is_clarified_and_resubmitted_with_its_history(
    submitted, county_reviewer, dept_clerk, committed
):
    committed(admission.return_form, user=county_reviewer, form=submitted, reason="请说明填报口径")
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.RETURNED
    assert verbs(dept_clerk) == ["forms.form_returned"]
    admission.update_form(user=dept_clerk, form=submitted, purpose="按年末口径统计")
    admission.submit_form(user=dept_clerk, form=submitted)
    assert steps(submitted) == [FormStep.SUBMIT, FormStep.RETURN, FormStep.SUBMIT]


def test_a_refused_request_never_reaches_a_village_and_cannot_come_back(
    submitted, county_reviewer, dept_clerk, village_cadre, nothing_written, committed
):
    committed(admission.refuse_form, user=county_reviewer, form=submitted, reason="与已有报表重复")
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.REFUSED
    assert verbs(dept_clerk) == ["forms.form_refused"]
    assert not village_sees(village_cadre, submitted)
    with nothing_written() as refused:
        admission.submit_form(user=dept_clerk, form=submitted)
    assert refused.value.message == "This form request cannot be submitted; it is refused."


def test_returning_and_refusing_need_a_reason(submitted, county_reviewer, nothing_written):
    with nothing_written() as refused:
        admission.return_form(user=county_reviewer, form=submitted, reason="")
    assert refused.value.message == "The reason for returning is empty."
    with nothing_written() as refused:
        admission.refuse_form(user=county_reviewer, form=submitted, reason=" ")
    assert refused.value.message == "The reason for refusing is empty."


@pytest.mark.parametrize(
    "persona", ["dept_clerk", "catalog_office", "supervisor", "village_cadre", "outsider"]
)
def test_only_the_reviewer_decides(request, submitted, persona):
    user = request.getfixturevalue(persona)
    for decide in (admission.approve_form, admission.refuse_form, admission.return_form):
        kwargs = {} if decide is admission.approve_form else {"reason": "不行"}
        with pytest.raises(PermissionDenied):
            decide(user=user, form=submitted, **kwargs)


def test_a_reviewer_of_another_county_cannot_decide(submitted):
    other = Division.objects.create(code="429902000000", name="邻县", level="county", kind="county")
    unit = Unit.objects.create(name="邻县社会工作部", kind=UnitKind.OFFICE, division=other, county=other)
    with pytest.raises(PermissionDenied):
        admission.approve_form(user=make_user("linxian", Role.REVIEWER, unit), form=submitted)


def test_a_draft_or_decided_request_cannot_be_decided(make_form, submitted, county_reviewer, nothing_written):
    draft = make_form(title="草稿")
    with nothing_written() as refused:
        admission.approve_form(user=county_reviewer, form=draft)
    assert refused.value.message == "This form request is not awaiting review any more; it is draft."
    admission.approve_form(user=county_reviewer, form=submitted)
    with nothing_written():
        admission.refuse_form(user=county_reviewer, form=submitted, reason="重复")


# ---- merging ------------------------------------------------------------------------------------------


@pytest.fixture
def other_clerk(other_department):
    return make_user("ziranziyuan", Role.DEPT_CLERK, other_department)


@pytest.fixture
def overlapping(other_clerk, elements, other_village, make_form):
    """县自然资源局 asks 乙村 for figures 县农业农村局's approved form mostly asks already."""
    form = make_form(
        user=other_clerk,
        villages=[other_village],
        title="耕地保护情况",
        element_ids=[elements["farmland"].pk, elements["households"].pk, elements["ditches"].pk],
    )
    form.fields.filter(element=elements["ditches"]).update(required=False)
    return admission.submit_form(user=other_clerk, form=form)


def test_merging_adds_the_missing_fields_and_villages_to_the_approved_form(
    overlapping,
    village_form,
    county_reviewer,
    other_clerk,
    dept_clerk,
    village_cadre,
    outsider,
    other_village,
    committed,
):
    village_form.fields.filter(element__name="本年新修沟渠长度").delete()
    merged = committed(
        admission.merge_form, user=county_reviewer, form=overlapping, into=village_form, reason="与农业表重复"
    )
    assert (merged.status, merged.merged_into) == (FormStatus.MERGED, village_form)
    assert [(f.element.name, f.position, f.required) for f in village_form.fields.order_by("position")] == [
        ("户数", 1, True),
        ("户籍人口", 2, True),
        ("耕地面积", 3, True),
        ("本年新修沟渠长度", 4, False),
    ]
    assert other_village in village_form.targets.all()
    assert steps(merged) == [FormStep.SUBMIT, FormStep.MERGE]
    assert steps(village_form) == [FormStep.SUBMIT, FormStep.APPROVE, FormStep.MERGE]
    assert "耕地保护情况" in village_form.history.last().reason
    assert verbs(other_clerk) == ["forms.form_merged"]
    assert "forms.form_grown" in verbs(dept_clerk)
    assert verbs(outsider) == ["forms.form_to_fill"]  # 乙村 now fills the merged form
    assert village_sees(outsider, village_form) and not village_sees(outsider, merged)
    grown = AuditEvent.objects.get(action="forms.grow_form")
    assert grown.changes["fields_added"] == [None, "本年新修沟渠长度"]


def test_a_request_merges_only_into_an_approved_form_with_the_same_rows(
    overlapping, make_form, county_reviewer, dept_clerk, elements, nothing_written
):
    draft = make_form(title="草稿")
    with nothing_written() as refused:
        admission.merge_form(user=county_reviewer, form=overlapping, into=draft, reason="重复")
    assert "another approved form" in refused.value.message
    residents = make_form(
        title="居民表", rows_kind=RowsKind.RESIDENTS, element_ids=[elements["birth"].pk], deadline=in_days(5)
    )
    admission.submit_form(user=dept_clerk, form=residents)
    admission.approve_form(user=county_reviewer, form=residents)
    with nothing_written() as refused:
        admission.merge_form(user=county_reviewer, form=overlapping, into=residents, reason="重复")
    assert "merge only into a form with the same rows" in refused.value.message


def test_merging_needs_the_reviewer_and_a_reason(
    overlapping, village_form, dept_clerk, county_reviewer, nothing_written
):
    with pytest.raises(PermissionDenied):
        admission.merge_form(user=dept_clerk, form=overlapping, into=village_form, reason="重复")
    with nothing_written() as refused:
        admission.merge_form(user=county_reviewer, form=overlapping, into=village_form, reason="")
    assert refused.value.message == "The reason for merging is empty."


def test_the_deadline_is_checked_again_on_submission(make_form, dept_clerk, nothing_written):
    form = make_form()
    FormRequest.objects.filter(pk=form.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    form.refresh_from_db()
    with nothing_written() as refused:
        admission.submit_form(user=dept_clerk, form=form)
    assert "is in the past" in refused.value.message
