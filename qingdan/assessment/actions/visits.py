"""The joint team (一支队伍), its one visit to each village a year, the village's reported values and the
scores computed from them and from the platform's records.

Departments run no assessments of their own: only the county's assessing offices (ASSESS_VILLAGES) form
the team and record visits; a department takes part as a member unit of the team.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.access import Permission
from qingdan.actiontools import clean_text, require
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, Unit

from .. import queries, records, scoring
from ..choices import RuleKind
from ..models import Indicator, JointTeam, Result, Scheme, Score, Visit
from ._checks import county_unit, decimal, year

BIG = Decimal(10**9)


@dataclass
class Verified:
    """A value the team verified on its visit; it overrides what the village reported, with a note."""

    indicator: Indicator
    note: str
    value: object = None
    level: str = ""


@transaction.atomic
def form_team(
    *, user, county: Division, year: int, name: str, units: Sequence[Unit], members: str = ""
) -> JointTeam:
    """The county's one joint team for the year, with members from several departments."""
    require(user, Permission.ASSESS_VILLAGES, county)
    if county.level != Level.COUNTY:
        raise ActionRefused(_("The joint team is formed by the county."))
    year_ = year_of(year)
    name = clean_text(name, label=_("The team's name"), limit=200)
    members = clean_text(members, label=_("The members"), required=False, limit=2000)
    chosen = {unit.pk: county_unit(unit, county) for unit in units}
    if len(chosen) < 2:
        raise ActionRefused(_("A joint team has members from at least two departments."))
    try:
        with transaction.atomic():
            team = JointTeam.objects.create(
                county=county,
                year=year_,
                name=name,
                members=members,
                formed_by=user if getattr(user, "pk", None) else None,
            )
    except IntegrityError:
        raise ActionRefused(
            _("%(county)s already has its joint team for %(year)d: one team assesses every village.")
            % {"county": county.name, "year": year_}
        ) from None
    team.member_units.set(chosen.values())
    record(
        actor=user,
        action="assessment.form_team",
        obj=team,
        changes={"name": [None, name], "units": [None, "、".join(u.name for u in chosen.values())]},
    )
    return team


def year_of(value) -> int:
    return year(value)


def _assessed_indicator(indicator: Indicator, village: Division, scheme: Scheme | None) -> Indicator:
    if scheme is None or indicator.scheme_id != scheme.pk:
        raise ActionRefused(
            _("%(name)s is not in the scheme this village is assessed by.") % {"name": indicator.name}
        )
    if indicator.village_type != queries.village_type_of(village):
        raise ActionRefused(_("%(name)s is not in this village's set.") % {"name": indicator.name})
    return indicator


def _frozen(village: Division, scheme: Scheme) -> None:
    if Result.objects.filter(scheme=scheme, village=village, frozen=True).exists():
        raise ActionRefused(_("The results of %(year)d are frozen.") % {"year": scheme.year})


def _value(indicator: Indicator, value, level: str) -> tuple[Decimal | None, str]:
    if indicator.rule_kind == RuleKind.QUANTITATIVE:
        return decimal(value, label=indicator.name, low=Decimal(0), high=BIG), ""
    labels = [entry["label"] for entry in indicator.levels]
    if level not in labels:
        raise ActionRefused(
            _("Choose a level for %(name)s: one of %(levels)s.")
            % {"name": indicator.name, "levels": "、".join(labels)}
        )
    return None, level


@transaction.atomic
def report_value(*, user, village: Division, indicator: Indicator, value=None, level: str = "") -> Score:
    """The village states a value the platform cannot count itself (never one it can)."""
    require(user, Permission.REPORT_ASSESSMENT, village)
    scheme = queries.scheme_for(village, indicator.scheme.year)
    _assessed_indicator(indicator, village, scheme)
    if indicator.source:
        raise ActionRefused(
            _("%(name)s is counted from the platform's own records; the village reports nothing for it.")
            % {"name": indicator.name}
        )
    assert scheme is not None
    _frozen(village, scheme)
    number, label = _value(indicator, value, level)
    score, _created = Score.objects.select_for_update().get_or_create(
        indicator=indicator, village=village, defaults={"county": indicator.county}
    )
    before = [score.reported_value, score.reported_level]
    score.reported_value, score.reported_level = number, label
    _rescore(score)
    record(
        actor=user,
        action="assessment.report_value",
        obj=score,
        changes={
            "reported": [
                [str(v) if v is not None else None for v in before],
                [str(number) if number is not None else None, label],
            ]
        },
    )
    return score


