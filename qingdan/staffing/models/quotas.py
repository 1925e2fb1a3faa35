"""Quotas and reforms: each unit's approved quotas, the moves that send them down, reforms, templates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import MappingKind, OfficeKind, QuotaKind, ReformUnitKind, Series, Side

PROTECT = models.PROTECT


class StaffedUnit(models.Model):
    """The staffing facts of one orgs.Unit (the orgs tables stay as they are): its series, its approved
    quotas by kind and its leadership posts. The filled counts are derived from StaffPerson."""

    unit = models.OneToOneField(
        "orgs.Unit", verbose_name=_("unit"), on_delete=PROTECT, related_name="staffing"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    series = models.CharField(_("series"), max_length=16, choices=Series.choices)
    administrative_quota = models.PositiveIntegerField(_("administrative quota"), default=0)
    institution_quota = models.PositiveIntegerField(_("institution quota"), default=0)
    leader_posts = models.PositiveIntegerField(_("leadership posts"), default=0)
    is_enforcement_team = models.BooleanField(_("enforcement team"), default=False)

    class Meta:
        ordering = ["unit__division__code", "unit__name"]
        verbose_name = _("staffed unit")
        verbose_name_plural = _("staffed units")

    def __str__(self) -> str:
        return self.unit.name

    @property
    def division(self):
        return self.unit.division

    @property
    def is_township(self) -> bool:
        return self.unit.division.is_township

    def quota(self, kind: str) -> int:
        return self.administrative_quota if kind == QuotaKind.ADMINISTRATIVE else self.institution_quota


QUOTA_FIELD = {QuotaKind.ADMINISTRATIVE: "administrative_quota", QuotaKind.INSTITUTION: "institution_quota"}


class QuotaMove(models.Model):
    """One act of the catalog office: quotas taken from one unit and given to township units."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    source = models.ForeignKey(
        StaffedUnit, verbose_name=_("from unit"), on_delete=PROTECT, related_name="moves_out"
    )
    kind = models.CharField(_("quota kind"), max_length=16, choices=QuotaKind.choices)
    document = models.CharField(_("document number"), max_length=200)
    moved_on = models.DateField(_("date"))
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("made by"), on_delete=PROTECT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-moved_on", "-id"]
        verbose_name = _("quota move")
        verbose_name_plural = _("quota moves")

    def __str__(self) -> str:
        return self.document

    @property
    def division(self):
        return self.county


class QuotaMoveLine(models.Model):
    move = models.ForeignKey(
        QuotaMove, verbose_name=_("move"), on_delete=models.CASCADE, related_name="lines"
    )
    target = models.ForeignKey(
        StaffedUnit, verbose_name=_("to unit"), on_delete=PROTECT, related_name="moves_in"
    )
    township = models.ForeignKey(
        "orgs.Division", verbose_name=_("township"), on_delete=PROTECT, related_name="+"
    )
    amount = models.PositiveIntegerField(_("quotas"))

    class Meta:
        ordering = ["move", "id"]
        verbose_name = _("quota move line")
        verbose_name_plural = _("quota move lines")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="staffing_move_line_positive")]

    def __str__(self) -> str:
        return f"{self.target} +{self.amount}"

    @property
    def division(self):
        return self.township


class Reform(models.Model):
    """A reform of a county's structure: its units before and after, and how each old unit went."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    document = models.CharField(_("document number"), max_length=200)
    decided_on = models.DateField(_("date"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("reform")
        verbose_name_plural = _("reforms")

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.county


class ReformUnit(models.Model):
    """A unit as the reform counts it, on one side (before or after)."""

    reform = models.ForeignKey(
        Reform, verbose_name=_("reform"), on_delete=models.CASCADE, related_name="units"
    )
    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ReformUnitKind.choices)
    administrative_quota = models.PositiveIntegerField(_("administrative quota"), default=0)
    institution_quota = models.PositiveIntegerField(_("institution quota"), default=0)
    leader_posts = models.PositiveIntegerField(_("leadership posts"), default=0)

    class Meta:
        ordering = ["reform", "side", "id"]
        verbose_name = _("unit in a reform")
        verbose_name_plural = _("units in a reform")
        constraints = [
            models.UniqueConstraint(fields=["reform", "side", "name"], name="staffing_reform_unit_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ReformMapping(models.Model):
    """Where an old unit went: kept as, merged into, split into (one row per part) or abolished."""

    reform = models.ForeignKey(
        Reform, verbose_name=_("reform"), on_delete=models.CASCADE, related_name="mappings"
    )
    old = models.ForeignKey(
        ReformUnit, verbose_name=_("old unit"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(pgettext_lazy("staffing", "how"), max_length=16, choices=MappingKind.choices)
    new = models.ForeignKey(
        ReformUnit,
        verbose_name=_("new unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["reform", "old", "id"]
        verbose_name = _("reform mapping")
        verbose_name_plural = _("reform mappings")

    def __str__(self) -> str:
        return f"{self.old} → {self.new or '-'}"


class OfficeTemplate(models.Model):
    """The offices and centres a township sets up: the province's (no county) or a county's own."""

    county = models.ForeignKey(
        "orgs.Division", verbose_name=_("county"), null=True, blank=True, on_delete=PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("office template")
        verbose_name_plural = _("office templates")

    def __str__(self) -> str:
        return self.name


class TemplateOffice(models.Model):
    template = models.ForeignKey(
        OfficeTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="offices"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=OfficeKind.choices)

    class Meta:
        ordering = ["template", "kind", "id"]
        verbose_name = _("office of a template")
        verbose_name_plural = _("offices of a template")

    def __str__(self) -> str:
        return self.name


class TownshipTemplate(models.Model):
    """The template a township follows."""

    township = models.OneToOneField(
        "orgs.Division", verbose_name=_("township"), on_delete=PROTECT, related_name="+"
    )
    template = models.ForeignKey(
        OfficeTemplate, verbose_name=_("template"), on_delete=PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("township template")
        verbose_name_plural = _("township templates")

    def __str__(self) -> str:
        return f"{self.township} · {self.template}"

    @property
    def division(self):
        return self.township
