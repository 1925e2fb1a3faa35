"""The county's programme: its rules for nominees, the assessment weights, and its organising unit."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Level, UnitKind
from qingdan.orgs.models import Division, Unit

from ..choices import Rank
from ..models import Programme
from .checks import choice, programme_of, require_organiser, whole

RULE_FIELDS = (
    "age_limit",
    "rank_limit",
    "full_time_required",
    "weight_community",
    "weight_street",
    "weight_unit",
)


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "age_limit": whole(values["age_limit"], label=_("The age limit"), low=18, high=60),
        "rank_limit": choice(values["rank_limit"], Rank, label=_("the highest rank")),
        "full_time_required": bool(values["full_time_required"]),
        "weight_community": whole(values["weight_community"], label=_("The community's weight"), high=100),
        "weight_street": whole(values["weight_street"], label=_("The street's weight"), high=100),
        "weight_unit": whole(values["weight_unit"], label=_("The sending unit's weight"), high=100),
    }
    total = sum(int(fields[name]) for name in ("weight_community", "weight_street", "weight_unit"))
    if total != 100:
        raise ActionRefused(
            _("The three assessment weights add up to %(total)d; they must add up to 100.") % {"total": total}
        )
    return fields


def _organising_unit(unit: Unit, county: Division) -> Unit:
    if unit.kind not in (UnitKind.DEPARTMENT, UnitKind.OFFICE) or unit.county_division().pk != county.pk:
        raise ActionRefused(
            _("%(unit)s is not a county department or office of %(county)s.")
            % {"unit": unit.name, "county": county.name}
        )
    return unit


def set_up_programme(*, user, county: Division, organising_unit: Unit, **values: Any) -> Programme:
    """The county's programme (platform admin or the command line). Rules default to Wuhan's: under 45,
    副处级以下, full time, weights 40/30/30."""
    access.require(user, Permission.MANAGE_ACCOUNTS, county)
    if county.level != Level.COUNTY:
        raise ActionRefused(_("A programme belongs to a county."))
    defaults = {name: getattr(Programme._meta.get_field(name), "default", None) for name in RULE_FIELDS}
    fields = _checked({**defaults, **values})
    unit = _organising_unit(organising_unit, county)
    with transaction.atomic():
        if Programme.objects.select_for_update().filter(county=county).exists():
            raise ActionRefused(_("%(county)s already has its programme.") % {"county": county.name})
        programme = Programme.objects.create(county=county, organising_unit=unit, **fields)
        record(
            actor=user,
            action="cadres.set_up_programme",
            obj=programme,
            changes=diff({}, {**fields, "organising_unit": unit}),
        )
    return programme


def update_programme(*, user, county: Division, **values: Any) -> Programme:
    """Change the rules; the organiser only. Nominations already checked stay as they are."""
    require_organiser(user, county)
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"update_programme() got unexpected fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme_of(county).pk)
        before = {name: getattr(programme, name) for name in RULE_FIELDS}
        fields = _checked({**before, **values})
        for name, value in fields.items():
            setattr(programme, name, value)
        programme.save()
        record(actor=user, action="cadres.update_programme", obj=programme, changes=diff(before, fields))
    return programme
