"""Computing the stored figures: fully for a county, or only for the divisions marked as changed.

mark(division_ids)            a change touched these divisions: note them, queue a refresh on commit
refresh_marked(county)        recompute the marked divisions of a county (the "burden.refresh" job,
                              queued through qingdan.jobs like every other job)
rebuild(county)               recompute every figure of a county (`qingdan refresh-burden`, nightly)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext

from qingdan.jobs import runner
from qingdan.jobs.models import Job
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .models import AreaFigure, AreaKind, BurdenSettings, DirtyVillage, MonthlyFigure
from .sources import Count, load_sources

BATCH = 5000
REFRESH_JOB = "burden.refresh"


def _area_prefix(code: str) -> str:
    """The first nine digits: a township's code, or the county's own ("…000") for county-level rows."""
    return code[:9]


def _collect(county: Division, divisions: list[int] | None) -> list[Count]:
    found: list[Count] = []
    for source in load_sources():
        found.extend(source.counts(county, divisions))
    return found


def _store(county: Division, found: Iterable[Count]) -> int:
    codes = dict(Division.objects.filter(county_id=county.pk).values_list("pk", "code"))
    codes[county.pk] = county.code
    rows = [
        MonthlyFigure(
            county=county,
            division_id=c.village_id,
            code=codes[c.village_id],
            issuer_id=c.issuer_unit_id,
            month=c.month,
            measure=c.measure,
            value=c.value,
        )
        for c in found
        if c.value and c.village_id in codes
    ]
    MonthlyFigure.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _sum_areas(county: Division, prefixes: set[str] | None) -> None:
    """Recompute the sums of the given areas (nine-digit prefixes: a township's, or the county's own
    "…000"; None: all of the county's), then the whole county's from them."""
    stale = AreaFigure.objects.filter(county=county).exclude(kind=AreaKind.COUNTY)
    figures = MonthlyFigure.objects.filter(county=county)
    if prefixes is not None:
        codes = [p.ljust(12, "0") for p in prefixes]
        stale = stale.filter(code__in=codes)
        ranges = Q()
        for prefix in prefixes:  # ranges on the indexed code, not a function of it
            ranges |= Q(code__gte=prefix + "000", code__lte=prefix + "999")
        figures = figures.filter(ranges)
    stale.delete()
    sums = (
        figures.annotate(area=Substr("code", 1, 9))
        .order_by()
        .values("area", "month", "measure")
        .annotate(total=Sum("value"))
    )
    townships = Division.objects.filter(county_id=county.pk, level=Level.TOWNSHIP)
    areas = {code[:9]: pk for pk, code in townships.values_list("pk", "code")}
    own = county.code[:9]
    areas[own] = county.pk
    AreaFigure.objects.bulk_create(
        [
            AreaFigure(
                county=county,
                area_id=areas[row["area"]],
                kind=AreaKind.COUNTY_OWN if row["area"] == own else AreaKind.TOWNSHIP,
                code=row["area"].ljust(12, "0"),
                month=row["month"],
                measure=row["measure"],
                value=row["total"],
            )
            for row in sums
            if row["area"] in areas
        ],
        batch_size=BATCH,
    )
    AreaFigure.objects.filter(county=county, kind=AreaKind.COUNTY).delete()
    whole = (
        AreaFigure.objects.filter(county=county)
        .order_by()
        .values("month", "measure")
        .annotate(total=Sum("value"))
    )
    AreaFigure.objects.bulk_create(
        [
            AreaFigure(
                county=county,
                area=county,
                kind=AreaKind.COUNTY,
                code=county.code,
                month=row["month"],
                measure=row["measure"],
                value=row["total"],
            )
            for row in whole
        ],
        batch_size=BATCH,
    )


def _lock(county: Division) -> None:
    """One computation of a county's figures at a time (PostgreSQL: the county's row locked until the
    commit), so two jobs refreshing at once cannot both write the same figures."""
    Division.objects.select_for_update().filter(pk=county.pk).first()


def _stamp(county: Division) -> None:
    BurdenSettings.objects.filter(county=county).update(refreshed_at=timezone.now())


@transaction.atomic
def rebuild(county: Division) -> int:
    """Recompute every figure of the county; returns the number of figure rows stored."""
    _lock(county)
    DirtyVillage.objects.filter(county=county).delete()
    MonthlyFigure.objects.filter(county=county).delete()
    stored = _store(county, _collect(county, None))
    _sum_areas(county, None)
    _stamp(county)
    return stored


@transaction.atomic
def refresh_divisions(county: Division, division_ids: list[int]) -> int:
    """Recompute the figures of these divisions of the county, and the sums of their townships."""
    if not division_ids:
        return 0
    _lock(county)
    MonthlyFigure.objects.filter(county=county, division_id__in=division_ids).delete()
    stored = _store(county, _collect(county, division_ids))
    codes = Division.objects.filter(pk__in=division_ids).values_list("code", flat=True)
    _sum_areas(county, {_area_prefix(code) for code in codes})
    _stamp(county)
    return stored


def refresh_marked(county: Division) -> int:
    """Recompute the divisions marked as changed, then unmark them (those marked meanwhile stay)."""
    marked = list(DirtyVillage.objects.filter(county=county).values_list("pk", "division_id", "marked_at"))
    if not marked:
        return 0
    stored = refresh_divisions(county, [division_id for _, division_id, _ in marked])
    for pk, _, marked_at in marked:
        DirtyVillage.objects.filter(pk=pk, marked_at=marked_at).delete()
    return stored


def mark(division_ids: Iterable[int | None]) -> None:
    """Note that the load of these divisions changed; a job recomputes them after the commit."""
    ids = {pk for pk in division_ids if pk is not None}
    if not ids:
        return
    rows = Division.objects.filter(pk__in=ids).exclude(level__in=[Level.PROVINCE, Level.CITY])
    counties: set[int] = set()
    for division in rows.only("pk", "level", "county_id"):
        county_id = division.pk if division.level == Level.COUNTY else division.county_id
        if county_id is None:
            continue
        counties.add(county_id)
        DirtyVillage.objects.update_or_create(division_id=division.pk, defaults={"county_id": county_id})
    for county_id in counties:
        runner.start_after_commit(kind=REFRESH_JOB, params={"county": county_id})


@runner.register(REFRESH_JOB)
def refresh_job(job: Job, progress: runner.Progress) -> dict:
    """The queued refresh (a system job of qingdan.jobs): the county's marked divisions computed again."""
    county = Division.objects.filter(pk=job.params["county"], level=Level.COUNTY).first()
    if county is None:
        return {"figures": 0}
    progress(0, 1, gettext("Computing the burden figures"))
    stored = refresh_marked(county)
    progress(1, 1, gettext("Done"))
    return {"figures": stored}


def months_back(today: datetime.date, n: int) -> list[datetime.date]:
    """The first days of the last `n` months up to and including today's, oldest first."""
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return months[::-1]
