"""The caps of the 2024 rules (整治形式主义为基层减负若干规定), checked on the ledger, never per page view.

check_county(county, years) runs in the `burden_ledger.check_caps` job (qingdan.jobs, a system job), queued
when a ledger write that can move a cap commits (actions._changed → after_change), never on the request
path; and each night for this year and last (`qingdan check-burden-caps`). For each year it finds:

  documents_up            an issuer whose documents reached the county's monitoring points this year more
                          often than in the whole of last year — counted only over the points that kept
                          the ledger in both years, so a village that joined this year adds no "increase"
  document_too_long       a document over 5,000 characters (one violation per issuer and number)
  comprehensive_meetings  an issuer that called more than one comprehensive meeting (distinct dates)
  apps_per_department     a department requiring more than one app of the villages during the year

Many writes in one go (an import, the demo) run inside `batch()`: one check per county is queued, at its end.

A violation is kept by (county, rule, key): found again it is the same row (its evidence brought up to
date while open); an open one that no longer holds is withdrawn; a decided one stays as decided.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.audit.actions import record
from qingdan.jobs import runner
from qingdan.jobs.models import Job
from qingdan.orgs.models import Division, Unit

from . import choices as c
from .models import DigitalTool, DocumentReceived, LedgerMonth, MeetingCalled, Violation

CHECKER = "burden_ledger.checks"


class Found(dict):
    """(rule, key) → (division id, issuer id, year, evidence)."""


def _documents_up(county: Division, year: int, found: Found, names: dict[int, str]) -> None:
    both = set(
        LedgerMonth.objects.filter(county=county, month__year=year).values_list("village_id", flat=True)
    ) & set(
        LedgerMonth.objects.filter(county=county, month__year=year - 1).values_list("village_id", flat=True)
    )
    if not both:
        return
    rows = (
        DocumentReceived.objects.filter(county=county, village_id__in=both, month__year__in=[year, year - 1])
        .values("issuer_id", "month__year")
        .annotate(n=Count("id"))
    )
    per: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        per[row["issuer_id"]][row["month__year"]] = row["n"]
    for issuer_id, by_year in per.items():
        now, before = by_year.get(year, 0), by_year.get(year - 1, 0)
        if now > before:
            evidence = _(
                "%(issuer)s sent %(now)d documents to %(villages)d monitoring points in %(year)d, "
                "%(before)d in all of %(last)d."
            ) % {
                "issuer": names[issuer_id],
                "now": now,
                "villages": len(both),
                "year": year,
                "before": before,
                "last": year - 1,
            }
            found[(c.Rule.DOCUMENTS_UP, f"{issuer_id}:{year}")] = (county.pk, issuer_id, year, evidence)


def _long_documents(county: Division, year: int, found: Found, names: dict[int, str]) -> None:
    rows = DocumentReceived.objects.filter(
        county=county, month__year=year, characters__gt=c.DOCUMENT_CHARS_CAP
    ).order_by("id")
    groups: dict[str, list[DocumentReceived]] = defaultdict(list)
    for doc in rows:
        groups[f"{doc.issuer_id}:{doc.number}" if doc.number else f"entry:{doc.pk}"].append(doc)
    for key, docs in groups.items():
        first = docs[0]
        villages = {doc.village_id for doc in docs}
        division = first.village_id if len(villages) == 1 else county.pk
        evidence = _(
            "%(issuer)s, document %(number)s: %(characters)d characters (the cap is %(cap)d), "
            "received by %(villages)d villages."
        ) % {
            "issuer": names[first.issuer_id],
            "number": first.number or _("(no number)"),
            "characters": max(doc.characters for doc in docs),
            "cap": c.DOCUMENT_CHARS_CAP,
            "villages": len(villages),
        }
        found[(c.Rule.DOCUMENT_TOO_LONG, f"{year}:{key}")] = (division, first.issuer_id, year, evidence)


def _meetings(county: Division, year: int, found: Found, names: dict[int, str]) -> None:
    dates: dict[int, set[datetime.date]] = defaultdict(set)
    rows = MeetingCalled.objects.filter(county=county, month__year=year, comprehensive=True)
    for issuer_id, held_on in rows.values_list("issuer_id", "held_on"):
        dates[issuer_id].add(held_on)
    for issuer_id, held in dates.items():
        if len(held) > c.COMPREHENSIVE_MEETINGS_CAP:
            evidence = _("%(issuer)s called %(count)d comprehensive meetings in %(year)d: %(dates)s.") % {
                "issuer": names[issuer_id],
                "count": len(held),
                "year": year,
                "dates": "、".join(str(day) for day in sorted(held)),
            }
            found[(c.Rule.MEETINGS, f"{issuer_id}:{year}")] = (county.pk, issuer_id, year, evidence)


def _apps(county: Division, year: int, found: Found, names: dict[int, str]) -> None:
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    rows = DigitalTool.objects.filter(county=county, kind=c.ToolKind.APP, used_from__lt=end).exclude(
        used_until__lte=start
    )
    apps: dict[int, set[str]] = defaultdict(set)
    for issuer_id, name in rows.values_list("issuer_id", "name"):
        apps[issuer_id].add(name)
    for issuer_id, named in apps.items():
        if len(named) > c.APPS_PER_DEPARTMENT_CAP:
            evidence = _("%(issuer)s required %(count)d apps of villages in %(year)d: %(names)s.") % {
                "issuer": names[issuer_id],
                "count": len(named),
                "year": year,
                "names": "、".join(sorted(named)),
            }
            found[(c.Rule.APPS, f"{issuer_id}:{year}")] = (county.pk, issuer_id, year, evidence)


RULE_CHECKS = (_documents_up, _long_documents, _meetings, _apps)


def find(county: Division, year: int) -> Found:
    names = dict(Unit.objects.filter(county=county).values_list("pk", "name"))
    found = Found()
    for check in RULE_CHECKS:
        check(county, year, found, names)
    return found


def check_county(county: Division, years: Iterable[int] = ()) -> list[Violation]:
    """Bring the county's violations for `years` (default: this year and last) in line with the ledger.
    Returns the violations found new. Runs inside the caller's transaction."""
    today = timezone.localdate()
    wanted = sorted({y for y in years if y <= today.year} or {today.year - 1, today.year})
    new: list[Violation] = []
    for year in wanted:
        found = find(county, year)
        existing = {(x.rule, x.key): x for x in Violation.objects.filter(county=county, year=year)}
        for (rule, key), (division_id, issuer_id, found_year, evidence) in found.items():
            violation = existing.get((rule, key))
            if violation is None:
                # Two writes in one county may find the same violation at once: the second gets the first's.
                violation, created = Violation.objects.get_or_create(
                    county=county,
                    rule=rule,
                    key=key,
                    defaults={
                        "division_id": division_id,
                        "year": found_year,
                        "issuer_id": issuer_id,
                        "evidence": evidence,
                    },
                )
                if not created:
                    continue
                record(
                    actor=None,
                    actor_name=CHECKER,
                    action="burden_ledger.find_violation",
                    obj=violation,
                    division=county,
                    note=evidence,
                )
                new.append(violation)
            elif violation.status == c.ViolationStatus.OPEN and violation.evidence != evidence:
                violation.evidence = evidence
                violation.save(update_fields=["evidence"])
        for (rule, key), seen in existing.items():
            if (rule, key) in found or seen.status != c.ViolationStatus.OPEN:
                continue
            # Locked and read again: a reviewer deciding it meanwhile keeps it (decided ones stay).
            violation = (
                Violation.objects.select_for_update()
                .filter(pk=seen.pk, status=c.ViolationStatus.OPEN)
                .first()
            )
            if violation is not None:
                record(
                    actor=None,
                    actor_name=CHECKER,
                    action="burden_ledger.withdraw_violation",
                    obj=violation,
                    division=county,
                    note=violation.evidence,
                )
                violation.delete()
    return new


