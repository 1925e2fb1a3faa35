"""One set of forms over /api/v1/forms: the same scope (404), roles (403) and refusals (409) as the pages;
ID numbers and phones masked in every answer but the reveal's."""

import json

import pytest

from qingdan.audit.models import AuditEvent
from qingdan.forms.actions import admission, submissions
from qingdan.forms.choices import ElementStatus, FormStatus, SubmissionStatus
from qingdan.registers.models import VillageFact
from qingdan.testing import id_number, in_days

from ..models import DataElement, FormRequest, Submission, SubmissionValue
from .pages_support import queries_for

pytestmark = pytest.mark.django_db
API = "/api/v1/forms"


def post(client, url, data=None):
    return client.post(f"{API}{url}", json.dumps(data or {}), content_type="application/json")


def get(client, url, **params):
    return client.get(f"{API}{url}", params)


@pytest.fixture
def submitted(make_form, dept_clerk, elements):
    form = make_form(
        title="季度走访", element_ids=[elements[k].pk for k in ("households", "ditches", "visited")]
    )
    return admission.submit_form(user=dept_clerk, form=form)


# --- the data dictionary --------------------------------------------------------------------------


def test_everyone_in_the_county_reads_the_dictionary(login, village_cadre, elements):
    data = get(login(village_cadre), "/elements", held_in="village").json()
    assert {item["name"] for item in data["items"]} == {"户数", "户籍人口", "耕地面积"}
    assert data["items"][0]["held_in"] == "village"


def test_an_empty_held_in_means_any_register_as_on_the_page(login, village_cadre, elements):
    client = login(village_cadre)
    everything = {e.name for e in elements.values()}  # held in either register, and held in none
    for params in ({"held_in": ""}, {}):
        response = get(client, "/elements", **params)
        assert response.status_code == 200
        assert {item["name"] for item in response.json()["items"]} == everything
    page = client.get("/forms/elements/", {"register": ""}).context["page"]
    assert {e.name for e in page} == everything


def test_the_dictionary_api_filters_like_the_page(login, village_cadre, elements):
    client = login(village_cadre)

    def names(**params):
        response = get(client, "/elements", **params)
        assert response.status_code == 200
        return {item["name"] for item in response.json()["items"]}

    assert names(held_in="residents", kind="number") == {"低保金额"}
    assert names(q="耕地") == {"耕地面积"}
    response = get(client, "/elements", held_in="nowhere", kind="integer")
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", "held_in"]]


def test_a_department_proposes_and_the_office_approves(login, dept_clerk, catalog_office):
    response = post(
        login(dept_clerk), "/elements", {"name": "养殖户数", "kind": "integer", "held_in": "village"}
    )
    assert response.status_code == 201 and response.json()["status"] == "proposed"
    element_id = response.json()["id"]
    response = post(login(catalog_office), f"/elements/{element_id}/approve", {"code": "V-YZ"})
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_a_village_cadre_may_not_propose_nor_the_supervisor_decide(
    login, village_cadre, supervisor, dept_clerk
):
    assert post(login(village_cadre), "/elements", {"name": "x", "kind": "text"}).status_code == 403
    element_id = post(login(dept_clerk), "/elements", {"name": "养殖户数", "kind": "integer"}).json()["id"]
    assert post(login(supervisor), f"/elements/{element_id}/approve", {}).status_code == 403
    assert DataElement.objects.get(pk=element_id).status == ElementStatus.PROPOSED


def test_a_bad_proposal_is_refused_with_409_in_chinese(login, dept_clerk):
    response = post(
        login(dept_clerk), "/elements", {"name": "文化程度", "kind": "choice", "choices": ["小学"]}
    )
    assert response.status_code == 409 and "选项" in response.json()["detail"]
    assert not DataElement.objects.exists()


