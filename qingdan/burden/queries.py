"""Read helpers for the burden figures. They read only the stored figures (MonthlyFigure, AreaFigure),
never the events, and only what qingdan.access lets the reader see.

periods(reform_date, today)        the three windows compared: before, after, same period last year
area_report(user, area, today)     a county's or township's dashboard: figures, trend, villages, issuers
department_report(user, unit, …)   what one department asked of villages, and what was refused
village_screen(user, village, …)   everything that loads one village, month by month (一表尽览)
headline(user, today)              the few figures a role's home page shows
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum

from qingdan import access
from qingdan.orgs.choices import Level, Role
from qingdan.orgs.models import Division, Unit, subtree_bounds

from .models import AreaFigure, AreaKind, BurdenSettings, MonthlyFigure
from .sources import Measure, all_measures, first_of_month, taken_up

# Derived measures that describe load already counted elsewhere (an approved order is the same load as
# its dispatched tasks; values are parts of forms) or its outcome: left out of "total load".
NOT_LOAD = {
    "orders_approved",
    "tasks_done",
    "tasks_overdue",
    "fields_asked",
    "fields_prefilled",
    "fields_typed",
    "hours_saved",
    # The light ledger's (burden.ledger.sources): parts or stocks of load counted by another measure,
    # and signs, which the reform removes rather than puts on a village.
    "certificates_forbidden",
    "borrowed_cadre_days",
    "signs_removed",
    "signs_kept",
}
MONTHS_SHOWN = 24


def add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_list(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """First days of the months from `start` up to, not including, `end`."""
    months, month = [], start
    while month < end:
        months.append(month)
        month = add_months(month, 1)
    return months


@dataclass(frozen=True)
class Window:
    start: datetime.date  # first day of the first month
    end: datetime.date  # first day of the month after the last

    def holds(self, month: datetime.date) -> bool:
        return self.start <= month < self.end

    @property
    def last(self) -> datetime.date:
        return add_months(self.end, -1)


@dataclass(frozen=True)
class Periods:
    before: Window
    after: Window
    last_year: Window
    reform_date: datetime.date | None

    @property
    def start(self) -> datetime.date:
        return min(self.before.start, self.last_year.start)


def periods(reform_date: datetime.date | None, today: datetime.date) -> Periods:
    """After: from the reform's month to this month; before: as many months just before the reform;
    last year: the after window a year earlier. Without a reform date, the last 12 months against the
    12 before them."""
    end = add_months(first_of_month(today), 1)
    start = first_of_month(reform_date) if reform_date and reform_date <= today else add_months(end, -12)
    length = max(len(month_list(start, end)), 1)
    after = Window(start, end)
    before = Window(add_months(start, -length), start)
    last_year = Window(add_months(start, -12), add_months(end, -12))
    return Periods(before, after, last_year, reform_date if reform_date and reform_date <= today else None)


def change_percent(old: float, new: float) -> float | None:
    """The change from old to new in percent, one decimal; None when there was nothing before."""
    if not old:
        return None
    return round(100 * (new - old) / old, 1)


def reform_date_of(area: Division) -> datetime.date | None:
    """The reform date of the county the area lies in; None above county level or when not set."""
    if area.level in (Level.PROVINCE, Level.CITY):
        return None
    county_id = area.pk if area.level == Level.COUNTY else area.county_id
    return BurdenSettings.objects.filter(county_id=county_id).values_list("reform_date", flat=True).first()


def measures() -> dict[str, Measure]:
    return all_measures()


def load_codes(known: dict[str, Measure]) -> list[str]:
    """The measures that add up to a village's load: counts of things put on it, not load prevented."""
    return [
        m.code for m in known.values() if m.unit == "count" and not m.prevented and m.code not in NOT_LOAD
    ]


def _range(area: Division) -> Q:
    low, high = subtree_bounds(area.code, area.level)
    return Q(code__gte=low, code__lte=high)


@dataclass
class FigureLine:
    """One measure over the three windows."""

    measure: Measure
    before: float = 0
    after: float = 0
    last_year: float = 0

    @property
    def change(self) -> float | None:
        return change_percent(self.before, self.after)

    @property
    def change_year(self) -> float | None:
        return change_percent(self.last_year, self.after)


@dataclass
class Ranked:
    """A village or an issuer with its load over the after window, split by measure."""

    pk: int | None
    name: str
    code: str = ""
    load: float = 0
    prevented: float = 0
    by_measure: dict[str, float] = field(default_factory=dict)
    width: int | None = None  # the bar drawn beside it, in % of the heaviest (set by the page)


@dataclass
class Report:
    area: Division | Unit
    periods: Periods
    measures: dict[str, Measure]
    lines: list[FigureLine]
    months: list[datetime.date]
    trend: dict[str, list[float]]  # measure code → value per month in `months`
    load_by_month: list[float]
    prevented_by_month: list[float]
    villages: list[Ranked] = field(default_factory=list)
    issuers: list[Ranked] = field(default_factory=list)


