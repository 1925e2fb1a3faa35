"""A scheme's results handed out: .xlsx (numbers as numbers, through qingdan.sheets.writing) and an A4
print made by WeasyPrint from assessment/print.html (as the task checklists print)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qingdan.sheets.writing import titled_table_workbook

from .models import CadrePay, Result, Scheme


class PrintUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing on this server."""


def columns() -> list[tuple[str, int]]:
    return [
        (_("Village"), 16),
        (_("Village type"), 10),
        (_("Total points"), 8),
        (_("Rank"), 6),
        (_("Grade"), 8),
        (_("Increase in operating income (yuan)"), 14),
        (_("Village cadre"), 10),
        (_("Yearly pay (yuan)"), 12),
        (_("Performance pay (yuan)"), 12),
        (_("Development bonus (yuan)"), 12),
    ]


def with_pay(results: QuerySet[Result]) -> list[Result]:
    return list(
        results.select_related("village").prefetch_related(
            Prefetch("pay", queryset=CadrePay.objects.order_by("id"))
        )
    )


def rows(results: Sequence[Result]) -> list[list[object]]:
    """One line per cadre (a village without cadres recorded still has its line)."""
    lines: list[list[object]] = []
    for result in results:
        head = [
            result.village.name,
            result.get_village_type_display(),
            result.total,
            result.rank,
            result.get_grade_display(),
            result.income_increase,
        ]
        cadres = list(result.pay.all())
        if not cadres:
            lines.append([*head, "", None, None, None])
        for cadre in cadres:
            lines.append([*head, cadre.name, cadre.yearly_pay, cadre.performance_pay, cadre.bonus])
    return lines


def results_xlsx(scheme: Scheme, results: Sequence[Result]) -> bytes:
    notes = [
        _(
            "Performance share %(share)s%% of yearly pay, paid by grade; development bonus %(rate)s%% of the "
            "increase in operating income, shared by the village's cadres."
        )
        % {"share": round(scheme.performance_share * 100), "rate": round(scheme.bonus_rate * 100)}
    ]
    return titled_table_workbook(
        _("Assessment results"),
        columns(),
        rows(results),
        title=_("%(title)s: results") % {"title": scheme.title},
        notes=notes,
        footer=_("Page &P of &N"),
    )


def results_html(scheme: Scheme, results: Sequence[Result]) -> str:
    return render_to_string(
        "assessment/print.html",
        {
            "scheme": scheme,
            "headers": [title for title, _width in columns()],
            "rows": rows(results),
            "printed_on": date_format(timezone.localdate(), "DATE_FORMAT"),
        },
    )


def results_pdf(scheme: Scheme, results: Sequence[Result]) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango is not installed
        raise PrintUnavailable(str(exc)) from exc
    return HTML(string=results_html(scheme, results)).write_pdf()
