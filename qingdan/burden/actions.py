"""Every change to the burden settings. Keyword-only, taking the acting user, in one transaction,
audited; bad input raises ActionRefused with a Chinese message and writes nothing.

set_reform_date(user, county, day)   the county's reform date, against which figures are compared
start_rebuild(user, county)          queue a job that computes every figure of the county again
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.jobs import runner
from qingdan.jobs.models import Job
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .models import BurdenSettings

EARLIEST_REFORM = datetime.date(2000, 1, 1)


def _county(county: Division) -> None:
    if county.level != Level.COUNTY:
        raise ActionRefused(_("Burden settings belong to a county."))


def set_reform_date(*, user, county: Division, day: datetime.date | None) -> BurdenSettings:
    _county(county)
    access.require(user, Permission.SET_REFORM_DATE, county)
    if not isinstance(day, datetime.date):
        raise ActionRefused(_("Give the reform date as a date, e.g. 2024-07-01."))
    if day < EARLIEST_REFORM or day > timezone.localdate():
        raise ActionRefused(_("The reform date must lie between 2000-01-01 and today."))
    with transaction.atomic():
        settings = BurdenSettings.objects.select_for_update().filter(county=county).first()
        old = settings.reform_date.isoformat() if settings else None
        if settings is None:
            settings = BurdenSettings.objects.create(county=county, reform_date=day)
        else:
            settings.reform_date = day
            settings.save(update_fields=["reform_date"])
        record(
            actor=user,
            action="burden.set_reform_date",
            obj=settings,
            division=county,
            changes={"reform_date": [old, day.isoformat()]},
        )
    return settings


def start_rebuild(*, user, county: Division) -> Job:
    _county(county)
    access.require(user, Permission.REFRESH_BURDEN, county)
    with transaction.atomic():
        record(actor=user, action="burden.rebuild", obj=county, division=county)
        return runner.start(kind="burden.rebuild", user=user, params={"county": county.pk})


@runner.register("burden.rebuild")
def rebuild_job(job: Job, progress) -> dict:
    from .refresh import rebuild

    county = Division.objects.get(pk=job.params["county"], level=Level.COUNTY)
    progress(0, 1, _("Computing the burden figures"))
    stored = rebuild(county)
    progress(1, 1, _("Done"))
    return {"figures": stored}
