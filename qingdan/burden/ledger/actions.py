"""Every change to the light ledger: keyword-only verbs taking the acting user, each atomic and audited.

All checks come first (validation.py); a refused action raises ActionRefused in Chinese and writes
nothing. A write that can move a cap queues a check of the county's caps (checks.check_county, run by the
`burden_ledger.check_caps` job once the write commits) and marks the village for the burden figures'
refresh.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.actiontools import clean_text, locked
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division
from qingdan.review.workflow import Outcome, Review, stamp_decided_at

from . import checks
from . import choices as c
from . import validation as v
from .certificates import screen_certificate
from .models import (
    CadreBorrowing,
    CertificateDemand,
    DigitalTool,
    DocumentReceived,
    Inspection,
    LedgerMonth,
    MeetingCalled,
    MonitoringPoint,
    Sign,
    Violation,
    ViolationReviewEntry,
)

ENTRY_MODELS = {
    "document": DocumentReceived,
    "meeting": MeetingCalled,
    "inspection": Inspection,
    "certificate": CertificateDemand,
    "borrowing": CadreBorrowing,
}


def _changed(village: Division, *years: int) -> None:
    """After a write: a check of the county's caps queued, and the village's figures marked stale."""
    checks.after_change(village, years)


def _ledger_village(user, village: Division) -> Division:
    access.require(user, Permission.RECORD_LEDGER, village)
    v.point_of(village)
    return village


def _open_month(village: Division, month: datetime.date) -> LedgerMonth:
    found, _created = LedgerMonth.objects.get_or_create(
        village=village, month=month, defaults={"county": village.county_division()}
    )
    return found


# --- monitoring points -------------------------------------------------------------------------------


@transaction.atomic
def mark_point(*, user, village: Division, since: datetime.date) -> MonitoringPoint:
    """The county marks a village as a monitoring point, reporting from the month `since`."""
    access.require(user, Permission.MARK_MONITORING_POINT, village)
    if village.level != "village":
        raise ActionRefused(_("%(name)s is not a village or community.") % {"name": village.name})
    since = v.month_of(since, label=_("The first month"))
    point = MonitoringPoint.objects.filter(village=village).first()
    if point is not None and point.is_active:
        raise ActionRefused(_("%(name)s is already a monitoring point.") % {"name": village.name})
    if point is None:
        point = MonitoringPoint.objects.create(
            county=village.county_division(), village=village, since=since, marked_by=user
        )
    else:
        point.is_active, point.since, point.marked_by = True, since, user
        point.save(update_fields=["is_active", "since", "marked_by"])
    record(actor=user, action="burden_ledger.mark_point", obj=point, changes={"since": [None, str(since)]})
    return point


@transaction.atomic
def unmark_point(*, user, point: MonitoringPoint) -> MonitoringPoint:
    """The village stops being a monitoring point; what it entered stays."""
    access.require(user, Permission.MARK_MONITORING_POINT, point.village)
    point = locked(point)
    if not point.is_active:
        raise ActionRefused(_("%(name)s is no longer a monitoring point.") % {"name": point.village.name})
    point.is_active = False
    point.save(update_fields=["is_active"])
    record(actor=user, action="burden_ledger.unmark_point", obj=point, changes={"is_active": [True, False]})
    return point


# --- what reached the village in a month ---------------------------------------------------------


def _entry(user, village: Division, model, action: str, **fields: Any):
    entry = model.objects.create(
        county=village.county_division(), village=village, recorded_by=user, **fields
    )
    _open_month(village, entry.month)
    record(
        actor=user,
        action=f"burden_ledger.{action}",
        obj=entry,
        changes={key: [None, str(value)] for key, value in fields.items() if value not in (None, "")},
    )
    _changed(village, entry.month.year, entry.month.year + 1)
    return entry


@transaction.atomic
def record_document(
    *, user, village: Division, month, issuer, number: str = "", characters: int, pages: int | None = None
) -> DocumentReceived:
    village = _ledger_village(user, village)
    county = village.county_division()
    fields = {
        "month": v.month_of(month, label=_("The month")),
        "issuer": v.issuer_of(issuer, county, label=_("The issuer")),
        "number": clean_text(number, label=_("The document number"), required=False, limit=c.NUMBER_CHARS),
        "characters": v.count(characters, label=_("The characters"), high=c.MAX_CHARACTERS, low=1),
        "pages": None if pages is None else v.count(pages, label=_("The pages"), high=c.MAX_PAGES, low=1),
    }
    return _entry(user, village, DocumentReceived, "record_document", **fields)


@transaction.atomic
def record_meeting(
    *, user, village: Division, held_on, issuer, level: str, hours, comprehensive: bool = False
) -> MeetingCalled:
    village = _ledger_village(user, village)
    held_on = v.day_of(held_on, label=_("The meeting date"))
    fields = {
        "month": held_on.replace(day=1),
        "held_on": held_on,
        "issuer": v.issuer_of(issuer, village.county_division(), label=_("The issuer")),
        "level": v.choice(level, c.MeetingLevel, label=_("The level")),
        "hours": v.hours(hours, label=_("The hours")),
        "comprehensive": bool(comprehensive),
    }
    return _entry(user, village, MeetingCalled, "record_meeting", **fields)


@transaction.atomic
def record_inspection(*, user, village: Division, held_on, issuer, kind: str) -> Inspection:
    village = _ledger_village(user, village)
    held_on = v.day_of(held_on, label=_("The date"))
    fields = {
        "month": held_on.replace(day=1),
        "held_on": held_on,
        "issuer": v.issuer_of(issuer, village.county_division(), label=_("The issuer")),
        "kind": v.choice(kind, c.InspectionKind, label=_("The kind")),
    }
    return _entry(user, village, Inspection, "record_inspection", **fields)


@transaction.atomic
def record_certificate(
    *, user, village: Division, month, demander_kind: str, demander: str, purpose: str, issuer=None
) -> CertificateDemand:
    """A certificate demanded of the village, screened against its lists at once (flagged if forbidden)."""
    village = _ledger_village(user, village)
    kind = v.choice(demander_kind, c.DemanderKind, label=_("Who demanded it"))
    purpose = clean_text(purpose, label=_("The certificate demanded"), limit=c.PURPOSE_CHARS)
    fields = {
        "month": v.month_of(month, label=_("The month")),
        "demander_kind": kind,
        "demander": clean_text(demander, label=_("The name of who demanded it"), limit=c.NAME_CHARS),
        "purpose": purpose,
        "issuer": None,
    }
    if kind == c.DemanderKind.DEPARTMENT or issuer is not None:
        fields["issuer"] = v.issuer_of(issuer, village.county_division(), label=_("The department"))
    fields["screening"], fields["matched_item"] = screen_certificate(village, purpose)
    return _entry(user, village, CertificateDemand, "record_certificate", **fields)


@transaction.atomic
def record_borrowing(*, user, village: Division, month, issuer, cadres: int, days: int) -> CadreBorrowing:
    village = _ledger_village(user, village)
    fields = {
        "month": v.month_of(month, label=_("The month")),
        "issuer": v.issuer_of(issuer, village.county_division(), label=_("The borrowing unit")),
        "cadres": v.count(cadres, label=_("The cadres borrowed"), high=c.MAX_CADRES, low=1),
        "days": v.count(days, label=_("The days"), high=31, low=1),
    }
    return _entry(user, village, CadreBorrowing, "record_borrowing", **fields)


@transaction.atomic
def remove_entry(*, user, entry) -> None:
    """Take back an entry typed by mistake (audited with what it said)."""
    village = _ledger_village(user, entry.village)
    entry = locked(entry)
    record(actor=user, action="burden_ledger.remove_entry", obj=entry, changes={"entry": [str(entry), None]})
    month = entry.month
    entry.delete()
    _changed(village, month.year, month.year + 1)


@transaction.atomic
def submit_month(*, user, village: Division, month) -> LedgerMonth:
    """The cadre says the month is complete (also when nothing reached the village)."""
    village = _ledger_village(user, village)
    month = v.month_of(month, label=_("The month"))
    ledger = locked(_open_month(village, month))
    if ledger.submitted_at is not None:
        raise ActionRefused(_("%(month)s is already entered.") % {"month": f"{month:%Y-%m}"})
    ledger.submitted_at, ledger.submitted_by = timezone.now(), user
    ledger.save(update_fields=["submitted_at", "submitted_by"])
    record(actor=user, action="burden_ledger.submit_month", obj=ledger)
    return ledger


def record_rows(*, user, village: Division, rows: Iterable[dict[str, Any]]) -> int:
    """Many entries at once (an imported sheet): all of them or, on the first refusal, none. Each row
    names its kind of entry under "entry" and holds the rest of its recorder's arguments."""
    written = 0
    with transaction.atomic(), checks.batch():
        for row in rows:
            fields = {key: value for key, value in row.items() if key != "entry"}
            RECORDERS[row["entry"]](user=user, village=village, **fields)
            written += 1
    return written


