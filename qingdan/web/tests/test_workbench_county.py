"""The county's home pages — the reviewer, a department, the catalog office, a supervisor — list what waits
for them, each a link to where it is done, and nothing of another county or another department."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from qingdan.admission import actions
from qingdan.bodies.tests.conftest import make_bodies
from qingdan.duties import actions as duty_actions
from qingdan.duties.models import Catalog
from qingdan.duties.tests.factories import village_rows
from qingdan.forms.actions import admission as form_admission
from qingdan.forms.actions import submissions
from qingdan.orgs.choices import Role
from qingdan.testing import make_user

from .conftest import section
from .test_workbench_grassroots import keyed, urls


def bypass(user, what: str = "电话要求村里上报环境整治台账"):
    return actions.file_complaint(
        user=user, kind="bypass", what=what, against_name="县城管局某科室", channel="phone"
    )


def apply_amendment(user, division):
    catalog = Catalog.objects.get(division=division, is_template=False)
    return duty_actions.apply_amendment(
        user=user, catalog=catalog, title="增加协助事项", reason="县里新规定", rows=village_rows()
    )


# --- the reviewer -------------------------------------------------------------------------------


def test_an_order_waiting_for_review_shows_with_its_link_and_age(submitted, county_reviewer, home):
    html = section(home(county_reviewer), "orders-waiting")
    assert reverse("admission:order_detail", args=[submitted.pk]) in html
    later = timezone.localdate() + datetime.timedelta(days=3)
    [item] = keyed(county_reviewer, today=later)["orders-waiting"].items
    assert item.age_days == 3


def test_the_oldest_order_waits_first(catalogs, make_order, dept_clerk, county_reviewer):
    first, second = (make_order(title=title) for title in ("先交的", "后交的"))
    actions.submit_order(user=dept_clerk, order=first)
    actions.submit_order(user=dept_clerk, order=second)
    assert [item.title for item in keyed(county_reviewer)["orders-waiting"].items] == ["先交的", "后交的"]


def test_another_countys_reviewer_does_not_see_the_order(submitted, elsewhere, home):
    stranger = elsewhere(Role.REVIEWER)
    assert reverse("admission:order_detail", args=[submitted.pk]) not in home(stranger)
    assert keyed(stranger)["orders-waiting"].total == 0


def test_an_open_complaint_waits_for_the_reviewer_until_decided(
    village_cadre, county_reviewer, elsewhere, home
):
    complaint = bypass(village_cadre)
    html = section(home(county_reviewer), "complaints-open")
    assert reverse("admission:complaint_detail", args=[complaint.pk]) in html
    assert keyed(elsewhere(Role.REVIEWER))["complaints-open"].total == 0
    actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=False, outcome="不属实")
    assert keyed(county_reviewer)["complaints-open"].total == 0


def test_a_form_request_waits_for_review_with_its_link(
    make_form, dept_clerk, county_reviewer, elsewhere, home
):
    form = form_admission.submit_form(user=dept_clerk, form=make_form())
    html = section(home(county_reviewer), "forms-waiting")
    assert reverse("forms:form_review", args=[form.pk]) in html
    assert keyed(elsewhere(Role.REVIEWER))["forms-waiting"].total == 0


def test_with_nothing_waiting_the_reviewer_is_told_where_to_look(county_reviewer, home):
    html = section(home(county_reviewer), "orders-waiting")
    assert "没有待审核的工单。" in html and reverse("admission:figures") in html


# --- the department -----------------------------------------------------------------------------


def test_a_returned_order_comes_back_to_its_department_first(
    catalogs, make_order, dept_clerk, county_reviewer, home
):
    refused, returned = make_order(title="被拒的"), make_order(title="被退回的")
    for order in (refused, returned):
        actions.submit_order(user=dept_clerk, order=order)
    actions.return_order(user=county_reviewer, order=returned, reason="请说明经费来源")
    actions.refuse_order(user=county_reviewer, order=refused, reason="属于负面清单")
    found = keyed(dept_clerk)["orders-decided"]
    assert [item.title for item in found.items] == ["被退回的", "被拒的"]
    assert (
        found.items[1].detail == f"县农业农村局 · {timezone.localdate():%Y-%m-%d}"
    )  # the day it was refused
    assert [source.total for source in found.sources] == [1, 1]
    assert reverse("admission:order_detail", args=[returned.pk]) in section(
        home(dept_clerk), "orders-decided"
    )


def test_another_departments_clerk_does_not_see_the_returned_order(
    submitted, county_reviewer, other_department, home
):
    actions.return_order(user=county_reviewer, order=submitted, reason="请说明经费来源")
    other = make_user("ziranziyuan", Role.DEPT_CLERK, other_department)
    assert reverse("admission:order_detail", args=[submitted.pk]) not in home(other)
    assert keyed(other)["orders-decided"].total == 0


def test_a_form_with_a_submission_in_has_results_ready(
    village_form, registers_filled, elements, village, village_cadre, dept_clerk, other_department, home
):
    assert keyed(dept_clerk)["form-results"].total == 0
    sheet = submissions.open_submission(user=village_cadre, form=village_form, village=village)
    submissions.save_values(
        user=village_cadre,
        submission=sheet,
        values={(None, elements["farmland"].pk): "1250", (None, elements["ditches"].pk): "30"},
    )
    submissions.submit(user=village_cadre, submission=sheet)
    html = section(home(dept_clerk), "form-results")
    assert reverse("forms:form_results", args=[village_form.pk]) in html
    other = make_user("ziranziyuan", Role.DEPT_CLERK, other_department)
    assert keyed(other)["form-results"].total == 0


def test_with_nothing_returned_the_department_is_offered_a_new_order(dept_clerk, home):
    html = section(home(dept_clerk), "orders-decided")
    assert reverse("admission:order_create") in html


# --- the catalog office -------------------------------------------------------------------------


@pytest.mark.usefixtures("catalogs")
def test_a_consulted_amendment_waits_for_the_catalog_offices_decision(
    village, village_cadre, county_reviewer, catalog_office, elsewhere, home
):
    amendment = apply_amendment(village_cadre, village)
    assert [s.total for s in keyed(county_reviewer)["amendments"].sources] == [1]  # to consult on
    duty_actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="同意")
    assert keyed(county_reviewer)["amendments"].total == 0
    found = keyed(catalog_office)["amendments"]
    assert [(s.label, s.total) for s in found.sources] == [("待会商", 0), ("待审定", 1)]
    html = section(home(catalog_office), "amendments")
    assert reverse("duties:amendment_detail", args=[amendment.pk]) in html
    assert keyed(elsewhere(Role.CATALOG_OFFICE))["amendments"].total == 0


def test_a_township_over_its_cap_and_bodies_that_look_alike_are_to_clean_up(
    township, county, department, catalog_office, elsewhere, home
):
    make_bodies(township, 2, lead_unit=department)  # a township keeps none
    [kept] = make_bodies(county, 1, lead_unit=department)
    twin = make_bodies(county, 1, lead_unit=department, start=1)[0]
    found = keyed(catalog_office)["bodies"]
    assert found.items[0].url == reverse("bodies:body_list") + f"?division={township.code}"
    merge = found.items[1]  # then the look-alikes, before the bodies idle since 2019
    assert (merge.url, merge.title) == (
        reverse("bodies:body_detail", args=[kept.pk]),
        f"{kept.name} / {twin.name}",
    )
    html = section(home(catalog_office), "bodies")
    assert reverse("bodies:review") in html
    assert keyed(elsewhere(Role.CATALOG_OFFICE))["bodies"].total == 0


def test_with_every_body_in_order_the_catalog_office_is_shown_the_report(catalog_office, home):
    assert reverse("bodies:report") in section(home(catalog_office), "bodies")


# --- the supervisor -----------------------------------------------------------------------------


def test_a_refusal_and_an_upheld_complaint_show_to_the_supervisor(
    submitted, county_reviewer, village_cadre, supervisor, elsewhere, home
):
    actions.refuse_order(user=county_reviewer, order=submitted, reason="属于负面清单")
    complaint = bypass(village_cadre)
    actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=True, outcome="已责令整改")
    html = home(supervisor)
    assert reverse("admission:order_detail", args=[submitted.pk]) in section(html, "refusals")
    assert reverse("admission:complaint_detail", args=[complaint.pk]) in section(html, "complaints-upheld")
    stranger = keyed(elsewhere(Role.SUPERVISOR))
    assert stranger["refusals"].total == 0 and stranger["complaints-upheld"].total == 0


def test_a_dismissed_complaint_is_not_among_the_upheld(village_cadre, county_reviewer, supervisor):
    complaint = bypass(village_cadre)
    actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=False, outcome="不属实")
    assert urls(keyed(supervisor)["complaints-upheld"]) == []


def test_a_platform_admin_has_no_workbench_but_keeps_the_figures(platform_admin, home):
    html = home(platform_admin)
    assert 'id="workbench"' not in html and 'class="tiles figures"' in html
