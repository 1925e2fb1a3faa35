"""The data dictionary: departments propose elements; the catalog office approves, maps or rejects them."""

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.forms.actions import admission, dictionary
from qingdan.forms.choices import ElementKind, ElementStatus, FormStatus, Register
from qingdan.forms.models import DataElement
from qingdan.notifications.models import Notification
from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Division, Unit
from qingdan.testing import make_user

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def proposal(dept_clerk, catalog_office):
    return dictionary.propose_element(
        user=dept_clerk, name="家庭农场数量", kind=ElementKind.INTEGER, unit="个", register=Register.VILLAGE
    )


def test_a_department_proposes_an_element_under_a_provisional_code_and_the_office_hears_of_it(
    dept_clerk, catalog_office, committed
):
    element = committed(
        dictionary.propose_element,
        user=dept_clerk,
        name="家庭农场数量",
        kind=ElementKind.INTEGER,
        unit="个",
        register=Register.VILLAGE,
        min_value=0,
    )
    assert (element.status, element.code, element.proposed_by) == (
        ElementStatus.PROPOSED,
        "P0001",
        dept_clerk.unit,
    )
    assert element.county == dept_clerk.unit.county
    assert AuditEvent.objects.filter(action="forms.propose_element", object_id=str(element.pk)).exists()
    assert Notification.objects.filter(recipient=catalog_office, verb="forms.element_proposed").count() == 1


def test_id_numbers_and_phones_are_always_personal(dept_clerk, catalog_office):
    element = dictionary.propose_element(user=dept_clerk, name="监护人电话", kind=ElementKind.PHONE)
    assert element.is_personal


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "  "}, "The element name is empty."),
        ({"kind": "colour"}, "Unknown element type: colour."),
        ({"register": "elsewhere"}, "Unknown register: elsewhere."),
        ({"kind": ElementKind.CHOICE, "choices": ["是"]}, "A choice element needs at least two options."),
        ({"min_value": 10, "max_value": 1}, "The minimum 10 is above the maximum 1."),
        ({"min_value": "many"}, "The minimum must be a number."),
        (
            {"name": "户籍人口"},
            "The dictionary already has an element named 户籍人口 (code E0002); use that one.",
        ),
    ],
)
def test_a_bad_proposal_is_refused_with_a_message_naming_what_is_wrong(
    dept_clerk, elements, nothing_written, fields, message
):
    given = {"name": "家庭农场数量", "kind": ElementKind.INTEGER, **fields}
    with nothing_written() as refused:
        dictionary.propose_element(user=dept_clerk, **given)
    assert refused.value.message == message


def test_refusals_are_in_chinese(dept_clerk, nothing_written):
    from django.utils import translation

    with translation.override("zh-hans"), nothing_written() as refused:
        dictionary.propose_element(user=dept_clerk, name="", kind=ElementKind.TEXT)
    assert "为空" in refused.value.message


