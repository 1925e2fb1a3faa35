"""What the verbs share: the county's programme, the organiser check, and field checks with Chinese
refusals naming the field."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.actiontools import clean_text
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import DivisionKind, Level
from qingdan.orgs.models import Division

from ..models import Programme

SHORT = limits.TITLE_CHARS


def programme_of(county: Division) -> Programme:
    programme = Programme.objects.select_related("organising_unit", "county").filter(county=county).first()
    if programme is None:
        raise ActionRefused(
            _("%(county)s has not set up its programme of seconding cadres to communities yet.")
            % {"county": county.name}
        )
    return programme


def require_organiser(user, county: Division) -> Programme:
    """The county's programme, once the user is a clerk of the unit it names as organiser (else 403)."""
    programme = programme_of(county)
    access.require(user, Permission.CADRES_ORGANISE, programme)
    return programme


def text(value, *, label: str, required: bool = True, limit: int = SHORT) -> str:
    return clean_text(value, label=label, required=required, limit=limit)


def a_date(value, *, label: str) -> datetime.date:
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


def whole(value, *, label: str, low: int = 0, high: int = 100_000) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ActionRefused(
            _("%(field)s must be a whole number from %(low)d to %(high)d.")
            % {"field": label, "low": low, "high": high}
        )
    return value


def community_of(county: Division, community: Division) -> Division:
    if community.level != Level.VILLAGE or community.kind != DivisionKind.COMMUNITY:
        raise ActionRefused(_("%(name)s is not a community (社区).") % {"name": community.name})
    if community.county_id != county.pk:
        raise ActionRefused(
            _("%(name)s is not in %(county)s.") % {"name": community.name, "county": county.name}
        )
    return community


def county_of(user) -> Division:
    return access.require_county(user)
