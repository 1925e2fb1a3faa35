"""The caps of the 2024 rules are checked by a job queued when a ledger write commits, never on the request
path; the burden figures' refresh is a job of the same runner (qingdan.jobs)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from qingdan.burden.ledger import checks
from qingdan.burden.ledger.choices import Rule
from qingdan.burden.ledger.models import DocumentReceived, Violation
from qingdan.burden.refresh import REFRESH_JOB
from qingdan.jobs import runner
from qingdan.jobs.models import Job, JobStatus

from .conftest import LAST_YEAR, THIS_MONTH, THIS_YEAR, committed

# A queue that keeps what is put in it and runs nothing: what the request left for the worker stays there.
QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def enter_long_document(client, village, department):
    url = reverse(
        "burden_ledger:entry_add",
        kwargs={"pk": village.pk, "year": THIS_MONTH.year, "month": THIS_MONTH.month, "kind": "document"},
    )
    with committed():
        answer = client.post(
            url, {"issuer": department.pk, "number": "县农发〔2026〕9号", "characters": "9000"}
        )
    assert answer.status_code in (200, 302), answer.content.decode()[:500]


@override_settings(TASKS=QUEUE_ONLY)
def test_saving_a_ledger_entry_queues_the_check_and_the_request_checks_nothing(
    login, village_cadre, village, point, department
):
    enter_long_document(login(village_cadre), village, department)
    assert DocumentReceived.objects.filter(characters=9000).exists()
    assert not Violation.objects.exists()  # the request saved the entry and checked nothing
    [job] = Job.objects.filter(kind=checks.CHECK_JOB)
    assert job.status == JobStatus.PENDING and job.created_by is None and job.task_id
    assert job.params == {"county": village.county_division().pk, "years": [THIS_YEAR, THIS_YEAR + 1]}
    refresh = Job.objects.get(kind=REFRESH_JOB)
    assert refresh.status == JobStatus.PENDING and refresh.params == {"county": village.county_division().pk}


@override_settings(TASKS=QUEUE_ONLY)
def test_a_second_save_while_the_check_waits_queues_no_second_check(
    login, village_cadre, village, point, department
):
    client = login(village_cadre)
    enter_long_document(client, village, department)
    enter_long_document(client, village, department)
    assert DocumentReceived.objects.count() == 2
    assert Job.objects.filter(kind=checks.CHECK_JOB).count() == 1
    assert Job.objects.filter(kind=REFRESH_JOB).count() == 1


@override_settings(TASKS=QUEUE_ONLY)
def test_running_the_queued_check_lists_the_violation(
    login, village_cadre, county_reviewer, village, point, department
):
    enter_long_document(login(village_cadre), village, department)
    job = Job.objects.get(kind=checks.CHECK_JOB)
    assert runner.execute(job.pk, "qingdan.burden.ledger.checks.check_job") == JobStatus.DONE
    job.refresh_from_db()
    [violation] = Violation.objects.all()
    assert violation.rule == Rule.DOCUMENT_TOO_LONG and "9000" in violation.evidence
    assert job.result == {"new": [violation.pk]}
    listed = login(county_reviewer).get(reverse("burden_ledger:violation_list")).content.decode()
    assert "县农发〔2026〕9号" in listed or "9000" in listed


def test_under_the_immediate_queue_the_check_has_run_once_the_save_commits(
    village_cadre, village, point, department
):
    from qingdan.burden.ledger import actions

    with committed():
        actions.record_document(
            user=village_cadre, village=village, month=THIS_MONTH, issuer=department, characters=6000
        )
        assert not Violation.objects.exists()  # not before the commit
    assert Violation.objects.get().rule == Rule.DOCUMENT_TOO_LONG
    assert Job.objects.get(kind=checks.CHECK_JOB).status == JobStatus.DONE


def test_the_nightly_command_still_checks_every_county(village_cadre, village, point, department):
    from qingdan.burden.ledger import actions

    actions.record_document(  # not committed: no job ran, only the command checks
        user=village_cadre,
        village=village,
        month=THIS_MONTH.replace(year=LAST_YEAR),
        issuer=department,
        characters=7000,
    )
    assert not Violation.objects.exists()
    call_command("check-burden-caps")
    assert Violation.objects.get().year == LAST_YEAR


def test_only_registered_jobs_are_queued_after_commit():
    with pytest.raises(ValueError):
        runner.start_after_commit(kind="burden.nothing_of_this_name", params={})
