"""One set of forms (一套表): the data dictionary, form admission and pre-filled submissions (the
registers they read from are qingdan.registers).

    DataElement        one figure or attribute a form may ask for, and which register holds it
    FormRequest ─ FormField, FormReviewEntry     a department's request for a form and its review
    Submission ─ SubmissionValue, AddedRow       one village's filling of one period of an approved form:
                                                 while a draft, only what the village typed (the registers
                                                 fill the rest as the form is shown); once submitted, every
                                                 value as it was sent
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingdan.review.models import AbstractReviewEntry

from .choices import (
    ElementKind,
    ElementStatus,
    FormStatus,
    FormStep,
    Frequency,
    Register,
    RowsKind,
    SubmissionStatus,
)
from .periods import period_label

PROTECT = models.PROTECT


class DataElement(models.Model):
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    code = models.CharField(pgettext_lazy("data element", "code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=16, choices=ElementKind.choices)
    unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    min_value = models.DecimalField(_("minimum"), max_digits=18, decimal_places=4, null=True, blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=18, decimal_places=4, null=True, blank=True)
    no_future_date = models.BooleanField(_("date may not be in the future"), default=False)
    register = models.CharField(_("held in"), max_length=16, choices=Register.choices, blank=True)
    is_personal = models.BooleanField(_("personal information"), default=False)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ElementStatus.choices)
    proposed_by = models.ForeignKey(
        "orgs.Unit", verbose_name=_("proposed by"), null=True, blank=True, on_delete=PROTECT, related_name="+"
    )
    mapped_to = models.ForeignKey(
        "self", verbose_name=_("mapped to"), null=True, blank=True, on_delete=PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("data element")
        verbose_name_plural = _("data elements")
        constraints = [models.UniqueConstraint(fields=["county", "code"], name="element_unique_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.county


class FormRequest(models.Model):
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    department = models.ForeignKey(
        "orgs.Unit", verbose_name=_("department"), on_delete=PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"))
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices)
    rows_kind = models.CharField(_("rows"), max_length=16, choices=RowsKind.choices, default=RowsKind.VILLAGE)
    # For resident rows: only residents carrying this tag (e.g. 低保); empty for everyone.
    resident_tag = models.CharField(_("residents tagged"), max_length=20, blank=True)
    targets = models.ManyToManyField("orgs.Division", verbose_name=_("villages"), related_name="+")
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=FormStatus.choices, default=FormStatus.DRAFT
    )
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=PROTECT, related_name="merged"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("form request")
        verbose_name_plural = _("form requests")

    def __str__(self) -> str:
        return self.title

    @property
    def division(self):
        return self.county


class FormField(models.Model):
    form = models.ForeignKey(
        FormRequest, verbose_name=_("form"), on_delete=models.CASCADE, related_name="fields"
    )
    element = models.ForeignKey(
        DataElement, verbose_name=_("data element"), on_delete=PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["form", "position"]
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        constraints = [models.UniqueConstraint(fields=["form", "element"], name="field_unique_element")]

    def __str__(self) -> str:
        return f"{self.form}: {self.element}"


class FormReviewEntry(AbstractReviewEntry):
    """One step of a form request's review (qingdan.review keeps who, when and why)."""

    form = models.ForeignKey(
        FormRequest, verbose_name=_("form"), on_delete=models.CASCADE, related_name="history"
    )
    step = models.CharField(_("step"), max_length=16, choices=FormStep.choices)

    class Meta(AbstractReviewEntry.Meta):
        verbose_name = _("form review entry")
        verbose_name_plural = _("form review history")

    def __str__(self) -> str:
        return f"{self.form} {self.step}"


class Submission(models.Model):
    form = models.ForeignKey(
        FormRequest, verbose_name=_("form"), on_delete=PROTECT, related_name="submissions"
    )
    village = models.ForeignKey(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="+"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    # "once", "2026", "2026-Q4" or "2026-11" by the form's frequency.
    period = models.CharField(_("period"), max_length=10)
    status = models.CharField(
        _("status"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    prefilled_count = models.PositiveIntegerField(_("values filled in advance"), default=0)
    typed_count = models.PositiveIntegerField(_("values typed"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["-period", "village__code"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["form", "village", "period"], name="submission_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.form} {self.village} {period_label(self.period)}"

    @property
    def division(self):
        return self.village


class SubmissionValue(models.Model):
    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="values"
    )
    element = models.ForeignKey(
        DataElement, verbose_name=_("data element"), on_delete=PROTECT, related_name="+"
    )
    resident = models.ForeignKey(
        "registers.Resident",
        verbose_name=_("resident"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    # ID numbers and phones the village typed are kept encrypted (values.keep / values.readable).
    value = models.TextField(_("value"), blank=True)
    prefilled = models.BooleanField(_("filled in advance"), default=False)

    class Meta:
        ordering = ["submission", "resident", "element"]
        verbose_name = _("submitted value")
        verbose_name_plural = _("submitted values")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "resident", "element"],
                name="value_unique_cell",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission} {self.element}"


class AddedRow(models.Model):
    """A resident added by hand to the rows of a resident form's submission (found by ID number or name)."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="added_rows"
    )
    resident = models.ForeignKey(
        "registers.Resident", verbose_name=_("resident"), on_delete=PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["submission", "id"]
        verbose_name = _("added row")
        verbose_name_plural = _("added rows")
        constraints = [models.UniqueConstraint(fields=["submission", "resident"], name="added_row_unique")]

    def __str__(self) -> str:
        return f"{self.submission} + {self.resident}"
