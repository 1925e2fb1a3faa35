"""The one filter for audit events, shared by the trail page, its export and the API.

    events, cleaned, errors = filter_events(queryset, params)

`params` is any mapping of strings (request.GET, a dict). `cleaned` holds the accepted values as
strings, ready to rebuild a query string; `errors` maps each rejected parameter to a message for
the user. A rejected parameter is left out; the others still apply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.orgs.models import level_of_code, subtree_bounds

FIELDS = ("actor", "action", "object_type", "division", "date_from", "date_to")

_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
_DIVISION_CODE = re.compile(r"^\d{12}$", re.ASCII)
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def _text(params: Mapping[str, Any], key: str) -> str:
    value = params.get(key)
    return "" if value is None else str(value).strip()


def _parse_date(value: str) -> date | None:
    """2025-03-01, 2025/3/1 or 2025.3.1; None when it is not a real day."""
    match = _DATE.match(value)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_events(
    queryset: QuerySet, params: Mapping[str, Any]
) -> tuple[QuerySet, dict[str, str], dict[str, str]]:
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}

    if actor := _text(params, "actor"):
        if len(actor) > 150:
            errors["actor"] = _("The user name to search for may be at most 150 characters.")
        else:
            queryset = queryset.filter(actor_name__icontains=actor)
            cleaned["actor"] = actor

    if action := _text(params, "action"):
        if not _CODE.match(action):
            errors["action"] = _("Unknown action “%(value)s”.") % {"value": action[:64]}
        elif "." in action:
            queryset = queryset.filter(action=action)
            cleaned["action"] = action
        else:  # an app label: every action of that app
            queryset = queryset.filter(action__startswith=f"{action}.")
            cleaned["action"] = action

    if object_type := _text(params, "object_type"):
        if not _CODE.match(object_type) or "." not in object_type:
            errors["object_type"] = _("Unknown object type “%(value)s”.") % {"value": object_type[:64]}
        else:
            queryset = queryset.filter(object_type=object_type)
            cleaned["object_type"] = object_type

    if code := _text(params, "division"):
        if not _DIVISION_CODE.match(code):
            errors["division"] = _("A division code has 12 digits, for example 420881100000.")
        else:
            low, high = subtree_bounds(code, level_of_code(code))
            queryset = queryset.filter(division__code__gte=low, division__code__lte=high)
            cleaned["division"] = code

    dates: dict[str, date] = {}
    for key in ("date_from", "date_to"):
        if value := _text(params, key):
            parsed = _parse_date(value)
            if parsed is not None and not 1900 <= parsed.year <= 2999:
                errors[key] = _("%(value)s is out of range: use a date between 1900 and 2999.") % {
                    "value": value[:20]
                }
            elif parsed is None:
                errors[key] = _("“%(value)s” is not a date; write it as 2025-03-31.") % {"value": value[:20]}
            else:
                dates[key] = parsed
    if "date_from" in dates and "date_to" in dates and dates["date_from"] > dates["date_to"]:
        errors["date_to"] = _("The end date is before the start date.")
        del dates["date_to"]
    if "date_from" in dates:
        queryset = queryset.filter(at__gte=_start_of(dates["date_from"]))
        cleaned["date_from"] = dates["date_from"].isoformat()
    if "date_to" in dates:
        queryset = queryset.filter(at__lt=_start_of(dates["date_to"] + timedelta(days=1)))
        cleaned["date_to"] = dates["date_to"].isoformat()

    return queryset, cleaned, errors
