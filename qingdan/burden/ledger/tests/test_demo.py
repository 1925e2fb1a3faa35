"""The demo county's light ledger tells the seeds' reform (the whole demo is loaded once: slow)."""

import pytest
from django.utils import timezone

from qingdan.burden.ledger import signs
from qingdan.burden.ledger.choices import Rule, Screening
from qingdan.burden.ledger.models import (
    CertificateDemand,
    DigitalTool,
    DocumentReceived,
    MeetingCalled,
    MonitoringPoint,
    Sign,
    Violation,
)
from qingdan.demo.ledger import TOWNSHIP, load_demo_ledger
from qingdan.demo.load import load_demo

from .conftest import committed

pytestmark = pytest.mark.django_db


def town_rows(model, year: int, last_month: int):
    return model.objects.filter(
        village__parent__name=TOWNSHIP, month__year=year, month__month__lte=last_month
    )


def test_the_demo_reform_shows_in_the_ledger():
    with committed():  # the caps are checked by the job the demo's writes queued on commit
        result = load_demo()
    today = timezone.localdate()
    if today.month == 1:
        pytest.skip("in January no month of this year is over yet")
    last = today.month - 1
    assert MonitoringPoint.objects.filter(county=result.county).count() == 5
    documents = [town_rows(DocumentReceived, year, last).count() for year in (today.year - 1, today.year)]
    meetings = [town_rows(MeetingCalled, year, last).count() for year in (today.year - 1, today.year)]
    assert meetings[0] - meetings[1] == 18
    assert 45 <= documents[0] - documents[1] <= 55
    apps = DigitalTool.objects.filter(kind="app", village__name="贺家垅村")
    assert apps.count() == 15 and sum(1 for app in apps if app.in_use(today.replace(day=1))) == 4
    report = signs.report(Sign.objects.filter(village__name="贺家垅村"))
    assert report.before == 14 and report.after < report.before and report.breaches == []
    forbidden = CertificateDemand.objects.filter(screening=Screening.FORBIDDEN, demander_kind="bank")
    assert forbidden.count() == 2
    rules = set(Violation.objects.values_list("rule", flat=True))
    assert {Rule.DOCUMENT_TOO_LONG, Rule.DOCUMENTS_UP, Rule.MEETINGS, Rule.APPS} <= rules
    assert load_demo_ledger(result.county) == 0  # loading again changes nothing
