"""The coordination body pages, as their owner, as an outsider (404) and as a read-only supervisor (403)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from qingdan.audit.models import AuditEvent
from qingdan.bodies import actions
from qingdan.bodies.ledger import ledger_rows, ledger_tsv
from qingdan.bodies.models import BodyDocument, BodyMeeting, CoordinationBody
from qingdan.bodies.views.common import checklist_link

from .conftest import active_count, make_bodies

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def set_up_data(department, **overrides) -> dict:
    data = {
        "division": department.county_id,
        "name": "县新能源产业发展领导小组",
        "kind": "leading_group",
        "permanence": "permanent",
        "ends_on": "",
        "basis_class": "local",
        "basis": "本县新能源产业发展需要",
        "lead_unit": department.pk,
        "office_unit": department.pk,
        "leader": "县长",
        "deputy": "分管副县长",
        "members": [department.pk],
        "other_members": "",
        "set_up_on": "2024-05-06",
        "set_up_document": "测办发〔2024〕8号",
    }
    return {**data, **overrides}


# --- the register ---------------------------------------------------------------------------------


def test_the_register_lists_active_bodies_with_the_cap_badge(
    login, catalog_office, county, department, township_body, django_assert_max_num_queries
):
    make_bodies(county, 60, lead_unit=department)
    client = login(catalog_office)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("bodies:body_list"))
    page = text(response)
    assert response.status_code == 200
    assert 'id="cap-badge"' in page and "60 / 25" in page
    assert page.count(">测试县第") == 50  # one page of the 61
    second = text(client.get(reverse("bodies:body_list"), {"page": 2}))
    assert second.count(">测试县第") == 10 and "甲镇第1工作领导小组" in second
    assert "设立议事协调机构" in page  # the catalog office may set one up


def test_the_register_filters_by_status_kind_and_lead_unit(
    login, catalog_office, supervisor, county_body, other_department
):
    actions.revoke_body(
        user=catalog_office,
        body=county_body,
        document="测发〔2024〕3号",
        revoked_on=datetime.date(2024, 1, 15),
    )
    client = login(supervisor)
    url = reverse("bodies:body_list")
    assert county_body.name not in text(client.get(url))  # active ones by default
    assert county_body.name in text(client.get(url, {"status": "revoked"}))
    assert county_body.name in text(client.get(url, {"status": "all", "kind": "headquarters"}))
    assert county_body.name not in text(client.get(url, {"status": "all", "kind": "committee"}))
    assert county_body.name in text(client.get(url, {"status": "all", "lead_unit": county_body.lead_unit_id}))
    # only the units that lead a body are offered: one that leads none would show an empty list
    assert f'<option value="{other_department.pk}"' not in text(client.get(url, {"status": "all"}))
    assert county_body.name in text(client.get(url, {"status": "all", "q": "防汛"}))


def test_a_supervisor_reads_the_register_but_is_offered_no_changes(login, supervisor, county_body):
    client = login(supervisor)
    listing = text(client.get(reverse("bodies:body_list")))
    detail = client.get(reverse("bodies:body_detail", args=[county_body.pk]))
    assert county_body.name in listing and "设立议事协调机构" not in listing
    assert detail.status_code == 200
    assert reverse("bodies:body_revoke", args=[county_body.pk]) not in text(detail)


def test_a_body_of_a_township_is_hidden_from_another_township(login, outsider, township_body, county_body):
    client = login(outsider)
    assert client.get(reverse("bodies:body_detail", args=[township_body.pk])).status_code == 404
    assert client.get(reverse("bodies:body_detail", args=[county_body.pk])).status_code == 200  # the county's
    assert township_body.name not in text(client.get(reverse("bodies:body_list")))


def test_another_county_sees_nothing_of_this_one(login, stranger, county_body):
    client = login(stranger)
    for name in ("body_detail", "body_edit", "body_revoke", "meeting_create", "document_create"):
        assert client.get(reverse(f"bodies:{name}", args=[county_body.pk])).status_code == 404, name
    assert county_body.name not in text(client.get(reverse("bodies:body_list")))


def test_the_detail_page_shows_members_meetings_and_documents(
    login, dept_clerk, county_body, other_department
):
    actions.record_meeting(
        user=dept_clerk, body=county_body, held_on=datetime.date(2024, 5, 10), topic="部署汛前检查"
    )
    actions.record_document(
        user=dept_clerk,
        body=county_body,
        number="测防指发〔2024〕1号",
        title="关于做好防汛工作的通知",
        issued_on=datetime.date(2024, 5, 12),
    )
    page = text(login(dept_clerk).get(reverse("bodies:body_detail", args=[county_body.pk])))
    assert other_department.name in page and "部署汛前检查" in page and "测防指发〔2024〕1号" in page
    assert reverse("bodies:meeting_create", args=[county_body.pk]) in page  # the lead unit's clerk records


# --- setting up -----------------------------------------------------------------------------------


def test_the_catalog_office_sets_up_a_body_through_the_form(login, catalog_office, county, department):
    client = login(catalog_office)
    assert client.get(reverse("bodies:body_create")).status_code == 200
    response = client.post(reverse("bodies:body_create"), set_up_data(department))
    body = CoordinationBody.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "bodies:body_detail", args=[body.pk]
    )
    assert (body.name, body.lead_unit, body.basis_class) == ("县新能源产业发展领导小组", department, "local")


def test_at_the_cap_the_form_offers_revoke_one_set_one_and_refuses_without_it(
    login, catalog_office, county, department, full_county
):
    client = login(catalog_office)
    page = text(client.get(reverse("bodies:body_create")))
    assert 'id="revoke-one"' in page and "25 / 25" in page and full_county[0].name in page
    response = client.post(reverse("bodies:body_create"), set_up_data(department))
    assert response.status_code == 400 and "已达上限，须撤一设一" in text(response)
    assert active_count(county) == 25


def test_at_the_cap_revoke_one_set_one_through_the_form(
    login, catalog_office, county, department, full_county
):
    old = full_county[3]
    data = set_up_data(
        department, revoke=old.pk, revocation_document="测编发〔2024〕3号", revocation_date="2024-05-06"
    )
    response = login(catalog_office).post(reverse("bodies:body_create"), data)
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == "revoked" and active_count(county) == 25
    assert AuditEvent.objects.filter(action="bodies.replace_body").count() == 1


def test_a_revocation_document_without_the_body_it_revokes_is_refused(
    login, catalog_office, department, full_county
):
    data = set_up_data(department, revocation_document="测编发〔2024〕3号")
    response = login(catalog_office).post(reverse("bodies:body_create"), data)
    assert response.status_code == 400 and "请选择撤销文件所撤销的机构" in text(response)


def test_a_township_cannot_set_up_a_body_and_the_page_says_so(login, catalog_office, township, department):
    client = login(catalog_office)
    page = text(client.get(reverse("bodies:body_create"), {"division": township.pk}))
    assert "甲镇不设议事协调机构" in page
    response = client.post(reverse("bodies:body_create"), set_up_data(department, division=township.pk))
    assert response.status_code == 400 and "上限为 0" in text(response)
    assert not CoordinationBody.objects.exists()


def test_an_end_date_before_the_start_is_refused_in_chinese(login, catalog_office, department):
    data = set_up_data(department, permanence="temporary", ends_on="2024-01-01")
    response = login(catalog_office).post(reverse("bodies:body_create"), data)
    assert response.status_code == 400
    assert "结束时间（2024-01-01）早于设立时间（2024-05-06）" in text(response)
    assert not CoordinationBody.objects.exists()


def test_a_supervisor_may_not_set_up_edit_or_revoke(login, supervisor, county_body, department):
    client = login(supervisor)
    assert client.get(reverse("bodies:body_create")).status_code == 403
    assert client.post(reverse("bodies:body_create"), set_up_data(department)).status_code == 403
    assert client.get(reverse("bodies:body_edit", args=[county_body.pk])).status_code == 403
    revoke = {"document": "x", "revoked_on": "2024-01-15"}
    assert client.post(reverse("bodies:body_revoke", args=[county_body.pk]), revoke).status_code == 403
    assert CoordinationBody.objects.get().status == "active"


def test_the_catalog_office_corrects_particulars(login, catalog_office, county_body, department):
    data = set_up_data(department, name=county_body.name, leader="县委副书记、县长", set_up_on="2019-03-01")
    data.pop("division")
    response = login(catalog_office).post(reverse("bodies:body_edit", args=[county_body.pk]), data)
    assert response.status_code == 302
    county_body.refresh_from_db()
    assert county_body.leader == "县委副书记、县长" and county_body.basis_class == "local"


# --- revoking and the handover -------------------------------------------------------------------


def test_a_revocation_without_a_document_is_refused_on_the_page(login, catalog_office, county_body):
    response = login(catalog_office).post(
        reverse("bodies:body_revoke", args=[county_body.pk]), {"document": "", "revoked_on": "2024-01-15"}
    )
    assert response.status_code == 400 and "须填写撤销文件的文号" in text(response)
    assert CoordinationBody.objects.get().status == "active"


def test_a_revoked_body_shows_its_handover(login, catalog_office, county_body):
    client = login(catalog_office)
    response = client.post(
        reverse("bodies:body_revoke", args=[county_body.pk]),
        {"document": "测编发〔2024〕3号", "revoked_on": "2024-01-15"},
    )
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert 'id="handover"' in page and "承接原县防汛抗旱指挥部的统筹协调工作" in page


def test_the_checklist_link_is_made_only_where_the_tasks_page_exists(catalog_office, county_body, settings):
    settings.ROOT_URLCONF = "qingdan.bodies.tests.urls_with_tasks"
    assert checklist_link(county_body) == f"/tasks/checklists/new/?from_body={county_body.pk}"
    settings.ROOT_URLCONF = "qingdan.bodies.tests.urls_without_tasks"
    assert checklist_link(county_body) == ""


def test_a_revoked_body_links_to_a_checklist_when_the_tasks_app_offers_one(
    login, catalog_office, county_body
):
    actions.revoke_body(
        user=catalog_office,
        body=county_body,
        document="测编发〔2024〕3号",
        revoked_on=datetime.date(2024, 1, 15),
    )
    page = text(login(catalog_office).get(reverse("bodies:body_detail", args=[county_body.pk])))
    try:
        url = reverse("tasks:checklist_create")
    except NoReverseMatch:
        assert 'id="handover"' in page and "from_body" not in page
    else:
        assert f'href="{url}?from_body={county_body.pk}"' in page


# --- meetings and documents ----------------------------------------------------------------------


def test_the_lead_units_clerk_records_a_meeting_with_minutes(
    login, dept_clerk, county_body, stranger, client
):
    minutes = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = login(dept_clerk).post(
        reverse("bodies:meeting_create", args=[county_body.pk]),
        {"held_on": "2024-05-10", "topic": "部署汛前检查", "attendees_count": "23", "minutes": minutes},
    )
    assert response.status_code == 302
    meeting = BodyMeeting.objects.get()
    download = client.get(reverse("bodies:minutes_download", args=[meeting.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 minutes"
    client.force_login(stranger)
    assert client.get(reverse("bodies:minutes_download", args=[meeting.pk])).status_code == 404


def test_a_meeting_before_the_body_existed_is_refused_in_chinese(login, dept_clerk, county_body):
    response = login(dept_clerk).post(
        reverse("bodies:meeting_create", args=[county_body.pk]), {"held_on": "2010-05-10", "topic": "早"}
    )
    assert response.status_code == 400 and "早于县防汛抗旱指挥部的设立时间" in text(response)


def test_a_duplicate_document_number_is_refused(login, catalog_office, county_body):
    client = login(catalog_office)
    data = {"number": "测防指发〔2024〕1号", "title": "通知", "issued_on": "2024-05-12"}
    assert client.post(reverse("bodies:document_create", args=[county_body.pk]), data).status_code == 302
    response = client.post(reverse("bodies:document_create", args=[county_body.pk]), data)
    assert response.status_code == 400 and "已登记过" in text(response)
    assert BodyDocument.objects.count() == 1


def test_people_outside_the_lead_unit_may_not_record(login, supervisor, village_cadre, county_body):
    data = {"number": "1", "title": "t", "issued_on": "2024-05-12"}
    for user in (supervisor, village_cadre):
        client = login(user)
        assert client.get(reverse("bodies:meeting_create", args=[county_body.pk])).status_code == 403
        assert client.post(reverse("bodies:document_create", args=[county_body.pk]), data).status_code == 403
    assert not BodyDocument.objects.exists()


# --- importing the ledger ------------------------------------------------------------------------


def ledger_upload(county, department, *, rows=None, name="台账.tsv"):
    rows = rows if rows is not None else ledger_rows(county_name=county.name, unit_names=[department.name])
    return SimpleUploadedFile(name, ledger_tsv(rows), content_type="text/tab-separated-values")


def test_the_catalog_office_previews_then_imports_a_ledger(login, catalog_office, county, department):
    client = login(catalog_office)
    assert client.get(reverse("bodies:ledger_import")).status_code == 200
    preview = client.post(
        reverse("bodies:ledger_import"), {"division": county.pk, "file": ledger_upload(county, department)}
    )
    page = text(preview)
    assert preview.status_code == 200 and 'id="commit-ledger"' in page
    assert "150 个机构" in page and "在册 25 个" in page and "已撤销 125 个" in page
    assert not CoordinationBody.objects.exists()  # nothing until confirmed
    response = client.post(reverse("bodies:ledger_commit"))
    assert response.status_code == 302
    assert CoordinationBody.objects.filter(county=county).count() == 150
    again = client.post(reverse("bodies:ledger_commit"))  # the same file cannot be imported twice
    assert again.status_code == 302 and CoordinationBody.objects.count() == 150


def test_a_ledger_with_bad_rows_names_each_and_imports_nothing(login, catalog_office, county, department):
    rows = ledger_rows(county_name=county.name, unit_names=[department.name])
    rows[40]["撤销文件"] = ""
    rows[141]["结束时间"] = "1980-01-01"
    client = login(catalog_office)
    preview = client.post(
        reverse("bodies:ledger_import"),
        {"division": county.pk, "file": ledger_upload(county, department, rows=rows)},
    )
    page = text(preview)
    assert preview.status_code == 400 and 'id="ledger-errors"' in page and 'id="commit-ledger"' not in page
    assert re.search(r">42</td>\s*<td[^>]*>撤销文件</td>\s*<td[^>]*>已撤销的机构须填写撤销文件的文号。", page)
    assert re.search(
        r">143</td>\s*<td[^>]*>结束时间</td>\s*<td[^>]*>结束时间（1980-01-01）早于设立时间", page
    )
    client.post(reverse("bodies:ledger_commit"))
    assert not CoordinationBody.objects.exists()


def test_a_file_of_another_type_is_refused_before_reading(login, catalog_office, county, department):
    upload = SimpleUploadedFile("台账.csv", b"a,b\n", content_type="text/csv")
    response = login(catalog_office).post(
        reverse("bodies:ledger_import"), {"division": county.pk, "file": upload}
    )
    assert response.status_code == 400 and ".xlsx" in text(response)


def test_a_supervisor_may_not_import(login, supervisor, county, department):
    client = login(supervisor)
    assert client.get(reverse("bodies:ledger_import")).status_code == 403
    upload = {"division": county.pk, "file": ledger_upload(county, department)}
    assert client.post(reverse("bodies:ledger_import"), upload).status_code == 403
    assert client.post(reverse("bodies:ledger_commit")).status_code == 403


# --- review, report, caps ------------------------------------------------------------------------


def test_the_review_page_lists_what_to_clean_up(
    login, supervisor, county, township, department, django_assert_max_num_queries
):
    make_bodies(county, 40, lead_unit=department)
    make_bodies(township, 3)
    client = login(supervisor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("bodies:review"))
    page = text(response)
    assert response.status_code == 200
    assert "40" in page and 'id="cap-status"' in page and "甲镇 3 / 0" in page
    assert page.count("测试县第") == 40  # all stale: nothing recorded for years
    assert "甲镇第1工作领导小组" in page  # no lead unit


def test_the_report_page_shows_this_year_against_last(
    login, village_cadre, township_body, django_assert_max_num_queries
):
    today = datetime.date.today()
    BodyMeeting.objects.create(
        body=township_body, county=township_body.county, held_on=today.replace(month=1, day=1), topic="会"
    )
    client = login(village_cadre)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("bodies:report"))
    page = text(response)
    assert response.status_code == 200 and 'id="year-report"' in page and "甲镇" in page
    assert client.get(reverse("bodies:report"), {"year": "abc"}).status_code == 200


def test_the_catalog_office_sets_a_cap(login, catalog_office, county):
    client = login(catalog_office)
    assert client.get(reverse("bodies:cap_edit")).status_code == 200
    response = client.post(reverse("bodies:cap_edit"), {"level": "township", "cap": "2"})
    assert response.status_code == 302
    assert "2" in text(client.get(reverse("bodies:cap_edit")))
    bad = client.post(reverse("bodies:cap_edit"), {"level": "township", "cap": "-1"})
    assert bad.status_code == 400


def test_a_supervisor_may_not_set_caps(login, supervisor):
    client = login(supervisor)
    assert client.get(reverse("bodies:cap_edit")).status_code == 403
    assert client.post(reverse("bodies:cap_edit"), {"level": "county", "cap": "30"}).status_code == 403


def test_pages_need_a_signed_in_person(client, county_body):
    for url in (
        reverse("bodies:body_list"),
        reverse("bodies:body_detail", args=[county_body.pk]),
        reverse("bodies:review"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_checked_ledger_can_be_dropped_and_its_file_is_not_kept(login, catalog_office, county, department):
    from qingdan.jobs.models import Job
    from qingdan.sheets import staging

    client = login(catalog_office)
    upload = {"division": county.pk, "file": ledger_upload(county, department)}
    client.post(reverse("bodies:ledger_import"), upload)
    job = Job.objects.get()
    assert staging.read(job.params["stored_name"]) is not None
    assert 'id="cancel-ledger"' in text(client.get(reverse("bodies:ledger_preview", args=[job.pk])))
    assert client.post(reverse("bodies:ledger_cancel", args=[job.pk])).status_code == 302
    assert staging.read(job.params["stored_name"]) is None
    client.post(reverse("bodies:ledger_commit"))
    assert not CoordinationBody.objects.exists()


def test_the_register_filters_by_a_division_chosen_by_name(
    login, supervisor, county_body, township_body, township
):
    client = login(supervisor)
    url = reverse("bodies:body_list")
    page = text(client.get(url, {"division": township.code}))
    assert township_body.name in page and county_body.name not in page
    assert f'<option value="{township.code}" selected>甲镇</option>' in page  # the picker shows its name
    assert 'data-picker="division"' in page and 'data-levels="county,township"' in page
