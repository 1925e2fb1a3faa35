"""The cap, schemes, indicators, village types and publishing.

The cap and year-on-year limit: every add, change of type and publish locks the scheme row and then the
cap row of its county and year (set_cap locks the cap row), so two people adding indicators at once, or
publishing while the cap is lowered, never leave a set above its limit.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.access import Permission
from qingdan.actiontools import clean_text, require
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .. import queries
from ..choices import BONUS_RATE_MAX, BONUS_RATE_MIN, MAX_CAP, SchemeStatus, VillageType
from ..models import AssessmentCap, DroppedIndicator, Indicator, Scheme, VillageKind
from ._checks import (
    HUNDRED,
    IndicatorInput,
    choice,
    decimal,
    draft,
    indicator_fields,
    locked_cap,
    locked_scheme,
    scheme_division,
    year,
)


def _county(division: Division) -> Division:
    county = division.county_division()
    if county.level != Level.COUNTY:
        raise ActionRefused(_("%(division)s belongs to no county.") % {"division": division.name})
    return county


@transaction.atomic
def set_cap(*, user, county: Division, year: int, cap: int) -> AssessmentCap:
    """The most indicators a village may be assessed on in `year`. It never rises year on year, and it
    cannot fall below a scheme already published for that year."""
    require(user, Permission.MANAGE_ASSESSMENT, county)
    if county.level != Level.COUNTY:
        raise ActionRefused(_("The cap is set by the county."))
    year_ = _year(year)
    if not isinstance(cap, int) or isinstance(cap, bool) or not 1 <= cap <= MAX_CAP:
        raise ActionRefused(_("The cap must be a whole number from 1 to %(max)d.") % {"max": MAX_CAP})
    before = queries.cap_of(county, year_)
    AssessmentCap.objects.bulk_create(
        [AssessmentCap(county=county, year=year_, cap=cap)], ignore_conflicts=True
    )
    row = AssessmentCap.objects.select_for_update().get(county=county, year=year_)
    earlier = AssessmentCap.objects.filter(county=county, year__lt=year_).order_by("-year").first()
    if earlier is not None and cap > earlier.cap:
        raise ActionRefused(
            _(
                "The cap only goes down: %(year)d allowed %(before)d indicators, "
                "so %(this)d may not allow %(cap)d."
            )
            % {"year": earlier.year, "before": earlier.cap, "this": year_, "cap": cap}
        )
    later = AssessmentCap.objects.filter(county=county, year__gt=year_).order_by("year").first()
    if later is not None and cap < later.cap:
        raise ActionRefused(
            _("%(year)d already allows %(after)d indicators; an earlier year cannot allow fewer (%(cap)d).")
            % {"year": later.year, "after": later.cap, "cap": cap}
        )
    for scheme in Scheme.objects.filter(county=county, year=year_, status=SchemeStatus.PUBLISHED):
        if queries.largest_set(scheme) > cap:
            raise ActionRefused(
                _(
                    "%(scheme)s is published with %(count)d indicators for one village; "
                    "the cap cannot be lower."
                )
                % {"scheme": scheme.title, "count": queries.largest_set(scheme)}
            )
    row.cap = cap
    row.save(update_fields=["cap", "updated_at"])
    record(
        actor=user,
        action="assessment.set_cap",
        obj=row,
        changes={"cap": [before, cap], "year": [None, year_]},
    )
    return row


def _year(value) -> int:
    return year(value)


@transaction.atomic
def create_scheme(*, user, division: Division, year: int, title: str) -> Scheme:
    """A draft scheme for `division` (the county, or a township within the county's frame)."""
    require(user, Permission.MANAGE_ASSESSMENT, division)
    division = scheme_division(division)
    county = _county(division)
    year_ = _year(year)
    title = clean_text(title, label=_("The title"), limit=200)
    if division.level == Level.TOWNSHIP and queries.published(county, year_) is None:
        raise ActionRefused(
            _("A township's scheme is drawn within the county's: %(county)s has published none for %(year)d.")
            % {"county": county.name, "year": year_}
        )
    try:
        with transaction.atomic():
            scheme = Scheme.objects.create(
                county=county,
                division=division,
                year=year_,
                title=title,
                previous=queries.published(division, year_ - 1),
                created_by=user if getattr(user, "pk", None) else None,
            )
    except IntegrityError:
        raise ActionRefused(
            _("%(division)s already has a scheme for %(year)d.") % {"division": division.name, "year": year_}
        ) from None
    record(
        actor=user,
        action="assessment.create_scheme",
        obj=scheme,
        division=division,
        changes={"title": [None, title], "year": [None, year_]},
    )
    return scheme


@transaction.atomic
def set_pay_rules(*, user, scheme: Scheme, performance_share, bonus_rate, appeal_days: int) -> Scheme:
    """The pay link of a draft scheme: the performance share of pay, the bonus rate (10–20 %), the window."""
    require(user, Permission.MANAGE_ASSESSMENT, scheme.division)
    scheme = locked_scheme(scheme)
    draft(scheme)
    share = decimal(performance_share, label=_("The performance share"), low=Decimal(0), high=Decimal(1))
    rate = decimal(bonus_rate, label=_("The development bonus rate"), low=BONUS_RATE_MIN, high=BONUS_RATE_MAX)
    if not isinstance(appeal_days, int) or isinstance(appeal_days, bool) or not 1 <= appeal_days <= 60:
        raise ActionRefused(_("The appeal window is 1 to 60 days."))
    before = {
        "performance_share": scheme.performance_share,
        "bonus_rate": scheme.bonus_rate,
        "appeal_days": scheme.appeal_days,
    }
    scheme.performance_share, scheme.bonus_rate, scheme.appeal_days = share, rate, appeal_days
    scheme.save(update_fields=["performance_share", "bonus_rate", "appeal_days"])
    after = {"performance_share": share, "bonus_rate": rate, "appeal_days": appeal_days}
    record(
        actor=user,
        action="assessment.set_pay_rules",
        obj=scheme,
        division=scheme.division,
        changes=diff(before, after),
    )
    return scheme


def _room(scheme: Scheme, village_type: str, *, adding: int = 1, besides: int | None = None) -> None:
    """Refuse when `adding` more indicators would take the type's set above its limit. Call with the
    scheme row locked; locks the cap row too."""
    cap = locked_cap(scheme.county, scheme.year)
    if cap is None:
        raise ActionRefused(
            _("%(county)s has set no cap on indicators for %(year)d; set the cap first.")
            % {"county": scheme.county.name, "year": scheme.year}
        )
    limit = queries.limit_for(scheme, village_type, cap.cap)
    present = scheme.indicators.filter(village_type=village_type)
    if besides is not None:
        present = present.exclude(pk=besides)
    if present.count() + adding > limit:
        raise ActionRefused(
            _(
                "The set for %(type)s already holds %(count)d indicators and may hold at most %(limit)d "
                "(the cap is %(cap)d, and a set never grows on last year's): total control, only down "
                "(控制总量、只减不增)."
            )
            % {
                "type": VillageType(village_type).label,
                "count": present.count(),
                "limit": limit,
                "cap": cap.cap,
            }
        )


@transaction.atomic
def add_indicator(
    *, user, scheme: Scheme, data: IndicatorInput, carried_from: Indicator | None = None
) -> Indicator:
    """One indicator in a draft scheme's set for a village type; `carried_from` keeps one of last year's."""
    require(user, Permission.MANAGE_ASSESSMENT, scheme.division)
    fields = indicator_fields(data, scheme.county)
    scheme = locked_scheme(scheme)
    draft(scheme)
    if carried_from is not None:
        if scheme.previous_id is None or carried_from.scheme_id != scheme.previous_id:
            raise ActionRefused(_("Only an indicator of last year's scheme can be kept."))
        if scheme.indicators.filter(carried_from=carried_from).exists():
            raise ActionRefused(_("%(name)s is already kept.") % {"name": carried_from.name})
        DroppedIndicator.objects.filter(scheme=scheme, previous=carried_from).delete()
    _room(scheme, fields["village_type"])
    position = scheme.indicators.filter(village_type=fields["village_type"]).count() + 1
    indicator = Indicator.objects.create(
        scheme=scheme, county=scheme.county, position=position, carried_from=carried_from, **fields
    )
    record(
        actor=user,
        action="assessment.add_indicator",
        obj=indicator,
        division=scheme.division,
        changes=diff({}, fields),
    )
    return indicator


@transaction.atomic
def keep_indicator(*, user, scheme: Scheme, previous: Indicator) -> Indicator:
    """Last year's indicator kept unchanged in this year's draft."""
    data = IndicatorInput(
        name=previous.name,
        village_type=previous.village_type,
        duty_item=previous.duty_item,
        points=previous.points,
        rule_kind=previous.rule_kind,
        target=previous.target,
        formula=previous.formula,
        levels=previous.levels,
        evidence=previous.evidence,
        source=previous.source,
        department=previous.department,
    )
    return add_indicator(user=user, scheme=scheme, data=data, carried_from=previous)


@transaction.atomic
def update_indicator(*, user, indicator: Indicator, data: IndicatorInput) -> Indicator:
    require(user, Permission.MANAGE_ASSESSMENT, indicator.scheme.division)
    fields = indicator_fields(data, indicator.county)
    scheme = locked_scheme(indicator.scheme)
    draft(scheme)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if fields["village_type"] != indicator.village_type:
        _room(scheme, fields["village_type"], besides=indicator.pk)
    before = {key: getattr(indicator, key) for key in fields}
    for key, value in fields.items():
        setattr(indicator, key, value)
    indicator.save()
    record(
        actor=user,
        action="assessment.update_indicator",
        obj=indicator,
        division=scheme.division,
        changes=diff(before, fields),
    )
    return indicator


@transaction.atomic
def remove_indicator(*, user, indicator: Indicator, reason: str = "") -> None:
    """Take an indicator out of a draft; one kept from last year needs the reason it is dropped."""
    require(user, Permission.MANAGE_ASSESSMENT, indicator.scheme.division)
    scheme = locked_scheme(indicator.scheme)
    draft(scheme)
    previous = indicator.carried_from
    if previous is not None:
        reason = clean_text(reason, label=_("The reason it is dropped"), limit=2000)
    record(
        actor=user,
        action="assessment.remove_indicator",
        obj=indicator,
        division=scheme.division,
        note=reason,
        changes={"name": [indicator.name, None]},
    )
    indicator.delete()
    if previous is not None:
        DroppedIndicator.objects.update_or_create(
            scheme=scheme, previous=previous, defaults={"reason": reason}
        )


@transaction.atomic
def drop_indicator(*, user, scheme: Scheme, previous: Indicator, reason: str) -> DroppedIndicator:
    """Say why one of last year's indicators is not kept this year (shown on the comparison)."""
    require(user, Permission.MANAGE_ASSESSMENT, scheme.division)
    reason = clean_text(reason, label=_("The reason it is dropped"), limit=2000)
    scheme = locked_scheme(scheme)
    draft(scheme)
    if scheme.previous_id is None or previous.scheme_id != scheme.previous_id:
        raise ActionRefused(_("Only an indicator of last year's scheme can be dropped."))
    if scheme.indicators.filter(carried_from=previous).exists():
        raise ActionRefused(
            _("%(name)s is kept this year; remove it from the set first.") % {"name": previous.name}
        )
    dropped, _created = DroppedIndicator.objects.update_or_create(
        scheme=scheme, previous=previous, defaults={"reason": reason}
    )
    record(
        actor=user,
        action="assessment.drop_indicator",
        obj=dropped,
        division=scheme.division,
        note=reason,
        changes={"indicator": [previous.name, None]},
    )
    return dropped


@transaction.atomic
def publish_scheme(*, user, scheme: Scheme) -> Scheme:
    """Publish a draft: every set within its limit, weights summing to 100, every typed village's type
    covered, and every indicator of last year that is gone explained. Published, it cannot change."""
    require(user, Permission.MANAGE_ASSESSMENT, scheme.division)
    scheme = locked_scheme(scheme)
    draft(scheme)
    if scheme.division.level == Level.TOWNSHIP and queries.frame_of(scheme) is None:
        raise ActionRefused(_("The county has published no scheme for this year; a township's waits for it."))
    sizes = queries.set_sizes(scheme)
    if not sizes:
        raise ActionRefused(_("The scheme has no indicators."))
    for kind, total in queries.weights(scheme).items():
        if total != HUNDRED:
            raise ActionRefused(
                _("The weights of the set for %(type)s sum to %(total)s, not 100; it cannot be published.")
                % {"type": VillageType(kind).label, "total": total.normalize()}
            )
    for kind in sorted(set(queries.villages_by_type(scheme.division).values()) - set(sizes)):
        raise ActionRefused(
            _("Villages of the type %(type)s have no indicator set in this scheme.")
            % {"type": VillageType(kind).label}
        )
    for kind in sizes:
        _room(scheme, kind, adding=0)
    unexplained = queries.compare(scheme).unexplained
    if unexplained:
        raise ActionRefused(
            _("Say why these indicators of last year are dropped before publishing: %(names)s.")
            % {"names": "、".join(i.name for i in unexplained[:10])}
        )
    scheme.status = SchemeStatus.PUBLISHED
    scheme.published_at = timezone.now()
    scheme.published_by = user if getattr(user, "pk", None) else None
    scheme.save(update_fields=["status", "published_at", "published_by"])
    record(
        actor=user,
        action="assessment.publish_scheme",
        obj=scheme,
        division=scheme.division,
        changes={
            "status": [SchemeStatus.DRAFT, SchemeStatus.PUBLISHED],
            "indicators": [None, sum(sizes.values())],
        },
    )
    return scheme


@transaction.atomic
def set_village_type(*, user, village: Division, village_type: str) -> VillageKind:
    """The type a village is assessed as; its indicator set follows it."""
    require(user, Permission.MANAGE_ASSESSMENT, village)
    if village.level != Level.VILLAGE:
        raise ActionRefused(_("Only a village or community has a village type."))
    kind = choice(village_type, VillageType, label=_("the village type"))
    row = VillageKind.objects.select_for_update().filter(village=village).first()
    before = row.village_type if row else None
    if row is None:
        row = VillageKind.objects.create(village=village, county=_county(village), village_type=kind)
    elif row.village_type != kind:
        row.village_type = kind
        row.save(update_fields=["village_type", "updated_at"])
    if before != kind:
        record(
            actor=user,
            action="assessment.set_village_type",
            obj=row,
            changes={"village_type": [before, kind]},
        )
    return row
