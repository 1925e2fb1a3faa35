"""Object rules: what a permission asks of one object, and the gate's fetch-or-refuse helpers."""

import pytest
from django.core.exceptions import PermissionDenied

from qingdan import access
from qingdan.access import SYSTEM, Permission
from qingdan.access.objects import OBJECT_RULES, own_unit, role_is_not, the_person
from qingdan.orgs.choices import Role, UnitKind
from qingdan.orgs.models import Division, Unit, User
from qingdan.testing import make_user


class Thing:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def test_rules_compose_with_and_and_or(township_dispatcher, county):
    rule = role_is_not(Role.DEPT_CLERK) | own_unit("lead_unit_id")
    assert rule(township_dispatcher, Thing(lead_unit_id=None), county)
    strict = own_unit("lead_unit_id") & the_person("owner_id")
    assert not strict(
        township_dispatcher, Thing(lead_unit_id=township_dispatcher.unit_id, owner_id=0), county
    )
    assert strict(
        township_dispatcher,
        Thing(lead_unit_id=township_dispatcher.unit_id, owner_id=township_dispatcher.pk),
        county,
    )
    assert "own_unit(lead_unit_id)" in repr(strict)


def test_a_workflow_step_needs_the_object_seen_not_only_in_scope(dept_clerk, other_department, village):
    """A clerk's scope is the whole county, but another department's unit is not theirs to act on."""
    rule = OBJECT_RULES[Permission.SUBMIT_ORDER]
    root = access.scope_root(dept_clerk)
    assert rule(dept_clerk, village, root)  # a division of the county: seen and in scope
    foreign = make_user("other", Role.DEPT_CLERK, other_department)
    assert not rule(dept_clerk, foreign, root)  # another person: not seen by a clerk


def test_an_object_fetched_through_the_gate_is_not_asked_about_again(
    village_cadre, village, django_assert_num_queries
):
    found = access.get_visible_or_404(Division, village_cadre, pk=village.pk)
    access.scope_root(village_cadre)  # the person's unit and division are loaded once
    with django_assert_num_queries(0):
        assert access.can(
            village_cadre, Permission.WORK_TASK, Thing(division=found, _access_seen_by=village_cadre.pk)
        )


def test_require_seen_refuses_what_the_person_does_not_see(village_cadre, outsider, village):
    access.require_seen(village_cadre, village)
    access.require_seen(SYSTEM, village)
    with pytest.raises(PermissionDenied):
        access.require_seen(outsider, village)


def test_checklists_are_started_at_county_and_township_level_only(
    township_dispatcher, catalog_office, village_cadre, supervisor, county, township
):
    assert access.own_division(township_dispatcher, Permission.MANAGE_CHECKLIST) == township
    assert access.require_own_division(catalog_office, Permission.MANAGE_CHECKLIST) == county
    for nobody in (village_cadre, supervisor, SYSTEM):
        assert access.own_division(nobody, Permission.MANAGE_CHECKLIST) is None
    city_office = make_user(
        "shibianban",
        Role.CATALOG_OFFICE,
        Unit.objects.create(name="市委编办", kind=UnitKind.OFFICE, division=county.parent),
    )
    with pytest.raises(PermissionDenied):
        access.require_own_division(city_office, Permission.MANAGE_CHECKLIST)


def test_a_persons_county_is_their_own_or_none_above_it(village_cadre, supervisor, county):
    from django.contrib.auth.models import AnonymousUser

    assert access.user_county(village_cadre) == county
    assert access.require_county(supervisor) == county
    city_supervisor = make_user(
        "shijijian",
        Role.SUPERVISOR,
        Unit.objects.create(name="市纪委监委", kind=UnitKind.OFFICE, division=county.parent),
    )
    for nobody in (city_supervisor, AnonymousUser(), SYSTEM):
        assert access.user_county(nobody) is None
    with pytest.raises(PermissionDenied):
        access.require_county(city_supervisor)


def test_accounts_without_a_unit_are_managed_by_the_operator_only(platform_admin, village_cadre):
    unplaced = User.objects.create(username="nounit")
    assert not access.can(platform_admin, Permission.MANAGE_ACCOUNTS, unplaced)
    assert access.can(platform_admin, Permission.MANAGE_ACCOUNTS, village_cadre)
    assert access.can(SYSTEM, Permission.MANAGE_ACCOUNTS, unplaced)


def test_a_persons_tokens_are_theirs_alone(village_cadre, township_dispatcher):
    from qingdan.accounts.models import ApiToken

    token = ApiToken(user=village_cadre)
    assert access.can(village_cadre, Permission.MANAGE_TOKENS, token)
    assert not access.can(township_dispatcher, Permission.MANAGE_TOKENS, token)
