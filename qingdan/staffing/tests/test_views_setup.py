"""The county sets up on pages: a reform with its mapping, the module catalogue, the scoring rule, its own
office templates; a township chooses its template. Owner, outsider (404) and read-only (403 on writes)."""

import pytest

from qingdan.audit.models import AuditEvent
from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
from qingdan.staffing import actions
from qingdan.staffing.models import (
    Module,
    OfficeTemplate,
    Reform,
    ReformMapping,
    ScoringRule,
    TownshipTemplate,
)
from qingdan.staffing.queries import reform_table
from qingdan.testing import make_division, make_unit, make_user

from .conftest import snapshot as staffing_snapshot

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """The staffing tables and the staffing audit rows (signing in writes sessions and login events)."""
    state = staffing_snapshot()
    state["audit"] = AuditEvent.objects.filter(action__startswith="staffing.").count()
    return state


@pytest.fixture
def far_office(county):
    """The catalog office of another county: it sees nothing of 测试县."""
    city = county.parent
    other = make_division("429902000000", "外县", Level.COUNTY, DivisionKind.COUNTY, parent=city)
    other.county = other
    other.save()
    return make_user("waixian", Role.CATALOG_OFFICE, make_unit("外县编办", UnitKind.OFFICE, other))


def rows(prefix: str, units: list[tuple]) -> dict:
    """A formset's fields: a row per unit, `(name, kind, administrative, institution, posts, how, into)`."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(units) + 1),  # one empty row, as the page sends it
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "80",
    }
    keys = ("name", "kind", "administrative_quota", "institution_quota", "leader_posts", "how", "into")
    for n, unit in enumerate(units):
        for key, value in zip(keys, unit, strict=False):
            data[f"{prefix}-{n}-{key}"] = value
    return data


def reform_post(**overrides) -> dict:
    before = [
        ("县文化局", "department", "8", "0", "3", "merged", "县文化和旅游局"),
        ("县旅游局", "department", "6", "0", "2", "merged", "县文化和旅游局"),
        ("县农业技术推广中心", "institution", "0", "40", "2", "split", "县农业服务中心、县种子站"),
        ("县农机站", "institution", "0", "30", "2", "abolished", ""),
        ("县城管执法大队", "enforcement", "0", "20", "2", "kept", "县综合行政执法局"),
    ]
    after = [
        ("县文化和旅游局", "department", "12", "0", "4"),
        ("县农业服务中心", "institution", "0", "20", "1"),
        ("县种子站", "institution", "0", "10", "1"),
        ("县综合行政执法局", "enforcement", "0", "24", "2"),
    ]
    data = {"name": "县级机构改革", "document": "县委发〔2019〕1号", "decided_on": "2019-03-01"}
    data |= rows("before", overrides.pop("before", before)) | rows("after", overrides.pop("after", after))
    return data | overrides


# --- a reform --------------------------------------------------------------------------------------


def test_the_catalog_office_records_a_reform_with_its_mapping_on_the_page(login, catalog_office):
    client = login(catalog_office)
    page = client.get("/staffing/reforms/new/?rows=3")
    assert page.status_code == 200 and page.content.decode().count('name="before-') > 3 * 5
    answer = client.post("/staffing/reforms/new/", reform_post())
    reform = Reform.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/staffing/reforms/{reform.pk}/"
    split = ReformMapping.objects.filter(old__name="县农业技术推广中心")
    assert sorted(m.new.name for m in split) == ["县农业服务中心", "县种子站"] and split[0].kind == "split"
    assert ReformMapping.objects.get(old__name="县农机站").new is None
    table = {line.label: (line.before, line.after) for line in reform_table(reform)}
    assert table["党政机构"] == (2, 1) and table["事业单位"] == (2, 2) and table["执法队伍"] == (1, 1)
    assert AuditEvent.objects.filter(action="staffing.record_reform").count() == 1


def test_a_reform_whose_old_unit_is_not_mapped_is_refused_in_chinese_and_nothing_is_written(
    login, catalog_office
):
    client = login(catalog_office)
    data = reform_post()
    data["before-3-how"] = ""
    before = snapshot()
    answer = client.post("/staffing/reforms/new/", data)
    assert answer.status_code == 400 and "县农机站" in answer.content.decode()
    assert "保留" in answer.content.decode()  # the refusal names the four ways an old unit can go
    data["before-3-how"], data["before-3-into"] = "merged", "县不存在局"
    answer = client.post("/staffing/reforms/new/", data)
    assert answer.status_code == 400 and "县不存在局" in answer.content.decode()
    assert snapshot() == before


def test_only_the_catalog_office_records_a_reform(login, supervisor, township_dispatcher, outsider, county):
    before = snapshot()
    for user in (supervisor, township_dispatcher, outsider):
        client = login(user)
        assert client.get("/staffing/reforms/new/").status_code == 403
        assert client.post("/staffing/reforms/new/", reform_post()).status_code == 403
    assert snapshot() == before


def test_the_reform_list_links_the_forms_for_the_catalog_office_only(login, catalog_office, supervisor):
    assert "/staffing/reforms/new/" in login(catalog_office).get("/staffing/reforms/").content.decode()
    assert "/staffing/reforms/new/" not in login(supervisor).get("/staffing/reforms/").content.decode()


def test_another_countys_reform_is_not_found(login, catalog_office, far_office, county):
    login(catalog_office).post("/staffing/reforms/new/", reform_post())
    reform = Reform.objects.get()
    assert login(far_office).get(f"/staffing/reforms/{reform.pk}/").status_code == 404


# --- the module catalogue --------------------------------------------------------------------------


CATALOGUE = "大党建：党建统领、基层治理\n大服务: 政务服务中心、文旅服务中心\n大执法"


def test_the_catalog_office_publishes_the_module_catalogue_once(login, catalog_office, supervisor, county):
    client = login(catalog_office)
    assert 'name="catalogue"' in client.get("/staffing/modules/").content.decode()
    assert client.post("/staffing/modules/", {"catalogue": CATALOGUE}).status_code == 302
    subs = Module.objects.filter(parent__name="大服务").order_by("order")
    assert [m.name for m in subs] == ["政务服务中心", "文旅服务中心"]
    assert Module.objects.filter(parent=None).count() == 3 and Module.objects.count() == 7
    page = login(supervisor).get("/staffing/modules/").content.decode()
    assert "文旅服务中心" in page and 'name="catalogue"' not in page
    before = snapshot()
    again = login(catalog_office).post("/staffing/modules/", {"catalogue": "大经济：农业农村"})
    assert again.status_code == 400 and "已发布" in again.content.decode()
    assert snapshot() == before


def test_a_catalogue_naming_a_module_twice_is_refused_and_nothing_is_written(login, catalog_office):
    before = snapshot()
    answer = login(catalog_office).post("/staffing/modules/", {"catalogue": "大服务：甲、甲"})
    assert answer.status_code == 400 and "只能列一次" in answer.content.decode()
    assert snapshot() == before


def test_a_supervisor_and_a_township_may_not_publish_the_catalogue(login, supervisor, township_dispatcher):
    before = snapshot()
    for user in (supervisor, township_dispatcher):
        assert login(user).post("/staffing/modules/", {"catalogue": CATALOGUE}).status_code == 403
    assert snapshot() == before


# --- the scoring rule ------------------------------------------------------------------------------


RULE = {
    "year": "2025",
    "position_weight": "40",
    "module_weight": "40",
    "team_weight": "20",
    "special_cap": "10",
    "township_weight": "75",
}


def test_the_catalog_office_sets_the_scoring_rule_on_the_page(login, catalog_office, supervisor):
    client = login(catalog_office)
    assert 'name="township_weight"' in client.get("/staffing/scoring-rule/").content.decode()
    assert client.post("/staffing/scoring-rule/", RULE).status_code == 302
    rule = ScoringRule.objects.get()
    assert (rule.year, rule.township_weight, rule.position_weight) == (2025, 75, 40)
    assert client.post("/staffing/scoring-rule/", RULE | {"township_weight": "80"}).status_code == 302
    assert ScoringRule.objects.get().township_weight == 80
    page = login(supervisor).get("/staffing/scoring-rule/").content.decode()
    assert "80" in page and 'name="township_weight"' not in page


def test_a_township_share_below_70_or_weights_not_adding_to_100_are_refused(login, catalog_office):
    client = login(catalog_office)
    before = snapshot()
    low = client.post("/staffing/scoring-rule/", RULE | {"township_weight": "60"})
    assert low.status_code == 400 and "70" in low.content.decode() and "乡镇" in low.content.decode()
    uneven = client.post("/staffing/scoring-rule/", RULE | {"team_weight": "30"})
    assert uneven.status_code == 400 and "110" in uneven.content.decode()
    assert snapshot() == before


def test_a_supervisor_may_not_set_the_scoring_rule(login, supervisor, township_dispatcher):
    for user in (supervisor, township_dispatcher):
        assert login(user).post("/staffing/scoring-rule/", RULE).status_code == 403
    assert not ScoringRule.objects.exists()


# --- templates -------------------------------------------------------------------------------------


TEMPLATE = {
    "name": "本县四办两中心",
    "offices": "党政综合办、经济发展办\n社会事务办，平安法治办",
    "centres": "便民服务中心",
}


def test_the_catalog_office_sets_up_the_countys_own_template(login, catalog_office, supervisor, county):
    client = login(catalog_office)
    assert client.post("/staffing/templates/", TEMPLATE).status_code == 302
    template = OfficeTemplate.objects.get()
    assert template.county == county
    assert [o.name for o in template.offices.filter(kind="office")] == [
        "党政综合办",
        "经济发展办",
        "社会事务办",
        "平安法治办",
    ]
    assert "便民服务中心" in login(supervisor).get("/staffing/templates/").content.decode()


def test_a_template_without_offices_or_naming_one_twice_is_refused(login, catalog_office):
    client = login(catalog_office)
    before = snapshot()
    twice = client.post("/staffing/templates/", TEMPLATE | {"centres": "党政综合办"})
    assert twice.status_code == 400 and "至少" in twice.content.decode()
    assert snapshot() == before


def test_a_supervisor_may_not_set_up_a_template_and_another_countys_is_not_seen(
    login, catalog_office, supervisor, far_office
):
    assert login(supervisor).post("/staffing/templates/", TEMPLATE).status_code == 403
    login(catalog_office).post("/staffing/templates/", TEMPLATE, follow=True)  # its message shown
    page = login(far_office).get("/staffing/templates/").content.decode()
    assert "本县四办两中心" not in page.partition('id="templates"')[2]


# --- a township chooses its template ---------------------------------------------------------------


@pytest.fixture
def template(catalog_office, county):
    return actions.set_template(
        user=catalog_office, county=county, name="本县两办", offices=["党政办", "经济发展办"], centres=[]
    )


def test_a_township_chooses_its_template_on_its_structure_page(
    login, township_dispatcher, township, town_office, template
):
    client = login(township_dispatcher)
    assert "本县两办" in client.get(f"/staffing/towns/{township.code}/manage/").content.decode()
    answer = client.post(f"/staffing/towns/{township.code}/template/", {"template": template.pk})
    assert answer.status_code == 302
    assert TownshipTemplate.objects.get(township=township).template == template
    page = client.get(f"/staffing/towns/{township.code}/").content.decode()
    assert "本县两办" in page and "经济发展办" in page  # the check names the office the town lacks


def test_choosing_a_template_as_outsider_supervisor_and_another_county(
    login, outsider, supervisor, far_office, township, template
):
    url = f"/staffing/towns/{township.code}/template/"
    before = snapshot()
    assert login(outsider).post(url, {"template": template.pk}).status_code == 404
    assert login(far_office).post(url, {"template": template.pk}).status_code == 404
    assert login(supervisor).post(url, {"template": template.pk}).status_code == 403
    assert snapshot() == before


def test_a_township_may_not_follow_another_countys_template(login, township_dispatcher, township, far_office):
    foreign = actions.set_template(
        user=far_office, county=far_office.unit.division, name="外县模板", offices=["综合办"], centres=[]
    )
    before = snapshot()
    answer = login(township_dispatcher).post(
        f"/staffing/towns/{township.code}/template/", {"template": foreign.pk}, follow=True
    )
    assert answer.status_code == 200 and not TownshipTemplate.objects.exists()
    assert snapshot() == before
