"""Schemes, indicators, the cap and publishing: the rules of issue 12, named."""

import pytest
from django.core.exceptions import PermissionDenied

from qingdan.assessment import actions, queries
from qingdan.assessment.models import AssessmentCap, Indicator
from qingdan.audit.models import AuditEvent

from .conftest import LAST, THIS, make_data


def test_an_indicator_without_a_primary_duty_is_refused(
    catalog_office, scheme, department, primary_items, nothing_written
):
    with nothing_written() as refused:
        actions.add_indicator(
            user=catalog_office, scheme=scheme, data=make_data(primary_items[0], department, duty_item=None)
        )
    assert "主责事项" in refused.value.message


def test_an_indicator_on_an_assisting_duty_is_refused(
    catalog_office, scheme, department, assist_item, nothing_written
):
    with nothing_written() as refused:
        actions.add_indicator(user=catalog_office, scheme=scheme, data=make_data(assist_item, department))
    assert "不是主责事项" in refused.value.message or "主责事项" in refused.value.message


def test_a_photo_only_indicator_is_refused(
    catalog_office, scheme, department, primary_items, nothing_written
):
    with nothing_written() as refused:
        actions.add_indicator(
            user=catalog_office, scheme=scheme, data=make_data(primary_items[0], department, evidence="photo")
        )
    assert "照片" in refused.value.message


@pytest.mark.parametrize("name", ["人居环境整治拍照留痕", "村部挂牌规范", "党建材料台账齐全"])
def test_indicators_about_photo_trails_signs_and_ledgers_are_refused_with_the_reason(
    catalog_office, scheme, department, primary_items, nothing_written, name
):
    with nothing_written() as refused:
        actions.add_indicator(
            user=catalog_office, scheme=scheme, data=make_data(primary_items[0], department, name=name)
        )
    assert "不得考核" in refused.value.message


def test_a_valid_indicator_is_saved_and_audited(catalog_office, scheme, department, primary_items):
    indicator = actions.add_indicator(
        user=catalog_office, scheme=scheme, data=make_data(primary_items[0], department)
    )
    assert indicator.duty_item == primary_items[0] and indicator.position == 1
    assert AuditEvent.objects.filter(action="assessment.add_indicator", object_id=str(indicator.pk)).exists()


def test_a_qualitative_indicator_needs_graded_levels(
    catalog_office, scheme, department, primary_items, nothing_written
):
    with nothing_written():
        actions.add_indicator(
            user=catalog_office,
            scheme=scheme,
            data=make_data(
                primary_items[0], department, rule_kind="qualitative", levels=[{"label": "好", "share": 100}]
            ),
        )
    indicator = actions.add_indicator(
        user=catalog_office,
        scheme=scheme,
        data=make_data(
            primary_items[0],
            department,
            rule_kind="qualitative",
            levels=[{"label": "好", "share": 100}, {"label": "一般", "share": 60}],
        ),
    )
    assert indicator.levels[1] == {"label": "一般", "share": 60.0}


def test_the_cap_never_rises_year_on_year(catalog_office, county, last_year, nothing_written):
    with nothing_written() as refused:
        actions.set_cap(user=catalog_office, county=county, year=THIS, cap=11)
    assert "只" in refused.value.message or "下降" in refused.value.message or "10" in refused.value.message
    actions.set_cap(user=catalog_office, county=county, year=THIS, cap=9)
    assert AssessmentCap.objects.get(county=county, year=THIS).cap == 9


def test_the_cap_cannot_fall_below_a_published_scheme(catalog_office, county, last_year, nothing_written):
    with nothing_written():
        actions.set_cap(user=catalog_office, county=county, year=LAST, cap=3)


def test_a_set_cannot_outgrow_last_years_published_count(
    catalog_office, scheme, department, primary_items, nothing_written
):
    # Last year's agricultural set held 4; the cap of 8 does not let this year's hold 5.
    for item in primary_items[:4]:
        actions.add_indicator(user=catalog_office, scheme=scheme, data=make_data(item, department, points=20))
    with nothing_written() as refused:
        actions.add_indicator(
            user=catalog_office, scheme=scheme, data=make_data(primary_items[4], department)
        )
    assert "只减不增" in refused.value.message


def test_a_set_cannot_outgrow_the_cap(
    catalog_office, county, last_year, department, primary_items, nothing_written
):
    actions.set_cap(user=catalog_office, county=county, year=THIS, cap=2)
    new = actions.create_scheme(user=catalog_office, division=county, year=THIS, title="2026")
    for item in primary_items[:2]:
        actions.add_indicator(user=catalog_office, scheme=new, data=make_data(item, department, points=50))
    with nothing_written():
        actions.add_indicator(user=catalog_office, scheme=new, data=make_data(primary_items[2], department))


def test_weights_not_summing_to_100_cannot_be_published(
    catalog_office, scheme, department, primary_items, last_year, nothing_written
):
    for previous in last_year.indicators.all()[:3]:
        actions.keep_indicator(user=catalog_office, scheme=scheme, previous=previous)
    actions.drop_indicator(
        user=catalog_office,
        scheme=scheme,
        previous=last_year.indicators.all()[3],
        reason="属于招商引资，村级组织不应承接",
    )
    with nothing_written() as refused:
        actions.publish_scheme(user=catalog_office, scheme=scheme)
    assert "100" in refused.value.message


