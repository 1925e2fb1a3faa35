"""What the assessment actions share: input checks (each refusing in Chinese), row locks and limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from qingdan import limits
from qingdan.actiontools import clean_text
from qingdan.duties.choices import ListKind, VersionStatus
from qingdan.duties.models import DutyItem
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, Unit

from ..choices import FORBIDDEN_WORDS, Evidence, Formula, RuleKind, Source, VillageType
from ..models import AssessmentCap, Scheme
from ..queries import COUNTY_UNIT_KINDS

MIN_YEAR, MAX_YEAR = 2000, 2100
HUNDRED = Decimal(100)


@dataclass
class IndicatorInput:
    """An indicator as a person wrote it, before it is checked."""

    name: str = ""
    village_type: str = ""
    duty_item: DutyItem | None = None
    points: Any = None
    rule_kind: str = ""
    target: Any = None
    formula: str = ""
    levels: list[dict[str, Any]] = field(default_factory=list)
    evidence: str = ""
    source: str = ""
    department: Unit | None = None


def choice(value, choices, *, label: str) -> str:
    if value not in choices.values:
        raise ActionRefused(
            _("Choose %(field)s: one of %(allowed)s.")
            % {"field": label, "allowed": "、".join(str(c.label) for c in choices if c.value)}
        )
    return str(value)


def decimal(value, *, label: str, low: Decimal, high: Decimal) -> Decimal:
    if value in (None, ""):
        raise ActionRefused(_("Fill in %(field)s.") % {"field": label})
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ActionRefused(_("%(field)s is not a number.") % {"field": label}) from None
    if not number.is_finite() or number < low or number > high:
        raise ActionRefused(
            _("%(field)s must lie between %(low)s and %(high)s.") % {"field": label, "low": low, "high": high}
        )
    return number.quantize(Decimal("0.01"))


def year(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not MIN_YEAR <= value <= MAX_YEAR:
        raise ActionRefused(
            _("The year must lie between %(low)d and %(high)d.") % {"low": MIN_YEAR, "high": MAX_YEAR}
        )
    return value


def forbidden_kind(text: str) -> str | None:
    """Why an indicator of this wording may not be assessed (photo trails, signs, ledgers), or None."""
    for word, why in FORBIDDEN_WORDS.items():
        if word in text:
            return str(why)
    return None


def primary_duty(item: DutyItem | None, county: Division) -> DutyItem:
    """The duty item, once it is a primary duty (主责事项) of a published village list of the county."""
    if item is None:
        raise ActionRefused(
            _(
                "An indicator must be linked to one primary duty item (主责事项) of the village lists; "
                "what is not a primary duty is not assessed."
            )
        )
    if item.list_kind != ListKind.PRIMARY:
        raise ActionRefused(
            _("%(item)s is a %(kind)s item, not a primary duty (主责事项): it cannot be assessed.")
            % {"item": item.name[:60], "kind": item.get_list_kind_display()}
        )
    version = item.version
    if version.status != VersionStatus.PUBLISHED or (item.county_id or version.county_id) != county.pk:
        raise ActionRefused(
            _("%(item)s is not on a published village list of %(county)s.")
            % {"item": item.name[:60], "county": county.name}
        )
    return item


def county_unit(unit: Unit | None, county: Division) -> Unit:
    if unit is None:
        raise ActionRefused(_("Choose the department that owns the indicator."))
    if unit.county_id != county.pk or unit.division_id != county.pk or unit.kind not in COUNTY_UNIT_KINDS:
        raise ActionRefused(
            _("%(unit)s is not a department of %(county)s.") % {"unit": unit.name, "county": county.name}
        )
    return unit


def levels(value) -> list[dict[str, Any]]:
    """Graded levels: at least two, each a label and the share of the points it earns (0–100)."""
    if not isinstance(value, list) or len(value) < 2:
        raise ActionRefused(
            _("A qualitative indicator needs at least two graded levels (e.g. 好:100, 较好:80).")
        )
    checked: list[dict[str, Any]] = []
    shares: list[float] = []
    for level in value:
        if not isinstance(level, dict):
            raise ActionRefused(_("Each graded level needs a name and a share of the points."))
        label = clean_text(str(level.get("label") or ""), label=_("The level's name"), limit=50)
        share = decimal(
            level.get("share"),
            label=_("The share of level %(level)s") % {"level": label},
            low=Decimal(0),
            high=HUNDRED,
        )
        checked.append({"label": label, "share": float(share)})
        shares.append(float(share))
    names = [level["label"] for level in checked]
    if len(set(names)) != len(names):
        raise ActionRefused(_("Two graded levels have the same name."))
    if max(shares) != 100:
        raise ActionRefused(_("The best graded level must earn all the points (100)."))
    return checked


def indicator_fields(data: IndicatorInput, county: Division) -> dict[str, Any]:
    """The indicator's fields, checked; ActionRefused names the first thing wrong."""
    name = clean_text(data.name, label=_("The indicator"), limit=limits.TITLE_CHARS)
    why = forbidden_kind(name)
    if why:
        raise ActionRefused(
            _("“%(name)s” is refused: %(why)s; judge the work itself, not the traces of it.")
            % {"name": name, "why": why}
        )
    if data.evidence == "photo":
        raise ActionRefused(
            _("A photo is never sufficient evidence; rely on a platform record, a form or a document.")
        )
    fields: dict[str, Any] = {
        "name": name,
        "village_type": choice(data.village_type, VillageType, label=_("the village type")),
        "duty_item": primary_duty(data.duty_item, county),
        "points": decimal(data.points, label=_("The points"), low=Decimal("0.01"), high=HUNDRED),
        "rule_kind": choice(data.rule_kind, RuleKind, label=_("the scoring rule")),
        "evidence": choice(data.evidence, Evidence, label=_("the evidence")),
        "source": choice(data.source or "", Source, label=_("the platform source")),
        "department": county_unit(data.department, county),
        "target": None,
        "formula": "",
        "levels": [],
    }
    if fields["rule_kind"] == RuleKind.QUANTITATIVE:
        fields["target"] = decimal(data.target, label=_("The target"), low=Decimal(0), high=Decimal(10**9))
        fields["formula"] = choice(data.formula, Formula, label=_("the formula"))
        if fields["target"] == 0 and fields["formula"] == Formula.PROPORTIONAL:
            raise ActionRefused(_("A target of 0 cannot be reached in proportion; choose another formula."))
    else:
        fields["levels"] = levels(data.levels)
    on_record = fields["evidence"] == Evidence.PLATFORM_RECORD
    on_record = on_record and fields["rule_kind"] == RuleKind.QUANTITATIVE
    if fields["source"] and not on_record:
        raise ActionRefused(
            _(
                "An indicator that scores itself from platform records is quantitative and rests on a "
                "platform record."
            )
        )
    return fields


# --- locks and limits --------------------------------------------------------------------------------


def locked_scheme(scheme: Scheme) -> Scheme:
    return (
        Scheme.objects.select_for_update(of=("self",)).select_related("division", "county").get(pk=scheme.pk)
    )


def locked_cap(county: Division, year_: int) -> AssessmentCap | None:
    return AssessmentCap.objects.select_for_update().filter(county=county, year=year_).first()


def draft(scheme: Scheme) -> None:
    if scheme.is_published:
        raise ActionRefused(_("%(scheme)s is published and cannot be changed.") % {"scheme": scheme.title})


def scheme_division(division: Division) -> Division:
    if division.level not in (Level.COUNTY, Level.TOWNSHIP):
        raise ActionRefused(_("A scheme is drawn up by a county or by a township."))
    return division
