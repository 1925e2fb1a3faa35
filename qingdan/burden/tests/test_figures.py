"""Every derived figure of the hand-counted county (conftest.small_county), row by row."""

from __future__ import annotations

import datetime

import pytest

from qingdan.bodies.models import BodyMeeting
from qingdan.burden import queries
from qingdan.burden.models import AreaFigure, DirtyVillage, MonthlyFigure
from qingdan.burden.refresh import mark, refresh_marked
from qingdan.jobs.models import Job, JobStatus

from .conftest import TODAY

M = datetime.date


def stored(county) -> set[tuple]:
    return {
        (f.division.name, f.issuer.name if f.issuer else None, f.month, f.measure, round(f.value, 4))
        for f in MonthlyFigure.objects.filter(county=county).select_related("division", "issuer")
    }


HAND_COUNT = {
    # 甲村: orders A and B approved in March, C refused in April; A done in April, B overdue since May
    ("甲村", "县农业农村局", M(2025, 3, 1), "orders_approved", 2),
    ("甲村", "县自然资源局", M(2025, 4, 1), "orders_refused", 1),
    ("甲村", "县农业农村局", M(2025, 3, 1), "tasks_dispatched", 2),
    ("甲村", "县农业农村局", M(2025, 4, 1), "tasks_done", 1),
    ("甲村", "县农业农村局", M(2025, 5, 1), "tasks_overdue", 1),
    ("甲村", "县农业农村局", M(2025, 4, 1), "complaints", 1),
    # one form in February: 3 values pre-filled (ID number 45 s, text 30 s, choice 5 s), 2 typed
    ("甲村", "县农业农村局", M(2025, 2, 1), "forms_asked", 1),
    ("甲村", "县农业农村局", M(2025, 2, 1), "fields_asked", 5),
    ("甲村", "县农业农村局", M(2025, 2, 1), "fields_prefilled", 3),
    ("甲村", "县农业农村局", M(2025, 2, 1), "fields_typed", 2),
    ("甲村", "县农业农村局", M(2025, 2, 1), "hours_saved", round(80 / 3600, 4)),
    ("甲村", "甲镇党政办", M(2025, 5, 1), "checklist_rows", 1),
    # 甲社区: B through its township (all villages), D returned in February then approved
    ("甲社区", "县农业农村局", M(2025, 3, 1), "orders_approved", 1),
    ("甲社区", "县农业农村局", M(2025, 3, 1), "tasks_dispatched", 1),
    ("甲社区", "县自然资源局", M(2025, 2, 1), "orders_approved", 1),
    ("甲社区", "县自然资源局", M(2025, 2, 1), "orders_returned", 1),
    # 乙村: only C, refused
    ("乙村", "县自然资源局", M(2025, 4, 1), "orders_refused", 1),
    # 甲镇 itself: the township office's own checklist row, its body's meeting and document
    ("甲镇", "甲镇党政办", M(2025, 5, 1), "checklist_rows", 1),
    ("甲镇", "甲镇党政办", M(2025, 6, 1), "body_meetings", 1),
    ("甲镇", "甲镇党政办", M(2025, 6, 1), "body_documents", 1),
}


def test_every_figure_of_the_small_county_is_the_hand_count(small_county):
    assert stored(small_county) == HAND_COUNT


def test_an_anonymous_complaint_counts_for_the_village_but_not_under_the_department(small_county):
    from qingdan.admission.models import Complaint
    from qingdan.burden.refresh import rebuild

    Complaint.objects.filter(county=small_county).update(named=False)
    rebuild(small_county)
    complaints = {row for row in stored(small_county) if row[3] == "complaints"}
    assert complaints == {("甲村", None, M(2025, 4, 1), "complaints", 1)}


def test_township_sums_add_up_their_villages_and_their_own_load(small_county, township):
    sums = {(f.measure, f.month): f.value for f in AreaFigure.objects.filter(area=township)}
    assert sums[("tasks_dispatched", M(2025, 3, 1))] == 3
    assert sums[("checklist_rows", M(2025, 5, 1))] == 2
    assert sums[("orders_refused", M(2025, 4, 1))] == 1  # 乙村's refusal belongs to 乙乡
    refused = AreaFigure.objects.filter(county=small_county, kind="township", measure="orders_refused")
    assert sum(f.value for f in refused) == 2


