"""Taking a person out of a position (action, page, API), the quota an addition takes, and the catalog
office revealing a roster person's personal data for an audited reason."""

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.audit.models import AuditEvent
from qingdan.staffing import actions
from qingdan.staffing.choices import Identity, QuotaKind
from qingdan.staffing.models import Module, Placement, StaffPerson
from qingdan.staffing.queries import filled

from .conftest import add
from .conftest import snapshot as staffing_snapshot


def snapshot() -> dict:
    """The staffing tables and the staffing audit rows (signing in writes sessions and login events)."""
    state = staffing_snapshot()
    state["audit"] = AuditEvent.objects.filter(action__startswith="staffing.").count()
    return state


pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(catalog_office, county, township, township_dispatcher, town_office):
    actions.publish_modules(user=catalog_office, county=county, catalogue={"大治理": ["甲", "乙", "丙"]})
    chosen = actions.choose_modules(
        user=township_dispatcher, township=township, subs=list(Module.objects.exclude(parent=None))
    )
    position = actions.create_position(
        user=township_dispatcher, town_module=chosen[0], name="网格岗", points=80, items=[]
    )
    person = add(township_dispatcher, town_office, "赵敏", phone="13912345678")
    return actions.place_person(user=township_dispatcher, person=person, position=position)


# --- taking a person out of a position -------------------------------------------------------------


def test_removing_a_placement_is_audited_and_the_person_shows_as_unplaced(
    township_dispatcher, township, placement
):
    actions.remove_placement(user=township_dispatcher, placement=placement)
    assert not Placement.objects.exists()
    event = AuditEvent.objects.get(action="staffing.remove_placement")
    assert event.changes["person"] == ["赵敏", None] and event.changes["primary"] == [True, None]
    assert event.division == township
    before = snapshot()
    with pytest.raises(PermissionDenied):  # a placement already gone is no longer one the township sees
        actions.remove_placement(user=township_dispatcher, placement=placement)
    assert snapshot() == before


def test_the_town_page_offers_take_out_to_its_township_and_not_to_a_supervisor(
    login, township_dispatcher, supervisor, township, placement
):
    url = f"/staffing/placements/{placement.pk}/remove/"
    assert url in login(township_dispatcher).get(f"/staffing/towns/{township.code}/").content.decode()
    assert url not in login(supervisor).get(f"/staffing/towns/{township.code}/").content.decode()


def test_taking_out_on_the_page_as_owner_outsider_and_supervisor(
    login, township_dispatcher, supervisor, outsider, township, placement
):
    url = f"/staffing/placements/{placement.pk}/remove/"
    before = snapshot()
    assert login(outsider).post(url).status_code == 404
    assert login(supervisor).post(url).status_code == 403
    assert snapshot() == before
    answer = login(township_dispatcher).post(url, follow=True)
    assert answer.status_code == 200 and "赵敏" in answer.content.decode()
    assert not Placement.objects.exists()
    assert "0.0%" in answer.content.decode() or "赵敏" in answer.content.decode()
    assert AuditEvent.objects.filter(action="staffing.remove_placement").count() == 1


def test_taking_out_over_the_api_as_owner_outsider_and_supervisor(
    login, township_dispatcher, supervisor, outsider, placement
):
    url = f"/api/v1/staffing/placements/{placement.pk}"
    assert login(outsider).delete(url).status_code == 404
    assert login(supervisor).delete(url).status_code == 403
    assert Placement.objects.exists()
    assert login(township_dispatcher).delete(url).status_code == 204
    assert not Placement.objects.exists()
    assert login(township_dispatcher).delete(url).status_code == 404


# --- an addition takes a vacant quota --------------------------------------------------------------


def test_nobody_is_added_above_the_quota_but_staff_outside_it_are(
    township_dispatcher, town_office, nothing_written
):
    for n in range(town_office.administrative_quota):
        add(township_dispatcher, town_office, f"干部{n}")
    with nothing_written() as refused:
        add(township_dispatcher, town_office, "超编者")
    assert "超编" in refused.value.message and "8" in refused.value.message
    add(township_dispatcher, town_office, "编外者", identity=Identity.CONTRACT)
    assert filled(town_office, QuotaKind.ADMINISTRATIVE) == town_office.administrative_quota