def test_a_dropped_indicator_needs_its_reason_before_publishing(
    catalog_office, scheme, last_year, nothing_written
):
    kept = [
        actions.keep_indicator(user=catalog_office, scheme=scheme, previous=p)
        for p in last_year.indicators.all()[:2]
    ]
    for indicator in kept:
        actions.update_indicator(
            user=catalog_office,
            indicator=indicator,
            data=make_data(indicator.duty_item, indicator.department, name=indicator.name, points=50),
        )
    with nothing_written() as refused:
        actions.publish_scheme(user=catalog_office, scheme=scheme)
    assert (
        "为什么" in refused.value.message
        or "理由" in refused.value.message
        or "说明" in refused.value.message
    )


def test_publishing_shows_last_year_beside_this_year(
    catalog_office, scheme, last_year, department, primary_items
):
    previous = list(last_year.indicators.all())
    kept = actions.keep_indicator(user=catalog_office, scheme=scheme, previous=previous[0])
    actions.update_indicator(
        user=catalog_office,
        indicator=kept,
        data=make_data(kept.duty_item, department, name=kept.name, points=60),
    )
    actions.add_indicator(
        user=catalog_office, scheme=scheme, data=make_data(primary_items[4], department, points=40)
    )
    for old in previous[1:]:
        actions.drop_indicator(user=catalog_office, scheme=scheme, previous=old, reason="拍照留痕类，取消")
    published = actions.publish_scheme(user=catalog_office, scheme=scheme)
    comparison = queries.compare(published)
    [agricultural] = comparison.types
    assert (agricultural.before, agricultural.after) == (4, 2)
    assert [i.name for i in agricultural.added] == ["为村民代办服务事项成效"]
    assert len(agricultural.removed) == 3 and all(reason for _i, reason in agricultural.removed)
    assert [c.fields for c in agricultural.changed] == [["points"]]
    assert comparison.reduction == 50


def test_a_published_scheme_cannot_be_edited(
    catalog_office, last_year, department, primary_items, nothing_written
):
    indicator = last_year.indicators.first()
    with nothing_written() as refused:
        actions.add_indicator(
            user=catalog_office, scheme=last_year, data=make_data(primary_items[4], department)
        )
    assert "已发布" in refused.value.message
    with nothing_written():
        actions.update_indicator(
            user=catalog_office,
            indicator=indicator,
            data=make_data(indicator.duty_item, department, points=30),
        )
    with nothing_written():
        actions.remove_indicator(user=catalog_office, indicator=indicator)


def test_a_township_draws_its_scheme_within_the_countys(
    township_dispatcher, township, county, last_year, catalog_office, nothing_written
):
    with nothing_written():
        actions.create_scheme(user=township_dispatcher, division=township, year=THIS, title="甲镇2026")
    scheme = actions.create_scheme(user=township_dispatcher, division=township, year=LAST, title="甲镇2025")
    assert scheme.county == county


def test_a_township_cannot_set_the_cap_or_draw_the_countys_scheme(township_dispatcher, county):
    with pytest.raises(PermissionDenied):
        actions.set_cap(user=township_dispatcher, county=county, year=THIS, cap=5)
    with pytest.raises(PermissionDenied):
        actions.create_scheme(user=township_dispatcher, division=county, year=THIS, title="x")


def test_a_department_and_a_supervisor_cannot_draw_schemes(dept_clerk, supervisor, county):
    for user in (dept_clerk, supervisor):
        with pytest.raises(PermissionDenied):
            actions.create_scheme(user=user, division=county, year=THIS, title="x")


def test_villages_of_a_type_without_a_set_block_publishing(
    catalog_office, county, department, primary_items, community, nothing_written
):
    actions.set_village_type(user=catalog_office, village=community, village_type="urban_community")
    actions.set_cap(user=catalog_office, county=county, year=LAST, cap=10)
    new = actions.create_scheme(user=catalog_office, division=county, year=LAST, title="2025")
    actions.add_indicator(
        user=catalog_office, scheme=new, data=make_data(primary_items[0], department, points=100)
    )
    with nothing_written() as refused:
        actions.publish_scheme(user=catalog_office, scheme=new)
    assert "城市社区" in refused.value.message
    assert Indicator.objects.filter(scheme=new).count() == 1


def test_a_townships_set_stays_within_the_countys(
    catalog_office, township_dispatcher, township, last_year, department, primary_items, nothing_written
):
    # the county's 2025 agricultural set holds 4: the township's may hold no more
    own = actions.create_scheme(user=township_dispatcher, division=township, year=LAST, title="甲镇2025")
    for item in primary_items[:4]:
        actions.add_indicator(user=township_dispatcher, scheme=own, data=make_data(item, department))
    with nothing_written() as refused:
        actions.add_indicator(
            user=township_dispatcher, scheme=own, data=make_data(primary_items[4], department)
        )
    assert "最多 4 项" in refused.value.message
