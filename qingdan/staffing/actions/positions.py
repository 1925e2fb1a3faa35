"""Modules and positions: the county's catalogue, a town's choice of sub-modules and its leads,
positions with their points and duty items, placements and the two-way choice."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.duties.models import DutyItem
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

from ..choices import MAX_SUBMODULES, MIN_SUBMODULES, ApplicationStatus
from ..models import Application, Module, Placement, Position, PositionItem, StaffPerson, TownModule
from ..queries import township_items
from ._support import number, require, text

MAX_POINTS = Decimal(1000)


@transaction.atomic
def publish_modules(*, user, county: Division, catalogue: dict[str, list[str]]) -> list[Module]:
    """The county publishes its module catalogue: main modules, each with its sub-modules."""
    require(user, Permission.MANAGE_QUOTAS, county)
    if Module.objects.filter(county=county).exists():
        raise ActionRefused(_("The county's module catalogue is already published."))
    names: list[str] = []
    for main, subs in catalogue.items():
        names += [text(main, label=_("a module's name"), limit=100)]
        names += [text(sub, label=_("a module's name"), limit=100) for sub in subs]
    if not catalogue or len(set(names)) != len(names):
        raise ActionRefused(_("The catalogue names each module once, with at least one main module."))
    made, order = [], 0
    for main, subs in catalogue.items():
        order += 1
        parent = Module.objects.create(county=county, name=main.strip(), order=order)
        made.append(parent)
        for sub in subs:
            order += 1
            made.append(Module.objects.create(county=county, parent=parent, name=sub.strip(), order=order))
    record(
        actor=user,
        action="staffing.publish_modules",
        obj=county,
        division=county,
        changes={"modules": [None, len(made)]},
    )
    return made


@transaction.atomic
def choose_modules(*, user, township: Division, subs: list[Module]) -> list[TownModule]:
    """A town works in every main module and in 3–5 sub-modules of its choice."""
    require(user, Permission.MANAGE_STAFFING, township)
    if not township.is_township:
        raise ActionRefused(_("Only a township chooses modules."))
    county = township.county_division()
    chosen = {m.pk: m for m in subs}
    if not MIN_SUBMODULES <= len(chosen) <= MAX_SUBMODULES:
        raise ActionRefused(
            _("Choose %(low)d to %(high)d sub-modules; %(count)d were chosen.")
            % {"low": MIN_SUBMODULES, "high": MAX_SUBMODULES, "count": len(chosen)}
        )
    if any(m.is_main or m.county_id != county.pk for m in chosen.values()):
        raise ActionRefused(_("Choose sub-modules of the county's catalogue."))
    mains = list(Module.objects.filter(county=county, parent=None))
    current = {tm.module_id: tm for tm in TownModule.objects.select_for_update().filter(township=township)}
    dropped = [tm for pk, tm in current.items() if tm.module.parent_id and pk not in chosen]
    if any(tm.positions.exists() for tm in dropped):
        raise ActionRefused(_("A sub-module that has positions cannot be dropped; move its positions first."))
    TownModule.objects.filter(pk__in=[tm.pk for tm in dropped]).delete()
    for module in [*mains, *chosen.values()]:
        if module.pk not in current:
            TownModule.objects.create(township=township, module=module)
    record(
        actor=user,
        action="staffing.choose_modules",
        obj=township,
        division=township,
        changes={"sub_modules": [None, "、".join(m.name for m in chosen.values())]},
    )
    return list(TownModule.objects.filter(township=township))


@transaction.atomic
def set_module_lead(*, user, town_module: TownModule, person: StaffPerson) -> TownModule:
    require(user, Permission.MANAGE_STAFFING, town_module)
    if not (person.is_leader and person.is_active and person.division.pk == town_module.township_id):
        raise ActionRefused(
            _("%(name)s is not a member of the township's leadership.") % {"name": person.name}
        )
    old = town_module.lead.name if town_module.lead is not None else None
    town_module.lead = person
    town_module.save(update_fields=["lead"])
    record(
        actor=user, action="staffing.set_module_lead", obj=town_module, changes={"lead": [old, person.name]}
    )
    return town_module


def _items(township: Division, items: list[DutyItem]) -> list[DutyItem]:
    allowed = set(township_items(township).filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True))
    foreign = [i for i in items if i.pk not in allowed]
    if foreign:
        raise ActionRefused(
            _("Item %(no)s is not a basic or cooperating item of the township's current duty list.")
            % {"no": foreign[0].item_no}
        )
    return items


@transaction.atomic
def create_position(
    *, user, town_module: TownModule, name: str, points, items: list[DutyItem], is_offered: bool = False
) -> Position:
    """A position in a town's module, with its points (岗位赋分) and the duty items it carries."""
    require(user, Permission.MANAGE_STAFFING, town_module)
    name = text(name, label=_("the position's name"), limit=100)
    points = number(points, label=_("the points"), high=MAX_POINTS)
    items = _items(town_module.township, items)
    if Position.objects.filter(town_module__township=town_module.township, name=name).exists():
        raise ActionRefused(_("The township already has a position called %(name)s.") % {"name": name})
    position = Position.objects.create(
        town_module=town_module, name=name, points=points, is_offered=bool(is_offered)
    )
    PositionItem.objects.bulk_create(PositionItem(position=position, item=item) for item in items)
    record(
        actor=user,
        action="staffing.create_position",
        obj=position,
        changes={"name": [None, name], "points": [None, str(points)], "items": [None, len(items)]},
    )
    return position


