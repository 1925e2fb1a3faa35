"""Register pages: the village profile with history, the residents register (masked; reveal with a reason,
audited), and the one screen per village and per township."""

import datetime

import pytest

from qingdan.audit.models import AuditEvent
from qingdan.forms.tests.fixtures_forms import AS_OF
from qingdan.forms.tests.pages_support import queries_for
from qingdan.registers import actions as registers
from qingdan.registers.models import VillageFact
from qingdan.testing import id_number

pytestmark = pytest.mark.django_db


def test_the_profile_shows_each_figure_with_its_date_and_who_set_it(
    login, township_dispatcher, registers_filled, village
):
    page = login(township_dispatcher).get(f"/forms/villages/{village.code}/profile/").content.decode()
    assert "户籍人口" in page and "<strong>450</strong>" in page
    assert AS_OF.isoformat() in page and "jiacun" in page


def test_a_figure_keeps_its_history(login, village_cadre, registers_filled, village):
    e = registers_filled["elements"]
    page = (
        login(village_cadre)
        .get(f"/forms/villages/{village.code}/profile/{e['population'].pk}/")
        .content.decode()
    )
    assert "450" in page and "440" in page and "2024-12-31" in page


def test_the_village_sets_a_figure_and_the_old_one_stays(login, village_cadre, registers_filled, village):
    e = registers_filled["elements"]
    url = f"/forms/villages/{village.code}/profile/{e['population'].pk}/"
    response = login(village_cadre).post(url, {"value": "455", "as_of": "2026-01-01"})
    assert response.status_code == 302
    values = list(
        VillageFact.objects.filter(village=village, element=e["population"])
        .order_by("-as_of")
        .values_list("value", flat=True)
    )
    assert values == ["455", "450", "440"]


def test_a_figure_in_the_future_or_of_the_wrong_type_is_refused(
    login, village_cadre, registers_filled, village
):
    e = registers_filled["elements"]
    client = login(village_cadre)
    url = f"/forms/villages/{village.code}/profile/{e['population'].pk}/"
    future = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    response = client.post(url, {"value": "455", "as_of": future})
    assert response.status_code == 400 and "将来" in response.content.decode()
    response = client.post(url, {"value": "四百", "as_of": "2026-01-01"})
    assert response.status_code == 400
    assert VillageFact.objects.filter(element=e["population"]).count() == 2


def test_the_supervisor_and_a_department_may_not_change_the_profile(
    login, supervisor, dept_clerk, registers_filled, village
):
    e = registers_filled["elements"]
    url = f"/forms/villages/{village.code}/profile/{e['population'].pk}/"
    assert login(supervisor).post(url, {"value": "1", "as_of": "2026-01-01"}).status_code == 403
    assert login(dept_clerk).get(f"/forms/villages/{village.code}/profile/").status_code == 403
    assert VillageFact.objects.filter(element=e["population"]).count() == 2


def test_another_village_does_not_see_the_profile(login, outsider, registers_filled, village):
    assert login(outsider).get(f"/forms/villages/{village.code}/profile/").status_code == 404
    assert login(outsider).get(f"/forms/villages/{village.code}/").status_code == 404


def test_the_residents_list_masks_id_numbers_and_phones(login, village_cadre, registers_filled, village):
    page = login(village_cadre).get(f"/forms/villages/{village.code}/residents/").content.decode()
    assert "张三" in page and registers_filled["residents"]["zhang"].id_masked in page
    assert id_number(1) not in page and "13812345678" not in page
    assert "138****5678" in page


def test_residents_are_found_by_full_id_number_and_by_tag(login, village_cadre, registers_filled, village):
    client = login(village_cadre)
    url = f"/forms/villages/{village.code}/residents/"
    found = client.post(url, {"q": id_number(2)})  # posted: an ID number never goes into an address
    li = registers_filled["residents"]["li"]
    assert found.status_code == 302 and found["Location"] == f"/forms/residents/{li.pk}/"
    searched = client.post(url, {"q": "王", "tag": ""})
    assert searched["Location"] == f"{url}?q=%E7%8E%8B"
    unknown = client.post(url, {"q": id_number(88)}, follow=True).content.decode()
    assert "张三" in unknown and id_number(88) not in unknown
    page = client.get(url, {"tag": "残疾"}).content.decode()
    assert "李四" in page and "王五" not in page
    page = client.get(url, {"q": "王"}).content.decode()
    assert "王五" in page and "李四" not in page


