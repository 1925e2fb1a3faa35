"""The tables every chart stands beside, as (columns, rows) with real numbers: shown on the page,
exported as .xlsx (qingdan.sheets.writing) and printed on A4."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .queries import Report, load_codes

TABLES = ("figures", "trend", "villages", "issuers")


@dataclass
class Table:
    title: str
    columns: list[tuple[str, int]]  # header, width in characters
    rows: Sequence[Sequence[object]]


def _r(value: float) -> float:
    return round(value, 2)


def figures(report: Report) -> Table:
    p = report.periods
    columns = [
        (_("Figure"), 22),
        (
            _("Before (%(start)s to %(end)s)")
            % {"start": f"{p.before.start:%Y-%m}", "end": f"{p.before.last:%Y-%m}"},
            14,
        ),
        (
            _("After (%(start)s to %(end)s)")
            % {"start": f"{p.after.start:%Y-%m}", "end": f"{p.after.last:%Y-%m}"},
            14,
        ),
        (_("Change (%)"), 10),
        (_("Same period last year"), 14),
        (_("Change on last year (%)"), 12),
        (_("How it is counted"), 60),
    ]
    rows = [
        [
            str(line.measure.label),
            _r(line.before),
            _r(line.after),
            line.change,
            _r(line.last_year),
            line.change_year,
            str(line.measure.definition),
        ]
        for line in report.lines
    ]
    return Table(_("The reform's figures"), columns, rows)


def trend(report: Report) -> Table:
    codes = [c for c in report.measures if any(report.trend.get(c, []))]
    columns = [(_("Month"), 10), (pgettext("burden", "Load"), 10), (_("Load prevented"), 12)] + [
        (str(report.measures[c].label), 12) for c in codes
    ]
    rows = [
        [f"{month:%Y-%m}", report.load_by_month[i], report.prevented_by_month[i]]
        + [_r(report.trend[c][i]) for c in codes]
        for i, month in enumerate(report.months)
    ]
    return Table(_("Load by month"), columns, rows)


def _ranked(title: str, first: str, items, report: Report, *, with_code: bool) -> Table:
    codes = [c for c in load_codes(report.measures) if any(i.by_measure.get(c) for i in items)]
    columns = [(_("Rank"), 6), (first, 20)]
    if with_code:
        columns.append((_("Code"), 14))
    columns += [(pgettext("burden", "Load"), 10), (_("Load prevented"), 12)] + [
        (str(report.measures[c].label), 12) for c in codes
    ]
    rows = []
    for n, item in enumerate(items, start=1):
        row: list[object] = [n, item.name or _("Unit not known")]
        if with_code:
            row.append(item.code)
        row += [_r(item.load), _r(item.prevented)] + [_r(item.by_measure.get(c, 0)) for c in codes]
        rows.append(row)
    return Table(title, columns, rows)


def villages(report: Report) -> Table:
    return _ranked(_("Load per village"), _("Village"), report.villages, report, with_code=True)


def issuers(report: Report) -> Table:
    return _ranked(_("Units that load villages most"), _("Issuer"), report.issuers, report, with_code=False)


def village_months(report: Report) -> Table:
    codes = [c for c in report.measures if any(report.trend.get(c, []))]
    columns = [(_("Month"), 10)] + [(str(report.measures[c].label), 12) for c in codes]
    rows = [
        [f"{month:%Y-%m}"] + [_r(report.trend[c][i]) for c in codes] for i, month in enumerate(report.months)
    ]
    return Table(_("Everything that loads the village, month by month"), columns, rows)


BUILDERS = {"figures": figures, "trend": trend, "villages": villages, "issuers": issuers}
