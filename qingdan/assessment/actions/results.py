"""Results, the cadres' pay link, appeals and freezing.

publish_results   totals, rank (within each village type) and grade for every village the scheme
                  assesses; opens the appeal window
record_pay        a village's operating income and its cadres' yearly pay → each cadre's performance
                  pay (share × tier of the grade) and development bonus (rate × increase ÷ cadres)
file_appeal       the village, within the window; decided by the county (qingdan.review)
correct_score     the county corrects a value after upholding an appeal; totals, ranks and pay follow
freeze_results    after the window, with no appeal waiting: nothing changes any more
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qingdan.access import Permission
from qingdan.actiontools import clean_text, require
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.review.workflow import APPROVE, REFUSE, Outcome, Review, stamp_decided_at

from .. import queries, scoring
from ..choices import DEFAULT_TIERS, AppealStatus, AppealStep, Grade
from ..models import Appeal, AppealEntry, CadrePay, Indicator, Result, Scheme, Score
from ._checks import decimal, locked_scheme
from .visits import _rescore, _value, compute_scores

MONEY_MAX = Decimal(10**11)


@dataclass
class Cadre:
    name: str
    yearly_pay: object
    post: str = ""


def _assessed_villages(scheme: Scheme):
    from qingdan.orgs.models import Division

    low, high = scheme.division.bounds
    villages = Division.objects.filter(
        level="village", code__gte=low, code__lte=high, assessment_kind__isnull=False
    )
    return [v for v in villages.select_related("parent") if queries.scheme_for(v, scheme.year) == scheme]


def _rank(scheme: Scheme) -> None:
    """Rank within each village type by total (equal totals share a rank)."""
    by_type: dict[str, list[Result]] = defaultdict(list)
    for result in scheme.results.all():
        by_type[result.village_type].append(result)
    for results in by_type.values():
        results.sort(key=lambda r: -r.total)
        for place, result in enumerate(results, start=1):
            previous = results[place - 2] if place > 1 else None
            result.rank = previous.rank if previous is not None and previous.total == result.total else place
            result.save(update_fields=["rank"])


def _total(scheme: Scheme, result: Result) -> None:
    kind = result.village_type
    total = Score.objects.filter(
        village=result.village, indicator__scheme=scheme, indicator__village_type=kind
    ).aggregate(total=Sum("points"))["total"] or Decimal(0)
    result.total = scoring.cents(total)
    result.grade = scoring.grade(result.total)
    result.save(update_fields=["total", "grade"])


@transaction.atomic
def publish_results(*, user, scheme: Scheme, today: datetime.date | None = None) -> list[Result]:
    require(user, Permission.ASSESS_VILLAGES, scheme.division)
    scheme = locked_scheme(scheme)
    if not scheme.is_published:
        raise ActionRefused(_("A draft scheme has no results."))
    if scheme.results.filter(frozen=True).exists():
        raise ActionRefused(_("The results of %(year)d are frozen.") % {"year": scheme.year})
    villages = _assessed_villages(scheme)
    if not villages:
        raise ActionRefused(_("No typed village is assessed by this scheme."))
    results = []
    for village in villages:
        compute_scores(village, scheme)
        result, _created = Result.objects.get_or_create(
            scheme=scheme,
            village=village,
            defaults={
                "county": scheme.county,
                "village_type": queries.village_type_of(village) or "",
                "total": 0,
                "rank": 0,
                "grade": Grade.FAIL,
            },
        )
        _total(scheme, result)
        results.append(result)
    _rank(scheme)
    scheme.results_published_at = timezone.now()
    scheme.appeal_deadline = (today or timezone.localdate()) + datetime.timedelta(days=scheme.appeal_days)
    scheme.save(update_fields=["results_published_at", "appeal_deadline"])
    for result in results:
        result.refresh_from_db()
        _repay(result)
    record(
        actor=user,
        action="assessment.publish_results",
        obj=scheme,
        division=scheme.division,
        changes={
            "villages": [None, len(results)],
            "appeal_deadline": [None, scheme.appeal_deadline.isoformat()],
        },
    )
    return results


def _repay(result: Result) -> None:
    scheme = result.scheme
    cadres = list(result.pay.all())
    tier = DEFAULT_TIERS[Grade(result.grade)]
    bonus = scoring.bonus_each(result.income_increase, scheme.bonus_rate, len(cadres))
    for cadre in cadres:
        cadre.performance_pay = scoring.performance_pay(cadre.yearly_pay, scheme.performance_share, tier)
        cadre.bonus = bonus
        cadre.save(update_fields=["performance_pay", "bonus"])


def _not_frozen(result: Result) -> Result:
    result = (
        Result.objects.select_for_update(of=("self",)).select_related("scheme", "village").get(pk=result.pk)
    )
    if result.frozen:
        raise ActionRefused(_("The results of %(year)d are frozen.") % {"year": result.scheme.year})
    return result


@transaction.atomic
def record_pay(
    *, user, result: Result, income_last_year, income_this_year, cadres: Sequence[Cadre]
) -> list[CadrePay]:
    """The village's operating income of both years and its cadres' yearly pay; their pay link follows."""
    require(user, Permission.ASSESS_VILLAGES, result.village)
    last = decimal(income_last_year, label=_("Last year's operating income"), low=Decimal(0), high=MONEY_MAX)
    this = decimal(income_this_year, label=_("This year's operating income"), low=Decimal(0), high=MONEY_MAX)
    if not cadres:
        raise ActionRefused(_("Name at least one cadre."))
    checked = []
    for cadre in cadres:
        name = clean_text(cadre.name, label=_("The cadre's name"), limit=50)
        post = clean_text(cadre.post, label=_("The post"), required=False, limit=50)
        pay = decimal(
            cadre.yearly_pay,
            label=_("The yearly pay of %(name)s") % {"name": name},
            low=Decimal(0),
            high=MONEY_MAX,
        )
        checked.append((name, post, pay))
    result = _not_frozen(result)
    result.income_last_year, result.income_this_year = last, this
    result.save(update_fields=["income_last_year", "income_this_year"])
    result.pay.all().delete()
    rows = CadrePay.objects.bulk_create(
        CadrePay(
            result=result,
            county=result.county,
            name=name,
            post=post,
            yearly_pay=pay,
            performance_pay=0,
            bonus=0,
        )
        for name, post, pay in checked
    )
    _repay(result)
    record(
        actor=user,
        action="assessment.record_pay",
        obj=result,
        changes={"cadres": [None, len(rows)], "income": [None, f"{last} → {this}"]},
    )
    return list(result.pay.all())


# --- appeals --------------------------------------------------------------------------------------------

APPEALS = Review(
    model=Appeal,
    entries=AppealEntry,
    subject="appeal",
    permission=Permission.ASSESS_VILLAGES,
    audit="assessment.{step}_appeal",
    page="assessment:appeal_detail",
    awaiting=AppealStatus.SUBMITTED,
    not_awaiting=gettext_lazy("This appeal has been decided already; it is %(status)s."),
    outcomes={
        APPROVE: Outcome(
            AppealStatus.UPHELD,
            "assessment.appeal_upheld",
            gettext_lazy("Your appeal was upheld: %(title)s. Reason: %(reason)s"),
        ),
        REFUSE: Outcome(
            AppealStatus.DISMISSED,
            "assessment.appeal_dismissed",
            gettext_lazy("Your appeal was dismissed: %(title)s. Reason: %(reason)s"),
        ),
    },
    stamp=stamp_decided_at(""),
)


@transaction.atomic
def file_appeal(*, user, result: Result, reason: str, today: datetime.date | None = None) -> Appeal:
    require(user, Permission.REPORT_ASSESSMENT, result.village)
    reason = clean_text(reason, label=_("The grounds of the appeal"), limit=2000)
    result = _not_frozen(result)
    deadline = result.scheme.appeal_deadline
    if deadline is None or (today or timezone.localdate()) > deadline:
        raise ActionRefused(
            _("The appeal window closed on %(date)s.") % {"date": deadline.isoformat() if deadline else "—"}
        )
    if result.appeals.filter(status=AppealStatus.SUBMITTED).exists():
        raise ActionRefused(_("An appeal of this result is already waiting for the county's decision."))
    appeal = Appeal.objects.create(result=result, county=result.county, reason=reason, created_by=user)
    APPEALS.entry(appeal, user=user, step=AppealStep.SUBMIT, reason=reason)
    record(actor=user, action="assessment.file_appeal", obj=appeal, note=reason)
    return appeal


@transaction.atomic
def decide_appeal(*, user, appeal: Appeal, uphold: bool, reason: str) -> Appeal:
    """The county upholds or dismisses an appeal, always with its reasons."""
    appeal = APPEALS.open(user, appeal)
    reason = clean_text(reason, label=_("The reasons for the decision"), limit=2000)
    _not_frozen(appeal.result)
    APPEALS.decide(appeal, user=user, step=APPROVE if uphold else REFUSE, reason=reason)
    return appeal


@transaction.atomic
def correct_score(
    *, user, result: Result, indicator: Indicator, note: str, value=None, level: str = ""
) -> Score:
    """After an upheld appeal the county corrects a verified value; totals, ranks and pay follow."""
    require(user, Permission.ASSESS_VILLAGES, result.village)
    result = _not_frozen(result)
    if not result.appeals.filter(status=AppealStatus.UPHELD).exists():
        raise ActionRefused(_("A published result changes only after an upheld appeal."))
    if indicator.scheme_id != result.scheme_id or indicator.village_type != result.village_type:
        raise ActionRefused(_("%(name)s is not in this village's set.") % {"name": indicator.name})
    number, label = _value(indicator, value, level)
    note = clean_text(note, label=_("The note"), limit=2000)
    score = Score.objects.select_for_update().get(indicator=indicator, village=result.village)
    before = str(score.points)
    score.verified_value, score.verified_level, score.verified_note = number, label, note
    _rescore(score)
    _total(result.scheme, result)
    _rank(result.scheme)
    for other in result.scheme.results.all():
        _repay(other)
    record(
        actor=user,
        action="assessment.correct_score",
        obj=score,
        note=note,
        changes={"points": [before, str(score.points)]},
    )
    return score


@transaction.atomic
def freeze_results(*, user, scheme: Scheme, today: datetime.date | None = None) -> int:
    require(user, Permission.ASSESS_VILLAGES, scheme.division)
    scheme = locked_scheme(scheme)
    deadline = scheme.appeal_deadline
    if deadline is None:
        raise ActionRefused(_("The results have not been published."))
    if (today or timezone.localdate()) <= deadline:
        raise ActionRefused(
            _("Appeals are accepted until %(date)s; freeze after that.") % {"date": deadline.isoformat()}
        )
    if Appeal.objects.filter(result__scheme=scheme, status=AppealStatus.SUBMITTED).exists():
        raise ActionRefused(_("An appeal is still waiting for a decision."))
    count = scheme.results.filter(frozen=False).update(frozen=True)
    record(
        actor=user,
        action="assessment.freeze_results",
        obj=scheme,
        division=scheme.division,
        changes={"frozen": [None, count]},
    )
    return count
