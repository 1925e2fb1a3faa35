"""notify() writes one notification per person, after the commit, and never for a rolled-back change."""

import pytest
from django.db import transaction

from qingdan.notifications.actions import notify
from qingdan.notifications.models import Notification


def test_each_recipient_is_told_once_after_the_commit(
    dept_clerk, county_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[dept_clerk, county_reviewer, dept_clerk, None],
            verb="x.happened",
            text="发生了",
            url="/a/",
        )
        assert not Notification.objects.exists()
    rows = set(Notification.objects.values_list("recipient", "verb", "text", "url"))
    assert rows == {
        (county_reviewer.pk, "x.happened", "发生了", "/a/"),
        (dept_clerk.pk, "x.happened", "发生了", "/a/"),
    }
    assert Notification.objects.count() == 2


def test_nothing_is_told_about_a_change_that_was_rolled_back(dept_clerk, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipients=[dept_clerk], verb="x.happened", text="发生了")
        raise RuntimeError
    assert callbacks == []
    assert not Notification.objects.exists()


def test_a_long_text_is_cut_to_fit(dept_clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[dept_clerk], verb="x.happened", text="长" * 400)
    text = Notification.objects.get().text
    assert len(text) == 300 and text.endswith("…")


def test_no_recipients_queue_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notify(recipients=[], verb="x.happened", text="t")
    assert callbacks == []
