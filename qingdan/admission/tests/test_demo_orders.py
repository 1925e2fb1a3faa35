"""The demo county comes with work orders at every stage, filed through the actions with real texts."""

import pytest

from qingdan.admission.models import Complaint, VillageTask, WorkOrder
from qingdan.audit.models import AuditEvent
from qingdan.demo.load import load_demo
from qingdan.demo.orders import demo_requests, load_demo_orders


@pytest.fixture
def demo(db):
    return load_demo()


def test_the_demo_has_orders_at_every_stage(demo):
    assert demo.changes["work_orders_created"] == 5
    orders = {o.title: (o.status, o.verdict) for o in WorkOrder.objects.all()}
    assert sorted(status for status, _verdict in orders.values()) == [
        "approved",
        "approved",
        "refused",
        "returned",
        "submitted",
    ]
    assert orders["卫星遥感疑似变化图斑实地核查举证"] == ("submitted", "not_listed")
    assert orders["社区开展城市管理执法工作"] == ("refused", "refuse")
    texts = set(demo_requests().values())
    assert all(order.text in texts for order in WorkOrder.objects.all())
    # The demo village cadre has work done and work open; a refused order reached nobody.
    tasks = VillageTask.objects.filter(village__units__people__username="cunwei")
    assert sorted(tasks.values_list("status", flat=True)) == ["completed", "in_progress"]
    assert not VillageTask.objects.filter(order__status="refused").exists()
    # A village complained about a phone demand that bypassed the platform.
    complaint = Complaint.objects.get()
    assert (complaint.kind, complaint.channel, complaint.against_unit.name) == (
        "bypass",
        "phone",
        "区城市管理执法局",
    )


def test_loading_the_demo_orders_again_adds_nothing(demo):
    events = AuditEvent.objects.count()
    assert load_demo_orders(demo.county) == 0
    assert WorkOrder.objects.count() == 5 and AuditEvent.objects.count() == events


def test_the_demo_requests_are_real_ones_with_their_sources():
    from qingdan.demo.orders import REQUESTS_FILE

    lines = REQUESTS_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:3] == ["id", "text", "gold_decision"]
    assert 8 <= len(lines) - 1 <= 10
    assert all(line.split("\t")[4].startswith("http") for line in lines[1:])
