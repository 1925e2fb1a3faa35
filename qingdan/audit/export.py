"""The audit trail as an .xlsx workbook. Every cell is written as text, so nothing runs as a formula."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.sheets.writing import table_workbook

from .actions import record
from .filters import filter_events
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


def export_events(*, actor, params: Mapping) -> tuple[bytes, int]:
    """The events the actor may read that match the filter, as a workbook; the export is audited.

    Raises PermissionDenied without VIEW_AUDIT, TooManyRows when the filter matches too much, and
    ValueError (with the filter's messages) when the filter itself is wrong.
    """
    access.require(actor, Permission.VIEW_AUDIT)
    events, cleaned, errors = filter_events(visible_events(actor), params)
    if errors:
        raise ValueError(errors)
    count = events.count()
    if count > MAX_EXPORT_ROWS:
        raise TooManyRows(count)
    content = workbook_of(events.iterator(chunk_size=2000))
    with transaction.atomic():
        record(
            actor=actor,
            action="audit.export",
            division=actor.division,
            note=json.dumps({"filter": cleaned, "rows": count}, ensure_ascii=False),
        )
    return content, count
