"""The base registers (基础台账), every value with its history:

    VillageFact        a village figure as of a date, who set it (history: every value is kept)
    Resident           a person of a village; the ID number encrypted, a keyed hash for lookups
    ResidentFact       a resident attribute as of a date (history)

The tables keep the names the forms app gave them (forms_resident …): the models moved here without
the data moving (migrations 0001 of this app and 0004 of forms only change Django's state).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qingdan.forms.choices import ValueSource

PROTECT = models.PROTECT


class Fact(models.Model):
    """A value of one data element as of a date, and who set it. Facts are never changed: a new value is a
    new fact, and the current one is the latest as of (queries.current_village_facts)."""

    element = models.ForeignKey(
        "forms.DataElement", verbose_name=_("data element"), on_delete=PROTECT, related_name="+"
    )
    value = models.TextField(_("value"))
    as_of = models.DateField(_("true as of"))
    source = models.CharField(_("source"), max_length=16, choices=ValueSource.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        abstract = True


class VillageFact(Fact):
    village = models.ForeignKey(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="+"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")

    class Meta:
        db_table = "forms_villagefact"  # made by the forms app before the registers had their own
        ordering = ["village", "element", "-as_of", "-id"]
        verbose_name = _("village figure")
        verbose_name_plural = _("village figures")
        indexes = [models.Index(fields=["village", "element", "-as_of"], name="village_fact_latest")]

    def __str__(self) -> str:
        return f"{self.village} {self.element}: {self.value}"

    @property
    def division(self):
        return self.village


class Resident(models.Model):
    village = models.ForeignKey(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="+"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=50)
    # The ID number is stored encrypted; a keyed hash finds a person by it; the masked form is shown.
    id_cipher = models.TextField(_("ID number (encrypted)"))
    id_hash = models.CharField(_("ID number lookup key"), max_length=64)
    id_masked = models.CharField(_("ID number"), max_length=18)
    phone_cipher = models.TextField(_("phone (encrypted)"), blank=True)
    phone_masked = models.CharField(_("phone"), max_length=20, blank=True)
    household = models.CharField(_("household number"), max_length=40, blank=True)
    # Tags such as 低保, 五保, 残疾, 独居老人, kept as one space-separated text for cheap filtering.
    tags = models.CharField(_("tags"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        db_table = "forms_resident"  # made by the forms app before the registers had their own
        ordering = ["village", "household", "name"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        constraints = [models.UniqueConstraint(fields=["county", "id_hash"], name="resident_unique_id")]
        # No index by household: sorting a village's 5,000 residents for a page of a form costs about
        # 3 ms, while keeping such an index made importing a million residents twice as slow.
        indexes = [models.Index(fields=["village", "name"], name="resident_village_name")]

    def __str__(self) -> str:
        return f"{self.name} {self.id_masked}"

    @property
    def division(self):
        return self.village


class ResidentFact(Fact):
    resident = models.ForeignKey(
        Resident, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="facts"
    )

    class Meta:
        db_table = "forms_residentfact"  # made by the forms app before the registers had their own
        ordering = ["resident", "element", "-as_of", "-id"]
        verbose_name = _("resident attribute")
        verbose_name_plural = _("resident attributes")
        # The order prefill reads a page of residents' values in, so no sort is needed after the index.
        indexes = [models.Index(fields=["resident", "element", "-as_of", "-id"], name="resident_fact_newest")]

    def __str__(self) -> str:
        return f"{self.resident} {self.element}"
