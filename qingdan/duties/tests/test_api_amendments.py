"""The amendment procedure over the API: apply (申请) → consult (会商) → decide (审定)."""

import pytest

from qingdan.duties import actions
from qingdan.duties.models import Amendment, Catalog

from .api_helpers import BAD_ROWS, VILLAGE_ROWS, publish_village_catalog, tsv_file

pytestmark = pytest.mark.django_db

PROPOSED_ROWS = [*VILLAGE_ROWS[:4], ("出具证明事项", "1", "村民居住证明", "")]  # one certificate replaced


@pytest.fixture
def catalog(catalog_office, village, department):
    return publish_village_catalog(catalog_office, village)


def apply(client, catalog, rows=PROPOSED_ROWS, **fields):
    data = {"title": "调整出具证明事项", "reason": "死亡证明改由派出所出具", "file": tsv_file(rows), **fields}
    return client.post(f"/api/v1/catalogs/{catalog.pk}/amendments", data)


@pytest.fixture
def amendment(catalog, village_cadre):
    from .factories import row, village_rows

    rows = village_rows()
    rows[4] = row("certificate", "1", "村民居住证明", 6)
    return actions.apply_amendment(
        user=village_cadre,
        catalog=catalog,
        title="调整出具证明事项",
        reason="死亡证明改由派出所出具",
        rows=rows,
    )


def consult(client, amendment, opinion="同意调整"):
    return client.post(
        f"/api/v1/amendments/{amendment.pk}/consult", {"opinion": opinion}, content_type="application/json"
    )


def decide(client, amendment, approve=True, opinion="审定通过"):
    return client.post(
        f"/api/v1/amendments/{amendment.pk}/decide",
        {"approve": approve, "opinion": opinion},
        content_type="application/json",
    )


def test_a_village_cadre_applies_for_an_amendment_of_their_catalog(login, village_cadre, catalog):
    response = apply(login(village_cadre), catalog)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "applied"
    assert body["base_version"] == 1 and body["proposed_version"] is None
    assert body["applicant"] == "jiacun"
    assert [s["step"] for s in body["steps"]] == ["apply"]
    assert body["counts"] == {"added": 0, "removed": 0, "moved": 0, "reworded": 1, "changed": 0}
    assert Amendment.objects.get().catalog == catalog


def test_an_amendment_from_a_bad_file_is_refused_with_422_and_nothing_is_filed(login, village_cadre, catalog):
    response = apply(login(village_cadre), catalog, rows=BAD_ROWS)
    assert response.status_code == 422
    assert len(response.json()["errors"]) == 2
    assert not Amendment.objects.exists()


def test_an_amendment_needs_a_title(login, village_cadre, catalog):
    assert apply(login(village_cadre), catalog, title="").status_code == 422
    assert not Amendment.objects.exists()


def test_a_second_amendment_while_one_is_under_way_is_refused_with_409(
    login, village_cadre, amendment, catalog
):
    response = apply(login(village_cadre), catalog)
    assert response.status_code == 409
    assert Amendment.objects.count() == 1


def test_a_supervisor_may_not_apply(login, supervisor, catalog):
    assert apply(login(supervisor), catalog).status_code == 403
    assert not Amendment.objects.exists()


def test_an_outsider_cannot_apply_to_a_catalog_they_cannot_see(login, outsider, catalog):
    assert apply(login(outsider), catalog).status_code == 404
    assert not Amendment.objects.exists()


def test_the_amendments_of_a_catalog_are_listed(login, township_dispatcher, amendment, catalog):
    response = login(township_dispatcher).get(f"/api/v1/catalogs/{catalog.pk}/amendments")
    assert response.status_code == 200
    assert [a["id"] for a in response.json()["items"]] == [amendment.pk]


def test_a_department_clerk_sees_no_amendments(login, dept_clerk, amendment, catalog):
    response = login(dept_clerk).get(f"/api/v1/catalogs/{catalog.pk}/amendments")
    assert response.json()["items"] == []
    assert login(dept_clerk).get(f"/api/v1/amendments/{amendment.pk}").status_code == 404


def test_amendment_detail_shows_its_steps_and_proposed_changes(login, catalog_office, amendment):
    response = login(catalog_office).get(f"/api/v1/amendments/{amendment.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["reason"] == "死亡证明改由派出所出具"
    assert body["steps"][0]["actor"] == "jiacun"
    [change] = body["changes"]
    assert change["kind"] == "reworded"
    assert change["fields"]["name"] == ["村民死亡证明", "村民居住证明"]


def test_an_outsider_gets_404_for_an_amendment(login, outsider, amendment):
    client = login(outsider)
    assert client.get(f"/api/v1/amendments/{amendment.pk}").status_code == 404
    assert consult(client, amendment).status_code == 404
    assert decide(client, amendment).status_code == 404


def test_the_reviewer_consults_and_the_catalog_office_approves(
    login, county_reviewer, catalog_office, amendment, catalog
):
    response = consult(login(county_reviewer), amendment)
    assert response.status_code == 200
    assert response.json()["status"] == "consulted"
    response = decide(login(catalog_office), amendment)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "approved"
    assert body["proposed_version"] == 2
    assert [s["step"] for s in body["steps"]] == ["apply", "consult", "decide"]
    assert Catalog.objects.get(pk=catalog.pk).current_version.number == 2


def test_a_rejected_amendment_leaves_the_catalog_as_it_was(
    login, county_reviewer, catalog_office, amendment, catalog
):
    consult(login(county_reviewer), amendment)
    response = decide(login(catalog_office), amendment, approve=False, opinion="理由不充分")
    assert response.json()["status"] == "rejected"
    assert Catalog.objects.get(pk=catalog.pk).current_version.number == 1


def test_deciding_before_consultation_is_refused_with_409(login, catalog_office, amendment):
    response = decide(login(catalog_office), amendment)
    assert response.status_code == 409
    assert response.json()["detail"]
    assert Amendment.objects.get().status == "applied"


def test_an_empty_opinion_is_a_422(login, county_reviewer, amendment):
    assert consult(login(county_reviewer), amendment, opinion="   ").status_code == 422
    assert Amendment.objects.get().status == "applied"


def test_a_supervisor_may_neither_consult_nor_decide(login, supervisor, amendment):
    client = login(supervisor)
    assert client.get(f"/api/v1/amendments/{amendment.pk}").status_code == 200
    assert consult(client, amendment).status_code == 403
    assert decide(client, amendment).status_code == 403
    assert Amendment.objects.get().status == "applied"


def test_a_village_cadre_may_not_decide_their_own_amendment(login, village_cadre, amendment):
    assert decide(login(village_cadre), amendment).status_code == 403
