"""Village assessment: caps, schemes and their indicators, village types, the joint team's visits, scores,
results, cadre pay and appeals. Every row carries its county. Changes go through actions.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qingdan.review.models import AbstractReviewEntry

from .choices import (
    DEFAULT_APPEAL_DAYS,
    DEFAULT_BONUS_RATE,
    DEFAULT_PERFORMANCE_SHARE,
    AppealStatus,
    AppealStep,
    Evidence,
    Formula,
    Grade,
    RuleKind,
    SchemeStatus,
    Source,
    VillageType,
)

PROTECT = models.PROTECT
POINTS: dict[str, Any] = {"max_digits": 7, "decimal_places": 2}
MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}


class AssessmentCap(models.Model):
    """The most indicators one village may be assessed on in a year; it never rises year on year."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    cap = models.PositiveSmallIntegerField(_("cap"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["county__code", "-year"]
        verbose_name = _("cap on assessment indicators")
        verbose_name_plural = _("caps on assessment indicators")
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="assessment_cap_one_a_year")]

    def __str__(self) -> str:
        return f"{self.county} {self.year}: {self.cap}"

    @property
    def division(self):
        return self.county


class Scheme(models.Model):
    """One division's assessment scheme for one year: the county's, or a township's within it."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("drawn up by"), on_delete=PROTECT, related_name="assessment_schemes"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("last year's scheme"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    performance_share = models.DecimalField(
        _("performance share of pay"), max_digits=4, decimal_places=2, default=DEFAULT_PERFORMANCE_SHARE
    )
    bonus_rate = models.DecimalField(
        _("development bonus rate"), max_digits=4, decimal_places=2, default=DEFAULT_BONUS_RATE
    )
    appeal_days = models.PositiveSmallIntegerField(_("appeal window (days)"), default=DEFAULT_APPEAL_DAYS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    appeal_deadline = models.DateField(_("appeals accepted until"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "division__code"]
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        constraints = [
            models.UniqueConstraint(fields=["division", "year"], name="assessment_scheme_one_a_year")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == SchemeStatus.PUBLISHED


class Indicator(models.Model):
    """One indicator of one village type's set, tied to one primary duty item of the village lists."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="indicators"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    village_type = models.CharField(_("village type"), max_length=20, choices=VillageType.choices)
    position = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("indicator"), max_length=200)
    duty_item = models.ForeignKey(
        "duties.DutyItem", verbose_name=_("primary duty item"), on_delete=PROTECT, related_name="indicators"
    )
    points = models.DecimalField(_("points"), **POINTS)
    rule_kind = models.CharField(_("scoring rule"), max_length=16, choices=RuleKind.choices)
    target = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    formula = models.CharField(_("formula"), max_length=16, choices=Formula.choices, blank=True)
    # Qualitative: [{"label": "好", "share": 100}, …] — the share of the points each level earns.
    levels = models.JSONField(_("graded levels"), default=list, blank=True)
    evidence = models.CharField(_("evidence"), max_length=20, choices=Evidence.choices)
    source = models.CharField(_("platform source"), max_length=24, choices=Source.choices, blank=True)
    department = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("owning department"),
        on_delete=PROTECT,
        related_name="assessment_indicators",
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("last year's indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )

    class Meta:
        ordering = ["scheme", "village_type", "position", "id"]
        verbose_name = _("assessment indicator")
        verbose_name_plural = _("assessment indicators")
        indexes = [models.Index(fields=["scheme", "village_type"], name="indicator_scheme_type")]

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.scheme.division

    @property
    def self_scoring(self) -> bool:
        return bool(self.source)


class DroppedIndicator(models.Model):
    """An indicator of last year's scheme that this year's does not keep, and why."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="dropped"
    )
    previous = models.ForeignKey(
        Indicator, verbose_name=_("last year's indicator"), on_delete=PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["scheme", "previous__village_type", "previous__position"]
        verbose_name = _("dropped indicator")
        verbose_name_plural = _("dropped indicators")
        constraints = [models.UniqueConstraint(fields=["scheme", "previous"], name="assessment_dropped_once")]

    def __str__(self) -> str:
        return str(self.previous)

    @property
    def division(self):
        return self.scheme.division


class VillageKind(models.Model):
    """The type a village is assessed as (orgs knows villages; the type is this app's)."""

    village = models.OneToOneField(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="assessment_kind"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    village_type = models.CharField(_("village type"), max_length=20, choices=VillageType.choices)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["village__code"]
        verbose_name = _("village type")
        verbose_name_plural = _("village types")

    def __str__(self) -> str:
        return f"{self.village} {self.get_village_type_display()}"

    @property
    def division(self):
        return self.village


class JointTeam(models.Model):
    """The county's one joint assessment team of a year (一支队伍), members from several departments."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    member_units = models.ManyToManyField("orgs.Unit", verbose_name=_("member units"), related_name="+")
    members = models.TextField(_("members"), blank=True)
    formed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("formed by"), null=True, on_delete=PROTECT, related_name="+"
    )
    formed_at = models.DateTimeField(_("formed at"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("joint assessment team")
        verbose_name_plural = _("joint assessment teams")
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="assessment_one_team_a_year")]

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.county


class Visit(models.Model):
    """The one assessment visit a village receives in a year."""

    team = models.ForeignKey(JointTeam, verbose_name=_("team"), on_delete=PROTECT, related_name="visits")
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    village = models.ForeignKey(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="assessment_visits"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    visited_on = models.DateField(_("visit date"))
    note = models.TextField(_("note"), blank=True)
    # What the village says it spent getting ready for the visit (a figure of the burden ledger): asked
    # once, at the visit, rather than on a form of its own.
    preparation_hours = models.DecimalField(
        _("hours the village spent preparing"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "village__code"]
        verbose_name = _("assessment visit")
        verbose_name_plural = _("assessment visits")
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="assessment_one_visit_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.year}"

    @property
    def division(self):
        return self.village


class Score(models.Model):
    """One indicator's value for one village: computed from records, or reported and verified."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="scores"
    )
    village = models.ForeignKey(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="+"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    computed_value = models.DecimalField(_("value from records"), max_digits=12, decimal_places=2, null=True)
    sources = models.JSONField(_("sources"), default=dict, blank=True)
    reported_value = models.DecimalField(_("reported value"), max_digits=12, decimal_places=2, null=True)
    reported_level = models.CharField(_("reported level"), max_length=50, blank=True)
    verified_value = models.DecimalField(_("verified value"), max_digits=12, decimal_places=2, null=True)
    verified_level = models.CharField(_("verified level"), max_length=50, blank=True)
    verified_note = models.TextField(_("verification note"), blank=True)
    points = models.DecimalField(_("points earned"), **POINTS, default=Decimal(0))

    class Meta:
        ordering = ["village__code", "indicator__position"]
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        constraints = [models.UniqueConstraint(fields=["indicator", "village"], name="assessment_score_once")]

    def __str__(self) -> str:
        return f"{self.village} {self.indicator}"

    @property
    def division(self):
        return self.village


class Result(models.Model):
    """A village's result under a scheme: total, rank, grade, and the income its bonus is paid from."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("scheme"), on_delete=PROTECT, related_name="results")
    village = models.ForeignKey(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="+"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    village_type = models.CharField(_("village type"), max_length=20, choices=VillageType.choices)
    total = models.DecimalField(_("total points"), **POINTS)
    rank = models.PositiveIntegerField(_("rank"))
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices)
    income_last_year = models.DecimalField(_("operating income last year"), **MONEY, default=Decimal(0))
    income_this_year = models.DecimalField(_("operating income this year"), **MONEY, default=Decimal(0))
    frozen = models.BooleanField(_("frozen"), default=False)

    class Meta:
        ordering = ["scheme", "rank", "village__code"]
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        constraints = [models.UniqueConstraint(fields=["scheme", "village"], name="assessment_result_once")]

    def __str__(self) -> str:
        return f"{self.village} {self.scheme.year}"

    @property
    def division(self):
        return self.village

    @property
    def income_increase(self) -> Decimal:
        return max(Decimal(0), self.income_this_year - self.income_last_year)


class CadrePay(models.Model):
    """One cadre's pay link: the performance part paid by grade, and a share of the development bonus."""

    result = models.ForeignKey(Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="pay")
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    name = models.CharField(_("village cadre"), max_length=50)
    post = models.CharField(_("post held"), max_length=50, blank=True)
    yearly_pay = models.DecimalField(_("yearly pay"), **MONEY)
    performance_pay = models.DecimalField(_("performance pay"), **MONEY)
    bonus = models.DecimalField(_("development bonus"), **MONEY)

    class Meta:
        ordering = ["result", "id"]
        verbose_name = _("cadre pay")
        verbose_name_plural = _("cadre pay")

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.result.village

    @property
    def total(self) -> Decimal:
        return self.performance_pay + self.bonus


class Appeal(models.Model):
    """A village's appeal against its result, filed within the window, decided by the county."""

    result = models.ForeignKey(Result, verbose_name=_("result"), on_delete=PROTECT, related_name="appeals")
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    reason = models.TextField(_("grounds"))
    status = models.CharField(
        _("status"), max_length=16, choices=AppealStatus.choices, default=AppealStatus.SUBMITTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("appealed by"), on_delete=PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("appealed at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(
                fields=["result"], condition=Q(status="submitted"), name="assessment_one_open_appeal"
            )
        ]

    def __str__(self) -> str:
        return str(self.result)

    @property
    def division(self):
        return self.result.village


class AppealEntry(AbstractReviewEntry):
    appeal = models.ForeignKey(
        Appeal, verbose_name=_("appeal"), on_delete=models.CASCADE, related_name="entries"
    )
    step = models.CharField(_("step"), max_length=16, choices=AppealStep.choices)

    class Meta(AbstractReviewEntry.Meta):
        verbose_name = _("appeal step")
        verbose_name_plural = _("appeal steps")

    def __str__(self) -> str:
        return f"{self.appeal} {self.step}"
