"""A village cadre fills a form: due list, a fill page with every known value filled (已预填), a check of
each value as it is typed, save a draft, submit; nothing is saved when a value is bad."""

import pytest

from qingdan.forms.actions import submissions
from qingdan.forms.choices import SubmissionStatus
from qingdan.registers.models import VillageFact
from qingdan.testing import id_number

from ..models import Submission, SubmissionValue

pytestmark = pytest.mark.django_db


def cell(resident, element) -> str:
    return f"c-{resident.pk if resident else 0}-{element.pk}"


@pytest.fixture
def opened(village_form, registers_filled, village_cadre, village):
    return submissions.open_submission(user=village_cadre, form=village_form, village=village)


def test_the_due_list_shows_the_approved_form_and_opens_it_prefilled(
    login, village_cadre, village_form, registers_filled, village
):
    client = login(village_cadre)
    page = client.get("/forms/due/").content.decode()
    assert village_form.title in page
    response = client.post(f"/forms/requests/{village_form.pk}/fill/{village.code}/")
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/forms/submissions/{submission.pk}/"
    page = client.get(response["Location"]).content.decode()
    e = registers_filled["elements"]
    assert f'name="{cell(None, e["population"])}"' in page and 'value="450"' in page
    assert 'value="120"' in page
    assert page.count('class="badge prefilled"') == 2


def test_the_due_list_is_for_village_cadres(login, dept_clerk, supervisor):
    for user in (dept_clerk, supervisor):
        assert login(user).get("/forms/due/").status_code == 403


def test_a_village_not_sent_the_form_cannot_open_it(login, outsider, village_form, other_village, village):
    client = login(outsider)
    assert client.post(f"/forms/requests/{village_form.pk}/fill/{other_village.code}/").status_code == 404
    assert client.post(f"/forms/requests/{village_form.pk}/fill/{village.code}/").status_code == 404
    assert not Submission.objects.exists()


def test_the_village_types_the_rest_and_submits(login, village_cadre, opened, registers_filled, village):
    e = registers_filled["elements"]
    client = login(village_cadre)
    data = {
        cell(None, e["households"]): "120",
        cell(None, e["population"]): "450",
        cell(None, e["farmland"]): "1200.5",
        cell(None, e["ditches"]): "350",
        "submit": "1",
    }
    response = client.post(f"/forms/submissions/{opened.pk}/save/", data)
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.status == SubmissionStatus.SUBMITTED
    assert (opened.prefilled_count, opened.typed_count) == (2, 2)
    # 耕地面积 is kept in the village profile: the typed value flows back into the register.
    fact = VillageFact.objects.filter(village=village, element=e["farmland"]).latest("id")
    assert fact.value == "1200.5" and fact.source == "form"