def test_the_dictionary_list_runs_the_same_queries_for_few_and_many(login, catalog_office, elements):
    from qingdan.forms.actions import dictionary

    client = login(catalog_office)
    few = queries_for(client, f"{API}/elements")
    for n in range(15):
        dictionary.define_element(user=catalog_office, name=f"指标{n}", kind="integer")
    assert queries_for(client, f"{API}/elements") == few


# --- registers ----------------------------------------------------------------------------------


def test_the_village_profile_is_read_and_set(login, village_cadre, registers_filled, village):
    e = registers_filled["elements"]
    client = login(village_cadre)
    figures = {f["name"]: f for f in get(client, f"/villages/{village.code}/profile").json()}
    assert figures["户籍人口"]["value"] == "450" and figures["户籍人口"]["as_of"] == "2025-12-31"
    response = post(
        client,
        f"/villages/{village.code}/profile",
        {"element": e["population"].pk, "value": "455", "as_of": "2026-01-01"},
    )
    assert response.status_code == 201
    assert {f["name"]: f["value"] for f in response.json()}["户籍人口"] == "455"


def test_a_figure_in_the_future_is_refused_and_nothing_saved(login, village_cadre, registers_filled, village):
    e = registers_filled["elements"]
    before = VillageFact.objects.count()
    response = post(
        login(village_cadre),
        f"/villages/{village.code}/profile",
        {"element": e["population"].pk, "value": "455", "as_of": in_days(5).isoformat()},
    )
    assert response.status_code == 409
    assert VillageFact.objects.count() == before


def test_the_profile_is_closed_to_outsiders_departments_and_read_only_to_the_supervisor(
    login, outsider, dept_clerk, supervisor, registers_filled, village
):
    e = registers_filled["elements"]
    assert get(login(outsider), f"/villages/{village.code}/profile").status_code == 404
    assert get(login(dept_clerk), f"/villages/{village.code}/profile").status_code == 403
    client = login(supervisor)
    assert get(client, f"/villages/{village.code}/profile").status_code == 200
    body = {"element": e["population"].pk, "value": "1", "as_of": "2026-01-01"}
    assert post(client, f"/villages/{village.code}/profile", body).status_code == 403


def test_residents_are_masked_and_found_by_full_id_number(login, village_cadre, registers_filled, village):
    client = login(village_cadre)
    response = get(client, f"/villages/{village.code}/residents")
    text = response.content.decode()
    assert response.json()["count"] == 3
    assert id_number(1) not in text and "13812345678" not in text and "138****5678" in text
    refused = get(client, f"/villages/{village.code}/residents", q=id_number(2))
    assert refused.status_code == 400 and "身份证号" in refused.json()["detail"]
    found = post(client, f"/villages/{village.code}/residents/find", {"q": id_number(2)}).json()
    assert [r["name"] for r in found] == ["李四"]
    tagged = get(client, f"/villages/{village.code}/residents", tag="残疾").json()["items"]
    assert [r["name"] for r in tagged] == ["李四"]


def test_a_resident_detail_is_masked(login, village_cadre, registers_filled):
    zhang = registers_filled["residents"]["zhang"]
    response = get(login(village_cadre), f"/residents/{zhang.pk}")
    assert response.status_code == 200
    assert id_number(1) not in response.content.decode()
    assert any(f["name"] == "出生日期" and f["current"] for f in response.json()["facts"])


def test_revealing_takes_a_reason_and_is_audited(login, village_cadre, registers_filled):
    zhang = registers_filled["residents"]["zhang"]
    client = login(village_cadre)
    short = post(client, f"/residents/{zhang.pk}/reveal", {"field": "id_number", "reason": "看"})
    assert short.status_code == 409 and not AuditEvent.objects.filter(action="forms.reveal_personal").exists()
    response = post(client, f"/residents/{zhang.pk}/reveal", {"field": "id_number", "reason": "核对低保材料"})
    assert response.status_code == 200 and response.json()["value"] == id_number(1)
    event = AuditEvent.objects.get(action="forms.reveal_personal")
    assert id_number(1) not in json.dumps(event.changes, ensure_ascii=False)


