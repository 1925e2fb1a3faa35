"""The clean-up review (what to look at) and the year-on-year report (how much load went away)."""

from __future__ import annotations

import datetime

import pytest

from qingdan.bodies.choices import BodyKind, BodyStatus, Permanence
from qingdan.bodies.models import BodyDocument, BodyMeeting, CoordinationBody
from qingdan.bodies.queries import cap_status, review, year_report

from .conftest import make_bodies

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def body(division, name, *, lead_unit=None, set_up=datetime.date(2019, 3, 1), **extra) -> CoordinationBody:
    county = division.county or division
    return CoordinationBody.objects.create(
        county=county,
        division=division,
        name=name,
        kind=BodyKind.LEADING_GROUP,
        permanence=extra.pop("permanence", Permanence.PERMANENT),
        lead_unit=lead_unit,
        lead_unit_name=lead_unit.name if lead_unit else extra.pop("lead_unit_name", ""),
        set_up_on=set_up,
        set_up_document="测发〔2019〕1号",
        **extra,
    )


def meeting(of, day, topic="会议"):
    return BodyMeeting.objects.create(body=of, county=of.county, held_on=day, topic=topic)


def document(of, day, number):
    return BodyDocument.objects.create(body=of, county=of.county, number=number, title="通知", issued_on=day)


def names(bodies) -> set[str]:
    return {b.name for b in bodies}


def test_the_review_finds_each_kind_of_body_to_clean_up(catalog_office, county, department, other_department):
    lively = body(county, "县防汛抗旱指挥部", lead_unit=department)
    meeting(lively, datetime.date(2026, 4, 1))
    quiet = body(county, "县殡葬改革领导小组", lead_unit=department)
    meeting(quiet, datetime.date(2024, 12, 1))  # the last sign of life, 19 months ago
    documented = body(county, "县河长制工作领导小组", lead_unit=department)
    document(documented, datetime.date(2026, 1, 5), "测河长发〔2026〕1号")
    body(county, "县数字经济发展领导小组", lead_unit=department, set_up=datetime.date(2026, 3, 1))  # too new
    ended = body(
        county,
        "县第七次全国人口普查领导小组",
        lead_unit=department,
        permanence=Permanence.TEMPORARY,
        ends_on=datetime.date(2021, 12, 31),
    )
    meeting(ended, datetime.date(2026, 2, 1))
    other_department.is_active = False
    other_department.save()
    orphan = body(county, "县林长制工作领导小组", lead_unit=other_department)
    meeting(orphan, datetime.date(2026, 2, 1))
    unknown = body(county, "县扶贫开发领导小组", lead_unit_name="县扶贫开发办公室")
    meeting(unknown, datetime.date(2026, 2, 1))
    twin_a = body(county, "县安全生产委员会", lead_unit=department)
    twin_b = body(county, "测试县 安全生产委员会", lead_unit=department, set_up=datetime.date(2021, 5, 1))
    for twin in (twin_a, twin_b):
        meeting(twin, datetime.date(2026, 5, 1))
    gone = body(
        county,
        "县殡葬改革工作领导小组",
        lead_unit=department,
        status=BodyStatus.REVOKED,
        revoked_on=datetime.date(2024, 3, 20),
        revocation_document="测编发〔2024〕3号",
    )

    found = review(catalog_office, today=TODAY)
    assert names(found.past_end) == {"县第七次全国人口普查领导小组"}
    assert names(found.stale) == {"县殡葬改革领导小组"}
    assert found.stale[0].last_activity == datetime.date(2024, 12, 1)
    assert names(found.lead_gone) == {"县林长制工作领导小组", "县扶贫开发领导小组"}
    assert [names(group) for group in found.duplicates] == [{"县安全生产委员会", "测试县 安全生产委员会"}]
    assert gone.name not in names(found.stale) | names(found.past_end)
    assert found.total == 5  # a pair of duplicates is one finding


def test_the_review_shows_a_person_only_the_bodies_they_may_read(outsider, township_body, county, department):
    body(county, "县殡葬改革领导小组", lead_unit=department)
    found = review(outsider, today=TODAY)  # 乙村: reads the county's register, not 甲镇's
    assert names(found.stale) == {"县殡葬改革领导小组"}


def test_the_cap_status_counts_each_level_and_names_divisions_above_it(
    catalog_office, county, township, department
):
    make_bodies(county, 23, lead_unit=department)
    make_bodies(township, 2, lead_unit=department)  # set up before townships kept none
    county_line, township_line, village_line = cap_status(catalog_office, county)
    assert (county_line.active, county_line.cap, county_line.is_over) == (23, 25, False)
    assert (township_line.active, township_line.cap, township_line.over) == (2, 0, [(township, 2)])
    assert (village_line.active, village_line.cap) == (0, 0)


def seed_000_township(township, department):
    """甲镇 as 双岗镇 after the clean-up: last year 18 meetings and 50 documents up to this day, none since
    its bodies were revoked at the end of last year."""
    group = body(
        township,
        "甲镇“地趴粮”整治工作领导小组",
        lead_unit=department,
        status=BodyStatus.REVOKED,
        revoked_on=datetime.date(2025, 12, 28),
        revocation_document="甲党发〔2025〕21号",
    )
    for n in range(18):
        meeting(group, datetime.date(2025, 1, 5) + datetime.timedelta(days=9 * n))  # up to 2025-06-07
    for n in range(50):
        document(
            group, datetime.date(2025, 1, 2) + datetime.timedelta(days=3 * n), f"甲党发〔2025〕{n + 1}号"
        )
    meeting(group, datetime.date(2025, 9, 1))  # after the same day last year: counts for the whole year only
    return group


def test_the_report_shows_the_drop_in_a_township_after_its_bodies_went(
    catalog_office, county, township, other_township, department
):
    seed_000_township(township, department)
    kept = body(county, "县防汛抗旱指挥部", lead_unit=department)
    meeting(kept, datetime.date(2025, 6, 1))
    meeting(kept, datetime.date(2026, 5, 20))
    meeting(kept, datetime.date(2026, 6, 2))

    report = year_report(catalog_office, today=TODAY)
    assert (report.year, report.to_date, report.before_end) == (2026, True, datetime.date(2025, 6, 30))
    lines = {line.division.name: line for line in report.lines}
    assert list(lines) == ["测试县", "甲镇", "乙乡"]
    town = lines["甲镇"]
    assert (town.meetings, town.meetings_before, town.meetings_change) == (0, 18, -18)
    assert (town.documents, town.documents_before, town.documents_change) == (0, 50, -50)
    assert (town.meetings_last_year, town.documents_last_year) == (19, 50)
    assert (lines["测试县"].meetings, lines["测试县"].meetings_before) == (2, 1)
    assert lines["乙乡"].meetings == lines["乙乡"].documents == 0
    assert (report.total.meetings_change, report.total.documents_change) == (-17, -50)


def test_a_past_year_is_compared_whole_with_the_year_before(catalog_office, township, department):
    seed_000_township(township, department)
    report = year_report(catalog_office, year=2025, today=TODAY)
    town = next(line for line in report.lines if line.division == township)
    assert report.to_date is False
    assert (town.meetings, town.documents, town.meetings_before) == (19, 50, 0)


def test_a_village_cadre_sees_the_figures_of_their_own_township_and_county(
    village_cadre, outsider, township, department
):
    seed_000_township(township, department)
    lines = {line.division.name: line for line in year_report(village_cadre, today=TODAY).lines}
    assert lines["甲镇"].meetings_before == 18
    other = {line.division.name for line in year_report(outsider, today=TODAY).lines}
    assert "甲镇" not in other
