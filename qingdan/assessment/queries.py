"""Read helpers: set sizes and the limits on them, the scheme a village is assessed by, and the
year-on-year comparison shown before and after publishing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet

from qingdan.duties.choices import ListKind, VersionStatus
from qingdan.duties.models import Catalog, DutyItem
from qingdan.orgs.choices import UnitKind
from qingdan.orgs.models import Division, Unit

from .choices import SchemeStatus, VillageType
from .models import AssessmentCap, DroppedIndicator, Indicator, Scheme, VillageKind

# Fields whose change makes a kept indicator "changed" on the comparison.
COMPARED = (
    "name",
    "duty_item_id",
    "points",
    "rule_kind",
    "target",
    "formula",
    "levels",
    "evidence",
    "source",
    "department_id",
)


def set_sizes(scheme: Scheme | None) -> dict[str, int]:
    """How many indicators each village type's set holds."""
    if scheme is None:
        return {}
    rows = scheme.indicators.values("village_type").annotate(n=Count("id"))
    return {row["village_type"]: row["n"] for row in rows}


def largest_set(scheme: Scheme | None) -> int:
    return max(set_sizes(scheme).values(), default=0)


def weights(scheme: Scheme) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for kind, points in scheme.indicators.values_list("village_type", "points"):
        totals[kind] = totals.get(kind, Decimal(0)) + points
    return totals


def cap_of(county: Division, year: int) -> int | None:
    row = AssessmentCap.objects.filter(county=county, year=year).first()
    return row.cap if row else None


def published(division: Division, year: int) -> Scheme | None:
    return Scheme.objects.filter(division=division, year=year, status=SchemeStatus.PUBLISHED).first()


def frame_of(scheme: Scheme) -> Scheme | None:
    """A township scheme's frame: the county's published scheme of the same year."""
    if scheme.division_id == scheme.county_id:
        return None
    return published(scheme.county, scheme.year)


def limit_for(scheme: Scheme, village_type: str, cap: int) -> int:
    """The most indicators `village_type`'s set may hold: the cap, last year's published set (only
    down), and for a township the county's set of the year."""
    limit = cap
    previous = scheme.previous
    if previous is not None:
        sizes = set_sizes(previous)
        limit = min(limit, sizes.get(village_type, max(sizes.values(), default=limit)))
    frame = frame_of(scheme)
    if frame is not None:
        sizes = set_sizes(frame)
        limit = min(limit, sizes.get(village_type, max(sizes.values(), default=limit)))
    return limit


def scheme_for(village: Division, year: int) -> Scheme | None:
    """The published scheme a village is assessed by: its township's, else its county's."""
    if village.parent_id:
        own = Scheme.objects.filter(
            division_id=village.parent_id, year=year, status=SchemeStatus.PUBLISHED
        ).first()
        if own is not None:
            return own
    return published(village.county_division(), year)


def village_type_of(village: Division) -> str | None:
    kind = VillageKind.objects.filter(village=village).first()
    return kind.village_type if kind else None


def villages_by_type(division: Division) -> dict[int, str]:
    """Village id → type, for every typed village under `division`."""
    low, high = division.bounds
    rows = VillageKind.objects.filter(village__code__gte=low, village__code__lte=high)
    return dict(rows.values_list("village_id", "village_type"))


# --- the year-on-year comparison -----------------------------------------------------------------------


@dataclass
class Change:
    before: Indicator
    after: Indicator
    fields: list[str]


@dataclass
class TypeDiff:
    village_type: str
    label: str
    before: int = 0
    after: int = 0
    added: list[Indicator] = field(default_factory=list)
    removed: list[tuple[Indicator, str]] = field(default_factory=list)  # (indicator, reason or "")
    changed: list[Change] = field(default_factory=list)
    kept: int = 0

    @property
    def reduction(self) -> int | None:
        """The fall in per cent of last year's count (35 for "−35 %"); None without a last year."""
        if not self.before:
            return None
        return round((self.before - self.after) * 100 / self.before)


@dataclass
class SchemeDiff:
    types: list[TypeDiff]
    before: int  # indicators a village faced last year (the largest set)
    after: int

    @property
    def reduction(self) -> int | None:
        if not self.before:
            return None
        return round((self.before - self.after) * 100 / self.before)

    @property
    def unexplained(self) -> list[Indicator]:
        return [indicator for t in self.types for indicator, reason in t.removed if not reason]


def _differs(before: Indicator, after: Indicator) -> list[str]:
    return [name for name in COMPARED if getattr(before, name) != getattr(after, name)]


def compare(scheme: Scheme) -> SchemeDiff:
    """This year's sets beside last year's: added, removed (with the reason given), changed, kept."""
    now = list(scheme.indicators.select_related("duty_item", "department"))
    before = (
        list(scheme.previous.indicators.select_related("duty_item", "department")) if scheme.previous else []
    )
    reasons = dict(DroppedIndicator.objects.filter(scheme=scheme).values_list("previous_id", "reason"))
    successors = {i.carried_from_id: i for i in now if i.carried_from_id}
    previous_ids = {i.pk for i in before}
    types = []
    for kind in VillageType:
        line = TypeDiff(kind.value, str(kind.label))
        line.before = sum(1 for i in before if i.village_type == kind)
        line.after = sum(1 for i in now if i.village_type == kind)
        for indicator in now:
            if indicator.village_type == kind and indicator.carried_from_id not in previous_ids:
                line.added.append(indicator)
        for old in before:
            if old.village_type != kind:
                continue
            new = successors.get(old.pk)
            if new is None:
                line.removed.append((old, reasons.get(old.pk, "")))
            elif fields := _differs(old, new):
                line.changed.append(Change(old, new, fields))
            else:
                line.kept += 1
        if line.before or line.after:
            types.append(line)
    return SchemeDiff(
        types=types,
        before=max(Counter(i.village_type for i in before).values(), default=0),
        after=max(Counter(i.village_type for i in now).values(), default=0),
    )


# --- what an indicator may name ------------------------------------------------------------------------

COUNTY_UNIT_KINDS = (UnitKind.DEPARTMENT, UnitKind.OFFICE, UnitKind.INSTITUTION)


def primary_items(county: Division) -> QuerySet[DutyItem]:
    """The primary duties an indicator may name: the county's village templates, else every current
    village list of the county."""
    catalogs = Catalog.objects.filter(county=county, level="village", current_version__isnull=False)
    if catalogs.filter(is_template=True).exists():
        catalogs = catalogs.filter(is_template=True)
    return DutyItem.objects.filter(
        list_kind=ListKind.PRIMARY,
        version__status=VersionStatus.PUBLISHED,
        version_id__in=catalogs.values("current_version_id"),
    ).order_by("version_id", "position")


def departments(county: Division) -> QuerySet[Unit]:
    return Unit.objects.filter(
        county=county, division=county, kind__in=COUNTY_UNIT_KINDS, is_active=True
    ).order_by("name")