def test_a_department_and_an_outsider_cannot_reach_residents(
    login, dept_clerk, outsider, registers_filled, village
):
    zhang = registers_filled["residents"]["zhang"]
    for user in (dept_clerk, outsider):
        client = login(user)
        assert get(client, f"/residents/{zhang.pk}").status_code == 404
        assert (
            post(
                client, f"/residents/{zhang.pk}/reveal", {"field": "phone", "reason": "核对一下"}
            ).status_code
            == 404
        )


def test_the_residents_list_runs_the_same_queries_for_few_and_many(
    login, village_cadre, registers_filled, village
):
    from qingdan.registers import actions as registers

    client = login(village_cadre)
    few = queries_for(client, f"{API}/villages/{village.code}/residents")
    for n in range(10, 30):
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n)
        )
    assert queries_for(client, f"{API}/villages/{village.code}/residents") == few


# --- form requests ----------------------------------------------------------------------------------


def request_json(elements, village, **overrides) -> dict:
    data = {
        "title": "农业生产季报",
        "purpose": "掌握农业生产情况",
        "frequency": "quarterly",
        "elements": [elements["households"].pk, elements["population"].pk, elements["visited"].pk],
        "villages": [village.code],
        "deadline": in_days(20).isoformat(),
    }
    return {**data, **overrides}


def test_a_clerk_requests_a_form_and_the_answer_holds_the_overlap(
    login, dept_clerk, elements, village, village_form
):
    response = post(login(dept_clerk), "/requests", request_json(elements, village))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "submitted"
    assert set(data["overlap"]["held"]) == {elements["households"].pk, elements["population"].pk}
    assert data["overlap"]["new"] == [elements["visited"].pk]
    assert data["overlap"]["typing_per_village_per_year"] == 1 * 1 * 4


def test_a_request_with_unknown_villages_is_422_and_a_bad_one_409(login, dept_clerk, elements, village):
    client = login(dept_clerk)
    assert (
        post(client, "/requests", request_json(elements, village, villages=["110101001001"])).status_code
        == 422
    )
    response = post(client, "/requests", request_json(elements, village, deadline="2020-01-01"))
    assert response.status_code == 409 and "2020-01-01" in response.json()["detail"]
    assert not FormRequest.objects.exists()


def test_only_a_clerk_requests_forms(login, village_cadre, supervisor, elements, village):
    for user in (village_cadre, supervisor):
        assert post(login(user), "/requests", request_json(elements, village)).status_code == 403


def test_the_reviewer_reads_the_overlap_and_approves(
    login, county_reviewer, submitted, village_form, elements
):
    client = login(county_reviewer)
    detail = get(client, f"/requests/{submitted.pk}").json()
    elsewhere = {item["element"]: item["forms"] for item in detail["overlap"]["asked_elsewhere"]}
    assert elsewhere[elements["ditches"].pk] == [{"id": village_form.pk, "title": village_form.title}]
    assert detail["overlap"]["merge_suggestions"][0]["form"]["id"] == village_form.pk
    response = post(client, f"/requests/{submitted.pk}/approve", {"note": ""})
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert response.json()["overlap"] is None


def test_the_reviewer_returns_refuses_or_merges(
    login, county_reviewer, make_form, dept_clerk, village_form, elements
):
    client = login(county_reviewer)
    forms = [admission.submit_form(user=dept_clerk, form=make_form(title=f"表{n}")) for n in range(3)]
    assert (
        post(client, f"/requests/{forms[0].pk}/return", {"reason": "请说明"}).json()["status"] == "returned"
    )
    assert post(client, f"/requests/{forms[1].pk}/refuse", {"reason": "重复"}).json()["status"] == "refused"
    merged = post(
        client, f"/requests/{forms[2].pk}/merge", {"into": village_form.pk, "reason": "重复"}
    ).json()
    assert merged["status"] == "merged" and merged["merged_into"] == village_form.pk
    assert post(client, f"/requests/{forms[0].pk}/approve", {}).status_code == 409  # not awaiting review