RECORDERS: dict[str, Callable[..., Any]] = {
    "document": record_document,
    "meeting": record_meeting,
    "inspection": record_inspection,
    "certificate": record_certificate,
    "borrowing": record_borrowing,
}


# --- chat groups and apps --------------------------------------------------------------------------


@transaction.atomic
def add_tool(
    *, user, village: Division, kind: str, name: str, issuer, used_from, used_until=None
) -> DigitalTool:
    village = _ledger_village(user, village)
    used_from = v.month_of(used_from, label=_("The first month"))
    until = None if used_until is None else v.month_of(used_until, label=_("The month it was dropped"))
    if until is not None and until <= used_from:
        raise ActionRefused(_("The month it was dropped must come after the first month."))
    tool = DigitalTool.objects.create(
        county=village.county_division(),
        village=village,
        kind=v.choice(kind, c.ToolKind, label=_("The kind")),
        name=clean_text(name, label=_("The name"), limit=c.NAME_CHARS),
        issuer=v.issuer_of(issuer, village.county_division(), label=_("The department that requires it")),
        used_from=used_from,
        used_until=until,
        recorded_by=user,
    )
    record(actor=user, action="burden_ledger.add_tool", obj=tool, changes={"name": [None, tool.name]})
    _changed(village, used_from.year, timezone.localdate().year)
    return tool


