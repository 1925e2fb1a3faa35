"""The pages: each as its owner, as an outsider (404) and as the read-only supervisor (403 on writes),
in Chinese, with personal data masked."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qingdan.cadres import actions
from qingdan.cadres.choices import RecordKind
from qingdan.cadres.models import Cadre, NominationBatch, WorkRecord
from qingdan.orgs.models import User

from .conftest import PHONE, TODAY, id_for, nominee

# The header names the signed-in account (test usernames are pinyin); the page below it must be Chinese.
TAGS = re.compile(r"<header.*?</header>|<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)
WORD = re.compile(r"[A-Za-z]{3,}")


def english_on(response) -> list[str]:
    """Latin words on the page, apart from "Excel" and the test accounts' pinyin names."""
    names = set(User.objects.values_list("username", flat=True))
    text = TAGS.sub(" ", response.content.decode())
    return [w for w in WORD.findall(text) if w not in {"Excel"} | names]


@pytest.fixture
def need(community_cadre, community, programme):
    return actions.list_need(user=community_cadre, community=community, title="加装电梯")


@pytest.fixture
def project(posting, community_cadre, community, need, dept_clerk):
    resource = actions.offer_resource(user=dept_clerk, title="法律咨询")
    return actions.start_project(
        user=community_cadre,
        community=community,
        title="电梯协调",
        needs=[need],
        resources=[resource],
        owner="李明",
        starts_on=TODAY,
        ends_on=TODAY,
    )


