"""A checklist printed as it looks on paper: A4 landscape, a title, its source, one table of the eight
columns whose header row repeats on every page, rows of one 工作方面 merged, "第 N 页 共 M 页" below.

WeasyPrint lays out HTML and CSS (tasks/print.html) with the Noto CJK fonts of Debian's fonts-noto-cjk;
it needs Pango from the system (libpango-1.0-0, libpangoft2-1.0-0). Long text wraps inside its cell and a
row taller than what is left of a page continues on the next, so nothing is cut off.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Checklist, ChecklistRow
from .sheet import COLUMNS, NUMBER


class PrintUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing on this server."""


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_counter() -> str:
    """The CSS `content` of the page footer, e.g. "第 " counter(page) " 页 共 " counter(pages) " 页"."""
    marker = _("Page %(page)s of %(pages)s") % {"page": "\0page\0", "pages": "\0pages\0"}
    parts = []
    for piece in marker.split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def merge_areas(rows: Sequence[ChecklistRow]) -> list[ChecklistRow]:
    """Give the first row of each run of rows with the same 工作方面 `area_span` (how many rows its cell
    spans); the rows it covers get 0, and draw no cell of their own."""
    rows = list(rows)
    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows) and rows[end].area == rows[start].area:
            end += 1
        rows[start].area_span = end - start
        for covered in rows[start + 1 : end]:
            covered.area_span = 0
        start = end
    return rows


# A row with at most this many characters of task and of measures is far shorter than a page, so it is kept
# whole; a longer one may be taller than a page and must be free to continue on the next.
WHOLE_TASK, WHOLE_MEASURES = 150, 220


def mark_whole_rows(rows: Sequence[ChecklistRow]) -> None:
    for row in rows:
        row.fits_a_page = len(row.task) <= WHOLE_TASK and len(row.measures) <= WHOLE_MEASURES


def html(checklist: Checklist, rows: Sequence[ChecklistRow]) -> str:
    mark_whole_rows(rows)
    return render_to_string(
        "tasks/print.html",
        {
            "checklist": checklist,
            "rows": merge_areas(rows),
            "number_header": NUMBER,
            "headers": [header for _field, header, _width in COLUMNS],
            "page_counter": page_counter(),
            "printed_on": css_string(
                _("Printed on %(day)s") % {"day": date_format(timezone.localdate(), "DATE_FORMAT")}
            ),
        },
    )


def checklist_pdf(checklist: Checklist, rows: Sequence[ChecklistRow]) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango is not installed
        raise PrintUnavailable(str(exc)) from exc
    return HTML(string=html(checklist, rows)).write_pdf()