def test_the_county_dashboard_compares_before_after_and_last_year(small_county, catalog_office):
    report = queries.area_report(catalog_office, small_county, today=TODAY)
    p = report.periods
    assert (p.after.start, p.after.end) == (M(2025, 3, 1), M(2025, 7, 1))
    assert (p.before.start, p.before.end) == (M(2024, 11, 1), M(2025, 3, 1))
    assert (p.last_year.start, p.last_year.end) == (M(2024, 3, 1), M(2024, 7, 1))
    lines = {line.measure.code: line for line in report.lines}
    assert (lines["orders_approved"].before, lines["orders_approved"].after) == (1, 3)
    assert lines["orders_approved"].change == 200.0
    assert (lines["forms_asked"].before, lines["forms_asked"].after, lines["forms_asked"].change) == (
        1,
        0,
        -100.0,
    )
    assert lines["orders_refused"].after == 2 and lines["orders_refused"].measure.prevented
    assert lines["tasks_dispatched"].last_year == 0 and lines["tasks_dispatched"].change_year is None


def test_villages_are_ranked_by_their_load_since_the_reform(small_county, catalog_office):
    report = queries.area_report(catalog_office, small_county, today=TODAY)
    assert [(v.name, v.load, v.prevented) for v in report.villages] == [
        ("甲村", 4, 1),  # 2 tasks, 1 complaint, 1 checklist row; C refused
        ("甲社区", 1, 0),
        ("乙村", 0, 1),
    ]


def test_the_league_of_issuers_counts_what_each_put_on_villages(small_county, catalog_office):
    report = queries.area_report(catalog_office, small_county, today=TODAY)
    assert [(i.name, i.load, i.prevented) for i in report.issuers] == [
        ("县农业农村局", 4, 0),
        ("甲镇党政办", 4, 0),
        ("县自然资源局", 0, 2),
    ]


def test_the_trend_puts_each_month_in_its_place(small_county, catalog_office):
    report = queries.area_report(catalog_office, small_county, today=TODAY)
    by_month = dict(zip(report.months, report.load_by_month, strict=True))
    assert by_month[M(2025, 3, 1)] == 3
    assert by_month[M(2025, 6, 1)] == 2
    assert by_month[M(2025, 2, 1)] == 1  # the form


def test_a_department_sees_only_what_it_asked(small_county, dept_clerk, department):
    report = queries.department_report(dept_clerk, department, today=TODAY)
    lines = {line.measure.code: line.after for line in report.lines}
    assert lines["tasks_dispatched"] == 3
    assert lines.get("checklist_rows", 0) == 0
    assert lines.get("orders_refused", 0) == 0


def test_a_village_screen_shows_its_months(small_county, village_cadre, village):
    report = queries.village_screen(village_cadre, village, today=TODAY)
    march = report.months.index(M(2025, 3, 1))
    assert report.trend["tasks_dispatched"][march] == 2
    assert report.trend["orders_approved"][march] == 2


def test_a_new_meeting_marks_the_township_and_the_refresh_counts_it(
    small_county, township, django_capture_on_commit_callbacks
):
    body = BodyMeeting.objects.first().body
    with django_capture_on_commit_callbacks(execute=True):
        BodyMeeting.objects.create(body=body, county=small_county, held_on=M(2025, 6, 20), topic="-")
    figure = MonthlyFigure.objects.get(division=township, measure="body_meetings")
    assert figure.value == 2
    assert AreaFigure.objects.get(area=township, measure="body_meetings").value == 2
    assert AreaFigure.objects.get(area=small_county, kind="county", measure="body_meetings").value == 2
    assert not DirtyVillage.objects.exists()
    # The refresh ran as a system job of the one jobs runner (qingdan.jobs), not as a task of its own.
    [job] = Job.objects.filter(kind="burden.refresh")
    assert job.status == JobStatus.DONE and job.created_by is None
    assert job.params == {"county": small_county.pk} and job.result["figures"] > 0


def test_marking_and_refreshing_a_village_leaves_the_others_alone(small_county, village, community):
    before = stored(small_county)
    mark([village.pk])
    assert refresh_marked(small_county) > 0
    assert stored(small_county) == before
    assert not DirtyVillage.objects.exists()


@pytest.mark.parametrize("day", [M(2025, 3, 1), None])
def test_periods_have_equal_lengths(day):
    p = queries.periods(day, TODAY)
    assert len(queries.month_list(p.before.start, p.before.end)) == len(
        queries.month_list(p.after.start, p.after.end)
    )
