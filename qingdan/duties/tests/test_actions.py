"""Duty catalog actions: import, templates, adoption and the amendment procedure."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied

from qingdan import limits
from qingdan.audit.models import AuditEvent
from qingdan.duties import actions
from qingdan.duties.models import Catalog, CatalogVersion, DutyItem
from qingdan.errors import ActionRefused
from qingdan.testing import nothing_written

from .factories import row, village_rows


@pytest.fixture
def imported(catalog_office, village, department):
    return actions.import_catalog(
        user=catalog_office, division=village, rows=village_rows(), filename="甲村.tsv"
    )


def test_first_import_publishes_version_one(imported, village):
    catalog = Catalog.objects.get(division=village)
    assert catalog.current_version == imported
    assert imported.number == 1 and imported.is_published
    assert imported.items.count() == 5


def test_import_links_the_responsible_unit_by_name(imported, department):
    item = imported.items.get(list_kind="assist")
    assert item.responsible_unit == department


def test_import_is_audited_with_old_and_new(imported, catalog_office):
    event = AuditEvent.objects.get(action="duties.import_catalog")
    assert event.actor == catalog_office
    assert event.changes == {"version": [None, 1], "items": [0, 5]}


def test_a_second_import_makes_version_two_and_keeps_version_one(imported, catalog_office, village):
    second = actions.import_catalog(
        user=catalog_office, division=village, rows=village_rows()[:3], filename="b"
    )
    assert second.number == 2
    assert Catalog.objects.get(division=village).current_version == second
    assert imported.items.count() == 5


def test_importing_the_current_version_again_makes_no_new_version(imported, catalog_office, village):
    before = {model: model.objects.count() for model in (CatalogVersion, DutyItem, AuditEvent)}
    renumbered = [dataclasses.replace(r, row=r.row + 10) for r in village_rows()]
    with pytest.raises(ActionRefused) as refused:
        actions.import_catalog(user=catalog_office, division=village, rows=renumbered, filename="again.tsv")
    assert refused.value.message == "文件与甲村履职事项清单的现行版本（第1版）相同，未生成新版本。"
    assert {model: model.objects.count() for model in before} == before
    assert Catalog.objects.get(division=village).current_version == imported


def test_a_file_differing_in_one_field_or_in_order_is_a_new_version(imported, catalog_office, village):
    rows = village_rows()
    changed = [*rows[:-1], dataclasses.replace(rows[-1], content=rows[-1].content + "。")]
    assert (
        actions.import_catalog(user=catalog_office, division=village, rows=changed, filename="b").number == 2
    )
    reordered = list(reversed(changed))
    assert (
        actions.import_catalog(user=catalog_office, division=village, rows=reordered, filename="c").number
        == 3
    )


def test_publishing_the_same_template_again_makes_no_new_version(catalog_office, county):
    actions.publish_template(
        user=catalog_office, county=county, level="village", name="村级清单", rows=village_rows()
    )
    with pytest.raises(ActionRefused) as refused:
        actions.publish_template(
            user=catalog_office, county=county, level="village", name="村级清单", rows=village_rows()
        )
    assert "未生成新版本" in refused.value.message
    assert CatalogVersion.objects.count() == 1


def test_a_supervisor_may_not_import(supervisor, village):
    with pytest.raises(PermissionDenied):
        actions.import_catalog(user=supervisor, division=village, rows=village_rows(), filename="x")
    assert not Catalog.objects.exists()


def test_a_county_has_no_catalog_of_its_own(catalog_office, county):
    with pytest.raises(ActionRefused):
        actions.import_catalog(user=catalog_office, division=county, rows=village_rows(), filename="x")


def test_an_empty_catalog_is_refused(catalog_office, village):
    with pytest.raises(ActionRefused):
        actions.import_catalog(user=catalog_office, division=village, rows=[], filename="x")


@pytest.fixture
def template(catalog_office, county):
    return actions.publish_template(
        user=catalog_office, county=county, level="village", name="村级履职事项清单模板", rows=village_rows()
    ).catalog


def test_every_village_adopts_the_template_once(template, catalog_office, village, community, other_village):
    adopted = actions.adopt_template(user=catalog_office, template=template, divisions=[village, community])
    assert len(adopted) == 2
    assert DutyItem.objects.filter(version__catalog__division=village).count() == 5
    again = actions.adopt_template(user=catalog_office, template=template, divisions=[village, community])
    assert again == []
    assert CatalogVersion.objects.filter(catalog__division=village).count() == 1


def test_a_township_cannot_adopt_for_a_neighbours_village(template, township_dispatcher, other_village):
    with pytest.raises(PermissionDenied):
        actions.adopt_template(user=township_dispatcher, template=template, divisions=[other_village])


def test_a_village_template_cannot_go_to_a_township(template, catalog_office, township):
    with pytest.raises(ActionRefused):
        actions.adopt_template(user=catalog_office, template=template, divisions=[township])


def amend(user, catalog, rows):
    return actions.apply_amendment(
        user=user, catalog=catalog, title="增加协助事项", reason="县里新规定", rows=rows
    )


def test_an_amendment_goes_apply_consult_decide_and_yields_the_next_version(
    imported, village_cadre, county_reviewer, catalog_office
):
    catalog = imported.catalog
    proposal = [*village_rows(), row("assist", "2", "协助开展人口普查", 7)]
    amendment = amend(village_cadre, catalog, proposal)
    assert catalog.current_version == imported
    actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="民政局同意")
    actions.decide_amendment(user=catalog_office, amendment=amendment, approve=True, opinion="同意调整")
    catalog.refresh_from_db()
    assert catalog.current_version.number == 2
    assert catalog.current_version.items.count() == 6
    steps = list(amendment.steps.values_list("step", "actor__username"))
    assert steps == [("apply", "jiacun"), ("consult", "jianfuban"), ("decide", "bianban")]


def test_deciding_without_consultation_is_refused(imported, catalog_office):
    amendment = amend(catalog_office, imported.catalog, village_rows())
    with pytest.raises(ActionRefused):
        actions.decide_amendment(user=catalog_office, amendment=amendment, approve=True, opinion="同意")


def test_a_rejected_amendment_leaves_the_catalog_and_the_numbering_alone(
    imported, catalog_office, county_reviewer
):
    amendment = amend(catalog_office, imported.catalog, village_rows()[:2])
    actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="不同意")
    actions.decide_amendment(user=catalog_office, amendment=amendment, approve=False, opinion="依据不足")
    again = amend(catalog_office, imported.catalog, village_rows()[:4])
    actions.consult_amendment(user=county_reviewer, amendment=again, opinion="同意")
    actions.decide_amendment(user=catalog_office, amendment=again, approve=True, opinion="同意")
    assert list(imported.catalog.versions.exclude(number=None).values_list("number", flat=True)) == [2, 1]


def test_only_one_amendment_may_be_open_at_a_time(imported, catalog_office):
    amend(catalog_office, imported.catalog, village_rows())
    with pytest.raises(ActionRefused):
        amend(catalog_office, imported.catalog, village_rows())


def test_an_amendment_overtaken_by_an_import_cannot_be_approved(
    imported, catalog_office, county_reviewer, village
):
    amendment = amend(catalog_office, imported.catalog, village_rows())
    actions.import_catalog(user=catalog_office, division=village, rows=village_rows()[:4], filename="new")
    actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="同意")
    with pytest.raises(ActionRefused):
        actions.decide_amendment(user=catalog_office, amendment=amendment, approve=True, opinion="同意")


def test_a_reviewer_may_consult_but_not_decide(imported, catalog_office, county_reviewer):
    amendment = amend(catalog_office, imported.catalog, village_rows())
    actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="同意")
    with pytest.raises(PermissionDenied):
        actions.decide_amendment(user=county_reviewer, amendment=amendment, approve=True, opinion="同意")


# --- reasons are bounded by the actions themselves (limits.REASON_CHARS), not only by forms and API ---------

TOO_LONG = "理" * (limits.REASON_CHARS + 1)


@pytest.mark.parametrize(
    "field, limit, label",
    [("reason", limits.REASON_CHARS, "调整理由"), ("title", limits.TITLE_CHARS, "标题")],
)
def test_an_amendment_with_a_reason_or_title_too_long_is_refused_in_chinese_and_nothing_is_written(
    imported, catalog_office, field, limit, label
):
    given = {"title": "增加协助事项", "reason": "县里新规定", field: "长" * (limit + 1)}
    with nothing_written() as refused:
        actions.apply_amendment(user=catalog_office, catalog=imported.catalog, rows=village_rows(), **given)
    assert refused.value.message == f"{label}共 {limit + 1} 字，最多只能 {limit} 字。"


def test_a_title_of_the_limit_is_accepted_whole(imported, catalog_office):
    title = "题" * limits.TITLE_CHARS
    amendment = actions.apply_amendment(
        user=catalog_office, catalog=imported.catalog, title=title, reason="县里新规定", rows=village_rows()
    )
    assert amendment.title == title


def test_a_reason_of_the_limit_is_accepted(imported, catalog_office):
    reason = "理" * limits.REASON_CHARS
    amendment = actions.apply_amendment(
        user=catalog_office,
        catalog=imported.catalog,
        title="增加协助事项",
        reason=reason,
        rows=village_rows(),
    )
    assert amendment.reason == reason


def test_an_opinion_too_long_is_refused_at_consultation_and_at_decision(
    imported, catalog_office, county_reviewer
):
    amendment = amend(catalog_office, imported.catalog, village_rows())
    with nothing_written() as refused:
        actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion=TOO_LONG)
    assert refused.value.message.startswith("会商意见共")
    actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="同意")
    with nothing_written() as refused:
        actions.decide_amendment(user=catalog_office, amendment=amendment, approve=True, opinion=TOO_LONG)
    assert refused.value.message.startswith("审定意见共")


def test_an_empty_opinion_keeps_its_own_message(imported, catalog_office, county_reviewer):
    amendment = amend(catalog_office, imported.catalog, village_rows())
    with nothing_written() as refused:
        actions.consult_amendment(user=county_reviewer, amendment=amendment, opinion="  ")
    assert refused.value.message == "请填写会商意见。"


def test_an_import_note_too_long_is_refused_and_nothing_is_written(imported, catalog_office, village):
    with nothing_written() as refused:
        actions.import_catalog(
            user=catalog_office, division=village, rows=village_rows()[:4], filename="new", note=TOO_LONG
        )
    assert refused.value.message.startswith("备注共")