def test_a_bad_value_saves_nothing_and_is_named_in_chinese(login, village_cadre, opened, registers_filled):
    e = registers_filled["elements"]
    before = sorted(SubmissionValue.objects.values_list("element_id", "value"))
    response = login(village_cadre).post(
        f"/forms/submissions/{opened.pk}/save/",
        {cell(None, e["farmland"]): "很多", cell(None, e["ditches"]): "350", "save": "1"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "没有保存任何数据" in page and "耕地面积" in page
    assert 'value="很多"' in page  # what was typed is kept on the page to correct
    assert sorted(SubmissionValue.objects.values_list("element_id", "value")) == before


def test_submitting_with_an_empty_required_field_is_refused(login, village_cadre, opened, registers_filled):
    response = login(village_cadre).post(f"/forms/submissions/{opened.pk}/save/", {"submit": "1"})
    assert response.status_code == 400
    assert "本年新修沟渠长度" in response.content.decode()
    opened.refresh_from_db()
    assert opened.status == SubmissionStatus.DRAFT


def test_a_draft_is_saved_and_the_page_shows_it(login, village_cadre, opened, registers_filled):
    e = registers_filled["elements"]
    client = login(village_cadre)
    response = client.post(
        f"/forms/submissions/{opened.pk}/save/", {cell(None, e["ditches"]): "88", "save": "1"}
    )
    assert response.status_code == 302
    assert SubmissionValue.objects.get(submission=opened, element=e["ditches"]).value == "88"
    opened.refresh_from_db()
    assert opened.status == SubmissionStatus.DRAFT


def test_a_value_is_checked_as_it_is_typed(login, village_cadre, opened, registers_filled):
    e = registers_filled["elements"]
    client = login(village_cadre)
    url = f"/forms/submissions/{opened.pk}/check/"
    name = cell(None, e["population"])
    bad = client.post(url, {name: "-5"}, HTTP_HX_REQUEST="true", HTTP_HX_TRIGGER_NAME=name)
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    good = client.post(url, {name: "460"}, HTTP_HX_REQUEST="true", HTTP_HX_TRIGGER_NAME=name)
    assert "✓" in good.content.decode()
    assert not SubmissionValue.objects.filter(value="460").exists()  # checking saves nothing


def test_checking_a_cell_the_form_does_not_have_answers_not_found(
    login, village_cadre, opened, registers_filled
):
    name = cell(None, registers_filled["elements"]["phone"])  # a residents' element, not on this form
    response = login(village_cadre).post(
        f"/forms/submissions/{opened.pk}/check/",
        {name: "1"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER_NAME=name,
    )
    assert response.status_code == 404


def test_a_date_in_the_future_is_refused_where_it_cannot_be(
    login, village_cadre, resident_form, registers_filled, village
):
    e, r = registers_filled["elements"], registers_filled["residents"]
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    response = login(village_cadre).post(
        f"/forms/submissions/{submission.pk}/save/",
        {cell(r["zhang"], e["visited"]): "2099-01-01", "save": "1"},
    )
    assert response.status_code == 400
    assert "张三" in response.content.decode()
    assert not SubmissionValue.objects.filter(value="2099-01-01").exists()


def test_a_resident_form_lists_the_tagged_residents_with_masked_id_numbers(
    login, village_cadre, resident_form, registers_filled, village
):
    r = registers_filled["residents"]
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    page = login(village_cadre).get(f"/forms/submissions/{submission.pk}/").content.decode()
    assert "张三" in page and "李四" in page and "王五" not in page  # only 低保
    assert r["zhang"].id_masked in page
    assert id_number(1) not in page
    assert 'value="1950-03-01"' in page  # 出生日期 from the residents register


def test_a_resident_is_added_to_a_resident_form_by_id_number(
    login, village_cadre, resident_form, registers_filled, village
):
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    client = login(village_cadre)
    response = client.post(f"/forms/submissions/{submission.pk}/add-row/", {"who": id_number(3)})
    assert response.status_code == 302
    assert "王五" in client.get(f"/forms/submissions/{submission.pk}/").content.decode()


def test_the_supervisor_reads_a_submission_but_may_not_change_it(login, supervisor, opened, registers_filled):
    e = registers_filled["elements"]
    client = login(supervisor)
    page = client.get(f"/forms/submissions/{opened.pk}/").content.decode()
    assert 'id="submit-values"' not in page
    response = client.post(
        f"/forms/submissions/{opened.pk}/save/", {cell(None, e["ditches"]): "1", "save": "1"}
    )
    assert response.status_code == 403
    assert client.post(f"/forms/submissions/{opened.pk}/check/", {}).status_code == 403


def test_another_village_does_not_see_the_submission(login, outsider, opened):
    client = login(outsider)
    assert client.get(f"/forms/submissions/{opened.pk}/").status_code == 404
    assert client.post(f"/forms/submissions/{opened.pk}/save/", {"submit": "1"}).status_code == 404


def test_the_fill_page_runs_a_fixed_number_of_queries_whatever_the_residents(
    login, village_cadre, resident_form, registers_filled, village, django_assert_max_num_queries
):
    from qingdan.registers import actions as registers

    from .pages_support import queries_for

    for n in range(10, 70):  # two pages of rows
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n), tags="低保"
        )
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    client = login(village_cadre)
    few = queries_for(client, f"/forms/submissions/{submission.pk}/")
    for n in range(70, 200):  # four pages
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n), tags="低保"
        )
    assert queries_for(client, f"/forms/submissions/{submission.pk}/") == few
    with django_assert_max_num_queries(20):
        assert client.get(f"/forms/submissions/{submission.pk}/", {"page": 2}).status_code == 200


def test_a_long_form_shows_its_page_first_and_counts_the_whole_form_after(
    login, village_cadre, resident_form, registers_filled, village, outsider
):
    from qingdan.registers import actions as registers

    for n in range(10, 70):
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n), tags="低保"
        )
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    client = login(village_cadre)
    page = client.get(f"/forms/submissions/{submission.pk}/").content.decode()
    assert f'hx-get="/forms/submissions/{submission.pk}/progress/"' in page
    counts = client.get(f"/forms/submissions/{submission.pk}/progress/").content.decode()
    expected = submissions.progress(submission)
    assert f"<strong>{expected.prefilled}</strong>" in counts and f"{expected.empty}" in counts
    assert expected.empty == 62 * 4 - expected.prefilled
    assert login(outsider).get(f"/forms/submissions/{submission.pk}/progress/").status_code == 404


