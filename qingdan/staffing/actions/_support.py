"""What the staffing actions share: the checks every verb makes before writing."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from qingdan import actiontools, limits
from qingdan.access import Permission
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

SHORT = limits.TITLE_CHARS


def require(user, permission: Permission, obj) -> None:
    """The role allows it, the object lies in the user's scope, and the user sees it (else 403)."""
    actiontools.require(user, permission, obj)


def text(value: str | None, *, label: str, required: bool = True, limit: int = SHORT) -> str:
    return actiontools.clean_text(value, label=label, required=required, limit=limit)


def whole(value, *, label: str, low: int = 0, high: int = 1_000_000) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ActionRefused(_("%(field)s must be a whole number.") % {"field": label})
    if not low <= value <= high:
        raise ActionRefused(
            _("%(field)s must be from %(low)d to %(high)d.") % {"field": label, "low": low, "high": high}
        )
    return value


def number(value, *, label: str, low: Decimal = Decimal(0), high: Decimal = Decimal(1000)) -> Decimal:
    try:
        found = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ActionRefused(_("%(field)s must be a number.") % {"field": label}) from None
    if not found.is_finite() or not low <= found <= high:
        raise ActionRefused(
            _("%(field)s must be from %(low)s to %(high)s.") % {"field": label, "low": low, "high": high}
        )
    return found.quantize(Decimal("0.1"))


def date(value, *, label: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ActionRefused(_("%(field)s is not a date.") % {"field": label})
    return value


def choice(value, choices, *, label: str) -> str:
    if value not in choices.values:
        raise ActionRefused(
            _("Choose %(field)s: one of %(allowed)s.")
            % {"field": label, "allowed": "、".join(str(c.label) for c in choices)}
        )
    return str(value)


def same_county(division: Division, county: Division, *, name: str) -> None:
    if division.county_division().pk != county.pk:
        raise ActionRefused(_("%(name)s is not in %(county)s.") % {"name": name, "county": county.name})
