"""The audit trail as an .xlsx workbook. Every cell is written as text, so nothing runs as a formula."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping

import xlsxwriter
from django.db import transaction
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission

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


def workbook_of(events: Iterable) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet(_("Audit trail"))
    bold = book.add_format({"bold": True})
    for col, header in enumerate(_headers()):
        sheet.write_string(0, col, header, bold)
    sheet.freeze_panes(1, 0)
    for col, width in enumerate([20, 18, 16, 22, 14, 30, 24, 16, 50, 30]):
        sheet.set_column(col, col, width)
    for line, event in enumerate(events, start=1):
        row = row_of(event)
        changes = "; ".join(f"{c.field}: {c.old} → {c.new}" for c in row.changes)
        cells = [
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
        for col, value in enumerate(cells):
            sheet.write_string(line, col, str(value))
    book.close()
    return buffer.getvalue()


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