def _rescore(score: Score) -> None:
    indicator = score.indicator
    if indicator.rule_kind == RuleKind.QUANTITATIVE:
        value: Decimal | None
        if score.verified_value is not None:
            value = score.verified_value
        elif indicator.source:
            value = score.computed_value
        else:
            value = score.reported_value
        score.points = scoring.points(indicator, value=value)
    else:
        score.points = scoring.points(indicator, level=score.verified_level or score.reported_level)
    score.save()


def compute_scores(village: Division, scheme: Scheme) -> list[Score]:
    """Every indicator of the village's set scored: self-scoring ones from the records (with sources)."""
    kind = queries.village_type_of(village)
    scores = []
    for indicator in scheme.indicators.filter(village_type=kind).order_by("position"):
        score, _created = Score.objects.get_or_create(
            indicator=indicator, village=village, defaults={"county": scheme.county}
        )
        if indicator.source:
            measured = records.measure(indicator.source, village, scheme.year)
            score.computed_value, score.sources = measured.value, measured.sources
        _rescore(score)
        scores.append(score)
    return scores


@transaction.atomic
def record_visit(
    *,
    user,
    team: JointTeam,
    village: Division,
    visited_on: datetime.date,
    note: str = "",
    verified: Sequence[Verified] = (),
    preparation_hours=None,
) -> Visit:
    """The team's one visit to a village in its year; the values it verified override the reported ones."""
    require(user, Permission.ASSESS_VILLAGES, village)
    if village.level != Level.VILLAGE or village.county_id != team.county_id:
        raise ActionRefused(
            _("%(village)s is not a village of the team's county.") % {"village": village.name}
        )
    if not isinstance(visited_on, datetime.date) or visited_on > timezone.localdate():
        raise ActionRefused(_("Give the date of the visit (not in the future)."))
    if visited_on.year != team.year:
        raise ActionRefused(_("The visit of %(year)d takes place in %(year)d.") % {"year": team.year})
    note = clean_text(note, label=_("The note"), required=False, limit=2000)
    hours = None
    if preparation_hours not in (None, ""):
        hours = decimal(
            preparation_hours,
            label=_("The hours the village spent preparing"),
            low=Decimal(0),
            high=Decimal(999),
        )
    scheme = queries.scheme_for(village, team.year)
    if scheme is None:
        raise ActionRefused(
            _("%(village)s has no published scheme for %(year)d.")
            % {"village": village.name, "year": team.year}
        )
    _frozen(village, scheme)
    checked = []
    for item in verified:
        _assessed_indicator(item.indicator, village, scheme)
        number, label = _value(item.indicator, item.value, item.level)
        why = clean_text(
            item.note, label=_("The note on %(name)s") % {"name": item.indicator.name}, limit=2000
        )
        checked.append((item.indicator, number, label, why))
    try:
        with transaction.atomic():
            visit = Visit.objects.create(
                team=team,
                county=team.county,
                village=village,
                year=team.year,
                visited_on=visited_on,
                note=note,
                preparation_hours=hours,
                recorded_by=user if getattr(user, "pk", None) else None,
            )
    except IntegrityError:
        raise ActionRefused(
            _("%(village)s has already been assessed in %(year)d: one assessment visit a year.")
            % {"village": village.name, "year": team.year}
        ) from None
    for indicator, number, label, why in checked:
        score, _created = Score.objects.get_or_create(
            indicator=indicator, village=village, defaults={"county": indicator.county}
        )
        score.verified_value, score.verified_level, score.verified_note = number, label, why
        _rescore(score)
    record(
        actor=user,
        action="assessment.record_visit",
        obj=visit,
        note=note,
        changes={"verified": [None, len(checked)], "visited_on": [None, visited_on.isoformat()]},
    )
    return visit