def test_the_supervisor_reads_but_may_not_decide(login, supervisor, submitted):
    client = login(supervisor)
    assert get(client, f"/requests/{submitted.pk}").status_code == 200
    assert post(client, f"/requests/{submitted.pk}/approve", {}).status_code == 403
    assert FormRequest.objects.get(pk=submitted.pk).status == FormStatus.SUBMITTED


def test_a_village_sees_no_unapproved_request(login, village_cadre, outsider, submitted):
    assert get(login(village_cadre), f"/requests/{submitted.pk}").status_code == 404
    assert get(login(village_cadre), "/requests").json()["count"] == 0
    assert get(login(outsider), f"/requests/{submitted.pk}").status_code == 404


def test_the_request_list_runs_the_same_queries_for_few_and_many(
    login, county_reviewer, make_form, dept_clerk
):
    client = login(county_reviewer)
    admission.submit_form(user=dept_clerk, form=make_form(title="表"))
    few = queries_for(client, f"{API}/requests")
    for n in range(8):
        admission.submit_form(user=dept_clerk, form=make_form(title=f"表{n}"))
    assert queries_for(client, f"{API}/requests") == few


# --- submissions ---------------------------------------------------------------------------------------


def test_a_village_opens_a_form_prefilled_saves_and_submits(
    login, village_cadre, village_form, registers_filled, village
):
    e = registers_filled["elements"]
    client = login(village_cadre)
    preview = get(client, f"/requests/{village_form.pk}/prefill/{village.code}").json()
    assert (preview["prefilled"], preview["to_type"]) == (2, 2)
    opened = post(client, f"/requests/{village_form.pk}/submissions", {"village": village.code})
    assert opened.status_code == 200
    data = opened.json()
    cells = {c["element"]: c for c in data["cells"]}
    assert cells[e["population"].pk] == {
        "resident": None,
        "element": e["population"].pk,
        "value": "450",
        "prefilled": True,
    }
    sid = data["id"]
    values = {
        "values": [
            {"element": e["farmland"].pk, "value": "1200"},
            {"element": e["ditches"].pk, "value": "30"},
        ]
    }
    assert post(client, f"/submissions/{sid}/values", values).status_code == 200
    submitted = post(client, f"/submissions/{sid}/submit")
    assert submitted.status_code == 200
    assert (
        submitted.json()["status"],
        submitted.json()["prefilled_count"],
        submitted.json()["typed_count"],
    ) == (
        SubmissionStatus.SUBMITTED,
        2,
        2,
    )


def test_a_bad_value_is_409_and_nothing_is_saved(
    login, village_cadre, village_form, registers_filled, village
):
    e = registers_filled["elements"]
    client = login(village_cadre)
    sid = post(client, f"/requests/{village_form.pk}/submissions", {"village": village.code}).json()["id"]
    before = sorted(SubmissionValue.objects.values_list("element_id", "value"))
    values = {
        "values": [
            {"element": e["ditches"].pk, "value": "30"},
            {"element": e["farmland"].pk, "value": "很多"},
        ]
    }
    response = post(client, f"/submissions/{sid}/values", values)
    assert response.status_code == 409 and "耕地面积" in response.json()["detail"]
    assert sorted(SubmissionValue.objects.values_list("element_id", "value")) == before


def test_a_resident_form_answer_masks_id_numbers(
    login, village_cadre, resident_form, registers_filled, village
):
    client = login(village_cadre)
    response = post(client, f"/requests/{resident_form.pk}/submissions", {"village": village.code})
    assert response.status_code == 200
    assert id_number(1) not in response.content.decode()
    assert {row["name"] for row in response.json()["rows"]} == {"张三", "李四"}


