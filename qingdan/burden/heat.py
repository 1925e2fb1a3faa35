"""The heat view's figures: the villages of a county or township (rows, grouped by township) × the last
12 months, for one chosen figure. Read from the stored figures only, and only the villages the reader sees.

heat(user, area, figure, today)   the grid, its townships and the largest value (the colour scale's top)
figure_choices(known)             the figures one may choose: the load, the load prevented, each count
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from qingdan import access
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, subtree_bounds

from .queries import add_months, load_codes, measures, month_list, visible_figures
from .sources import Measure, first_of_month

MONTHS = 12
LOAD, PREVENTED = "load", "prevented"


@dataclass(frozen=True)
class Figure:
    code: str  # "load", "prevented" or a measure's code
    label: str
    definition: str
    codes: tuple[str, ...]  # the stored measures added up


@dataclass
class HeatRow:
    pk: int
    code: str
    name: str
    values: list[float]

    @property
    def total(self) -> float:
        return round(sum(self.values), 2)


@dataclass
class Township:
    name: str
    rows: list[HeatRow] = field(default_factory=list)


@dataclass
class Heat:
    area: Division
    figure: Figure
    months: list[datetime.date]
    townships: list[Township]
    top: float  # the largest value of one village in one month

    @property
    def villages(self) -> int:
        return sum(len(t.rows) for t in self.townships)


def figure_choices(known: dict[str, Measure]) -> list[Figure]:
    """The load (what its definition on the dashboard adds up), the load prevented, then every count."""
    load = tuple(load_codes(known))
    prevented = tuple(code for code, m in known.items() if m.prevented)
    choices = [
        Figure(
            LOAD,
            pgettext("burden", "Load"),
            _("Everything put on the village in the month, added up: %(what)s.")
            % {"what": "、".join(str(known[code].label) for code in load)},
            load,
        ),
        Figure(
            PREVENTED,
            _("Load prevented"),
            _("Orders stopped by admission in the month, added up: %(what)s.")
            % {"what": "、".join(str(known[code].label) for code in prevented)},
            prevented,
        ),
    ]
    choices += [
        Figure(code, str(m.label), str(m.definition), (code,))
        for code, m in known.items()
        if m.unit == "count"
    ]
    return choices


def last_month(text: str | None, today: datetime.date) -> datetime.date:
    """The last month shown: "YYYY-MM" from the address, never after this month; this month otherwise."""
    this_month = first_of_month(today)
    try:
        chosen = datetime.datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return this_month
    return min(chosen, this_month) if chosen.year >= 2000 else this_month


def heat(
    user, area: Division, figure: str, *, today: datetime.date, until: datetime.date | None = None
) -> Heat:
    """The grid for the area's villages that `user` sees, over the 12 months up to `until` (default: this
    month); an unknown figure shows the load."""
    choices = {f.code: f for f in figure_choices(measures())}
    chosen = choices.get(figure) or choices[LOAD]
    end = add_months(first_of_month(until or today), 1)
    months = month_list(add_months(end, -MONTHS), end)
    low, high = subtree_bounds(area.code, area.level)
    villages = list(
        access.visible(Division.objects.filter(level=Level.VILLAGE), user)
        .filter(code__gte=low, code__lte=high)
        .order_by("code")
        .values_list("pk", "code", "name", "parent_id")
    )
    names = dict(
        Division.objects.filter(pk__in={parent for *_, parent in villages}).values_list("pk", "name")
    )
    cells = (
        visible_figures(user)
        .filter(code__gte=low, code__lte=high, measure__in=chosen.codes, month__gte=months[0], month__lt=end)
        .order_by()
        .values_list("division_id", "month")
        .annotate(total=Sum("value"))
    )
    column = {month: i for i, month in enumerate(months)}
    rows: dict[int, HeatRow] = {
        pk: HeatRow(pk, code, name, [0.0] * len(months)) for pk, code, name, _parent in villages
    }
    for division_id, month, total in cells:
        row = rows.get(division_id)
        if row is not None and month in column:
            row.values[column[month]] = round(row.values[column[month]] + float(total or 0), 2)
    townships: dict[int | None, Township] = {}
    for pk, _code, _name, parent in villages:
        townships.setdefault(parent, Township(names.get(parent, ""))).rows.append(rows[pk])
    top = max((v for row in rows.values() for v in row.values), default=0)
    return Heat(area, chosen, months, list(townships.values()), top)


def chart(heat: Heat) -> dict:
    """The data island's entry: months across, villages down (a township's name heads its villages),
    one [month, row, value] triple for each month a village had any of the figure."""
    rows: list[str] = []
    headers: list[int] = []
    data: list[list[float]] = []
    for township in heat.townships:
        headers.append(len(rows))
        rows.append(township.name)
        for village in township.rows:
            y = len(rows)
            rows.append(village.name)
            data += [[x, y, value] for x, value in enumerate(village.values) if value]
    return {
        "categories": [f"{month:%Y-%m}" for month in heat.months],
        "rows": rows,
        "headers": headers,
        "data": data,
        "max": heat.top,
        "name": heat.figure.label,
    }
