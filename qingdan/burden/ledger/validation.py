"""Checks every ledger write makes before it writes anything: each refuses with a Chinese message."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, Unit

from . import choices as c
from .models import MonitoringPoint


def this_month(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()).replace(day=1)


def month_of(value, *, label: str) -> datetime.date:
    """The first day of the month `value` falls in; refused in the future or before EARLIEST_YEAR."""
    if not isinstance(value, datetime.date):
        raise ActionRefused(_("%(field)s is not a month.") % {"field": label})
    month = value.replace(day=1)
    if month > this_month():
        raise ActionRefused(
            _("%(field)s %(month)s is in the future; the ledger records what already happened.")
            % {"field": label, "month": f"{month:%Y-%m}"}
        )
    if month.year < c.EARLIEST_YEAR:
        raise ActionRefused(
            _("%(field)s %(month)s is too early; the ledger starts in %(year)d.")
            % {"field": label, "month": f"{month:%Y-%m}", "year": c.EARLIEST_YEAR}
        )
    return month


def day_of(value, *, label: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ActionRefused(_("%(field)s is not a date.") % {"field": label})
    if value > timezone.localdate():
        raise ActionRefused(_("%(field)s %(date)s is in the future.") % {"field": label, "date": value})
    month_of(value, label=label)
    return value


def point_of(village: Division) -> MonitoringPoint:
    """The village's active monitoring point; only points keep the light ledger."""
    if village.level != Level.VILLAGE:
        raise ActionRefused(_("%(name)s is not a village or community.") % {"name": village.name})
    point = MonitoringPoint.objects.filter(village=village, is_active=True).first()
    if point is None:
        raise ActionRefused(
            _("%(name)s is not a monitoring point; the county marks the villages that keep the ledger.")
            % {"name": village.name}
        )
    return point


def count(value, *, label: str, high: int, low: int = 0) -> int:
    """A whole number between `low` and `high`; a negative count is refused by name."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ActionRefused(_("%(field)s must be a whole number.") % {"field": label})
    if value < 0:
        raise ActionRefused(_("%(field)s cannot be negative (%(value)d).") % {"field": label, "value": value})
    if value < low or value > high:
        raise ActionRefused(
            _("%(field)s must be between %(low)d and %(high)d; %(value)d was given.")
            % {"field": label, "low": low, "high": high, "value": value}
        )
    return value


def hours(value, *, label: str) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ActionRefused(_("%(field)s must be a number.") % {"field": label}) from None
    if not number.is_finite():
        raise ActionRefused(_("%(field)s must be a number.") % {"field": label})
    if number < 0:
        raise ActionRefused(
            _("%(field)s cannot be negative (%(value)s).") % {"field": label, "value": number}
        )
    if number == 0 or number > c.MAX_HOURS:
        raise ActionRefused(
            _("%(field)s must be more than 0 and at most %(high)d.") % {"field": label, "high": c.MAX_HOURS}
        )
    return number


def issuer_of(value, county: Division, *, label: str) -> Unit:
    """A unit of the village's county (given as a Unit or its id); anything else is an unknown issuer."""
    pk = value.pk if isinstance(value, Unit) else value
    unit = None
    if isinstance(pk, int) and not isinstance(pk, bool):
        unit = Unit.objects.filter(pk=pk, county=county, is_active=True).first()
    if unit is None:
        raise ActionRefused(
            _("%(field)s: no such unit in %(county)s; choose the unit that sent it from the list.")
            % {"field": label, "county": county.name}
        )
    return unit


def choice(value, options, *, label: str) -> str:
    allowed = [str(v) for v in options.values]
    if value not in allowed:
        raise ActionRefused(
            _("%(field)s: choose one of %(allowed)s.")
            % {"field": label, "allowed": "、".join(str(x) for x in options.labels)}
        )
    return str(value)