def _companions(known: dict[str, Measure]) -> dict[str, str]:
    """taken_up(code) → code, for the in-force measures (apps, chat groups)."""
    return {taken_up(code): code for code, m in known.items() if m.in_force}


def _counted_in(window: Window, measure: str, month: datetime.date, known: dict[str, Measure]) -> str | None:
    """The measure a stored row adds to over the window, or None when it adds nothing there. Most
    measures add every month of the window; an in-force one (apps, chat groups) counts each thing once:
    the count in force in the window's first month, then those taken up in its later months."""
    m = known.get(measure)
    if m is None:
        code = _companions(known).get(measure)
        return code if code is not None and window.start < month < window.end else None
    if m.in_force:
        return measure if month == window.start else None
    return measure if window.holds(month) else None


def _window_q(window: Window, codes: list[str], known: dict[str, Measure]) -> Q:
    """The stored rows whose sum is the window's figure of each of `codes` (the rule of _counted_in)."""
    in_force = [code for code in codes if known[code].in_force]
    which = Q(measure__in=[c for c in codes if c not in in_force])
    if in_force:
        which |= Q(measure__in=in_force, month=window.start)
        which |= Q(measure__in=[taken_up(c) for c in in_force], month__gt=window.start)
    # The window's months first, so the (code, month, measure) index bounds the scan as before.
    return Q(month__gte=window.start, month__lt=window.end) & which


def _lines_and_trend(rows, known: dict[str, Measure], p: Periods, months: list[datetime.date]):
    """Each measure over the three windows, and month by month (in-force measures: the count in force)."""
    lines = {code: FigureLine(measure) for code, measure in known.items()}
    trend = {code: [0.0] * len(months) for code in known}
    index = {month: i for i, month in enumerate(months)}
    for month, measure, value in rows:
        value = float(value or 0)
        for window, name in ((p.before, "before"), (p.after, "after"), (p.last_year, "last_year")):
            code = _counted_in(window, measure, month, known)
            if code is not None:
                setattr(lines[code], name, getattr(lines[code], name) + value)
        if measure in trend and month in index:
            trend[measure][index[month]] += value
    return list(lines.values()), trend


def _sum_by_month(trend: dict[str, list[float]], codes, width: int) -> list[float]:
    return [round(sum(trend[c][i] for c in codes if c in trend), 2) for i in range(width)]


def _ranked(rows, known: dict[str, Measure], load: set[str], key, name_of) -> list[Ranked]:
    found: dict = {}
    companions = _companions(known)
    for row in rows:
        k = key(row)
        item = found.get(k)
        if item is None:
            item = found[k] = name_of(row)
        code, value = row["measure"], float(row["total"] or 0)
        code = companions.get(code, code)  # an app taken up within the window counts as one more app
        item.by_measure[code] = item.by_measure.get(code, 0) + value
        if code in load:
            item.load += value
        elif code in known and known[code].prevented:
            item.prevented += value
    return sorted(found.values(), key=lambda r: (-r.load, -r.prevented, r.code, r.name))


def _report(area, figures: QuerySet, totals: QuerySet, p: Periods, today: datetime.date) -> Report:
    known = measures()
    load = load_codes(known)
    end = add_months(first_of_month(today), 1)
    months = month_list(add_months(end, -MONTHS_SHOWN), end)
    since = min(p.start, months[0])
    rows = (
        totals.filter(month__gte=since, month__lt=end)
        .order_by()
        .values_list("month", "measure")
        .annotate(total=Sum("value"))
    )
    lines, trend = _lines_and_trend(rows, known, p, months)
    prevented = [c for c, m in known.items() if m.prevented]
    # Only what a ranking adds up: the load and the load prevented (the tables show nothing else).
    in_window = figures.filter(_window_q(p.after, [*load, *prevented], known)).order_by()
    # Grouped on the figures' own columns (no join); the few names are read afterwards.
    by_division = list(in_window.values("division_id", "code", "measure").annotate(total=Sum("value")))
    by_issuer = list(in_window.values("issuer_id", "measure").annotate(total=Sum("value")))
    names = dict(
        Division.objects.filter(pk__in={r["division_id"] for r in by_division}).values_list("pk", "name")
    )
    units = dict(Unit.objects.filter(pk__in={r["issuer_id"] for r in by_issuer}).values_list("pk", "name"))
    villages = _ranked(
        by_division,
        known,
        set(load),
        key=lambda r: r["division_id"],
        name_of=lambda r: Ranked(r["division_id"], names.get(r["division_id"], ""), r["code"]),
    )
    issuers = _ranked(
        by_issuer,
        known,
        set(load),
        key=lambda r: r["issuer_id"],
        name_of=lambda r: Ranked(r["issuer_id"], units.get(r["issuer_id"], "")),
    )
    return Report(
        area=area,
        periods=p,
        measures=known,
        lines=[line for line in lines if line.before or line.after or line.last_year] or lines,
        months=months,
        trend=trend,
        load_by_month=_sum_by_month(trend, load, len(months)),
        prevented_by_month=_sum_by_month(trend, prevented, len(months)),
        villages=[v for v in villages if v.code and not v.code.endswith("000")],
        issuers=issuers,
    )


