"""Reforms, the turnover pool and township templates (catalog office; a township for its own pool)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan.access import SYSTEM, Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

from ..choices import MappingKind, OfficeKind, PoolExit, ReformUnitKind, Side
from ..models import (
    OfficeTemplate,
    Reform,
    ReformMapping,
    ReformUnit,
    StaffPerson,
    TemplateOffice,
    TownshipTemplate,
)
from ._support import choice, date, require, same_county, text, whole


@dataclass
class UnitRow:
    name: str
    kind: str
    administrative_quota: int = 0
    institution_quota: int = 0
    leader_posts: int = 0


@dataclass
class MappingRow:
    old: str
    kind: str
    new: list[str] = field(default_factory=list)


def _units(rows: list[UnitRow], side: str) -> list[UnitRow]:
    seen: set[str] = set()
    checked = []
    for row in rows:
        name = text(row.name, label=_("the unit's name"))
        if name in seen:
            raise ActionRefused(_("%(name)s is listed twice on one side.") % {"name": name})
        seen.add(name)
        checked.append(
            UnitRow(
                name,
                choice(row.kind, ReformUnitKind, label=_("the kind of %(name)s") % {"name": name}),
                whole(
                    row.administrative_quota, label=_("the administrative quota of %(name)s") % {"name": name}
                ),
                whole(row.institution_quota, label=_("the institution quota of %(name)s") % {"name": name}),
                whole(row.leader_posts, label=_("the leadership posts of %(name)s") % {"name": name}),
            )
        )
    if not checked:
        raise ActionRefused(_("List the units before and after the reform."))
    return checked


# How many new units each way names: kept as one, merged into one, split into two or more, abolished none.
NEW_UNITS = {
    MappingKind.KEPT: (1, 1),
    MappingKind.MERGED: (1, 1),
    MappingKind.SPLIT: (2, 99),
    MappingKind.ABOLISHED: (0, 0),
}


def went_to(old: str, kind: str, new: list[str]) -> list[str]:
    """The new units an old one went to: a unit kept without a new unit named is kept under its own name."""
    return list(new) if new or kind != MappingKind.KEPT else [old]


def mapping_problem(old: str, kind: str, new: list[str], after: set[str]) -> str | None:
    """What is wrong with where one old unit went (in Chinese), or None: the new units it names must be
    units after the reform, as many as its way allows. The importer asks it row by row too."""
    unknown = [name for name in new if name not in after]
    if unknown:
        return _("%(name)s is not among the units after the reform.") % {"name": unknown[0]}
    low, high = NEW_UNITS[MappingKind(kind)]
    if not low <= len(new) <= high:
        return _("%(name)s is %(how)s: name %(count)s new unit(s).") % {
            "name": old,
            "how": MappingKind(kind).label,
            "count": {0: "0", 1: "1"}.get(low, _("two or more")),
        }
    return None


def _mappings(rows: list[MappingRow], before: set[str], after: set[str]) -> list[MappingRow]:
    mapped: set[str] = set()
    for row in rows:
        kind = choice(row.kind, MappingKind, label=_("how %(name)s went") % {"name": row.old})
        if row.old not in before:
            raise ActionRefused(_("%(name)s is not among the units before the reform.") % {"name": row.old})
        if row.old in mapped:
            raise ActionRefused(_("%(name)s is mapped twice.") % {"name": row.old})
        mapped.add(row.old)
        problem = mapping_problem(row.old, kind, row.new, after)
        if problem:
            raise ActionRefused(problem)
    missing = sorted(before - mapped)
    if missing:
        raise ActionRefused(
            _("Say where %(name)s went (kept, merged, split or abolished).") % {"name": missing[0]}
        )
    return rows


@transaction.atomic
def record_reform(
    *,
    user,
    county: Division,
    name: str,
    document: str,
    decided_on: datetime.date,
    before: list[UnitRow],
    after: list[UnitRow],
    mappings: list[MappingRow],
) -> Reform:
    """Record a reform in one act: its units before and after and where every old unit went."""
    require(user, Permission.MANAGE_QUOTAS, county)
    name = text(name, label=_("the reform's name"))
    document = text(document, label=_("the document number"))
    decided_on = date(decided_on, label=_("the date"))
    before = _units(before, Side.BEFORE)
    after = _units(after, Side.AFTER)
    mappings = [MappingRow(row.old, row.kind, went_to(row.old, row.kind, row.new)) for row in mappings]
    _mappings(mappings, {u.name for u in before}, {u.name for u in after})
    reform = Reform.objects.create(county=county, name=name, document=document, decided_on=decided_on)
    made = {}
    for side, rows in ((Side.BEFORE, before), (Side.AFTER, after)):
        for row in rows:
            made[(side, row.name)] = ReformUnit.objects.create(reform=reform, side=side, **vars(row))
    ReformMapping.objects.bulk_create(
        ReformMapping(
            reform=reform, old=made[(Side.BEFORE, row.old)], kind=row.kind, new=made[(Side.AFTER, new)]
        )
        for row in mappings
        for new in row.new
    )
    ReformMapping.objects.bulk_create(
        ReformMapping(reform=reform, old=made[(Side.BEFORE, row.old)], kind=row.kind)
        for row in mappings
        if not row.new
    )
    record(
        actor=user,
        action="staffing.record_reform",
        obj=reform,
        division=county,
        changes={"before": [None, len(before)], "after": [None, len(after)]},
        note=document,
    )
    return reform


@transaction.atomic
def send_to_pool(*, user, person: StaffPerson, since: datetime.date, duty: str) -> StaffPerson:
    """An over-quota person (or one near retirement) goes to the turnover pool, with what they now do."""
    require(user, Permission.MANAGE_STAFFING, person)
    since = date(since, label=_("the date"))
    duty = text(duty, label=_("what they now do"))
    person = StaffPerson.objects.select_for_update().get(pk=person.pk)
    if person.in_pool or not person.is_active:
        raise ActionRefused(
            _("%(name)s is not on the active roster outside the pool.") % {"name": person.name}
        )
    person.in_pool, person.pool_since, person.pool_duty = True, since, duty
    person.left_pool_on, person.left_pool_reason = None, ""
    person.save()
    record(actor=user, action="staffing.send_to_pool", obj=person, changes={"pool_duty": [None, duty]})
    return person


@transaction.atomic
def leave_pool(*, user, person: StaffPerson, on: datetime.date, reason: str) -> StaffPerson:
    """A person leaves the pool: retired (off the roster) or moved to a post."""
    require(user, Permission.MANAGE_STAFFING, person)
    on = date(on, label=_("the date"))
    reason = choice(reason, PoolExit, label=_("why they left"))
    person = StaffPerson.objects.select_for_update().get(pk=person.pk)
    if not person.in_pool:
        raise ActionRefused(_("%(name)s is not in the turnover pool.") % {"name": person.name})
    if person.pool_since and on < person.pool_since:
        raise ActionRefused(_("The date is before the person entered the pool."))
    person.in_pool, person.left_pool_on, person.left_pool_reason = False, on, reason
    person.is_active = reason != PoolExit.RETIRED
    person.save()
    record(actor=user, action="staffing.leave_pool", obj=person, changes={"left_pool_reason": [None, reason]})
    return person


@transaction.atomic
def set_template(
    *, user, county: Division | None, name: str, offices: list[str], centres: list[str]
) -> OfficeTemplate:
    """A template of township offices and centres: the county's own (the catalog office)."""
    if county is None:
        if user is not SYSTEM:
            raise ActionRefused(_("The province's templates are loaded by the platform, not entered here."))
    else:
        require(user, Permission.MANAGE_QUOTAS, county)
    name = text(name, label=_("the template's name"), limit=100)
    names = [text(o, label=_("an office's name"), limit=100) for o in [*offices, *centres]]
    if not offices or len(set(names)) != len(names):
        raise ActionRefused(_("A template names at least one office, each once."))
    template = OfficeTemplate.objects.create(county=county, name=name)
    TemplateOffice.objects.bulk_create(
        [TemplateOffice(template=template, name=o, kind=OfficeKind.OFFICE) for o in offices]
        + [TemplateOffice(template=template, name=c, kind=OfficeKind.CENTRE) for c in centres]
    )
    record(
        actor=user,
        action="staffing.set_template",
        obj=template,
        division=county,
        changes={"offices": [None, "、".join(names)]},
    )
    return template


@transaction.atomic
def choose_template(*, user, township: Division, template: OfficeTemplate) -> TownshipTemplate:
    require(user, Permission.MANAGE_STAFFING, township)
    if not township.is_township:
        raise ActionRefused(_("Only a township follows a template."))
    if template.county is not None:
        same_county(township, template.county, name=township.name)
    chosen, _made = TownshipTemplate.objects.update_or_create(
        township=township, defaults={"template": template}
    )
    record(
        actor=user, action="staffing.choose_template", obj=chosen, changes={"template": [None, template.name]}
    )
    return chosen
