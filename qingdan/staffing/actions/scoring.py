"""Four-part scoring (岗位赋分、模块评分、专项加分、组团积分) per person per year, under the county's rule.

    total = (position points × w_position + module score × w_module + team points × w_team) / 100
            + the special bonus once approved (never above the county's cap)
For dispatched staff the township's total weighs at least 70 %, the sending unit's score the rest, and the
result goes to the sending unit."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

from ..choices import MIN_TOWNSHIP_WEIGHT, Identity
from ..models import Placement, Score, ScoringRule, StaffPerson, TownModule
from ._support import number, require, text, whole

HUNDRED = Decimal(100)


@transaction.atomic
def set_scoring_rule(
    *,
    user,
    county: Division,
    year: int,
    position_weight: int,
    module_weight: int,
    team_weight: int,
    special_cap,
    township_weight: int,
) -> ScoringRule:
    require(user, Permission.MANAGE_QUOTAS, county)
    year = whole(year, label=_("the year"), low=2000, high=2100)
    weights = [whole(w, label=_("a weight"), high=100) for w in (position_weight, module_weight, team_weight)]
    if sum(weights) != 100:
        raise ActionRefused(
            _("The three weights add up to %(sum)d; they must add up to 100.") % {"sum": sum(weights)}
        )
    cap = number(special_cap, label=_("the cap on the special bonus"), high=HUNDRED)
    township_weight = whole(
        township_weight, label=_("the township's share"), low=MIN_TOWNSHIP_WEIGHT, high=100
    )
    rule, _made = ScoringRule.objects.update_or_create(
        county=county,
        year=year,
        defaults={
            "position_weight": weights[0],
            "module_weight": weights[1],
            "team_weight": weights[2],
            "special_cap": cap,
            "township_weight": township_weight,
        },
    )
    record(
        actor=user,
        action="staffing.set_scoring_rule",
        obj=rule,
        division=county,
        changes={
            "weights": [None, "/".join(map(str, weights))],
            "cap": [None, str(cap)],
            "township_weight": [None, township_weight],
        },
    )
    return rule


def _rule(person: StaffPerson, year: int) -> ScoringRule:
    rule = ScoringRule.objects.filter(county=person.county, year=year).first()
    if rule is None:
        raise ActionRefused(_("The county has not set the scoring rule for %(year)d.") % {"year": year})
    return rule


def _primary(person: StaffPerson) -> Placement:
    placement = (
        Placement.objects.filter(person=person, is_primary=True)
        .select_related("position__town_module")
        .first()
    )
    if placement is None:
        raise ActionRefused(_("%(name)s has no primary position to be scored in.") % {"name": person.name})
    return placement


def _total(score: Score, rule: ScoringRule, person: StaffPerson) -> None:
    if score.module_score is None:
        score.total = None
        return
    township = (
        score.position_points * rule.position_weight
        + score.module_score * rule.module_weight
        + score.team_points * rule.team_weight
    ) / HUNDRED + (score.special_bonus if score.special_approved else 0)
    if person.identity == Identity.DISPATCHED:
        sending = score.sending_unit_score if score.sending_unit_score is not None else township
        township = (township * rule.township_weight + sending * (100 - rule.township_weight)) / HUNDRED
        score.result_to_id = person.sending_unit_id
    else:
        score.result_to_id = person.works_in.unit_id
    score.total = township.quantize(Decimal("0.01"))


@transaction.atomic
def record_score(
    *,
    user,
    person: StaffPerson,
    year: int,
    module_score,
    team_points,
    special_bonus=0,
    special_reason: str = "",
    sending_unit_score=None,
) -> Score:
    """The township records a person's year: the module lead's score, team points, a special bonus
    proposed (capped; counts once approved) and, for dispatched staff, the sending unit's score."""
    require(user, Permission.MANAGE_STAFFING, person)
    rule = _rule(person, year)
    placement = _primary(person)
    lead_id = placement.position.town_module.lead_id
    if lead_id is None:
        raise ActionRefused(_("The module of %(name)s has no lead to score it.") % {"name": person.name})
    module_score = number(module_score, label=_("the module score"), high=HUNDRED)
    team_points = number(team_points, label=_("the team points"), high=HUNDRED)
    special = number(special_bonus or 0, label=_("the special bonus"), high=HUNDRED)
    if special > rule.special_cap:
        raise ActionRefused(
            _("The special bonus (%(bonus)s) is above the county's cap of %(cap)s.")
            % {"bonus": special, "cap": rule.special_cap}
        )
    reason = text(special_reason, label=_("the reason for the special bonus"), required=bool(special))
    sending = None
    if sending_unit_score not in (None, ""):
        if person.identity != Identity.DISPATCHED:
            raise ActionRefused(_("Only dispatched staff have a sending unit's score."))
        sending = number(sending_unit_score, label=_("the sending unit's score"), high=HUNDRED)
    score, _made = Score.objects.select_for_update().get_or_create(
        person=person, year=year, defaults={"position_points": placement.position.points}
    )
    score.position_points = placement.position.points
    score.module_score, score.module_scored_by_id = module_score, lead_id
    score.team_points, score.sending_unit_score = team_points, sending
    if score.special_bonus != special or score.special_reason != reason:
        score.special_bonus, score.special_reason, score.special_approved = special, reason, False
    _total(score, rule, person)
    score.save()
    record(
        actor=user,
        action="staffing.record_score",
        obj=score,
        changes={"year": [None, year], "total": [None, str(score.total)]},
    )
    return score


@transaction.atomic
def approve_special(*, user, score: Score) -> Score:
    """The catalog office approves a proposed special bonus; the total counts it from then on."""
    require(user, Permission.MANAGE_QUOTAS, score)
    score = Score.objects.select_for_update().get(pk=score.pk)
    if not score.special_bonus or score.special_approved:
        raise ActionRefused(_("There is no special bonus waiting for approval."))
    score.special_approved = True
    _total(score, _rule(score.person, score.year), score.person)
    score.save()
    record(
        actor=user,
        action="staffing.approve_special",
        obj=score,
        changes={"special_bonus": [None, str(score.special_bonus)], "total": [None, str(score.total)]},
    )
    return score


def leads_of(township: Division):
    return TownModule.objects.filter(township=township).exclude(lead=None)
