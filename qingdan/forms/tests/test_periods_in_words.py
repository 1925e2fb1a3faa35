"""A period is stored as a code ("once", "2026-Q4") for the API, and read in words everywhere a person sees
it: the pages, the notification the department gets, the results export and the audit trail."""

import re

import pytest
from django.utils import translation

from qingdan.audit.models import AuditEvent
from qingdan.audit.queries import changes_of
from qingdan.forms.actions import admission, submissions
from qingdan.forms.choices import Frequency
from qingdan.forms.periods import period_label
from qingdan.jobs.tests.exporting import downloaded
from qingdan.notifications.models import Notification
from qingdan.sheets.xlsx import load_xlsx


@pytest.mark.parametrize(
    ("period", "words"),
    [("once", "一次性"), ("2026", "2026年度"), ("2026-Q4", "2026年第4季度"), ("2026-03", "2026年3月")],
)
def test_each_kind_of_period_reads_in_chinese(period, words):
    with translation.override("zh-hans"):
        assert period_label(period) == words


@pytest.fixture
def once_submitted(
    make_form,
    elements,
    registers_filled,
    dept_clerk,
    county_reviewer,
    village_cadre,
    village,
    django_capture_on_commit_callbacks,
):
    form = make_form(title="一次性摸底表", frequency=Frequency.ONCE)
    admission.submit_form(user=dept_clerk, form=form)
    form = admission.approve_form(user=county_reviewer, form=form)
    submission = submissions.open_submission(user=village_cadre, form=form, village=village)
    values = {(None, elements["farmland"].pk): "1", (None, elements["ditches"].pk): "2"}
    submissions.save_values(user=village_cadre, submission=submission, values=values)
    with django_capture_on_commit_callbacks(execute=True):  # the department is told after the commit
        return submissions.submit(user=village_cadre, submission=submission)


def no_once(text: str) -> bool:
    return not re.search(r"\bonce\b", text)


@pytest.mark.django_db
def test_a_once_form_shows_no_english_on_the_pages(login, village_cadre, once_submitted):
    client = login(village_cadre)
    detail = client.get(f"/forms/submissions/{once_submitted.pk}/").content.decode()
    due = client.get("/forms/due/").content.decode()
    assert "一次性" in detail
    assert no_once(detail) and no_once(due)


@pytest.mark.django_db
def test_the_department_is_told_of_a_submission_in_words(dept_clerk, once_submitted):
    texts = list(Notification.objects.filter(recipient=dept_clerk).values_list("text", flat=True))
    assert any("一次性" in text for text in texts), texts
    assert all(no_once(text) for text in texts)


@pytest.mark.django_db
def test_the_results_export_names_the_period_in_words(login, dept_clerk, once_submitted):
    response = downloaded(login(dept_clerk), f"/forms/requests/{once_submitted.form_id}/results.xlsx")
    cells = [str(cell) for row in load_xlsx(response.content).cells for cell in row]
    assert "一次性" in cells and "once" not in cells


def test_the_audit_trail_shows_the_opened_period_in_words():
    event = AuditEvent(object_type="forms.submission", changes={"period": [None, "2026-Q4"]})
    with translation.override("zh-hans"):
        [change] = changes_of(event)
    assert change.new == "2026年第4季度"