def test_the_overview_shows_the_rules_and_figures_in_chinese(client, organiser, posting):
    client.force_login(organiser)
    response = client.get(reverse("cadres:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "45" in page and "甲镇" in page
    assert english_on(response) == []


def test_the_figures_export_holds_numbers(client, organiser, posting):
    client.force_login(organiser)
    response = client.get(reverse("cadres:figures_export"))
    sheet = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml").decode()
    numbers = re.findall(r'<c r="([A-Z]+)(\d+)" s="\d+"><v>([\d.]+)</v></c>', sheet)
    # One street (甲镇) and the county, eight figures each, all written as numbers; one cadre in post.
    assert len(numbers) == 2 * 8
    assert ("B", "4", "1") in numbers


def test_a_sending_unit_nominates_on_the_batch_page(client, dept_clerk, batch):
    client.force_login(dept_clerk)
    url = reverse("cadres:batch_detail", args=[batch.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"do": "nominate", **nominee(full_time="on")})
    assert response.status_code == 302
    assert Cadre.objects.filter(batch=batch).count() == 1


def test_a_nominee_over_age_is_refused_on_the_page_and_nothing_is_kept(client, dept_clerk, batch):
    client.force_login(dept_clerk)
    response = client.post(
        reverse("cadres:batch_detail", args=[batch.pk]),
        {"do": "nominate", **nominee(id_number=id_for(50), full_time="on")},
    )
    assert response.status_code == 400
    assert "45岁以下" in response.content.decode()
    assert not Cadre.objects.exists()


def test_another_unit_and_a_community_do_not_see_a_batch(client, other_sender, community_cadre, batch):
    for person in (other_sender, community_cadre):
        client.force_login(person)
        assert client.get(reverse("cadres:batch_detail", args=[batch.pk])).status_code == 404


def test_the_supervisor_reads_a_batch_but_cannot_nominate_or_decide(client, supervisor, batch):
    client.force_login(supervisor)
    url = reverse("cadres:batch_detail", args=[batch.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"do": "nominate", **nominee()}).status_code == 403
    assert client.post(url, {"do": "decide", "decision": "approve"}).status_code == 403
    assert client.post(reverse("cadres:batch_create"), {"year": TODAY.year}).status_code == 403
    assert NominationBatch.objects.count() == 1


def test_a_cadre_page_masks_personal_data_and_reveals_it_for_a_reason(client, dept_clerk, cadre):
    client.force_login(dept_clerk)
    page = client.get(reverse("cadres:cadre_detail", args=[cadre.pk])).content.decode()
    assert id_for(36) not in page and PHONE not in page and cadre.id_masked in page
    response = client.post(
        reverse("cadres:cadre_reveal", args=[cadre.pk]), {"field": "phone", "reason": "联系报到事宜"}
    )
    assert PHONE in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_cadre_pages_are_scoped(client, cadre, other_sender, far_cadre, supervisor, community_cadre):
    url = reverse("cadres:cadre_detail", args=[cadre.pk])
    for person in (other_sender, far_cadre, community_cadre):  # 甲社区 has no posting of this cadre yet
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(supervisor)
    assert client.get(url).status_code == 200


def test_a_community_sees_the_cadre_posted_to_it_but_cannot_reveal(client, posting, community_cadre):
    client.force_login(community_cadre)
    assert client.get(reverse("cadres:cadre_detail", args=[posting.cadre_id])).status_code == 200
    reveal = reverse("cadres:cadre_reveal", args=[posting.cadre_id])
    assert client.post(reveal, {"field": "phone", "reason": "联系报到事宜"}).status_code == 403


def test_the_community_records_work_on_the_posting_page(client, posting, community_cadre):
    client.force_login(community_cadre)
    url = reverse("cadres:posting_detail", args=[posting.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"do": "record", "day": TODAY.isoformat(), "kind": RecordKind.VISIT, "text": "走访10户"}
    )
    assert response.status_code == 302
    assert WorkRecord.objects.count() == 1


def test_posting_pages_are_scoped_and_read_only_for_the_supervisor(
    client, posting, far_cadre, supervisor, other_sender
):
    url = reverse("cadres:posting_detail", args=[posting.pk])
    for person in (far_cadre, other_sender):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(supervisor)
    assert client.get(url).status_code == 200
    for step in ("record", "attendance", "score", "rotate", "grids"):
        assert client.post(url, {"do": step}).status_code == 403
    assert not WorkRecord.objects.exists()


def test_only_the_organiser_opens_the_posting_form(client, organiser, dept_clerk, supervisor, programme):
    client.force_login(organiser)
    assert client.get(reverse("cadres:posting_create")).status_code == 200
    for person in (dept_clerk, supervisor):
        client.force_login(person)
        assert client.get(reverse("cadres:posting_create")).status_code == 403


def test_community_pages_are_scoped(client, community, community_cadre, far_cadre, supervisor, programme):
    url = reverse("cadres:community_detail", args=[community.pk])
    client.force_login(community_cadre)
    assert client.get(url).status_code == 200
    client.force_login(far_cadre)
    assert client.get(url).status_code == 404
    client.force_login(supervisor)
    assert client.get(url).status_code == 200
    assert client.post(url, {"do": "tag", "is_large": "on"}).status_code == 403
    assert client.post(url, {"do": "grid", "name": "新网格", "kind": "grid"}).status_code == 403


def test_the_board_is_read_by_both_sides_and_written_by_neither_supervisor(
    client, project, dept_clerk, community_cadre, supervisor
):
    for person in (dept_clerk, community_cadre, supervisor):
        client.force_login(person)
        assert "电梯协调" in client.get(reverse("cadres:board")).content.decode()
    assert client.post(reverse("cadres:resource_create"), {"title": "场地"}).status_code == 403
    assert client.post(reverse("cadres:need_create"), {"title": "停车"}).status_code == 403
    assert client.get(reverse("cadres:project_create")).status_code == 403
    url = reverse("cadres:project_detail", args=[project.pk])
    assert client.get(url).status_code == 200
    assert (
        client.post(
            url, {"status": "done", "outcome": "好", "problems_solved": 1, "services_held": 0}
        ).status_code
        == 403
    )


def test_a_project_of_another_community_is_not_found(client, project, far_cadre):
    client.force_login(far_cadre)
    assert client.get(reverse("cadres:project_detail", args=[project.pk])).status_code == 404


@pytest.mark.parametrize(
    "name", ["cadres:batch_list", "cadres:cadre_list", "cadres:posting_list", "cadres:board"]
)
def test_list_pages_speak_chinese(client, organiser, posting, name):
    client.force_login(organiser)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert english_on(response) == []


def test_the_rules_page_is_the_organisers(client, organiser, dept_clerk, supervisor, programme):
    url = reverse("cadres:programme_edit")
    client.force_login(organiser)
    assert client.get(url).status_code == 200
    bad = {
        "age_limit": 45,
        "rank_limit": "deputy_division",
        "full_time_required": "on",
        "weight_community": 50,
        "weight_street": 30,
        "weight_unit": 30,
    }
    response = client.post(url, bad)
    assert response.status_code == 400 and "100" in response.content.decode()
    for person in (dept_clerk, supervisor):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_the_commendation_page_is_read_by_all_and_issued_by_the_organiser(
    client, organiser, supervisor, posting
):
    url = reverse("cadres:commendation_list")
    client.force_login(supervisor)
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "第一批", "year": TODAY.year}).status_code == 403
    client.force_login(organiser)
    response = client.post(
        url,
        {"title": "第一批", "year": TODAY.year, "issued_on": TODAY.isoformat(), "cadres": [posting.cadre_id]},
    )
    assert response.status_code == 400  # not graded excellent: the form says so
    assert english_on(response) == []


