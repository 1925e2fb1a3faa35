"""The demo township keeps its flood control as checklists: last year's closed, this year's copied from
it a year on, issued, under way, with alerts."""

import pytest

from qingdan.demo.checklists import load_demo_checklists
from qingdan.demo.load import load_demo
from qingdan.notifications.models import Notification
from qingdan.orgs.models import User
from qingdan.tasks.choices import ChecklistStatus, RowStatus
from qingdan.tasks.models import Checklist, RowAlert
from qingdan.tasks.queries import flag


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return load_demo()


def test_the_demo_has_last_years_and_this_years_flood_control_checklists(demo):
    assert demo.changes["checklists_created"] == 2
    last, this = Checklist.objects.order_by("year")
    assert last.status == ChecklistStatus.CLOSED and this.status == ChecklistStatus.ACTIVE
    assert this.copied_from == last and this.year == last.year + 1
    assert this.title.endswith("汀泗桥镇防汛抗旱任务清单") and this.rows.count() == 9
    assert set(last.rows.values_list("status", flat=True)) == {RowStatus.DONE}
    alerts = {row.alert for row in flag(this.rows.all())}
    assert {"overdue", "due_soon"} <= alerts
    cadre = User.objects.get(username="cunwei")
    assert this.rows.filter(responsible=cadre).exists()
    assert RowAlert.objects.exists() and Notification.objects.filter(verb__startswith="tasks.row_").exists()


def test_loading_the_demo_again_makes_no_more_checklists(demo):
    assert load_demo_checklists(demo.county) == 0
    assert Checklist.objects.count() == 2
