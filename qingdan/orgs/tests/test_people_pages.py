"""Account management pages: the platform admin's list, create and edit pages and their buttons."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qingdan.audit.models import AuditEvent
from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, User
from qingdan.testing import make_user

pytestmark = pytest.mark.django_db

LIST = reverse("orgs:person_list")
CREATE = reverse("orgs:person_create")
WRITE_URLS = ["person_deactivate", "person_reactivate", "person_unlock", "person_password_reset"]


def edit(person):
    return reverse("orgs:person_edit", args=[person.pk])


def write(name, person):
    return reverse(f"orgs:{name}", args=[person.pk])


@pytest.fixture
def other_county_admin(county):
    """A platform admin of a neighbouring county."""
    neighbour = Division.objects.create(
        code="429902000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=county.parent
    )
    neighbour.county = neighbour
    neighbour.save()
    unit = Unit.objects.create(
        name="邻县信息中心", kind=UnitKind.INSTITUTION, division=neighbour, county=neighbour
    )
    return make_user("linxian", Role.PLATFORM_ADMIN, unit, full_name="邻县管理员")


@pytest.fixture
def people(platform_admin, village_cadre, township_dispatcher, dept_clerk, supervisor, outsider):
    return [platform_admin, village_cadre, township_dispatcher, dept_clerk, supervisor, outsider]


def listed(response) -> set[str]:
    """User names of the people the list links to."""
    return {person.username for person in response.context["page"].object_list}


def test_admin_sees_every_person_of_the_county_with_role_unit_and_division(login, platform_admin, people):
    response = login(platform_admin).get(LIST)
    assert response.status_code == 200
    assert listed(response) == {p.username for p in people}
    page = response.content.decode()
    assert "村(社区)干部" in page and "甲村村委会" in page and "甲镇 › 甲村" in page
    assert f'href="{edit(people[1])}"' in page


def test_admin_of_another_county_sees_none_of_these_people(login, other_county_admin, people):
    response = login(other_county_admin).get(LIST)
    assert listed(response) == {"linxian"}


def test_the_list_filters_by_unit_role_status_and_text(
    login, platform_admin, people, village_cadre, outsider
):
    client = login(platform_admin)
    assert listed(client.get(LIST, {"unit": village_cadre.unit_id})) == {"jiacun"}
    assert listed(client.get(LIST, {"role": Role.VILLAGE_CADRE})) == {"jiacun", "yicun"}
    assert listed(client.get(LIST, {"q": "yic"})) == {"yicun"}
    outsider.full_name = "王小乙"
    outsider.locked_until = timezone.now() + timedelta(minutes=5)
    outsider.save()
    village_cadre.is_active = False
    village_cadre.save()
    assert listed(client.get(LIST, {"q": "小乙"})) == {"yicun"}
    locked = client.get(LIST, {"status": "locked"})
    assert listed(locked) == {"yicun"}
    assert "锁定至" in locked.content.decode()
    assert listed(client.get(LIST, {"status": "inactive"})) == {"jiacun"}
    assert "jiacun" not in listed(client.get(LIST, {"status": "active"}))


def test_a_filter_for_a_unit_outside_the_scope_is_refused_not_applied(
    login, platform_admin, other_county_admin, people
):
    response = login(platform_admin).get(LIST, {"unit": other_county_admin.unit_id})
    assert response.status_code == 200
    assert listed(response) == {p.username for p in people}
    assert "从列表中选择" in response.content.decode()


def test_the_list_takes_the_same_number_of_queries_however_many_people(
    login, platform_admin, people, village, county, django_assert_max_num_queries
):
    client = login(platform_admin)
    with CaptureQueriesContext(connection) as small:
        client.get(LIST)
    for n in range(30):
        unit = Unit.objects.create(name=f"新单位{n}", kind=UnitKind.VILLAGE, division=village, county=county)
        make_user(f"person{n}", Role.VILLAGE_CADRE, unit, last_login=timezone.now())
    with django_assert_max_num_queries(11), CaptureQueriesContext(connection) as large:
        response = client.get(LIST)
    assert len(listed(response)) == 36
    assert len(large) == len(small)


def test_the_list_is_paginated(login, platform_admin, township_dispatcher):
    for n in range(55):
        make_user(f"p{n:02d}", Role.TOWNSHIP_DISPATCHER, township_dispatcher.unit)
    client = login(platform_admin)
    first, second = client.get(LIST), client.get(LIST, {"page": 2})
    assert len(listed(first)) == 50
    assert len(listed(second)) == 7
    assert "第 1 页" in first.content.decode()


def test_the_navigation_links_account_management_for_admins_only(login, platform_admin, supervisor):
    assert f'href="{LIST}"' in login(platform_admin).get(reverse("orgs:division_list")).content.decode()
    assert f'href="{LIST}"' not in login(supervisor).get(reverse("orgs:division_list")).content.decode()


def test_admin_creates_an_account_and_sees_its_generated_password_once(login, platform_admin, village_cadre):
    response = login(platform_admin).post(
        CREATE,
        {
            "username": "xincun",
            "full_name": "李新",
            "unit": village_cadre.unit_id,
            "role": Role.VILLAGE_CADRE,
            "password_choice": "generate",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    person = User.objects.get(username="xincun")
    assert person.check_password(password)
    page = response.content.decode()
    assert password in page and "只显示这一次" in page and "修改" in page
    [event] = AuditEvent.objects.filter(action="orgs.person_create")
    assert event.actor == platform_admin and password not in str(event.changes)


def test_admin_may_type_the_initial_password_and_it_must_follow_the_rules(login, platform_admin, department):
    client = login(platform_admin)
    base = {
        "username": "nongye2",
        "full_name": "农二",
        "unit": department.pk,
        "role": Role.DEPT_CLERK,
        "password_choice": "type",
    }
    short = client.post(CREATE, {**base, "password": "abc", "password_again": "abc"})
    assert short.status_code == 400
    assert "密码太短" in short.content.decode()
    differ = client.post(CREATE, {**base, "password": "Spring-river-2026", "password_again": "Spring-river"})
    assert "两次输入的密码不一致" in differ.content.decode()
    assert not User.objects.filter(username="nongye2").exists()
    ok = client.post(CREATE, {**base, "password": "Spring-river-2026", "password_again": "Spring-river-2026"})
    assert ok.status_code == 200
    assert User.objects.get(username="nongye2").check_password("Spring-river-2026")


def test_a_role_that_does_not_fit_the_unit_is_refused_with_a_message_and_nothing_saved(
    login, platform_admin, department
):
    response = login(platform_admin).post(
        CREATE,
        {
            "username": "cuowei",
            "full_name": "错位",
            "unit": department.pk,
            "role": Role.VILLAGE_CADRE,
            "password_choice": "generate",
        },
    )
    assert response.status_code == 400
    assert "村(社区)干部只能属于村(社区)委员会" in response.content.decode()
    assert not User.objects.filter(username="cuowei").exists()
    assert not AuditEvent.objects.filter(action="orgs.person_create").exists()


def test_the_unit_select_offers_only_active_units_in_scope_grouped_by_division(
    login, platform_admin, other_county_admin, village_cadre, department
):
    department.is_active = False
    department.save()
    page = login(platform_admin).get(CREATE).content.decode()
    assert '<optgroup label="甲镇 › 甲村">' in page
    assert "甲村村委会" in page
    assert "县农业农村局" not in page
    assert "邻县信息中心" not in page


def test_admin_edits_a_person_and_the_change_is_audited(login, platform_admin, village_cadre):
    response = login(platform_admin).post(
        edit(village_cadre),
        {"full_name": "程家明", "unit": village_cadre.unit_id, "role": Role.VILLAGE_CADRE},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=village_cadre.pk).full_name == "程家明"
    [event] = AuditEvent.objects.filter(action="orgs.person_update")
    assert event.changes == {"full_name": ["jiacun", "程家明"]}


def test_an_edit_to_a_misfitting_role_shows_the_reason_and_saves_nothing(
    login, platform_admin, village_cadre, department
):
    response = login(platform_admin).post(
        edit(village_cadre), {"full_name": "改名", "unit": department.pk, "role": Role.VILLAGE_CADRE}
    )
    assert response.status_code == 400
    assert "村(社区)干部只能属于" in response.content.decode()
    village_cadre.refresh_from_db()
    assert village_cadre.full_name == "jiacun"


def test_an_admin_editing_themselves_cannot_change_their_role(login, platform_admin):
    client = login(platform_admin)
    page = client.get(edit(platform_admin)).content.decode()
    assert "不能修改自己的角色" in page
    assert reverse("orgs:person_deactivate", args=[platform_admin.pk]) not in page
    client.post(
        edit(platform_admin), {"full_name": "徐静", "unit": platform_admin.unit_id, "role": "supervisor"}
    )
    me = User.objects.get(pk=platform_admin.pk)
    assert me.role == Role.PLATFORM_ADMIN and me.full_name == "徐静"
    refused = client.post(reverse("orgs:person_deactivate", args=[platform_admin.pk]), follow=True)
    assert "不能停用自己的账号" in refused.content.decode()
    assert User.objects.get(pk=platform_admin.pk).is_active


def test_admin_deactivates_and_reactivates_a_person(login, platform_admin, village_cadre):
    client = login(platform_admin)
    done = client.post(write("person_deactivate", village_cadre), follow=True)
    assert "已停用" in done.content.decode()
    assert not User.objects.get(pk=village_cadre.pk).is_active
    client.post(write("person_reactivate", village_cadre))
    assert User.objects.get(pk=village_cadre.pk).is_active
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["orgs.person_deactivate", "orgs.person_reactivate"]


def test_admin_unlocks_a_locked_person(login, platform_admin, village_cadre):
    village_cadre.failed_logins, village_cadre.locked_until = 2, timezone.now() + timedelta(minutes=15)
    village_cadre.save()
    client = login(platform_admin)
    assert "锁定至" in client.get(edit(village_cadre)).content.decode()
    client.post(write("person_unlock", village_cadre))
    village_cadre.refresh_from_db()
    assert (village_cadre.failed_logins, village_cadre.locked_until) == (0, None)
    assert AuditEvent.objects.filter(action="orgs.person_unlock").count() == 1


def test_admin_resets_a_password_and_sees_the_new_one_once(login, platform_admin, village_cadre):
    response = login(platform_admin).post(write("person_password_reset", village_cadre))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert User.objects.get(pk=village_cadre.pk).check_password(password)
    assert AuditEvent.objects.filter(action="orgs.person_password_reset").count() == 1


def test_write_buttons_refuse_get(login, platform_admin, village_cadre):
    client = login(platform_admin)
    for name in WRITE_URLS:
        assert client.get(write(name, village_cadre)).status_code == 405


def test_a_person_outside_the_scope_is_not_found_for_an_admin_of_another_county(
    login, other_county_admin, village_cadre
):
    client = login(other_county_admin)
    assert client.get(edit(village_cadre)).status_code == 404
    assert client.post(edit(village_cadre), {"full_name": "x"}).status_code == 404
    for name in WRITE_URLS:
        assert client.post(write(name, village_cadre)).status_code == 404
    assert User.objects.get(pk=village_cadre.pk).check_password("correct-horse-battery")
    assert not AuditEvent.objects.filter(action__startswith="orgs.person").exists()


def test_an_admin_of_another_county_cannot_place_a_new_person_in_this_county(
    login, other_county_admin, department
):
    response = login(other_county_admin).post(
        CREATE,
        {
            "username": "sneaky",
            "full_name": "越界",
            "unit": department.pk,
            "role": Role.DEPT_CLERK,
            "password_choice": "generate",
        },
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="sneaky").exists()


@pytest.mark.parametrize("persona", ["supervisor", "catalog_office", "village_cadre"])
def test_roles_without_account_management_are_forbidden_every_page_and_button(
    request, login, persona, township_dispatcher
):
    client = login(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"username": "x"}).status_code == 403
    assert client.get(edit(township_dispatcher)).status_code == 403
    assert client.post(edit(township_dispatcher), {"full_name": "x"}).status_code == 403
    for name in WRITE_URLS:
        assert client.post(write(name, township_dispatcher)).status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="orgs.person").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, village_cadre):
    for url in (LIST, CREATE, edit(village_cadre)):
        assert client.get(url).status_code == 302
    assert client.post(write("person_unlock", village_cadre)).status_code == 302
