"""The demo county's burden figures: its reform date (the first of January this year, when the bodies'
clean-up at the end of last year took effect) and the figures computed from everything the demo loaded
before (orders, refusals, forms, checklists, bodies' meetings and documents, the light ledger)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from qingdan.burden.models import BurdenSettings
from qingdan.burden.refresh import rebuild
from qingdan.orgs.models import Division


def load_demo_burden(county: Division) -> int:
    """Set the reform date once (a later run keeps what the county chose) and compute every figure."""
    today = timezone.localdate()
    BurdenSettings.objects.get_or_create(
        county=county, defaults={"reform_date": datetime.date(today.year, 1, 1)}
    )
    return rebuild(county)