@transaction.atomic
def place_person(*, user, person: StaffPerson, position: Position, primary: bool = True) -> Placement:
    """Place a person in a position of their township: exactly one primary position each."""
    require(user, Permission.MANAGE_STAFFING, position)
    person = StaffPerson.objects.select_for_update().get(pk=person.pk)
    if not person.is_active or person.in_pool:
        raise ActionRefused(_("%(name)s is not on the active roster.") % {"name": person.name})
    if person.division.pk != position.town_module.township_id:
        raise ActionRefused(_("%(name)s does not work in this township.") % {"name": person.name})
    if Placement.objects.filter(person=person, position=position).exists():
        raise ActionRefused(_("%(name)s is already in this position.") % {"name": person.name})
    if primary and Placement.objects.filter(person=person, is_primary=True).exists():
        raise ActionRefused(
            _("%(name)s already has a primary position; a further one is secondary.") % {"name": person.name}
        )
    placement = Placement.objects.create(person=person, position=position, is_primary=bool(primary))
    record(
        actor=user,
        action="staffing.place_person",
        obj=placement,
        changes={
            "person": [None, person.name],
            "position": [None, position.name],
            "primary": [None, primary],
        },
    )
    return placement


@transaction.atomic
def remove_placement(*, user, placement: Placement) -> None:
    """Take a person out of a position. The audit row keeps who left which position, and whether it was
    their primary one (a person without one shows as unplaced again)."""
    require(user, Permission.MANAGE_STAFFING, placement)
    locked = Placement.objects.select_for_update().filter(pk=placement.pk).first()
    if locked is None:
        raise ActionRefused(_("This person has already been taken out of the position."))
    record(
        actor=user,
        action="staffing.remove_placement",
        obj=locked,
        division=placement.position.town_module.township,
        changes={
            "person": [placement.person.name, None],
            "position": [placement.position.name, None],
            "primary": [locked.is_primary, None],
        },
    )
    locked.delete()


@transaction.atomic
def apply_for(*, user, person: StaffPerson, position: Position) -> Application:
    """Two-way choice, first way: a person applies for an offered position (entered by the township)."""
    require(user, Permission.MANAGE_STAFFING, position)
    if not position.is_offered:
        raise ActionRefused(_("%(name)s is not offered for choice.") % {"name": position.name})
    if person.division.pk != position.town_module.township_id or not person.is_active:
        raise ActionRefused(_("%(name)s does not work in this township.") % {"name": person.name})
    if Application.objects.filter(person=person, position=position).exists():
        raise ActionRefused(_("%(name)s has already applied for this position.") % {"name": person.name})
    application = Application.objects.create(person=person, position=position)
    record(
        actor=user,
        action="staffing.apply_for",
        obj=application,
        changes={"person": [None, person.name], "position": [None, position.name]},
    )
    return application


@transaction.atomic
def decide_application(*, user, application: Application, accept: bool) -> Application:
    """Two-way choice, second way: the township accepts (placing the person) or declines."""
    require(user, Permission.MANAGE_STAFFING, application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.APPLIED:
        raise ActionRefused(_("This application has already been decided."))
    if accept:
        has_primary = Placement.objects.filter(person=application.person, is_primary=True).exists()
        place_person(
            user=user, person=application.person, position=application.position, primary=not has_primary
        )
    application.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
    application.save(update_fields=["status"])
    record(
        actor=user,
        action="staffing.decide_application",
        obj=application,
        changes={"status": [ApplicationStatus.APPLIED, application.status]},
    )
    return application
