"""Work orders (准入派单): one entry for every demand a county department puts on townships and villages.

WorkOrder ─┬─ OrderTarget      the townships/villages the department chose (with "all villages below")
           ├─ Screening        the screener's verdict against each target's catalog, kept with the order
           ├─ ReviewEntry      submit / return / resubmit / approve / refuse / convert, who, when, why
           ├─ Attachment       files, checked to be what they claim
           └─ Assignment ── VillageTask ── TaskReport
              (one per township, dispatched by it) (one per village that must act) (progress, completion)
Complaint     against an order, or against a demand that bypassed the platform
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qingdan.review.models import AbstractReviewEntry

from .choices import (
    AssignmentStatus,
    BypassChannel,
    ComplaintKind,
    ComplaintStatus,
    Decision,
    OrderStatus,
    ReportKind,
    ReviewStep,
    TaskStatus,
)

PROTECT = models.PROTECT


class WorkOrder(models.Model):
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    department = models.ForeignKey(
        "orgs.Unit", verbose_name=_("department"), on_delete=PROTECT, related_name="work_orders"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("full text"))
    deadline = models.DateField(_("deadline"))
    # The three statements: without all three an order is not accepted.
    department_does = models.TextField(_("what the department itself does"))
    grassroots_must = models.TextField(_("what the grassroots must do"))
    support_money_yuan = models.DecimalField(_("money (yuan)"), max_digits=14, decimal_places=2, default=0)
    support_people = models.PositiveIntegerField(_("people sent"), default=0)
    support_training = models.TextField(_("training"), blank=True)
    support_equipment = models.TextField(_("equipment"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.DRAFT
    )
    verdict = models.CharField(_("screening verdict"), max_length=16, choices=Decision.choices, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set when a not-listed order is turned into a request to amend a catalog.
    amendment = models.ForeignKey(
        "duties.Amendment",
        verbose_name=_("amendment"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        indexes = [models.Index(fields=["county", "status"], name="order_county_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def division(self):
        return self.county


class OrderTarget(models.Model):
    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE, related_name="targets"
    )
    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("division"), on_delete=PROTECT, related_name="+"
    )
    # For a township: every village below it must act, not only the township.
    all_villages = models.BooleanField(_("all villages below"), default=False)

    class Meta:
        ordering = ["division__code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["order", "division"], name="target_unique_division")]

    def __str__(self) -> str:
        return str(self.division)


class Screening(models.Model):
    """The screener's verdict for one target division, against the catalog version current at submission."""

    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE, related_name="screenings"
    )
    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("division"), on_delete=PROTECT, related_name="+"
    )
    catalog_version = models.ForeignKey(
        "duties.CatalogVersion",
        verbose_name=_("catalog version"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    # [{"list_kind", "item_no", "name", "score", "matched_words": [...]}, …], best first.
    matches = models.JSONField(_("matched items"), default=list)
    screened_at = models.DateTimeField(_("screened at"), auto_now_add=True)

    class Meta:
        ordering = ["division__code", "-screened_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.division}: {self.decision}"


class ReviewEntry(AbstractReviewEntry):
    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE, related_name="history"
    )
    step = models.CharField(_("step"), max_length=16, choices=ReviewStep.choices)
    # A refusal cites the list item it rests on, as 清单类型:序号 with its text.
    cited_item = models.CharField(_("cited item"), max_length=300, blank=True)

    class Meta(AbstractReviewEntry.Meta):
        verbose_name = _("review entry")
        verbose_name_plural = _("review history")

    def __str__(self) -> str:
        return f"{self.order} {self.step}"


class Attachment(models.Model):
    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="admission/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Assignment(models.Model):
    """An approved order as one township receives it; its dispatcher sends it on to villages."""

    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=PROTECT, related_name="assignments"
    )
    township = models.ForeignKey(
        "orgs.Division", verbose_name=_("township"), on_delete=PROTECT, related_name="+"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispatched by"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    note = models.TextField(_("dispatch note"), blank=True)

    class Meta:
        ordering = ["township__code"]
        verbose_name = _("township assignment")
        verbose_name_plural = _("township assignments")
        constraints = [
            models.UniqueConstraint(fields=["order", "township"], name="assignment_unique_township")
        ]

    def __str__(self) -> str:
        return f"{self.order} → {self.township}"

    @property
    def division(self):
        return self.township


class VillageTask(models.Model):
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=PROTECT, related_name="tasks"
    )
    order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=PROTECT, related_name="tasks"
    )
    village = models.ForeignKey(
        "orgs.Division", verbose_name=_("village"), on_delete=PROTECT, related_name="+"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.SENT)
    deadline = models.DateField(_("deadline"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "village__code"]
        verbose_name = _("village task")
        verbose_name_plural = _("village tasks")
        constraints = [models.UniqueConstraint(fields=["order", "village"], name="task_unique_village")]
        indexes = [models.Index(fields=["village", "status"], name="task_village_status")]

    def __str__(self) -> str:
        return f"{self.order} → {self.village}"

    @property
    def division(self):
        return self.village


class TaskReport(models.Model):
    task = models.ForeignKey(
        VillageTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.CharField(_("note"), max_length=500)
    file = models.FileField(_("file"), upload_to="admission/reports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("task report")
        verbose_name_plural = _("task reports")

    def __str__(self) -> str:
        return f"{self.task} {self.kind} {self.progress}%"


class Complaint(models.Model):
    """A township or village objects to a demand: an order on the platform, or one that bypassed it."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("complaining division"), on_delete=PROTECT, related_name="+"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ComplaintKind.choices)
    order = models.ForeignKey(
        WorkOrder,
        verbose_name=_("work order"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="complaints",
    )
    # Who made the demand: the department of the order, or the one named for a bypassing demand.
    against_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("against"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="complaints",
    )
    against_name = models.CharField(_("who made the demand"), max_length=200, blank=True)
    # The department complained about sees what was demanded and the decision, but not who complained
    # (it invites retaliation) unless the complainant chose to be named; reviewers always see who.
    named = models.BooleanField(_("named to the department"), default=False)
    what = models.TextField(_("what was demanded"))
    happened_on = models.DateField(_("when"), null=True, blank=True)
    channel = models.CharField(_("how"), max_length=16, choices=BypassChannel.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    outcome = models.TextField(_("outcome"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self.division}: {self.get_kind_display()}"