def _more_rows(organiser, other_sender, community_cadre, far_community, need_owner):
    """A second cadre posted to another community, and more needs, resources and projects."""
    batch = actions.open_batch(user=other_sender, year=TODAY.year)
    cadre = actions.nominate(user=other_sender, batch=batch, **nominee(name="赵敏", id_number=id_for(33, 2)))
    actions.submit_batch(user=other_sender, batch=batch)
    actions.approve_batch(user=organiser, batch=batch)
    cadre.refresh_from_db()
    actions.post_cadre(
        user=organiser,
        cadre=cadre,
        community=far_community,
        role="assistant_director",
        starts_on=TODAY,
        ends_on=TODAY.replace(year=TODAY.year + 1),
    )
    for n in range(3):
        need = actions.list_need(user=community_cadre, community=need_owner, title=f"需求{n}")
        resource = actions.offer_resource(user=other_sender, title=f"资源{n}")
        actions.start_project(
            user=community_cadre,
            community=need_owner,
            title=f"项目{n}",
            needs=[need],
            resources=[resource],
            owner="李明",
            starts_on=TODAY,
            ends_on=TODAY,
        )


@pytest.mark.parametrize(
    "name", ["cadres:home", "cadres:posting_list", "cadres:cadre_list", "cadres:batch_list", "cadres:board"]
)
def test_list_pages_cost_the_same_queries_however_many_rows(
    client, organiser, other_sender, community_cadre, far_community, community, posting, project, name
):
    client.force_login(organiser)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name)).status_code == 200
    _more_rows(organiser, other_sender, community_cadre, far_community, community)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse(name)).status_code == 200
    assert len(many) == len(few) <= 16


def test_detail_pages_speak_chinese(
    client, organiser, dept_clerk, community_cadre, posting, project, community
):
    pages = [
        (organiser, reverse("cadres:posting_detail", args=[posting.pk])),
        (organiser, reverse("cadres:community_detail", args=[community.pk])),
        (organiser, reverse("cadres:programme_edit")),
        (organiser, reverse("cadres:commendation_list")),
        (organiser, reverse("cadres:posting_create")),
        (community_cadre, reverse("cadres:posting_detail", args=[posting.pk])),
        (community_cadre, reverse("cadres:project_detail", args=[project.pk])),
        (community_cadre, reverse("cadres:project_create")),
        (dept_clerk, reverse("cadres:cadre_detail", args=[posting.cadre_id])),
        (dept_clerk, reverse("cadres:batch_detail", args=[posting.cadre.batch_id])),
    ]
    for person, url in pages:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_on(response) == [], url


def test_a_work_record_may_carry_an_attachment(client, posting, community_cadre, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(community_cadre)
    note = SimpleUploadedFile(
        "走访记录.txt", "走访幸福小区12户，收集意见5条。".encode(), content_type="text/plain"
    )
    response = client.post(
        reverse("cadres:posting_detail", args=[posting.pk]),
        {
            "do": "record",
            "day": TODAY.isoformat(),
            "kind": RecordKind.VISIT,
            "text": "走访12户",
            "attachment": note,
        },
    )
    assert response.status_code == 302
    record = WorkRecord.objects.get()
    assert record.attachment and record.attachment_name == "走访记录.txt"