def test_a_place_freed_by_the_pool_can_be_taken_again(township_dispatcher, town_office):
    from .conftest import TODAY

    people = [add(township_dispatcher, town_office, f"干部{n}") for n in range(8)]
    actions.send_to_pool(user=township_dispatcher, person=people[0], since=TODAY, duty="乡村振兴专班")
    assert add(township_dispatcher, town_office, "新进者").quota_unit == town_office


# --- revealing personal data -----------------------------------------------------------------------


def test_the_catalog_office_reveals_a_roster_phone_for_a_reason_and_it_is_audited_masked(
    catalog_office, placement
):
    person = placement.person
    clear = actions.reveal_person(
        user=catalog_office, person=person, field="phone", reason="核对编制实名信息"
    )
    assert clear == "13912345678"
    event = AuditEvent.objects.get(action="staffing.reveal_personal")
    assert event.actor == catalog_office and event.note == "核对编制实名信息"
    assert "13912345678" not in str(event.changes) and "139****5678" in str(event.changes)


def test_a_reveal_without_a_reason_is_refused_and_nothing_is_written(
    catalog_office, placement, nothing_written
):
    with nothing_written() as refused:
        actions.reveal_person(user=catalog_office, person=placement.person, field="id_number", reason="看")
    assert "理由" in refused.value.message


def test_the_catalog_office_reveals_on_the_roster_page_and_the_roster_stays_masked(
    login, catalog_office, placement
):
    client = login(catalog_office)
    person = StaffPerson.objects.get(name="赵敏")
    roster = client.get("/staffing/people/").content.decode()
    assert "139****5678" in roster and "13912345678" not in roster
    assert f"/staffing/people/{person.pk}/reveal/" in roster
    answer = client.post(
        f"/staffing/people/{person.pk}/reveal/", {"field": "phone", "reason": "核对编制实名信息"}
    )
    assert answer.status_code == 200 and "13912345678" in answer.content.decode()
    assert "no-store" in answer["Cache-Control"]
    assert AuditEvent.objects.filter(action="staffing.reveal_personal", actor=catalog_office).count() == 1
    # Everywhere else the number stays masked: the roster page and the API.
    assert "13912345678" not in client.get("/staffing/people/").content.decode()
    api = client.get("/api/v1/staffing/people").content.decode()
    assert "139****5678" in api and "13912345678" not in api


def test_a_reveal_without_a_reason_on_the_page_is_refused_and_not_audited(login, catalog_office, placement):
    person = placement.person
    before = snapshot()
    answer = login(catalog_office).post(
        f"/staffing/people/{person.pk}/reveal/", {"field": "phone", "reason": ""}
    )
    assert answer.status_code == 400 and "13912345678" not in answer.content.decode()
    assert snapshot() == before


def test_who_may_not_reveal_a_roster_person(login, dept_clerk, outsider, placement):
    url = f"/staffing/people/{placement.person.pk}/reveal/"
    body = {"field": "phone", "reason": "核对编制实名信息"}
    before = snapshot()
    assert login(outsider).post(url, body).status_code == 404
    assert login(dept_clerk).post(url, body).status_code == 404
    assert snapshot() == before
    assert not AuditEvent.objects.filter(action="staffing.reveal_personal").exists()


def test_a_roster_going_over_the_quota_is_refused_in_the_preview_by_row(
    login, township_dispatcher, town_office
):
    import io

    from qingdan.sheets.writing import table_workbook

    from .conftest import id_number

    for n in range(town_office.administrative_quota - 1):
        add(township_dispatcher, town_office, f"干部{n}")
    header = ["姓名", "身份证号", "手机号码", "身份类别", "工作单位", "占编单位", "派出单位", "是否领导"]
    rows = [
        ["最后一名", id_number(), "", "行政编", "甲镇党政办", "", "", "否"],
        ["编外人员", id_number(), "", "编外", "甲镇党政办", "", "", "否"],
        ["超编一名", id_number(), "", "行政编", "甲镇党政办", "", "", "否"],
    ]
    data = io.BytesIO(table_workbook("花名册", [(h, 12) for h in header], rows))
    data.name = "花名册.xlsx"
    before = snapshot()
    text = login(township_dispatcher).post("/staffing/import/roster/", {"file": data}, follow=True)
    text = text.content.decode()
    assert "第4行「工作单位」" in text and "不得超编进人" in text
    assert "第2行" not in text and "第3行" not in text
    assert snapshot() == before
