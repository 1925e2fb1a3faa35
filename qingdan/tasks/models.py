"""Task checklists (任务清单): the short table that replaces a coordination body's plan.

Checklist ── ChecklistRow ── RowUpdate    one assignment from above (a meeting or a document), its rows
                         └── RowAlert     of 工作方面 / 工作任务 / 工作措施 / 牵头领导 / 配合领导 /
                                          具体责任人 / 完成时限 / 汇报对象, each row's progress reports,
                                          and the overdue / due-soon alerts already sent (one a day)
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import DUE_SOON_DAYS, AlertKind, ChecklistStatus, RowStatus, SourceKind

PROTECT = models.PROTECT


class Checklist(models.Model):
    title = models.CharField(_("title"), max_length=200)
    source_kind = models.CharField(
        _("source kind"), max_length=16, choices=SourceKind.choices, default=SourceKind.DOCUMENT
    )
    # e.g. 通政办发〔2024〕3号, or the meeting's name.
    source_number = models.CharField(_("document number"), max_length=100, blank=True)
    source_title = models.CharField(_("source title"), max_length=200)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    owner_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("owner unit"), on_delete=PROTECT, related_name="checklists"
    )
    # The owner unit's division: the county (county offices, departments) or a township.
    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("division"), on_delete=PROTECT, related_name="+"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=16, choices=ChecklistStatus.choices, default=ChecklistStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        verbose_name = _("task checklist")
        verbose_name_plural = _("task checklists")
        indexes = [models.Index(fields=["county", "year"], name="checklist_county_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == ChecklistStatus.CLOSED

    @property
    def source_line(self) -> str:
        """The source as one line: 文件《…》(通政办发〔2024〕3号, 2024-03-01)."""
        details = "，".join(
            part
            for part in (self.source_number, f"{self.source_date:%Y-%m-%d}" if self.source_date else "")
            if part
        )
        name = f"《{self.source_title}》" if self.source_kind == SourceKind.DOCUMENT else self.source_title
        return f"{name}（{details}）" if details else name


class ChecklistRow(models.Model):
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("task checklist"), on_delete=models.CASCADE, related_name="rows"
    )
    position = models.PositiveIntegerField(_("number"))
    area = models.CharField(_("work area"), max_length=100, blank=True)
    task = models.TextField(_("work task"))
    measures = models.TextField(_("work measures"), blank=True)
    lead_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead leader"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="led_checklist_rows",
    )
    cooperating_leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cooperating leaders"),
        blank=True,
        related_name="cooperating_checklist_rows",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=PROTECT,
        related_name="checklist_rows",
    )
    deadline = models.DateField(pgettext_lazy("checklist", "deadline"))
    report_to = models.CharField(_("report to"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=RowStatus.choices, default=RowStatus.NOT_STARTED
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    # Put on rows for display (queries.flag, pdf.html, the pages), never stored.
    days_left: int
    days_over: int
    alert: str
    may_report: bool
    area_span: int
    fits_a_page: bool

    class Meta:
        ordering = ["checklist", "position", "id"]
        verbose_name = _("checklist row")
        verbose_name_plural = _("checklist rows")
        indexes = [
            models.Index(fields=["responsible", "deadline"], name="row_responsible_deadline"),
            models.Index(fields=["lead_leader", "deadline"], name="row_lead_deadline"),
            models.Index(fields=["status", "deadline"], name="row_status_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.task[:60]}"

    @property
    def division(self):
        """Where the row's events are filed in the audit trail: its checklist's division."""
        return self.checklist.division

    @property
    def is_done(self) -> bool:
        return self.status == RowStatus.DONE

    def days_until(self, today: datetime.date) -> int:
        return (self.deadline - today).days

    def alert_kind(self, today: datetime.date) -> str:
        """ "overdue", "due_soon" or "" — an unfinished row past its deadline or due within three days."""
        if self.is_done:
            return ""
        left = self.days_until(today)
        if left < 0:
            return AlertKind.OVERDUE
        if left <= DUE_SOON_DAYS:
            return AlertKind.DUE_SOON
        return ""


class RowUpdate(models.Model):
    """One progress report by the row's responsible person."""

    row = models.ForeignKey(
        ChecklistRow, verbose_name=_("checklist row"), on_delete=models.CASCADE, related_name="updates"
    )
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("note"), blank=True)
    file = models.FileField(_("file"), upload_to="tasks/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.row}: {self.percent}%"


class RowAlert(models.Model):
    """An alert already sent: one per row, person and day, so the daily command never repeats itself."""

    row = models.ForeignKey(
        ChecklistRow, verbose_name=_("checklist row"), on_delete=models.CASCADE, related_name="alerts"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=16, choices=AlertKind.choices)

    class Meta:
        ordering = ["-day", "row"]
        verbose_name = _("deadline alert")
        verbose_name_plural = _("deadline alerts")
        constraints = [
            models.UniqueConstraint(fields=["row", "recipient", "day"], name="row_alert_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.row} → {self.recipient} {self.day}"