@transaction.atomic
def drop_tool(*, user, tool: DigitalTool, month) -> DigitalTool:
    """The village no longer has to use it from `month` on."""
    _ledger_village(user, tool.village)
    tool = locked(tool)
    month = v.month_of(month, label=_("The month it was dropped"))
    if tool.used_until is not None:
        raise ActionRefused(_("%(name)s is already dropped.") % {"name": tool.name})
    if month <= tool.used_from:
        raise ActionRefused(_("The month it was dropped must come after the first month."))
    tool.used_until = month
    tool.save(update_fields=["used_until"])
    record(actor=user, action="burden_ledger.drop_tool", obj=tool, changes={"used_until": [None, str(month)]})
    _changed(tool.village, month.year)
    return tool


# --- signs -------------------------------------------------------------------------------------------


@transaction.atomic
def add_sign(*, user, village: Division, name: str, kind: str, place: str, room: str = "") -> Sign:
    access.require(user, Permission.RECORD_LEDGER, village)
    if village.level != "village":
        raise ActionRefused(_("%(name)s is not a village or community.") % {"name": village.name})
    place = v.choice(place, c.SignPlace, label=_("Where it hangs"))
    room = clean_text(room, label=_("The room"), required=place == c.SignPlace.ROOM, limit=c.NAME_CHARS)
    sign = Sign.objects.create(
        county=village.county_division(),
        village=village,
        name=clean_text(name, label=_("The sign"), limit=c.NAME_CHARS),
        kind=v.choice(kind, c.SignKind, label=_("The kind")),
        place=place,
        room=room if place == c.SignPlace.ROOM else "",
        recorded_by=user,
    )
    record(actor=user, action="burden_ledger.add_sign", obj=sign, changes={"name": [None, sign.name]})
    _changed(village)
    return sign


@transaction.atomic
def dispose_sign(*, user, sign: Sign, disposition: str, on) -> Sign:
    """Keep, merge, change or remove a sign, on a date."""
    access.require(user, Permission.RECORD_LEDGER, sign.village)
    sign = locked(sign)
    allowed = [d for d in c.Disposition.values if d]
    if disposition not in allowed:
        raise ActionRefused(
            _("The disposition: choose one of %(allowed)s.")
            % {"allowed": "、".join(str(label) for value, label in c.Disposition.choices if value)}
        )
    on = v.day_of(on, label=_("The disposition date"))
    before = sign.disposition
    sign.disposition, sign.disposed_on = disposition, on
    sign.save(update_fields=["disposition", "disposed_on"])
    record(
        actor=user,
        action="burden_ledger.dispose_sign",
        obj=sign,
        changes={"disposition": [before, disposition], "disposed_on": [None, str(on)]},
    )
    _changed(sign.village)
    return sign


# --- the review of violations (qingdan.review) ------------------------------------------------------

REVIEW = Review(
    model=Violation,
    entries=ViolationReviewEntry,
    subject="violation",
    permission=Permission.REVIEW_VIOLATION,
    audit="burden_ledger.{step}_violation",
    page="burden_ledger:violation_detail",
    awaiting=c.ViolationStatus.OPEN,
    not_awaiting=_("This violation is already decided (%(status)s)."),
    outcomes={
        c.ReviewStep.CONFIRM: Outcome(c.ViolationStatus.CONFIRMED, "burden_ledger.violation_confirmed", ""),
        c.ReviewStep.DISMISS: Outcome(c.ViolationStatus.DISMISSED, "burden_ledger.violation_dismissed", ""),
    },
    stamp=stamp_decided_at(returned=c.ViolationStatus.OPEN),
)


@transaction.atomic
def confirm_violation(*, user, violation: Violation, note: str = "") -> Violation:
    violation = REVIEW.open(user, violation)
    note = clean_text(note, label=_("The note"), required=False, limit=c.REASON_CHARS)
    REVIEW.decide(violation, user=user, step=c.ReviewStep.CONFIRM, reason=note)
    return violation


@transaction.atomic
def dismiss_violation(*, user, violation: Violation, reason: str) -> Violation:
    """Dismiss a violation: only with the reason (it goes to the audit trail)."""
    violation = REVIEW.open(user, violation)
    reason = clean_text(reason, label=_("The reason for dismissing"), limit=c.REASON_CHARS)
    REVIEW.decide(violation, user=user, step=c.ReviewStep.DISMISS, reason=reason)
    return violation