def visible_figures(user) -> QuerySet[MonthlyFigure]:
    return access.visible(MonthlyFigure.objects.all(), user)


def _area_totals(user, area: Division) -> QuerySet[AreaFigure]:
    """The stored sums that add up to the area: its own row for a township or county, every county's
    whole-county row for a city or province."""
    sums = access.visible(AreaFigure.objects.all(), user)
    if area.level == Level.TOWNSHIP:
        return sums.filter(kind=AreaKind.TOWNSHIP, code=area.code)
    if area.level == Level.COUNTY:
        return sums.filter(kind=AreaKind.COUNTY, code=area.code)
    return sums.filter(_range(area), kind=AreaKind.COUNTY)


def area_report(user, area: Division, *, today: datetime.date) -> Report:
    """The dashboard of a county, township or any area above them: totals from the township sums,
    villages and issuers from the village figures of the months after the reform."""
    p = periods(reform_date_of(area), today)
    totals = _area_totals(user, area)
    figures = visible_figures(user).filter(_range(area))
    if area.level in (Level.PROVINCE, Level.CITY):
        figures = figures.none()  # a province's villages are too many to rank on one page: by county instead
    return _report(area, figures, totals, p, today)


def department_report(user, unit: Unit, *, today: datetime.date) -> Report:
    """What one department asked of villages (the figures it is the issuer of), and what was refused."""
    county = unit.county_division()
    p = periods(reform_date_of(county), today)
    figures = visible_figures(user).filter(issuer=unit)
    report = _report(unit, figures, figures, p, today)
    report.issuers = []
    return report


def village_screen(user, village: Division, *, today: datetime.date) -> Report:
    p = periods(reform_date_of(village), today)
    figures = visible_figures(user).filter(division=village)
    report = _report(village, figures, figures, p, today)
    report.villages = []
    return report


def county_rows(user, area: Division, *, today: datetime.date) -> list[Ranked]:
    """For a province or city: each county's load in the last 12 months, from the township sums."""
    end = add_months(first_of_month(today), 1)
    known = measures()
    load = set(load_codes(known))
    rows = list(
        _area_totals(user, area)
        .filter(_window_q(Window(add_months(end, -12), end), list(known), known))
        .order_by()
        .values("area_id", "code", "measure")
        .annotate(total=Sum("value"))
    )
    names = dict(Division.objects.filter(pk__in={r["area_id"] for r in rows}).values_list("pk", "name"))
    return _ranked(
        rows,
        known,
        load,
        key=lambda r: r["area_id"],
        name_of=lambda r: Ranked(r["area_id"], names.get(r["area_id"], ""), r["code"]),
    )


@dataclass
class Headline:
    kind: str  # "village" | "area" | "department"
    subject: Division | Unit
    this_month: float = 0
    same_month_last_year: float = 0
    prevented: float = 0
    lines: list[FigureLine] = field(default_factory=list)
    ranked: list[Ranked] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        return change_percent(self.same_month_last_year, self.this_month)


def home_figures(user) -> Headline | None:
    """The headline for the home page, as of today (called by qingdan.web's home view)."""
    from django.utils import timezone

    return headline(user, today=timezone.localdate())


def headline(user, *, today: datetime.date) -> Headline | None:
    """The home page's figures: a village its load this month against the same month last year; a
    township its villages ranked; a department what it asked and what was refused; the county and
    everyone above the reform's figures. None for someone without a scope."""
    root = access.scope_root(user)
    if root is None:
        return None
    known = measures()
    load = set(load_codes(known))
    prevented = {c for c, m in known.items() if m.prevented}
    month = first_of_month(today)
    if user.role == Role.DEPT_CLERK:
        report = department_report(user, user.unit, today=today)
        asked = sum(line.after for line in report.lines if line.measure.code in load)
        refused = sum(line.after for line in report.lines if line.measure.code in prevented)
        return Headline("department", user.unit, this_month=asked, prevented=refused)
    if root.level == Level.VILLAGE:
        rows = (
            visible_figures(user)
            .filter(division=root, month__in=[month, add_months(month, -12)], measure__in=load)
            .order_by()
            .values_list("month")
            .annotate(total=Sum("value"))
        )
        by_month = defaultdict(float, {m: float(v or 0) for m, v in rows})
        return Headline("village", root, by_month[month], by_month[add_months(month, -12)])
    report = area_report(user, root, today=today)
    if root.level == Level.TOWNSHIP:
        return Headline("township", root, ranked=report.villages[:5])
    lines = [line for line in report.lines if line.measure.code in load or line.measure.code in prevented]
    return Headline("area", root, lines=lines[:6])
