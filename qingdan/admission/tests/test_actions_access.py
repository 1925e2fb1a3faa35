"""Every admission action refuses the wrong role, the right role outside its scope, and outsiders,
with PermissionDenied and nothing written."""

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.admission import actions
from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Unit
from qingdan.testing import in_days, make_user, snapshot

from .conftest import NOT_LISTED_TEXT

pytestmark = pytest.mark.usefixtures("english")

COUNTY_ROLES = ["dept_clerk", "county_reviewer", "catalog_office", "supervisor", "platform_admin"]
GRASSROOTS = ["township_dispatcher", "village_cadre", "outsider"]
EVERYONE = COUNTY_ROLES + GRASSROOTS


def but(*allowed):
    return [name for name in EVERYONE if name not in allowed]


@pytest.fixture
def other_clerk(other_department):
    """A clerk of 县自然资源局: the right role, but not the department that filed the order."""
    return make_user("ziranziyuan", Role.DEPT_CLERK, other_department)


@pytest.fixture
def community_cadre(community, county):
    return make_user(
        "shequ",
        Role.VILLAGE_CADRE,
        Unit.objects.create(name="甲社区居委会", kind=UnitKind.VILLAGE, division=community, county=county),
    )


@pytest.fixture
def other_dispatcher(other_township, county):
    return make_user(
        "yixiang",
        Role.TOWNSHIP_DISPATCHER,
        Unit.objects.create(
            name="乙乡党政办", kind=UnitKind.TOWNSHIP, division=other_township, county=county
        ),
    )


@pytest.fixture
def not_listed(catalogs, make_order, dept_clerk):
    order = make_order(text=NOT_LISTED_TEXT, title="卫星图斑举证", grassroots_must="到图斑现场拍照举证。")
    return actions.submit_order(user=dept_clerk, order=order)


@pytest.fixture
def complaint(village_cadre):
    return actions.file_complaint(
        user=village_cadre, kind="bypass", what="电话要求填报表格", against_name="某部门", channel="phone"
    )


def _order_fields():
    return {
        "title": "t",
        "text": "x",
        "deadline": in_days(3),
        "department_does": "a",
        "grassroots_must": "b",
        "support_people": 1,
    }


# (fixtures the action needs, the action, who must be refused)
CASES = {
    "create_order": (
        ["catalogs", "village"],
        lambda user, f: actions.create_order(user=user, targets=[(f["village"], False)], **_order_fields()),
        but("dept_clerk"),
    ),
    "update_order": (
        ["draft"],
        lambda user, f: actions.update_order(user=user, order=f["draft"], title="改"),
        [*but("dept_clerk"), "other_clerk"],
    ),
    "submit_order": (
        ["draft"],
        lambda user, f: actions.submit_order(user=user, order=f["draft"]),
        [*but("dept_clerk"), "other_clerk"],
    ),
    "withdraw_order": (
        ["submitted"],
        lambda user, f: actions.withdraw_order(user=user, order=f["submitted"]),
        [*but("dept_clerk"), "other_clerk"],
    ),
    "approve_order": (
        ["submitted"],
        lambda user, f: actions.approve_order(user=user, order=f["submitted"]),
        but("county_reviewer"),
    ),
    "return_order": (
        ["submitted"],
        lambda user, f: actions.return_order(user=user, order=f["submitted"], reason="r"),
        but("county_reviewer"),
    ),
    "refuse_order": (
        ["submitted"],
        lambda user, f: actions.refuse_order(user=user, order=f["submitted"], reason="r"),
        but("county_reviewer"),
    ),
    "convert_to_amendment": (
        ["not_listed"],
        lambda user, f: actions.convert_to_amendment(
            user=user, order=f["not_listed"], list_kind="assist", reason="r"
        ),
        but("county_reviewer"),
    ),
    "dispatch": (
        ["assignment", "village"],
        lambda user, f: actions.dispatch(user=user, assignment=f["assignment"], villages=[f["village"]]),
        [*but("township_dispatcher"), "other_dispatcher"],
    ),
    "receive_task": (
        ["dispatched"],
        lambda user, f: actions.receive_task(user=user, task=f["dispatched"]),
        [*but("village_cadre"), "community_cadre"],
    ),
    "report_progress": (
        ["dispatched"],
        lambda user, f: actions.report_progress(user=user, task=f["dispatched"], progress=5, note="n"),
        [*but("village_cadre"), "community_cadre"],
    ),
    "complete_task": (
        ["dispatched"],
        lambda user, f: actions.complete_task(user=user, task=f["dispatched"], note="n"),
        [*but("village_cadre"), "community_cadre"],
    ),
    "file_complaint": (
        [],
        lambda user, f: actions.file_complaint(
            user=user, kind="bypass", what="w", against_name="某人", channel="phone"
        ),
        but("township_dispatcher", "village_cadre", "outsider"),
    ),
    "handle_complaint": (
        ["complaint"],
        lambda user, f: actions.handle_complaint(
            user=user, complaint=f["complaint"], upheld=True, outcome="o"
        ),
        but("county_reviewer"),
    ),
}

PAIRS = [(action, person) for action, (_needs, _act, refused) in CASES.items() for person in refused]


@pytest.mark.parametrize(("action", "person"), PAIRS, ids=[f"{a}-as-{p}" for a, p in PAIRS])
def test_the_wrong_person_is_refused_and_nothing_is_written(request, media_root, action, person):
    needs, act, _refused = CASES[action]
    found = {name: request.getfixturevalue(name) for name in needs}
    user = request.getfixturevalue(person)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        act(user, found)
    assert snapshot() == before


def test_every_action_is_covered():
    assert set(CASES) == set(actions.__all__) - {"approve_orders"}


def test_a_signed_out_visitor_may_do_nothing(draft):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        actions.submit_order(user=AnonymousUser(), order=draft)


def test_a_deactivated_clerk_may_do_nothing(draft, dept_clerk):
    dept_clerk.is_active = False
    dept_clerk.save()
    with pytest.raises(PermissionDenied):
        actions.submit_order(user=dept_clerk, order=draft)


def test_a_reviewer_of_another_county_may_not_decide(submitted, county):
    from qingdan.orgs.choices import DivisionKind, Level
    from qingdan.orgs.models import Division

    other = Division.objects.create(
        code="429902000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=county.parent
    )
    other.county = other
    other.save()
    stranger = make_user(
        "linxian",
        Role.REVIEWER,
        Unit.objects.create(name="邻县社会工作部", kind=UnitKind.OFFICE, division=other, county=other),
    )
    with pytest.raises(PermissionDenied):
        actions.approve_order(user=stranger, order=submitted)
