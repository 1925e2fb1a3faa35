"""The audit trail as an .xlsx workbook. Every cell is written as text, so nothing runs as a formula."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.jobs import exports, runner
from qingdan.sheets.writing import table_workbook

from .actions import record
from .context import client_ip
from .filters import EventFilter
from .queries import row_of, visible_events

# Beyond this, the export asks for a narrower filter instead of building a huge file in memory.
MAX_EXPORT_ROWS = 100_000


class TooManyRows(Exception):
    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def _headers() -> list[str]:
    return [
        _("Time"),
        _("User"),
        _("Action"),
        _("Action code"),
        _("Object type"),
        _("Object"),
        _("Division"),
        _("IP address"),
        _("Changes"),
        _("Note"),
    ]


WIDTHS = [20, 18, 16, 22, 14, 30, 24, 16, 50, 30]


def workbook_of(events: Iterable) -> bytes:
    def cells(event):
        row = row_of(event)
        changes = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in row.changes)
        return [
            row.at,
            row.who,
            row.action,
            event.action,
            row.object_type,
            event.object_repr,
            row.division,
            event.ip or "",
            changes,
            event.note,
        ]

    columns = list(zip((str(h) for h in _headers()), WIDTHS, strict=True))
    return table_workbook(str(_("Audit trail")), columns, (cells(event) for event in events))


def checked_events(*, actor, params: Mapping):
    """The events the actor may read that match the filter, the cleaned filter and their count.

    Raises PermissionDenied without VIEW_AUDIT, TooManyRows when the filter matches too much, and
    ValueError (with the filter's messages) when the filter itself is wrong.
    """
    access.require(actor, Permission.VIEW_AUDIT)
    events = EventFilter(params, queryset=visible_events(actor))
    if errors := events.problems():
        raise ValueError(errors)
    count = events.qs.count()
    if count > MAX_EXPORT_ROWS:
        raise TooManyRows(count)
    return events.qs, events.accepted(), count


def export_events(*, actor, params: Mapping) -> tuple[bytes, int]:
    """The events the actor may read that match the filter, as a workbook; the export is audited.
    Raises as checked_events does."""
    events, cleaned, count = checked_events(actor=actor, params=params)
    content = workbook_of(events.iterator(chunk_size=2000))
    with transaction.atomic():
        record(
            actor=actor,
            action="audit.export",
            division=actor.division,
            note=json.dumps({"filter": cleaned, "rows": count}, ensure_ascii=False),
        )
    return content, count


# --- the export as a job (qingdan.jobs.exports): up to MAX_EXPORT_ROWS rows take tens of seconds ---------


def too_many_message(count: int) -> str:
    return _("%(count)d events match; narrow the filter to at most %(max)d before exporting.") % {
        "count": count,
        "max": MAX_EXPORT_ROWS,
    }


def _authorize(user, params: dict) -> None:
    access.require(user, Permission.VIEW_AUDIT)


def _build(job, progress) -> exports.File:
    # The event recording the export carries the address the person asked from, not the worker's.
    token = client_ip.set(job.params.get("ip"))
    try:
        content, _count = export_events(actor=job.created_by, params=QueryDict(job.params.get("query", "")))
    except ValueError:
        raise runner.JobError(_("Correct the filter before exporting.")) from None
    except TooManyRows as exc:
        raise runner.JobError(too_many_message(exc.count)) from None
    finally:
        client_ip.reset(token)
    return exports.File(content, f"audit-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx")


AUDIT = exports.Export(
    path="qingdan.audit.export.AUDIT", kind="audit.export", authorize=_authorize, build=_build
)
