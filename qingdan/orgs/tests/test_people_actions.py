"""Account actions: what a platform admin may change of the people in their scope, and the audit rows."""

from datetime import timedelta

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.orgs import actions
from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, User
from qingdan.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_county_admin(county):
    """A platform admin of a neighbouring county: none of 测试县 is theirs."""
    neighbour = Division.objects.create(
        code="429902000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=county.parent
    )
    neighbour.county = neighbour
    neighbour.save()
    unit = Unit.objects.create(
        name="邻县信息中心", kind=UnitKind.INSTITUTION, division=neighbour, county=neighbour
    )
    return make_user("linxian", Role.PLATFORM_ADMIN, unit)


@pytest.fixture
def village_unit(village_cadre):
    return village_cadre.unit


@pytest.fixture
def township_unit(township_dispatcher):
    return township_dispatcher.unit


def events(action):
    return list(AuditEvent.objects.filter(action=action))


def assert_no_secret_in(event, *secrets):
    text = f"{event.changes} {event.note}"
    assert "password" not in event.changes
    for secret in secrets:
        assert secret not in text


def test_generated_passwords_are_strong_and_pass_the_password_rules():
    passwords = {actions.generate_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        assert len(password) == 14
        password_validation.validate_password(password)


def test_admin_creates_a_person_with_a_generated_password(platform_admin, village_unit, village):
    person, password = actions.create_person(
        user=platform_admin, username="xincun", full_name=" 李新 ", unit=village_unit, role=Role.VILLAGE_CADRE
    )
    person.refresh_from_db()
    assert (person.username, person.full_name, person.role) == ("xincun", "李新", Role.VILLAGE_CADRE)
    assert person.check_password(password)
    [event] = events("orgs.person_create")
    assert event.actor == platform_admin
    assert event.division == village
    assert event.changes["username"] == [None, "xincun"]
    assert event.changes["role"] == [None, "village_cadre"]
    assert event.changes["unit"] == [None, "甲村村委会"]
    assert_no_secret_in(event, password, person.password)


def test_admin_may_type_the_initial_password_and_the_password_rules_apply(platform_admin, department):
    person, password = actions.create_person(
        user=platform_admin,
        username="clerk2",
        full_name="赵二",
        unit=department,
        role=Role.DEPT_CLERK,
        password="Spring-river-2026",
    )
    assert password == "Spring-river-2026"
    assert User.objects.get(pk=person.pk).check_password("Spring-river-2026")
    assert_no_secret_in(events("orgs.person_create")[0], password)
    with pytest.raises(ActionRefused, match="密码"):
        actions.create_person(
            user=platform_admin,
            username="clerk3",
            full_name="赵三",
            unit=department,
            role=Role.DEPT_CLERK,
            password="12345678901",
        )
    assert not User.objects.filter(username="clerk3").exists()


def test_a_user_name_is_taken_whatever_its_case(platform_admin, village_cadre, village_unit):
    with pytest.raises(ActionRefused, match="已被占用"):
        actions.create_person(
            user=platform_admin,
            username="JiaCun",
            full_name="重名",
            unit=village_unit,
            role=Role.VILLAGE_CADRE,
        )
    assert User.objects.filter(username__iexact="jiacun").count() == 1


@pytest.mark.parametrize(
    "role, unit_fixture, message",
    [
        (Role.VILLAGE_CADRE, "department", "村(社区)干部只能"),
        (Role.VILLAGE_CADRE, "township_unit", "村(社区)干部只能"),
        (Role.TOWNSHIP_DISPATCHER, "village_unit", "乡镇(街道)派单员只能"),
        (Role.TOWNSHIP_DISPATCHER, "department", "乡镇(街道)派单员只能"),
        (Role.DEPT_CLERK, "township_unit", "部门经办人只能"),
        (Role.DEPT_CLERK, "village_unit", "部门经办人只能"),
        (Role.REVIEWER, "village_unit", "“准入审核员”角色须属于县级"),
        (Role.CATALOG_OFFICE, "township_unit", "须属于县级"),
        (Role.SUPERVISOR, "village_unit", "须属于县级"),
        (Role.PLATFORM_ADMIN, "township_unit", "须属于县级"),
    ],
)
def test_a_role_that_does_not_fit_the_unit_is_refused_and_nothing_is_saved(
    request, platform_admin, role, unit_fixture, message
):
    unit = request.getfixturevalue(unit_fixture)
    with pytest.raises(ActionRefused) as refused:
        actions.create_person(user=platform_admin, username="misfit", full_name="错配", unit=unit, role=role)
    assert message in refused.value.message
    assert unit.name in refused.value.message
    assert not User.objects.filter(username="misfit").exists()
    assert events("orgs.person_create") == []


@pytest.mark.parametrize(
    "role, unit_fixture",
    [
        (Role.VILLAGE_CADRE, "village_unit"),
        (Role.TOWNSHIP_DISPATCHER, "township_unit"),
        (Role.DEPT_CLERK, "department"),
        (Role.REVIEWER, "department"),
        (Role.SUPERVISOR, "department"),
    ],
)
def test_a_role_that_fits_the_unit_is_accepted(request, platform_admin, role, unit_fixture):
    unit = request.getfixturevalue(unit_fixture)
    assert actions.role_unit_problem(role, unit) is None
    person, _password = actions.create_person(
        user=platform_admin, username="fits", full_name="合适", unit=unit, role=role
    )
    assert person.role == role


def test_a_community_committee_is_a_village_level_unit(platform_admin, community, county):
    unit = Unit.objects.create(name="甲社区居委会", kind=UnitKind.VILLAGE, division=community, county=county)
    assert actions.role_unit_problem(Role.VILLAGE_CADRE, unit) is None


def test_an_inactive_unit_takes_no_new_people(platform_admin, department):
    department.is_active = False
    department.save()
    with pytest.raises(ActionRefused, match="已停用"):
        actions.create_person(
            user=platform_admin, username="late", full_name="迟到", unit=department, role=Role.DEPT_CLERK
        )


def test_admin_changes_name_unit_and_role_and_the_change_is_audited(
    platform_admin, village_cadre, township_unit, township
):
    actions.update_person(
        user=platform_admin,
        person=village_cadre,
        full_name="甲村改任",
        unit=township_unit,
        role=Role.TOWNSHIP_DISPATCHER,
    )
    village_cadre.refresh_from_db()
    assert (village_cadre.full_name, village_cadre.unit, village_cadre.role) == (
        "甲村改任",
        township_unit,
        Role.TOWNSHIP_DISPATCHER,
    )
    [event] = events("orgs.person_update")
    assert event.division == township
    assert event.changes == {
        "full_name": ["jiacun", "甲村改任"],
        "role": ["village_cadre", "township_dispatcher"],
        "unit": ["甲村村委会", "甲镇党政办"],
    }


def test_an_update_that_changes_nothing_writes_no_audit_row(platform_admin, village_cadre):
    actions.update_person(
        user=platform_admin,
        person=village_cadre,
        full_name=village_cadre.full_name,
        unit=village_cadre.unit,
        role=village_cadre.role,
    )
    assert events("orgs.person_update") == []


def test_an_update_to_a_role_that_does_not_fit_is_refused(platform_admin, village_cadre, department):
    with pytest.raises(ActionRefused, match=r"村\(社区\)干部只能"):
        actions.update_person(
            user=platform_admin, person=village_cadre, full_name="x", unit=department, role=Role.VILLAGE_CADRE
        )
    village_cadre.refresh_from_db()
    assert village_cadre.unit.kind == UnitKind.VILLAGE and village_cadre.full_name == "jiacun"


def test_an_admin_cannot_change_their_own_role_but_may_change_their_name(platform_admin):
    with pytest.raises(ActionRefused, match="不能修改自己的角色"):
        actions.update_person(
            user=platform_admin,
            person=platform_admin,
            full_name="信息中心",
            unit=platform_admin.unit,
            role=Role.SUPERVISOR,
        )
    assert User.objects.get(pk=platform_admin.pk).role == Role.PLATFORM_ADMIN
    actions.update_person(
        user=platform_admin,
        person=platform_admin,
        full_name="徐静",
        unit=platform_admin.unit,
        role=Role.PLATFORM_ADMIN,
    )
    assert User.objects.get(pk=platform_admin.pk).full_name == "徐静"


def test_an_admin_cannot_deactivate_themselves(platform_admin):
    with pytest.raises(ActionRefused, match="不能停用自己"):
        actions.deactivate_person(user=platform_admin, person=platform_admin)
    assert User.objects.get(pk=platform_admin.pk).is_active


def test_deactivating_and_reactivating_are_audited_once_each(platform_admin, village_cadre):
    actions.deactivate_person(user=platform_admin, person=village_cadre)
    actions.deactivate_person(user=platform_admin, person=village_cadre)  # already: no second row
    assert not User.objects.get(pk=village_cadre.pk).is_active
    [off] = events("orgs.person_deactivate")
    assert off.changes == {"is_active": [True, False]}
    actions.reactivate_person(user=platform_admin, person=User.objects.get(pk=village_cadre.pk))
    assert User.objects.get(pk=village_cadre.pk).is_active
    [on] = events("orgs.person_reactivate")
    assert on.changes == {"is_active": [False, True]}


def test_unlocking_clears_the_lock_and_the_failed_sign_ins(platform_admin, village_cadre):
    village_cadre.failed_logins = 3
    village_cadre.locked_until = timezone.now() + timedelta(minutes=10)
    village_cadre.save()
    actions.unlock_person(user=platform_admin, person=village_cadre)
    village_cadre.refresh_from_db()
    assert village_cadre.failed_logins == 0
    assert village_cadre.locked_until is None
    assert not village_cadre.is_locked()
    [event] = events("orgs.person_unlock")
    assert event.changes["failed_logins"] == [3, 0]
    assert event.changes["locked_until"][1] is None


def test_resetting_a_password_returns_a_new_one_that_signs_in(platform_admin, village_cadre, client):
    old_hash = village_cadre.password
    password = actions.reset_password(user=platform_admin, person=village_cadre)
    village_cadre.refresh_from_db()
    assert village_cadre.password != old_hash
    assert client.login(username="jiacun", password=password)
    [event] = events("orgs.person_password_reset")
    assert event.changes == {}
    assert_no_secret_in(event, password, village_cadre.password, old_hash)


def _every_action(person, unit):
    return [
        lambda user: actions.create_person(
            user=user, username="new1", full_name="新", unit=unit, role=Role.VILLAGE_CADRE
        ),
        lambda user: actions.update_person(
            user=user, person=person, full_name="改", unit=unit, role=Role.VILLAGE_CADRE
        ),
        lambda user: actions.deactivate_person(user=user, person=person),
        lambda user: actions.reactivate_person(user=user, person=person),
        lambda user: actions.unlock_person(user=user, person=person),
        lambda user: actions.reset_password(user=user, person=person),
    ]


def test_an_admin_of_another_county_may_do_nothing_here(other_county_admin, village_cadre):
    for act in _every_action(village_cadre, village_cadre.unit):
        with pytest.raises(PermissionDenied):
            act(other_county_admin)
    assert AuditEvent.objects.filter(action__startswith="orgs.person").count() == 0


@pytest.mark.parametrize("persona", ["supervisor", "catalog_office", "village_cadre"])
def test_roles_without_account_management_may_do_nothing(request, persona, village_cadre):
    actor = request.getfixturevalue(persona)
    for act in _every_action(village_cadre, village_cadre.unit):
        with pytest.raises(PermissionDenied):
            act(actor)
    assert AuditEvent.objects.filter(action__startswith="orgs.person").count() == 0


def test_a_person_without_a_unit_is_out_of_every_admins_reach(platform_admin):
    loner = User.objects.create(username="loner")
    with pytest.raises(PermissionDenied):
        actions.reset_password(user=platform_admin, person=loner)


def test_only_the_server_operator_manages_superusers(platform_admin, department):
    root = make_user("root", Role.PLATFORM_ADMIN, platform_admin.unit, is_superuser=True)
    with pytest.raises(ActionRefused, match="超级用户"):
        actions.reset_password(user=platform_admin, person=root)
