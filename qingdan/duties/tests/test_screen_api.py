"""POST /api/v1/screen: a request screened against a division's current published catalog."""

import pytest

from qingdan.duties.screening import MAX_TEXT, clear_cache

from .api_helpers import publish_village_catalog

pytestmark = pytest.mark.django_db

FORBIDDEN = "请各村完成今年招商引资任务"


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def catalog(catalog_office, village):
    return publish_village_catalog(catalog_office, village)


def screen(client, division, text=FORBIDDEN):
    return client.post(
        "/api/v1/screen", {"division": division.code, "text": text}, content_type="application/json"
    )


def test_the_village_cadre_screens_a_request_against_their_village_catalog(
    login, village_cadre, village, catalog
):
    response = screen(login(village_cadre), village)
    assert response.status_code == 200
    body = response.json()
    assert body["decision"] == "refuse"
    best = body["matches"][0]
    assert best["list_kind"] == "negative"
    assert best["list_kind_name"] == "负面事项"
    assert best["item_no"] == "2"
    assert best["name"] == "不得将村级组织作为招商引资事务的责任主体"
    assert "招商引资" in best["matched_words"]
    assert 0 < best["score"] <= 1 and best["accepted"] is True


def test_a_department_clerk_of_the_county_screens_before_filing(login, dept_clerk, village, catalog):
    response = screen(login(dept_clerk), village, "请村委会出具居民财产证明")
    assert response.status_code == 200
    assert response.json()["decision"] == "refuse"
    assert response.json()["matches"][0]["item_no"] == "1"


def test_the_read_only_supervisor_may_screen_since_screening_changes_nothing(
    login, supervisor, village, catalog
):
    assert screen(login(supervisor), village).status_code == 200


def test_an_unrelated_request_is_not_listed_with_the_nearest_items_marked_not_accepted(
    login, village_cadre, village, catalog
):
    body = screen(login(village_cadre), village, "请各村组织开展外卖平台商家的资质审核").json()
    assert body["decision"] == "not_listed"
    assert all(match["accepted"] is False for match in body["matches"])


def test_a_division_outside_the_callers_scope_answers_404(login, outsider, village, catalog):
    assert screen(login(outsider), village).status_code == 404


def test_an_unknown_division_answers_404_like_one_out_of_scope(login, village_cadre, catalog):
    response = login(village_cadre).post(
        "/api/v1/screen", {"division": "429999999999", "text": FORBIDDEN}, content_type="application/json"
    )
    assert response.status_code == 404


def test_a_division_without_a_published_catalog_is_refused_with_a_reason(login, village_cadre, village):
    response = screen(login(village_cadre), village)
    assert response.status_code == 409
    assert village.name in response.json()["detail"]


@pytest.mark.parametrize("text", ["", "   ", "招" * (MAX_TEXT + 1)])
def test_an_empty_or_too_long_text_answers_422(login, village_cadre, village, catalog, text):
    response = screen(login(village_cadre), village, text)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]


def test_a_malformed_division_code_answers_422(login, village_cadre, catalog):
    response = login(village_cadre).post(
        "/api/v1/screen", {"division": "42", "text": FORBIDDEN}, content_type="application/json"
    )
    assert response.status_code == 422


def test_screening_needs_a_signed_in_caller(client, village, catalog):
    assert screen(client, village).status_code == 401
