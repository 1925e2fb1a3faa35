"""Fixtures for the light ledger.

point         甲村 marked a monitoring point from January last year (by the catalog office)
other_point   乙村 marked too: the outsider's own village
with_lists    甲村's lists published: 居民财产证明 is on its negative list, 村民死亡证明 on its certificates
document      a document entered by 甲村's cadre, committed (helper)
committed     run what a write queued for after its commit (the caps check, the figures' refresh); the
              tests' job queue runs each job at once
"""

from __future__ import annotations

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone

from qingdan.burden.ledger import actions
from qingdan.duties.tests.api_helpers import publish_village_catalog

TODAY = timezone.localdate()
THIS_MONTH = TODAY.replace(day=1)
THIS_YEAR = TODAY.year
LAST_YEAR = THIS_YEAR - 1


def month(year: int, number: int) -> datetime.date:
    return datetime.date(year, number, 1)


@pytest.fixture
def point(catalog_office, village):
    return actions.mark_point(user=catalog_office, village=village, since=month(LAST_YEAR, 1))


@pytest.fixture
def other_point(catalog_office, other_village):
    return actions.mark_point(user=catalog_office, village=other_village, since=month(LAST_YEAR, 1))


@pytest.fixture
def with_lists(catalog_office, village):
    return publish_village_catalog(catalog_office, village)


def committed():
    """The block's writes as committed: the jobs they queued on commit (the caps check) run at its end."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def document(user, village, issuer, *, when=THIS_MONTH, characters=1200, number=""):
    with committed():
        return actions.record_document(
            user=user, village=village, month=when, issuer=issuer, number=number, characters=characters
        )