@pytest.mark.parametrize("persona", ["village_cadre", "county_reviewer", "supervisor", "township_dispatcher"])
def test_only_departments_and_the_office_propose(request, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        dictionary.propose_element(user=user, name="家庭农场数量", kind=ElementKind.INTEGER)


def test_the_office_approves_a_proposal_under_a_code_and_the_department_hears_of_it(
    proposal, catalog_office, dept_clerk, committed
):
    element = committed(dictionary.approve_element, user=catalog_office, element=proposal, code="NY.001")
    assert (element.status, element.code) == (ElementStatus.APPROVED, "NY.001")
    assert Notification.objects.filter(recipient=dept_clerk, verb="forms.element_approved").exists()
    event = AuditEvent.objects.get(action="forms.approve_element")
    assert event.changes["code"] == ["P0001", "NY.001"]


def test_approval_without_a_code_gives_the_next_free_one(proposal, catalog_office, elements):
    element = dictionary.approve_element(user=catalog_office, element=proposal)
    assert element.code == f"E{len(elements) + 1:04d}"


def test_a_code_in_use_or_malformed_is_refused(proposal, catalog_office, elements, nothing_written):
    with nothing_written() as refused:
        dictionary.approve_element(user=catalog_office, element=proposal, code=elements["population"].code)
    assert refused.value.message == "The code E0002 is already in use."
    with nothing_written() as refused:
        dictionary.approve_element(user=catalog_office, element=proposal, code="户 数")
    assert "is not valid" in refused.value.message


def test_only_the_catalog_office_decides(proposal, dept_clerk, county_reviewer, supervisor):
    for user in (dept_clerk, county_reviewer, supervisor):
        with pytest.raises(PermissionDenied):
            dictionary.approve_element(user=user, element=proposal)


def test_the_office_of_another_county_cannot_decide(proposal, county):
    other_county = Division.objects.create(code="429902000000", name="邻县", level="county", kind="county")
    office = Unit.objects.create(
        name="邻县编办", kind=UnitKind.OFFICE, division=other_county, county=other_county
    )
    stranger = make_user("linxian", Role.CATALOG_OFFICE, office)
    with pytest.raises(PermissionDenied):
        dictionary.approve_element(user=stranger, element=proposal)


def test_a_decided_proposal_cannot_be_decided_again(proposal, catalog_office, nothing_written):
    dictionary.reject_element(user=catalog_office, element=proposal, reason="已有类似指标")
    with nothing_written() as refused:
        dictionary.approve_element(user=catalog_office, element=proposal)
    assert refused.value.message == "家庭农场数量 is not awaiting a decision any more; it is rejected."


def test_mapping_a_proposal_moves_the_forms_asking_for_it_to_the_existing_element(
    catalog_office, dept_clerk, elements, make_form, committed
):
    proposal = dictionary.propose_element(user=dept_clerk, name="总户数", kind=ElementKind.INTEGER)
    form = make_form(element_ids=[proposal.pk, elements["farmland"].pk])
    committed(dictionary.map_element, user=catalog_office, element=proposal, target=elements["households"])
    proposal.refresh_from_db()
    assert (proposal.status, proposal.mapped_to) == (ElementStatus.MAPPED, elements["households"])
    assert [f.element for f in form.fields.order_by("position")] == [
        elements["households"],
        elements["farmland"],
    ]
    assert Notification.objects.filter(recipient=dept_clerk, verb="forms.element_mapped").exists()


def test_mapping_to_a_form_that_already_has_the_element_keeps_it_once(
    catalog_office, dept_clerk, elements, make_form
):
    proposal = dictionary.propose_element(user=dept_clerk, name="总户数", kind=ElementKind.INTEGER)
    form = make_form(element_ids=[proposal.pk, elements["households"].pk])
    dictionary.map_element(user=catalog_office, element=proposal, target=elements["households"])
    assert list(form.fields.values_list("element_id", flat=True)) == [elements["households"].pk]


def test_a_proposal_maps_only_to_an_approved_element(catalog_office, dept_clerk, proposal, nothing_written):
    other = dictionary.propose_element(user=dept_clerk, name="农场个数", kind=ElementKind.INTEGER)
    with nothing_written() as refused:
        dictionary.map_element(user=catalog_office, element=proposal, target=other)
    assert "map only to an approved one" in refused.value.message
    with nothing_written():
        dictionary.map_element(user=catalog_office, element=proposal, target=proposal)


def test_rejecting_needs_a_reason_and_tells_the_department(proposal, catalog_office, dept_clerk, committed):
    with pytest.raises(ActionRefused, match=r"The reason for rejecting is empty\."):
        dictionary.reject_element(user=catalog_office, element=proposal, reason=" ")
    committed(dictionary.reject_element, user=catalog_office, element=proposal, reason="口径不清")
    proposal.refresh_from_db()
    assert proposal.status == ElementStatus.REJECTED
    assert Notification.objects.filter(recipient=dept_clerk, verb="forms.element_rejected").exists()
    assert AuditEvent.objects.get(action="forms.reject_element").note == "口径不清"


def test_a_form_asking_for_an_undecided_element_is_not_approved_until_it_is(
    dept_clerk, county_reviewer, catalog_office, elements, make_form, nothing_written
):
    proposal = dictionary.propose_element(user=dept_clerk, name="家庭农场数量", kind=ElementKind.INTEGER)
    form = make_form(element_ids=[proposal.pk])
    admission.submit_form(user=dept_clerk, form=form)
    with nothing_written() as refused:
        admission.approve_form(user=county_reviewer, form=form)
    assert "家庭农场数量" in refused.value.message
    dictionary.approve_element(user=catalog_office, element=proposal)
    assert admission.approve_form(user=county_reviewer, form=form).status == FormStatus.APPROVED


def test_a_department_cannot_put_another_departments_proposal_in_its_form(
    dept_clerk, other_department, make_form, nothing_written
):
    other_clerk = make_user("ziranziyuan", Role.DEPT_CLERK, other_department)
    theirs = dictionary.propose_element(user=other_clerk, name="地块数", kind=ElementKind.INTEGER)
    with nothing_written() as refused:
        make_form(element_ids=[theirs.pk])
    assert refused.value.message == (
        "The data element 地块数 is proposed; a form may ask only for approved elements."
    )


def test_the_office_defines_approved_elements_directly(catalog_office):
    element = dictionary.define_element(
        user=catalog_office, name="村集体经营性收入", kind=ElementKind.NUMBER, code="CJ01"
    )
    assert (element.status, element.code) == (ElementStatus.APPROVED, "CJ01")
    assert DataElement.objects.filter(county=catalog_office.unit.county).count() == 1


def test_the_command_line_operator_defines_elements_for_a_named_county(county):
    from qingdan import access

    with pytest.raises(ActionRefused):
        dictionary.define_element(user=access.SYSTEM, name="村民小组数", kind=ElementKind.INTEGER)
    element = dictionary.define_element(
        user=access.SYSTEM, name="村民小组数", kind=ElementKind.INTEGER, county=county
    )
    assert (element.county, element.status) == (county, ElementStatus.APPROVED)
    assert AuditEvent.objects.get(action="forms.define_element").actor_name == "system"
