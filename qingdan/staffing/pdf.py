"""A township's module-position chart on A4, laid out by WeasyPrint as the tasks app prints checklists
(staffing/print.html; the Noto CJK fonts of Debian's fonts-noto-cjk)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from qingdan.tasks.pdf import PrintUnavailable, page_counter


def chart_pdf(town, modules) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango is not installed
        raise PrintUnavailable(str(exc)) from exc
    html = render_to_string(
        "staffing/print.html",
        {"town": town, "modules": modules, "page_counter": page_counter(), "today": timezone.localdate()},
    )
    return HTML(string=html).write_pdf()


__all__ = ["PrintUnavailable", "chart_pdf"]
