from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SourceKind(models.TextChoices):
    """What the checklist carries out: a meeting that deployed the work, or a document from above."""

    MEETING = "meeting", _("meeting")
    DOCUMENT = "document", _("document")


class ChecklistStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ACTIVE = "active", _("in force")
    CLOSED = "closed", _("closed")


class RowStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("checklist row", "in progress")
    DONE = "done", _("done")


class AlertKind(models.TextChoices):
    OVERDUE = "overdue", _("overdue")
    DUE_SOON = "due_soon", _("due within three days")


# A row is flagged this many days before its deadline.
DUE_SOON_DAYS = 3


def status_for(percent: int) -> RowStatus:
    if percent >= 100:
        return RowStatus.DONE
    return RowStatus.IN_PROGRESS if percent > 0 else RowStatus.NOT_STARTED