def test_the_residents_list_runs_the_same_queries_for_3_residents_as_for_33(
    login, village_cadre, registers_filled, village
):
    client = login(village_cadre)
    url = f"/forms/villages/{village.code}/residents/"
    few = queries_for(client, url)
    for n in range(10, 40):
        registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n)
        )
    assert queries_for(client, url) == few <= 15


def test_a_resident_page_shows_the_attribute_history_masked(login, village_cadre, registers_filled):
    zhang = registers_filled["residents"]["zhang"]
    page = login(village_cadre).get(f"/forms/residents/{zhang.pk}/").content.decode()
    assert "出生日期" in page and "1950-03-01" in page and "低保金额" in page
    assert id_number(1) not in page


def test_revealing_an_id_number_needs_a_reason_and_is_audited_masked(login, village_cadre, registers_filled):
    zhang = registers_filled["residents"]["zhang"]
    client = login(village_cadre)
    url = f"/forms/residents/{zhang.pk}/reveal/"
    response = client.post(url, {"field": "id_number", "reason": ""})
    assert response.status_code == 400 and id_number(1) not in response.content.decode()
    assert not AuditEvent.objects.filter(action="forms.reveal_personal").exists()
    response = client.post(url, {"field": "id_number", "reason": "核对低保申请材料"})
    assert response.status_code == 200 and id_number(1) in response.content.decode()
    event = AuditEvent.objects.get(action="forms.reveal_personal")
    assert event.note == "核对低保申请材料"
    assert id_number(1) not in str(event.changes) and zhang.id_masked in str(event.changes)
    # Shown once: the page, opened again, is masked.
    assert id_number(1) not in client.get(f"/forms/residents/{zhang.pk}/").content.decode()


def test_revealing_through_htmx_swaps_only_the_box(login, village_cadre, registers_filled):
    zhang = registers_filled["residents"]["zhang"]
    response = login(village_cadre).post(
        f"/forms/residents/{zhang.pk}/reveal/",
        {"field": "phone", "reason": "联系本人核实"},
        HTTP_HX_REQUEST="true",
    )
    text = response.content.decode()
    assert response.status_code == 200 and text.startswith('<section id="reveal"') and "13812345678" in text


def test_a_department_may_not_reveal_nor_read_residents(login, dept_clerk, registers_filled, village):
    zhang = registers_filled["residents"]["zhang"]
    client = login(dept_clerk)
    assert client.get(f"/forms/villages/{village.code}/residents/").status_code == 403
    assert client.get(f"/forms/residents/{zhang.pk}/").status_code == 404
    assert (
        client.post(
            f"/forms/residents/{zhang.pk}/reveal/", {"field": "id_number", "reason": "查看一下"}
        ).status_code
        == 404
    )


def test_another_village_may_not_reveal(login, outsider, registers_filled):
    zhang = registers_filled["residents"]["zhang"]
    response = login(outsider).post(
        f"/forms/residents/{zhang.pk}/reveal/", {"field": "id_number", "reason": "查看一下"}
    )
    assert response.status_code == 404


def test_the_village_screen_shows_figures_and_approved_forms(
    login, village_cadre, registers_filled, village_form, village
):
    page = login(village_cadre).get(f"/forms/villages/{village.code}/").content.decode()
    assert "户籍人口" in page and "450" in page
    assert village_form.title in page


def test_the_township_screen_puts_villages_side_by_side(
    login, township_dispatcher, registers_filled, village_form, township, community
):
    page = login(township_dispatcher).get(f"/forms/townships/{township.code}/").content.decode()
    assert "甲村" in page and "甲社区" in page and "户籍人口" in page and "450" in page


def test_the_screens_run_a_fixed_number_of_queries(
    login, catalog_office, registers_filled, village_form, township, village, django_assert_max_num_queries
):
    client = login(catalog_office)
    with django_assert_max_num_queries(18):
        assert client.get(f"/forms/townships/{township.code}/").status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(f"/forms/villages/{village.code}/").status_code == 200


def test_a_village_cadre_does_not_see_the_township_screen(login, village_cadre, township):
    assert login(village_cadre).get(f"/forms/townships/{township.code}/").status_code == 404


def test_the_registers_start_page_sends_a_village_cadre_to_their_village(
    login, village_cadre, catalog_office, village
):
    response = login(village_cadre).get("/forms/registers/")
    assert response.status_code == 302 and response["Location"] == f"/forms/villages/{village.code}/"
    assert login(catalog_office).get("/forms/registers/").status_code == 200
