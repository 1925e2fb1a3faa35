"""The light ledger's tables. Every row carries its village and county (the access rules and the figures
read them without joins); months are stored as their first day. Changes go through actions.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qingdan.review.models import AbstractReviewEntry

from . import choices as c

PROTECT = models.PROTECT


def _county():
    return models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")


def _village(related_name: str = "+"):
    return models.ForeignKey(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name=related_name
    )


def _recorded_by():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=PROTECT, related_name="+"
    )


class MonitoringPoint(models.Model):
    """A village the county watches closely (监测点): its cadre keeps the light ledger each month."""

    county = _county()
    village = models.OneToOneField(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="monitoring_point"
    )
    since = models.DateField(_("monitored since"))  # the first day of the first month it reports
    is_active = models.BooleanField(_("active"), default=True)
    marked_by = _recorded_by()
    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        ordering = ["village__code"]
        verbose_name = _("monitoring point")
        verbose_name_plural = _("monitoring points")
        indexes = [models.Index(fields=["county", "is_active"], name="ledger_point_county")]

    def __str__(self) -> str:
        return str(self.village)

    @property
    def division(self):
        return self.village


class LedgerMonth(models.Model):
    """One village's month. `submitted_at` set: the cadre said the month is complete (even if empty)."""

    county = _county()
    village = _village()
    month = models.DateField(_("month"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["village__code", "-month"]
        verbose_name = _("ledger month")
        verbose_name_plural = _("ledger months")
        constraints = [models.UniqueConstraint(fields=["village", "month"], name="ledger_month_unique")]

    def __str__(self) -> str:
        return f"{self.village} {self.month:%Y-%m}"

    @property
    def division(self):
        return self.village


class MonthEntry(models.Model):
    """What reached a village in one month, and the unit that sent it (a unit of the county)."""

    county = _county()
    village = _village()
    month = models.DateField(_("month"))
    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("issuer"), on_delete=PROTECT, related_name="+")
    recorded_by = _recorded_by()
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-month", "id"]

    @property
    def division(self):
        return self.village


class DocumentReceived(MonthEntry):
    number = models.CharField(_("document number"), max_length=c.NUMBER_CHARS, blank=True)
    characters = models.PositiveIntegerField(_("characters"))
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    class Meta(MonthEntry.Meta):
        verbose_name = _("document received")
        verbose_name_plural = _("documents received")
        indexes = [models.Index(fields=["county", "month"], name="ledger_document_month")]

    def __str__(self) -> str:
        return self.number or str(self.issuer)


class MeetingCalled(MonthEntry):
    level = models.CharField(_("level"), max_length=16, choices=c.MeetingLevel.choices)
    held_on = models.DateField(_("meeting date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    comprehensive = models.BooleanField(_("comprehensive meeting"), default=False)

    class Meta(MonthEntry.Meta):
        verbose_name = _("meeting called")
        verbose_name_plural = _("meetings called")
        indexes = [models.Index(fields=["county", "month"], name="ledger_meeting_month")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.held_on}"


class Inspection(MonthEntry):
    kind = models.CharField(_("kind"), max_length=16, choices=c.InspectionKind.choices)
    held_on = models.DateField(_("date"))

    class Meta(MonthEntry.Meta):
        verbose_name = _("inspection, check or assessment")
        verbose_name_plural = _("inspections, checks and assessments")

    def __str__(self) -> str:
        return f"{self.issuer} {self.get_kind_display()}"


class CertificateDemand(models.Model):
    """A certificate demanded of the village (by a bank, a court, a department …), screened against the
    village's lists: `screening` says whether the lists forbid it, `matched_item` names the item."""

    county = _county()
    village = _village()
    month = models.DateField(_("month"))
    demander_kind = models.CharField(_("demanded by (kind)"), max_length=16, choices=c.DemanderKind.choices)
    demander = models.CharField(_("demanded by"), max_length=c.NAME_CHARS)
    issuer = models.ForeignKey(
        "orgs.Unit", verbose_name=_("department"), null=True, blank=True, on_delete=PROTECT, related_name="+"
    )
    purpose = models.CharField(_("certificate demanded"), max_length=c.PURPOSE_CHARS)
    screening = models.CharField(_("screening"), max_length=16, choices=c.Screening.choices)
    matched_item = models.CharField(_("matched list item"), max_length=300, blank=True)
    recorded_by = _recorded_by()
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-month", "id"]
        verbose_name = _("certificate demanded")
        verbose_name_plural = _("certificates demanded")

    def __str__(self) -> str:
        return f"{self.demander} {self.purpose}"

    @property
    def division(self):
        return self.village

    @property
    def forbidden(self) -> bool:
        return self.screening == c.Screening.FORBIDDEN


class CadreBorrowing(MonthEntry):
    """Village cadres borrowed (借调) by a unit: how many, for how many days in the month."""

    cadres = models.PositiveSmallIntegerField(_("cadres"))
    days = models.PositiveSmallIntegerField(_("days"))

    class Meta(MonthEntry.Meta):
        verbose_name = _("cadres borrowed")
        verbose_name_plural = _("cadres borrowed")

    def __str__(self) -> str:
        return f"{self.issuer} {self.cadres}"


class DigitalTool(models.Model):
    """A work chat group or government app the village's cadres must use, from one month until another."""

    county = _county()
    village = _village()
    kind = models.CharField(_("kind"), max_length=16, choices=c.ToolKind.choices)
    name = models.CharField(_("name"), max_length=c.NAME_CHARS)
    issuer = models.ForeignKey(
        "orgs.Unit", verbose_name=_("required by"), on_delete=PROTECT, related_name="+"
    )
    used_from = models.DateField(_("required from (month)"))
    used_until = models.DateField(_("no longer required from (month)"), null=True, blank=True)
    recorded_by = _recorded_by()
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["village__code", "kind", "name"]
        verbose_name = _("chat group or app")
        verbose_name_plural = _("chat groups and apps")
        constraints = [
            models.CheckConstraint(
                condition=Q(used_until__isnull=True) | Q(used_until__gt=models.F("used_from")),
                name="ledger_tool_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.village

    def in_use(self, month) -> bool:
        return self.used_from <= month and (self.used_until is None or month < self.used_until)


class Sign(models.Model):
    """A sign at the village service centre (党群服务中心): what, where, and what became of it."""

    county = _county()
    village = _village()
    name = models.CharField(_("sign"), max_length=c.NAME_CHARS)
    kind = models.CharField(_("kind"), max_length=16, choices=c.SignKind.choices)
    place = models.CharField(_("where"), max_length=16, choices=c.SignPlace.choices)
    room = models.CharField(_("room"), max_length=c.NAME_CHARS, blank=True)
    disposition = models.CharField(
        _("disposition"), max_length=16, choices=c.Disposition.choices, blank=True, default=""
    )
    disposed_on = models.DateField(_("disposition date"), null=True, blank=True)
    recorded_by = _recorded_by()
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["village__code", "place", "room", "id"]
        verbose_name = _("sign")
        verbose_name_plural = _("signs")
        constraints = [
            models.CheckConstraint(
                condition=Q(disposition="") | Q(disposed_on__isnull=False), name="ledger_sign_disposed_on"
            ),
            models.CheckConstraint(condition=~Q(place="room") | ~Q(room=""), name="ledger_sign_room_named"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.village

    @property
    def hanging(self) -> bool:
        return self.disposition in c.HANGING


class Violation(models.Model):
    """A cap of the 2024 rules found broken by checks.py, with its evidence; a reviewer decides it.

    `key` names what broke the cap (an issuer and a year, one document), so checking again finds the
    same violation instead of a second one."""

    county = _county()
    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("division"), on_delete=PROTECT, related_name="+"
    )
    rule = models.CharField(_("rule"), max_length=32, choices=c.Rule.choices)
    key = models.CharField(_("key"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    issuer = models.ForeignKey(
        "orgs.Unit", verbose_name=_("issuer"), null=True, blank=True, on_delete=PROTECT, related_name="+"
    )
    evidence = models.TextField(_("evidence"))
    status = models.CharField(
        _("status"), max_length=16, choices=c.ViolationStatus.choices, default=c.ViolationStatus.OPEN
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Nobody filed it (a check found it): the review toolkit tells no filer.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["status", "-year", "rule", "id"]
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        constraints = [models.UniqueConstraint(fields=["county", "rule", "key"], name="ledger_violation_key")]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} {self.year}"


class ViolationReviewEntry(AbstractReviewEntry):
    violation = models.ForeignKey(Violation, on_delete=models.CASCADE, related_name="entries")
    step = models.CharField(_("step"), max_length=16, choices=c.ReviewStep.choices)

    class Meta(AbstractReviewEntry.Meta):
        verbose_name = _("violation review entry")
        verbose_name_plural = _("violation review entries")
