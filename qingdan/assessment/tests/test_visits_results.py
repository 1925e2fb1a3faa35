"""One visit a year, scores from the platform's records, results, the pay link and appeals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qingdan.admission.choices import ComplaintStatus, OrderStatus, TaskStatus
from qingdan.admission.models import Assignment, Complaint, VillageTask, WorkOrder
from qingdan.assessment import actions
from qingdan.assessment.actions import Cadre, Verified
from qingdan.assessment.models import CadrePay, Result, Score

from .conftest import LAST, make_data

D = Decimal


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T10:00"))


@pytest.fixture
def self_scoring(catalog_office, county, department, other_department, primary_items, typed_villages):
    """The 2025 scheme: orders on time (40), complaints upheld at most 0 (20), a reported figure (20) and a
    qualitative judgement (20)."""
    actions.set_cap(user=catalog_office, county=county, year=LAST, cap=10)
    scheme = actions.create_scheme(user=catalog_office, division=county, year=LAST, title="2025年度村级考核")
    add = actions.add_indicator
    orders = add(
        user=catalog_office,
        scheme=scheme,
        data=make_data(
            primary_items[0],
            department,
            name="派单事项按期办结",
            points=40,
            evidence="platform_record",
            source="orders_on_time",
        ),
    )
    complaints = add(
        user=catalog_office,
        scheme=scheme,
        data=make_data(
            primary_items[1],
            other_department,
            name="投诉查实",
            points=20,
            evidence="platform_record",
            source="complaints_upheld",
            target=0,
            formula="at_most",
        ),
    )
    reported = add(
        user=catalog_office,
        scheme=scheme,
        data=make_data(primary_items[2], department, name="农村人居环境整治达标户数", points=20, target=200),
    )
    judged = add(
        user=catalog_office,
        scheme=scheme,
        data=make_data(
            primary_items[3],
            department,
            name="矛盾纠纷化解",
            points=20,
            rule_kind="qualitative",
            levels=[
                {"label": "好", "share": 100},
                {"label": "一般", "share": 60},
                {"label": "差", "share": 0},
            ],
        ),
    )
    actions.publish_scheme(user=catalog_office, scheme=scheme)
    return scheme, orders, complaints, reported, judged


@pytest.fixture
def team(county_reviewer, county, department, other_department):
    return actions.form_team(
        user=county_reviewer,
        county=county,
        year=LAST,
        name="2025年度村级联合考核组",
        units=[department, other_department],
        members="张三、李四",
    )


@pytest.fixture
def records(county, township, village, department, dept_clerk, village_cadre):
    """甲村 in 2025: four orders due, three done on time, one late; two complaints, one upheld."""
    for n, (deadline, done) in enumerate(
        (
            ("2025-03-31", "2025-03-20"),
            ("2025-06-30", "2025-06-30"),
            ("2025-09-30", "2025-09-01"),
            ("2025-10-31", "2025-11-15"),
        )
    ):
        order = WorkOrder.objects.create(
            county=county,
            department=department,
            created_by=dept_clerk,
            title=f"派单{n}",
            text="派单",
            deadline=datetime.date(2025, 12, 31),
            department_does="-",
            grassroots_must="-",
            status=OrderStatus.APPROVED,
        )
        assignment = Assignment.objects.create(order=order, township=township, county=county)
        VillageTask.objects.create(
            assignment=assignment,
            order=order,
            village=village,
            county=county,
            deadline=datetime.date.fromisoformat(deadline),
            status=TaskStatus.COMPLETED,
            completed_at=at(done),
        )
    for status in (ComplaintStatus.UPHELD, ComplaintStatus.DISMISSED):
        complaint = Complaint.objects.create(
            county=county,
            division=village,
            filed_by=village_cadre,
            kind="bypass",
            what="微信群催报材料",
            status=status,
        )
        Complaint.objects.filter(pk=complaint.pk).update(filed_at=at("2025-05-05"))


def test_a_team_has_members_from_several_departments(county_reviewer, county, department, nothing_written):
    with nothing_written() as refused:
        actions.form_team(user=county_reviewer, county=county, year=LAST, name="考核组", units=[department])
    assert "两个部门" in refused.value.message


def test_a_department_cannot_run_its_own_village_assessment(
    dept_clerk, county, village, department, other_department, team
):
    with pytest.raises(PermissionDenied):
        actions.form_team(
            user=dept_clerk,
            county=county,
            year=LAST + 1,
            name="农业局考核组",
            units=[department, other_department],
        )
    with pytest.raises(PermissionDenied):
        actions.record_visit(
            user=dept_clerk, team=team, village=village, visited_on=datetime.date(2025, 12, 1)
        )


def test_a_second_visit_in_a_year_is_refused(county_reviewer, self_scoring, team, village, nothing_written):
    actions.record_visit(
        user=county_reviewer, team=team, village=village, visited_on=datetime.date(2025, 12, 1)
    )
    with nothing_written() as refused:
        actions.record_visit(
            user=county_reviewer, team=team, village=village, visited_on=datetime.date(2025, 12, 20)
        )
    assert "每年只开展 1 次考核" in refused.value.message


def test_self_computed_scores_match_the_records(self_scoring, village, records):
    scheme, orders, complaints, _reported, _judged = self_scoring
    scores = {s.indicator_id: s for s in actions.compute_scores(village, scheme)}
    # 3 of 4 orders on time: 75 % of 40 points; one complaint upheld against a target of at most 0: none.
    assert scores[orders.pk].computed_value == D("75.00") and scores[orders.pk].points == D("30.00")
    assert scores[orders.pk].sources == {"record": "admission.villagetask", "total": 4, "counted": 3}
    assert scores[complaints.pk].computed_value == 1 and scores[complaints.pk].points == 0


def test_the_village_never_reports_what_the_platform_counts(
    village_cadre, village, self_scoring, nothing_written
):
    _scheme, orders, *_rest = self_scoring
    with nothing_written() as refused:
        actions.report_value(user=village_cadre, village=village, indicator=orders, value=100)
    assert "自动计算" in refused.value.message


def test_verified_values_override_reported_ones_with_a_note(
    village_cadre, county_reviewer, village, team, self_scoring, nothing_written
):
    _scheme, _orders, _complaints, reported, judged = self_scoring
    actions.report_value(user=village_cadre, village=village, indicator=reported, value=200)
    actions.report_value(user=village_cadre, village=village, indicator=judged, level="好")
    assert Score.objects.get(indicator=reported, village=village).points == 20
    with nothing_written():
        actions.record_visit(
            user=county_reviewer,
            team=team,
            village=village,
            visited_on=datetime.date(2025, 12, 1),
            verified=[Verified(reported, note="", value=150)],
        )
    actions.record_visit(
        user=county_reviewer,
        team=team,
        village=village,
        visited_on=datetime.date(2025, 12, 1),
        verified=[
            Verified(reported, note="入户核实，150户达标", value=150),
            Verified(judged, note="仍有两起纠纷未化解", level="一般"),
        ],
    )
    score = Score.objects.get(indicator=reported, village=village)
    assert (score.reported_value, score.verified_value, score.points) == (200, 150, D("15.00"))
    assert Score.objects.get(indicator=judged, village=village).points == D("12.00")


def test_results_and_pay_match_a_hand_computation(
    catalog_office, county_reviewer, village_cadre, village, other_village, team, self_scoring, records
):
    scheme, _orders, _complaints, reported, judged = self_scoring
    actions.report_value(user=village_cadre, village=village, indicator=reported, value=200)
    actions.record_visit(
        user=county_reviewer,
        team=team,
        village=village,
        visited_on=datetime.date(2025, 12, 1),
        verified=[Verified(judged, note="好", level="好")],
    )
    actions.publish_results(user=county_reviewer, scheme=scheme, today=datetime.date(2026, 1, 10))
    # 甲村: orders 30 + complaints 0 + reported 20 + judged 20 = 70 (合格); 乙村 had no order due (nothing
    # late: 40), no complaint upheld (20), nothing reported and no visit (0) = 60 (合格).
    jia = Result.objects.get(scheme=scheme, village=village)
    yi = Result.objects.get(scheme=scheme, village=other_village)
    assert (jia.total, jia.grade, jia.rank) == (D("70.00"), "pass", 1)
    assert (yi.total, yi.grade, yi.rank) == (D("60.00"), "pass", 2)
    # The scheme keeps its defaults: a 30 % performance share and a 15 % bonus rate.
    actions.record_pay(
        user=county_reviewer,
        result=jia,
        income_last_year=200_000,
        income_this_year=340_000,
        cadres=[Cadre("王书记", 48_000, "书记"), Cadre("赵委员", 36_000, "委员")],
    )
    pay = {p.name: p for p in CadrePay.objects.filter(result=jia)}
    # performance: 48,000 × 30 % × 70 % (合格 tier) = 10,080; 36,000 × 30 % × 70 % = 7,560
    # bonus: (340,000 − 200,000) × 15 % ÷ 2 cadres = 10,500 each
    assert (pay["王书记"].performance_pay, pay["王书记"].bonus) == (D("10080.00"), D("10500.00"))
    assert (pay["赵委员"].performance_pay, pay["赵委员"].bonus) == (D("7560.00"), D("10500.00"))


def test_the_bonus_rate_stays_between_10_and_20_percent(catalog_office, county, nothing_written, last_year):
    draft = actions.create_scheme(user=catalog_office, division=county, year=LAST + 1, title="2026")
    with nothing_written():
        actions.set_pay_rules(
            user=catalog_office, scheme=draft, performance_share="0.3", bonus_rate="0.25", appeal_days=15
        )
    actions.set_pay_rules(
        user=catalog_office, scheme=draft, performance_share="0.3", bonus_rate="0.2", appeal_days=15
    )


def test_appeals_within_the_window_then_frozen(
    county_reviewer, village_cadre, village, self_scoring, team, nothing_written
):
    scheme, _orders, _complaints, reported, _judged = self_scoring
    actions.publish_results(user=county_reviewer, scheme=scheme, today=datetime.date(2026, 1, 10))
    result = Result.objects.get(scheme=scheme, village=village)
    with nothing_written():
        actions.file_appeal(user=village_cadre, result=result, reason="迟了", today=datetime.date(2026, 2, 1))
    appeal = actions.file_appeal(
        user=village_cadre, result=result, reason="整治达标户数已报未计", today=datetime.date(2026, 1, 20)
    )
    with nothing_written():
        actions.decide_appeal(user=county_reviewer, appeal=appeal, uphold=True, reason="")
    with pytest.raises(PermissionDenied):
        actions.decide_appeal(user=village_cadre, appeal=appeal, uphold=True, reason="自己批准")
    actions.decide_appeal(user=county_reviewer, appeal=appeal, uphold=True, reason="经核实，达标户数200户")
    actions.correct_score(user=county_reviewer, result=result, indicator=reported, value=200, note="申诉核实")
    result.refresh_from_db()
    assert result.total == D("80.00")  # 40 (no order due) + 20 (no complaint) + 20 corrected
    with nothing_written():
        actions.freeze_results(user=county_reviewer, scheme=scheme, today=datetime.date(2026, 1, 25))
    assert actions.freeze_results(user=county_reviewer, scheme=scheme, today=datetime.date(2026, 1, 26)) == 2
    with nothing_written() as refused:
        actions.correct_score(user=county_reviewer, result=result, indicator=reported, value=100, note="再改")
    assert "锁定" in refused.value.message
