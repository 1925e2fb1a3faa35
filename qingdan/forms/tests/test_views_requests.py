"""Form request pages: the department drafts and submits; the reviewer reads the overlap (held fields,
fields other approved forms ask, the typing load) and approves, returns, refuses or merges."""

import pytest

from qingdan.forms.actions import admission
from qingdan.forms.choices import FormStatus
from qingdan.forms.models import FormRequest
from qingdan.testing import in_days

pytestmark = pytest.mark.django_db


def request_data(els, village, **overrides) -> dict:
    data = {
        "title": "农业生产季报",
        "purpose": "掌握各村农业生产情况",
        "frequency": "quarterly",
        "rows_kind": "village",
        "resident_tag": "",
        "elements": [els["households"].pk, els["population"].pk, els["visited"].pk],
        "villages": [village.code],
        "deadline": in_days(20).isoformat(),
        "submit": "1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def submitted(make_form, dept_clerk, elements):
    form = make_form(
        title="季度走访",
        element_ids=[elements[k].pk for k in ("households", "ditches", "visited")],
    )
    return admission.submit_form(user=dept_clerk, form=form)


def test_a_clerk_requests_a_form_and_submits_it(login, dept_clerk, elements, village, township):
    client = login(dept_clerk)
    page = client.get("/forms/requests/new/").content.decode()
    assert 'name="elements"' in page and village.name in page
    response = client.post("/forms/requests/new/", request_data(elements, village))
    form = FormRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/forms/requests/{form.pk}/"
    assert form.status == FormStatus.SUBMITTED
    assert [f.element.name for f in form.fields.order_by("position")] == ["户数", "户籍人口", "走访日期"]
    assert list(form.targets.all()) == [village]


def test_a_township_box_sends_the_form_to_all_its_villages(
    login, dept_clerk, elements, village, community, township
):
    login(dept_clerk).post("/forms/requests/new/", request_data(elements, village, villages=[township.code]))
    assert set(FormRequest.objects.get().targets.all()) == {village, community}


def test_a_draft_is_kept_without_submitting(login, dept_clerk, elements, village):
    data = request_data(elements, village)
    del data["submit"]
    login(dept_clerk).post("/forms/requests/new/", {**data, "save": "1"})
    assert FormRequest.objects.get().status == FormStatus.DRAFT


def test_a_request_without_fields_or_with_a_past_deadline_is_refused_and_nothing_saved(
    login, dept_clerk, elements, village
):
    client = login(dept_clerk)
    response = client.post("/forms/requests/new/", request_data(elements, village, elements=[]))
    assert response.status_code == 400
    assert "请从数据元目录中至少选择一个字段" in response.content.decode()
    response = client.post("/forms/requests/new/", request_data(elements, village, deadline="2020-01-01"))
    assert response.status_code == 400
    assert "已经过去" in response.content.decode()
    assert not FormRequest.objects.exists()


def test_a_village_cadre_and_the_supervisor_may_not_request_forms(login, village_cadre, supervisor):
    for user in (village_cadre, supervisor):
        assert login(user).get("/forms/requests/new/").status_code == 403


def test_the_reviewer_sees_the_overlap_with_registers_and_approved_forms(
    login, county_reviewer, submitted, village_form
):
    page = login(county_reviewer).get(f"/forms/requests/{submitted.pk}/").content.decode()
    assert 'id="overlap"' in page
    assert "已在台账中，自动填写" in page  # 户数 is held in the village profile
    assert (
        village_form.title in page
    )  # 本年新修沟渠长度 is asked by the approved village form: merge suggestion
    assert 'id="typing-load"' in page
    assert 'id="approve-form"' in page and 'id="merge-form"' in page


def test_the_reviewer_approves_and_the_form_reaches_its_villages(
    login, county_reviewer, village_cadre, submitted
):
    response = login(county_reviewer).post(f"/forms/requests/{submitted.pk}/approve/", {"note": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.APPROVED
    assert login(village_cadre).get(f"/forms/requests/{submitted.pk}/").status_code == 200


def test_returning_and_refusing_need_a_reason(login, county_reviewer, submitted):
    client = login(county_reviewer)
    assert client.post(f"/forms/requests/{submitted.pk}/return/", {"reason": ""}).status_code == 400
    assert client.post(f"/forms/requests/{submitted.pk}/refuse/", {"reason": ""}).status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.SUBMITTED
    assert (
        client.post(f"/forms/requests/{submitted.pk}/return/", {"reason": "请说明走访对象"}).status_code
        == 302
    )
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.RETURNED


def test_refusing_closes_the_request(login, county_reviewer, submitted):
    login(county_reviewer).post(f"/forms/requests/{submitted.pk}/refuse/", {"reason": "与现有报表重复"})
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.REFUSED


def test_merging_folds_the_request_into_the_approved_form(login, county_reviewer, submitted, village_form):
    response = login(county_reviewer).post(
        f"/forms/requests/{submitted.pk}/merge/", {"into": village_form.pk, "reason": "字段基本重复"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.MERGED and submitted.merged_into == village_form
    assert village_form.fields.filter(element__name="走访日期").exists()


def test_a_returned_request_is_changed_and_resubmitted(
    login, dept_clerk, county_reviewer, submitted, elements, village
):
    admission.return_form(user=county_reviewer, form=submitted, reason="请补充")
    client = login(dept_clerk)
    assert client.get(f"/forms/requests/{submitted.pk}/edit/").status_code == 200
    response = client.post(
        f"/forms/requests/{submitted.pk}/edit/", request_data(elements, village, title="季度走访（修改）")
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.title, submitted.status) == ("季度走访（修改）", FormStatus.SUBMITTED)


def test_the_supervisor_reads_a_request_but_may_not_decide(login, supervisor, submitted):
    client = login(supervisor)
    assert client.get(f"/forms/requests/{submitted.pk}/").status_code == 200
    for verb in ("approve", "return", "refuse"):
        assert client.post(f"/forms/requests/{submitted.pk}/{verb}/", {"reason": "x"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.SUBMITTED


def test_a_village_never_sees_a_request_before_it_is_approved(login, village_cadre, outsider, submitted):
    assert login(village_cadre).get(f"/forms/requests/{submitted.pk}/").status_code == 404
    assert login(outsider).get(f"/forms/requests/{submitted.pk}/").status_code == 404


def test_another_department_does_not_see_the_request(login, other_department, submitted):
    from qingdan.orgs.choices import Role
    from qingdan.testing import make_user

    other = make_user("ziyuan", Role.DEPT_CLERK, other_department)
    client = login(other)
    assert client.get(f"/forms/requests/{submitted.pk}/").status_code == 404
    assert client.post(f"/forms/requests/{submitted.pk}/submit/").status_code == 404


def test_an_approved_form_is_not_seen_by_a_village_it_was_not_sent_to(login, outsider, village_form):
    assert login(outsider).get(f"/forms/requests/{village_form.pk}/").status_code == 404


def test_the_queue_and_the_list_run_the_same_queries_for_one_request_as_for_seven(
    login, county_reviewer, make_form, dept_clerk, elements
):
    from .pages_support import queries_for

    client = login(county_reviewer)
    admission.submit_form(user=dept_clerk, form=make_form(title="表"))
    few = [queries_for(client, url) for url in ("/forms/requests/queue/", "/forms/requests/")]
    for n in range(6):
        admission.submit_form(user=dept_clerk, form=make_form(title=f"表{n}"))
    assert [queries_for(client, url) for url in ("/forms/requests/queue/", "/forms/requests/")] == few


def test_a_clerk_may_pick_the_element_their_department_just_proposed(login, dept_clerk, elements, village):
    from qingdan.forms.actions import dictionary

    proposal = dictionary.propose_element(user=dept_clerk, name="养殖户数", kind="integer")
    client = login(dept_clerk)
    assert f'value="{proposal.pk}"' in client.get("/forms/requests/new/").content.decode()
    client.post("/forms/requests/new/", request_data(elements, village, elements=[proposal.pk]))
    assert FormRequest.objects.get().fields.get().element == proposal


def test_the_request_list_filters_by_status_and_title(login, county_reviewer, make_form, dept_clerk):
    admission.submit_form(user=dept_clerk, form=make_form(title="季度走访"))
    make_form(title="季度草稿")
    make_form(title="年度台账")
    client = login(county_reviewer)

    def titles(**params):
        return sorted(f.title for f in client.get("/forms/requests/", params).context["page"])

    assert titles(status="submitted") == ["季度走访"]
    assert titles(q=" 季度 ") == ["季度草稿", "季度走访"]
    assert titles(status="draft", q="季度") == ["季度草稿"]
    # An unknown status is left out, like every list's choice: the other filters still apply.
    assert titles(status="nonsense", q="台账") == ["年度台账"]
    page = client.get("/forms/requests/", {"status": "submitted"}).content.decode()
    assert '<option value="submitted" selected>' in page
