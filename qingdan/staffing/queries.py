"""Read helpers: filled counts and flags, the move report, a reform's table, a town's placement, who
carries a duty item, and a township's structure against its template. Callers pass querysets already
narrowed by qingdan.access."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from qingdan.duties.choices import ListKind
from qingdan.duties.models import Catalog, DutyItem
from qingdan.orgs.models import Division

from .choices import QUOTA_OF_IDENTITY, QuotaKind, ReformUnitKind, Side
from .models import (
    Placement,
    Position,
    PositionItem,
    QuotaMoveLine,
    Reform,
    StaffedUnit,
    StaffPerson,
    TownModule,
    TownshipTemplate,
)

CARRIED_KINDS = (ListKind.BASIC, ListKind.COOPERATE)


def identities_of(kind: str) -> list[str]:
    return [str(identity) for identity, quota in QUOTA_OF_IDENTITY.items() if quota == kind]


def filled(unit: StaffedUnit, kind: str) -> int:
    """People occupying the unit's quota of this kind (the turnover pool does not count)."""
    return StaffPerson.objects.filter(
        quota_unit=unit, identity__in=identities_of(kind), is_active=True, in_pool=False
    ).count()


def _count(**lookups) -> Subquery:
    people = StaffPerson.objects.filter(is_active=True, **lookups).order_by().values("is_active")
    return Subquery(people.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField())


def with_filled(units: QuerySet[StaffedUnit]) -> QuerySet[StaffedUnit]:
    """Units with filled_administrative, filled_institution and in_pool counts, in one query."""
    holders = {"quota_unit": OuterRef("pk"), "in_pool": False}
    return units.select_related("unit", "unit__division").annotate(
        filled_administrative=Coalesce(
            _count(identity__in=identities_of(QuotaKind.ADMINISTRATIVE), **holders), 0
        ),
        filled_institution=Coalesce(_count(identity__in=identities_of(QuotaKind.INSTITUTION), **holders), 0),
        in_pool=Coalesce(_count(works_in=OuterRef("pk"), in_pool=True), 0),
    )


def is_over(unit) -> bool:
    return (
        unit.filled_administrative > unit.administrative_quota
        or unit.filled_institution > unit.institution_quota
    )


def quotas_added(lines: QuerySet[QuotaMoveLine]) -> list[dict]:
    """Quotas moved to each township, by kind: the seeds' "+139"."""
    rows = (
        lines.values("township__name", "township__code", "move__kind")
        .annotate(added=Sum("amount"))
        .order_by("township__code", "move__kind")
    )
    by_town: dict[str, dict] = {}
    for row in rows:
        town = by_town.setdefault(
            row["township__code"], {"township": row["township__name"], "administrative": 0, "institution": 0}
        )
        town[row["move__kind"]] = row["added"]
    result = list(by_town.values())
    for town in result:
        town["total"] = town["administrative"] + town["institution"]
    return result


@dataclass
class TableLine:
    label: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before

    @property
    def percent(self) -> Decimal | None:
        if not self.before:
            return None
        return (Decimal(self.change) * 100 / self.before).quantize(Decimal("0.1"))


def reform_table(reform: Reform) -> list[TableLine]:
    """The seeds' before → after table: departments, institutions, quotas, posts, enforcement teams."""
    units = list(reform.units.all())
    return table_of([u for u in units if u.side == Side.BEFORE], [u for u in units if u.side == Side.AFTER])


def _sums(units) -> dict[str, int]:
    not_town = [u for u in units if u.kind != ReformUnitKind.TOWNSHIP]
    towns = [u for u in units if u.kind == ReformUnitKind.TOWNSHIP]
    return {
        "departments": sum(u.kind == ReformUnitKind.DEPARTMENT for u in units),
        "institutions": sum(u.kind == ReformUnitKind.INSTITUTION for u in units),
        "enforcement": sum(u.kind == ReformUnitKind.ENFORCEMENT for u in units),
        "administrative": sum(u.administrative_quota for u in not_town),
        "institution": sum(u.institution_quota for u in not_town),
        "posts": sum(u.leader_posts for u in not_town),
        "township": sum(u.administrative_quota + u.institution_quota for u in towns),
    }