_pending: ContextVar[dict[int, set[int]] | None] = ContextVar("burden_ledger_pending_checks", default=None)
_pending_villages: ContextVar[set[int] | None] = ContextVar("burden_ledger_pending_villages", default=None)


CHECK_JOB = "burden_ledger.check_caps"


@runner.register(CHECK_JOB)
def check_job(job: Job, progress: runner.Progress) -> dict:
    """The queued check of one county's caps for the years a change touched (params: county, years)."""
    county = Division.objects.filter(pk=job.params["county"]).first()
    if county is None:
        return {"new": []}
    progress(0, 1, _("Checking the caps of the 2024 rules"))
    with transaction.atomic():
        new = check_county(county, job.params.get("years") or ())
    progress(1, 1, _("Done"))
    return {"new": [violation.pk for violation in new]}


def queue_check(county_id: int, years: Iterable[int]) -> None:
    """Check the county's caps for `years` in a job, once the caller's transaction commits."""
    runner.start_after_commit(kind=CHECK_JOB, params={"county": county_id, "years": sorted(set(years))})


def after_change(village: Division, years: Iterable[int]) -> None:
    """After a write: a check of the county's caps for `years` queued and the village's burden figures
    marked stale, now, or once at the end of the batch when one is open."""
    pending, villages = _pending.get(), _pending_villages.get()
    if pending is None or villages is None:
        queue_check(village.county_division().pk, years)
        _mark_figures([village.pk])
    else:
        pending.setdefault(village.county_division().pk, set()).update(years)
        villages.add(village.pk)


def _mark_figures(village_ids: list[int]) -> None:
    try:
        from qingdan.burden import refresh
    except ModuleNotFoundError:  # the figures half is not installed
        return
    refresh.mark(village_ids)


@contextmanager
def batch() -> Iterator[None]:
    """Queue the checks (and mark the figures) of every write inside once, when the block ends without
    an error."""
    if _pending.get() is not None:  # already inside a batch: the outer one checks
        yield
        return
    pending: dict[int, set[int]] = {}
    villages: set[int] = set()
    tokens = _pending.set(pending), _pending_villages.set(villages)
    try:
        yield
    finally:
        _pending.reset(tokens[0])
        _pending_villages.reset(tokens[1])
    for county_id, years in sorted(pending.items()):
        queue_check(county_id, years)
    _mark_figures(sorted(villages))
