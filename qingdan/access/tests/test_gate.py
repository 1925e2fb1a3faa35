"""The access gate: scopes by role, and the write table."""

import pytest
from django.http import Http404

from qingdan import access
from qingdan.access import SYSTEM, Permission
from qingdan.access.permissions import READ_PERMISSIONS
from qingdan.orgs.models import Division


def codes(user):
    return set(access.visible_divisions(user).values_list("code", flat=True))


@pytest.fixture
def tree(county, township, village, community, other_township, other_village):
    return {"county": county, "township": township, "village": village, "other_village": other_village}


def test_village_cadre_sees_only_their_village(tree, village_cadre):
    assert codes(village_cadre) == {tree["village"].code}


def test_township_dispatcher_sees_their_township_and_its_villages(tree, township_dispatcher, community):
    assert codes(township_dispatcher) == {tree["township"].code, tree["village"].code, community.code}


def test_county_roles_see_the_whole_county(tree, catalog_office, county_reviewer, supervisor):
    everything_below_county = set(Division.objects.exclude(level="city").values_list("code", flat=True))
    for user in (catalog_office, county_reviewer, supervisor):
        assert codes(user) == everything_below_county


def test_outsider_gets_404_for_a_division_outside_their_scope(tree, outsider):
    with pytest.raises(Http404):
        access.get_visible_or_404(Division, outsider, code=tree["village"].code)


def test_missing_and_foreign_objects_answer_the_same(tree, outsider):
    for code in ("000000000000", tree["village"].code):
        with pytest.raises(Http404):
            access.get_visible_or_404(Division, outsider, code=code)


def test_anonymous_and_roleless_users_see_nothing(tree, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    nobody = django_user_model.objects.create(username="nobody")
    assert codes(AnonymousUser()) == set()
    assert codes(nobody) == set()


def test_deactivated_unit_loses_its_scope(tree, village_cadre):
    village_cadre.unit.is_active = False
    village_cadre.unit.save()
    assert codes(village_cadre) == set()


def test_supervisor_reads_everything_and_may_change_nothing(tree, supervisor):
    writes = [p for p in Permission if p not in READ_PERMISSIONS]
    assert not any(access.can(supervisor, p, tree["village"]) for p in writes)
    assert access.can(supervisor, Permission.VIEW_AUDIT)


def test_catalog_office_may_import_inside_the_county_only(tree, catalog_office, django_user_model):
    assert access.can(catalog_office, Permission.IMPORT_CATALOG, tree["village"])
    elsewhere = Division.objects.create(code="110101001001", name="外县村", level="village", kind="village")
    assert not access.can(catalog_office, Permission.IMPORT_CATALOG, elsewhere)


def test_township_may_adopt_for_its_villages_but_not_for_a_neighbour(tree, township_dispatcher):
    assert access.can(township_dispatcher, Permission.ADOPT_TEMPLATE, tree["village"])
    assert not access.can(township_dispatcher, Permission.ADOPT_TEMPLATE, tree["other_village"])


def test_require_raises_permission_denied(tree, village_cadre):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        access.require(village_cadre, Permission.IMPORT_CATALOG, tree["village"])


def test_the_command_line_operator_sees_and_may_do_everything(tree):
    assert codes(SYSTEM) == set(Division.objects.values_list("code", flat=True))
    assert access.can(SYSTEM, Permission.IMPORT_CATALOG, tree["village"])


def test_sign_in_attempts_tied_to_no_division_reach_the_platform_admin_only(tree, platform_admin, supervisor):
    from qingdan.audit.actions import record
    from qingdan.audit.models import AuditEvent

    record(actor=None, action="accounts.login_failed", actor_name="nosuchuser")
    assert access.visible(AuditEvent.objects.all(), platform_admin).filter(actor_name="nosuchuser").exists()
    assert not access.visible(AuditEvent.objects.all(), supervisor).filter(actor_name="nosuchuser").exists()