def table_of(before, after) -> list[TableLine]:
    """The before → after table of two lists of units (a reform's, or the rows of a file not yet
    imported): anything with kind, administrative_quota, institution_quota and leader_posts."""
    sums = {Side.BEFORE: _sums(before), Side.AFTER: _sums(after)}
    labels = [
        ("departments", _("Party and government departments")),
        ("institutions", _("Public institutions")),
        ("administrative", _("Administrative quotas")),
        ("institution", _("Institution quotas")),
        ("posts", _("Leadership posts")),
        ("enforcement", _("Enforcement teams")),
        ("township", _("Township quotas")),
    ]
    return [TableLine(str(label), sums[Side.BEFORE][key], sums[Side.AFTER][key]) for key, label in labels]


# --- modules and positions ----------------------------------------------------------------------


def township_people(township: Division) -> QuerySet[StaffPerson]:
    """Everyone working in the township's units (every identity), active and not in the pool."""
    return StaffPerson.objects.filter(works_in__unit__division=township, is_active=True, in_pool=False)


@dataclass
class PlacementStatus:
    total: int
    placed: int
    unplaced: list[StaffPerson] = field(default_factory=list)

    @property
    def percent(self) -> Decimal:
        if not self.total:
            return Decimal(100)
        return (Decimal(self.placed) * 100 / self.total).quantize(Decimal("0.1"))


def placement_status(township: Division) -> PlacementStatus:
    people = township_people(township)
    with_primary = Placement.objects.filter(is_primary=True, person__in=people).values("person_id")
    unplaced = list(people.exclude(pk__in=with_primary).order_by("name"))
    total = people.count()
    return PlacementStatus(total=total, placed=total - len(unplaced), unplaced=unplaced)


def township_items(township: Division) -> QuerySet[DutyItem]:
    """The basic and cooperating items of the township's current duty list."""
    catalog = (
        Catalog.objects.filter(division=township, is_template=False).exclude(current_version=None).first()
    )
    if catalog is None:
        return DutyItem.objects.none()
    return DutyItem.objects.filter(version_id=catalog.current_version_id, list_kind__in=CARRIED_KINDS)


def who_does(township: Division, item: DutyItem) -> list[dict]:
    positions = (
        Position.objects.filter(town_module__township=township, items=item)
        .prefetch_related("placements__person")
        .select_related("town_module__module")
    )
    return [
        {
            "position": p,
            "module": p.town_module.module.name,
            "people": [pl.person for pl in p.placements.all()],
        }
        for p in positions
    ]


def uncarried_items(township: Division) -> QuerySet[DutyItem]:
    carried = PositionItem.objects.filter(position__town_module__township=township).values("item_id")
    return township_items(township).exclude(pk__in=carried).order_by("list_kind", "position")


def town_modules(township: Division) -> QuerySet[TownModule]:
    return TownModule.objects.filter(township=township).select_related("module", "module__parent", "lead")


def template_check(township: Division) -> dict | None:
    """The template's offices the township lacks and the units it has beyond them; None without one."""
    chosen = TownshipTemplate.objects.filter(township=township).select_related("template").first()
    if chosen is None:
        return None
    wanted = list(chosen.template.offices.order_by("id").values_list("name", flat=True))
    have = set(
        StaffedUnit.objects.filter(unit__division=township, unit__is_active=True).values_list(
            "unit__name", flat=True
        )
    )
    short = {name.removeprefix(township.name) for name in have}
    missing = [name for name in wanted if name not in have and name not in short]
    extra = sorted(
        name for name in have if name not in wanted and name.removeprefix(township.name) not in wanted
    )
    return {"template": chosen.template, "missing": missing, "extra": extra, "ok": not missing}