def test_only_the_village_fills_and_others_are_refused(
    login, outsider, supervisor, dept_clerk, village_form, registers_filled, village, village_cadre
):
    url = f"/requests/{village_form.pk}/submissions"
    # 乙村 does not see the form (404); the supervisor and the department see it but do not fill (403).
    for user, status in ((outsider, 404), (supervisor, 403), (dept_clerk, 403)):
        assert post(login(user), url, {"village": village.code}).status_code == status
    assert not Submission.objects.exists()
    sid = submissions.open_submission(user=village_cadre, form=village_form, village=village).pk
    assert post(login(supervisor), f"/submissions/{sid}/submit").status_code == 403
    assert post(login(outsider), f"/submissions/{sid}/submit").status_code == 404


def test_the_department_reads_results_masked(
    login, dept_clerk, resident_form, registers_filled, village, village_cadre
):
    e, r = registers_filled["elements"], registers_filled["residents"]
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    cells = {}
    for resident in (r["zhang"], r["li"]):
        cells.update({(resident.pk, e["allowance"].pk): "300", (resident.pk, e["work"].pk): "务农"})
        cells.update(
            {(resident.pk, e["visited"].pk): "2026-01-05", (resident.pk, e["birth"].pk): "1950-03-01"}
        )
    submissions.save_values(user=village_cadre, submission=submission, values=cells)
    submissions.submit(user=village_cadre, submission=submission)
    response = get(login(dept_clerk), f"/requests/{resident_form.pk}/results")
    assert response.status_code == 200 and len(response.json()["rows"]) == 2
    assert id_number(1) not in response.content.decode() and r["zhang"].id_masked in response.content.decode()


def test_the_forms_endpoints_are_documented_under_their_tag(login, village_cadre):
    schema = login(village_cadre).get("/api/v1/openapi.json").json()
    tagged = {
        path for path, ops in schema["paths"].items() for op in ops.values() if "forms" in op.get("tags", [])
    }
    assert "/api/v1/forms/requests/{form_id}" in tagged
    assert "/api/v1/forms/residents/{resident_id}/reveal" in tagged


def test_a_resident_form_is_read_a_page_of_rows_at_a_time(
    login, village_cadre, resident_form, registers_filled, village
):
    from qingdan.registers import actions as registers

    for n in range(10, 15):
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n), tags="低保"
        )
    client = login(village_cadre)
    url = f"/requests/{resident_form.pk}/prefill/{village.code}"
    second = get(client, url, page=2, per_page=3).json()
    assert (second["row_count"], second["page"], second["pages"], len(second["rows"])) == (7, 2, 3, 3)
    every = get(client, url, per_page=100).json()
    assert [r["name"] for r in every["rows"]][3:6] == [r["name"] for r in second["rows"]]
    assert get(client, url, per_page=1001).status_code == 422
    sid = post(client, f"/requests/{resident_form.pk}/submissions", {"village": village.code}).json()["id"]
    last = get(client, f"/submissions/{sid}", page=3, per_page=3).json()
    assert (last["row_count"], last["page"], len(last["rows"])) == (7, 3, 1)


def test_only_those_who_see_a_village_find_its_residents(login, outsider, registers_filled, village):
    found = post(login(outsider), f"/villages/{village.code}/residents/find", {"q": id_number(2)})
    assert found.status_code == 404 and id_number(2) not in found.content.decode()


def test_the_request_list_filters_by_status_and_title_like_the_page(
    login, county_reviewer, make_form, dept_clerk
):
    admission.submit_form(user=dept_clerk, form=make_form(title="季度走访"))
    make_form(title="季度草稿")
    client = login(county_reviewer)

    def titles(**params):
        response = get(client, "/requests", **params)
        assert response.status_code == 200
        return sorted(item["title"] for item in response.json()["items"])

    assert titles(status="submitted") == ["季度走访"]
    assert titles(q="草稿") == ["季度草稿"]
    assert titles() == ["季度草稿", "季度走访"]
    response = get(client, "/requests", status="nonsense")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "status"]
    assert "有效的选项" in response.json()["detail"][0]["msg"]  # Django's own Chinese wording
