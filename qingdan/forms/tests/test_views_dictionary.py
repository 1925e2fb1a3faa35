"""The data dictionary pages: everyone in the county reads it, departments propose, the catalog office
approves, maps or rejects."""

import pytest

from qingdan.forms.choices import ElementStatus
from qingdan.forms.models import DataElement

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(login, dept_clerk):
    login(dept_clerk).post(
        "/forms/elements/propose/",
        {
            "name": "养殖户数",
            "kind": "integer",
            "unit": "户",
            "register": "village",
            "description": "生猪养殖户",
        },
    )
    return DataElement.objects.get(name="养殖户数")


def test_the_dictionary_lists_and_filters_elements(login, village_cadre, elements):
    response = login(village_cadre).get("/forms/elements/", {"register": "village"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "户籍人口" in text and "耕地面积" in text
    assert "出生日期" not in text  # held in the residents register


def test_an_empty_register_on_the_dictionary_page_means_any_register(login, village_cadre, elements):
    shown = login(village_cadre).get("/forms/elements/", {"register": ""}).context["page"]
    assert {e.name for e in shown} == {e.name for e in elements.values()}  # held or not, in any register


def test_searching_the_dictionary_finds_by_name(login, village_cadre, elements):
    text = login(village_cadre).get("/forms/elements/", {"q": "耕地"}).content.decode()
    assert "耕地面积" in text and "户籍人口" not in text


def test_the_dictionary_list_runs_the_same_queries_for_few_and_many_elements(login, catalog_office, elements):
    from qingdan.forms.actions import dictionary

    from .pages_support import queries_for

    client = login(catalog_office)
    few = queries_for(client, "/forms/elements/")
    for n in range(20):
        dictionary.define_element(user=catalog_office, name=f"指标{n}", kind="integer")
    assert queries_for(client, "/forms/elements/") == few <= 12


def test_a_department_proposes_an_element_and_the_office_is_shown_it(
    login, dept_clerk, catalog_office, proposal
):
    assert proposal.status == ElementStatus.PROPOSED and proposal.proposed_by == dept_clerk.unit
    text = login(catalog_office).get("/forms/elements/").content.decode()
    assert "1 个提议等待您审定" in text
    page = login(catalog_office).get(f"/forms/elements/{proposal.pk}/").content.decode()
    assert 'id="approve-element"' in page


def test_a_proposal_missing_its_choices_is_refused_in_chinese(login, dept_clerk):
    response = login(dept_clerk).post("/forms/elements/propose/", {"name": "文化程度", "kind": "choice"})
    assert response.status_code == 400
    assert "每行写一个选项" in response.content.decode()
    assert not DataElement.objects.exists()


def test_a_village_cadre_may_not_propose(login, village_cadre):
    assert login(village_cadre).get("/forms/elements/propose/").status_code == 403


def test_the_office_approves_a_proposal_under_a_code(login, catalog_office, proposal):
    response = login(catalog_office).post(f"/forms/elements/{proposal.pk}/approve/", {"code": "V-FARMERS"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.code) == (ElementStatus.APPROVED, "V-FARMERS")


def test_the_office_maps_a_proposal_to_an_existing_element(login, catalog_office, proposal, elements):
    response = login(catalog_office).post(
        f"/forms/elements/{proposal.pk}/map/", {"target": elements["households"].pk}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ElementStatus.MAPPED and proposal.mapped_to == elements["households"]


def test_rejecting_needs_a_reason(login, catalog_office, proposal):
    client = login(catalog_office)
    assert client.post(f"/forms/elements/{proposal.pk}/reject/", {"reason": ""}).status_code == 400
    assert client.post(f"/forms/elements/{proposal.pk}/reject/", {"reason": "与户数重复"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ElementStatus.REJECTED


def test_a_department_and_the_supervisor_may_not_decide(login, dept_clerk, supervisor, proposal):
    for user in (dept_clerk, supervisor):
        assert login(user).post(f"/forms/elements/{proposal.pk}/approve/", {}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ElementStatus.PROPOSED


def test_an_element_of_another_county_is_not_found(login, catalog_office, proposal):
    from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
    from qingdan.orgs.models import Division, Unit
    from qingdan.testing import make_user

    county = Division.objects.create(
        code="429902000000", name="邻县", level=Level.COUNTY, kind=DivisionKind.COUNTY
    )
    stranger = make_user(
        "linxian",
        Role.CATALOG_OFFICE,
        Unit.objects.create(name="邻县编办", kind=UnitKind.OFFICE, division=county, county=county),
    )
    client = login(stranger)
    assert client.get(f"/forms/elements/{proposal.pk}/").status_code == 404
    assert client.post(f"/forms/elements/{proposal.pk}/approve/", {}).status_code == 404
