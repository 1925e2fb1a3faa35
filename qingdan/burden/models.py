"""The burden figures, pre-aggregated the way DHIS2's analytics tables are: pages read these, never the
events. ``MonthlyFigure`` holds one value per division, issuer, month and measure; ``AreaFigure`` the same
summed per township (no issuer) so a province's dashboard sums thousands of rows, not millions.
Both are rebuilt by ``refresh.py``: a changed village is marked in ``DirtyVillage`` and a job recomputes it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

PROTECT = models.PROTECT


class MonthlyFigure(models.Model):
    """One figure of one division for one issuer and month. The division is a village, or the township
    or county itself for load counted at that level (a township body's meetings); ``code`` copies the
    division's code so that a township's or county's roll-up is one range of codes."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("division"), on_delete=PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=12)
    issuer = models.ForeignKey(
        "orgs.Unit", verbose_name=_("issuer"), null=True, blank=True, on_delete=PROTECT, related_name="+"
    )
    month = models.DateField(_("month"))
    measure = models.CharField(_("measure"), max_length=40)
    value = models.FloatField(_("value"))

    class Meta:
        ordering = ["code", "month", "measure"]
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        indexes = [
            models.Index(fields=["code", "month", "measure"], name="figure_code_month"),
            models.Index(fields=["county", "issuer", "month"], name="figure_county_issuer"),
            models.Index(fields=["division", "month"], name="figure_division_month"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.month:%Y-%m} {self.measure} {self.value}"


class AreaKind(models.TextChoices):
    TOWNSHIP = "township", _("a township and its villages")
    COUNTY_OWN = "county_own", _("the county's own level")
    COUNTY = "county", _("the whole county")


class AreaFigure(models.Model):
    """An area's figure for one month, every issuer together: a township with its villages, the county's
    own level (a county body's meetings), and the whole county (the sum of both), so that a county's
    dashboard reads a few hundred rows and a province's a few tens of thousands."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    area = models.ForeignKey("orgs.Division", verbose_name=_("area"), on_delete=PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=AreaKind.choices, default=AreaKind.TOWNSHIP)
    code = models.CharField(_("code"), max_length=12)
    month = models.DateField(_("month"))
    measure = models.CharField(_("measure"), max_length=40)
    value = models.FloatField(_("value"))

    class Meta:
        ordering = ["code", "month", "measure"]
        verbose_name = _("area figure")
        verbose_name_plural = _("area figures")
        indexes = [models.Index(fields=["kind", "code", "month"], name="area_kind_code_month")]

    def __str__(self) -> str:
        return f"{self.code} {self.month:%Y-%m} {self.measure} {self.value}"


class DirtyVillage(models.Model):
    """A division whose load changed since its figures were last computed; the refresh job clears it."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    division = models.OneToOneField(
        "orgs.Division", verbose_name=_("division"), on_delete=models.CASCADE, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        ordering = ["marked_at"]
        verbose_name = _("division to refresh")
        verbose_name_plural = _("divisions to refresh")

    def __str__(self) -> str:
        return str(self.division_id)


class BurdenSettings(models.Model):
    """A county's settings for the burden figures: the date its reform took effect."""

    county = models.OneToOneField(
        "orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+"
    )
    reform_date = models.DateField(_("reform date"))
    refreshed_at = models.DateTimeField(_("figures computed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("burden settings")
        verbose_name_plural = _("burden settings")

    def __str__(self) -> str:
        return f"{self.county_id} {self.reform_date}"

    @property
    def division(self):
        return self.county