def test_the_due_list_runs_the_same_queries_for_one_form_as_for_six(
    login, village_cadre, village_form, make_form, dept_clerk, county_reviewer, village
):
    from qingdan.forms.actions import admission

    from .pages_support import queries_for

    client = login(village_cadre)
    one = queries_for(client, "/forms/due/")
    for n in range(5):
        form = admission.submit_form(user=dept_clerk, form=make_form(title=f"表{n}"))
        admission.approve_form(user=county_reviewer, form=form)
    submissions.open_submission(user=village_cadre, form=village_form, village=village)
    assert queries_for(client, "/forms/due/") == one


def test_a_resident_is_found_on_a_long_form_by_name_or_full_id_number(
    login, village_cadre, resident_form, registers_filled, village, residents, elements
):
    from qingdan.registers import actions as registers

    for n in range(10, 70):
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n), tags="低保"
        )
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    client = login(village_cadre)
    url = f"/forms/submissions/{submission.pk}/"
    by_name = client.get(url, {"q": "李四"}).content.decode()
    assert "李四" in by_name and "张三" not in by_name and "居民10" not in by_name
    found = client.post(f"{url}find/", {"q": id_number(1)})
    assert found["Location"] == f"{url}?row={residents['zhang'].pk}"  # the ID number stays out of the address
    by_id = client.get(found["Location"]).content.decode()
    assert "张三" in by_id and "李四" not in by_id and id_number(1) not in by_id
    assert client.post(f"{url}find/", {"q": "李"})["Location"] == f"{url}?q=%E6%9D%8E"
    nobody = client.post(f"{url}find/", {"q": id_number(99)}, follow=True).content.decode()
    assert "居民10" in nobody and id_number(99) not in nobody  # back to every row, with a message
    li_work = cell(residents["li"], elements["work"])
    saved = client.post(f"{url}save/", {"q": "李四", "page": "1", li_work: "务农"})
    assert saved.status_code == 302 and saved["Location"] == f"{url}?page=1&q=%E6%9D%8E%E5%9B%9B"
    assert SubmissionValue.objects.get(submission=submission, resident=residents["li"]).value == "务农"


def test_only_those_who_see_a_submission_may_search_it(
    login, outsider, resident_form, registers_filled, village, village_cadre
):
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    assert login(outsider).post(f"/forms/submissions/{submission.pk}/find/", {"q": "张三"}).status_code == 404


def test_a_full_page_of_a_wide_form_is_saved_in_one_post(
    login, village_cadre, catalog_office, make_form, dept_clerk, county_reviewer, village, residents
):
    from qingdan.forms.actions import admission, dictionary
    from qingdan.forms.choices import ElementKind, RowsKind
    from qingdan.registers import actions as registers

    wide = [
        dictionary.define_element(user=catalog_office, name=f"走访记录{n}", kind=ElementKind.TEXT)
        for n in range(30)
    ]
    for n in range(10, 70):
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n), tags="低保"
        )
    form = make_form(rows_kind=RowsKind.RESIDENTS, resident_tag="低保", element_ids=[e.pk for e in wide])
    admission.submit_form(user=dept_clerk, form=form)
    admission.approve_form(user=county_reviewer, form=form)
    submission = submissions.open_submission(user=village_cadre, form=form, village=village)
    client = login(village_cadre)
    page = submissions.filled(submission, page=1)
    assert len(page.rows) == 50
    posted = {f"c-{row.resident_id}-{e.pk}": "已走访" for row in page.rows for e in wide}
    assert len(posted) == 1500  # more than Django's default limit of 1,000 fields in one post
    response = client.post(f"/forms/submissions/{submission.pk}/save/", {"page": "1", **posted})
    assert response.status_code == 302
    assert SubmissionValue.objects.filter(submission=submission, value="已走访").count() == 1500


def test_a_page_of_a_very_wide_form_has_fewer_rows():
    from qingdan.forms.prefill import rows_per_page

    assert (rows_per_page(4), rows_per_page(50), rows_per_page(200)) == (50, 50, 12)
