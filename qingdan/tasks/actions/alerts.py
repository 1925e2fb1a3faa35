"""Deadline alerts: each day, tell the responsible person and the lead leader of every unfinished row of
a checklist in force that is overdue or due within three days. Once per row, person and day."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.audit.actions import record
from qingdan.notifications.actions import notify

from ..choices import DUE_SOON_DAYS, AlertKind, ChecklistStatus, RowStatus
from ..models import ChecklistRow, RowAlert
from ._support import link, person_name


def rows_to_flag(today: datetime.date) -> QuerySet[ChecklistRow]:
    """Unfinished rows of checklists in force whose deadline has passed or comes within three days."""
    return (
        ChecklistRow.objects.filter(
            checklist__status=ChecklistStatus.ACTIVE,
            deadline__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(status=RowStatus.DONE)
        .select_related("checklist", "responsible", "lead_leader")
        .order_by("deadline", "id")
    )


def alert_text(row: ChecklistRow, today: datetime.date) -> str:
    values = {
        "n": row.position,
        "title": row.checklist.title,
        "task": row.task,
        "deadline": row.deadline.isoformat(),
        "person": person_name(row.responsible),
    }
    left = row.days_until(today)
    if left < 0:
        text = _(
            "Overdue by %(days)d day(s): row %(n)d of “%(title)s” (due %(deadline)s, %(person)s): %(task)s"
        )
        return text % {**values, "days": -left}
    if left == 0:
        return _("Due today: row %(n)d of “%(title)s” (%(person)s): %(task)s") % values
    return _("Due in %(days)d day(s), on %(deadline)s: row %(n)d of “%(title)s” (%(person)s): %(task)s") % {
        **values,
        "days": left,
    }


def send_alerts(*, today: datetime.date | None = None) -> int:
    """Alert everyone concerned who was not yet alerted today about the row; returns how many alerts
    were sent. Running it again the same day sends nothing (RowAlert holds what was sent)."""
    today = today or timezone.localdate()
    url = link("tasks:my_rows")
    sent = 0
    for row in rows_to_flag(today):
        kind = AlertKind.OVERDUE if row.deadline < today else AlertKind.DUE_SOON
        people = {p.pk: p for p in (row.responsible, row.lead_leader) if p is not None and p.is_active}
        for person in people.values():
            with transaction.atomic():
                _alert, created = RowAlert.objects.get_or_create(
                    row=row, recipient=person, day=today, defaults={"kind": kind}
                )
                if created:
                    notify(
                        recipients=[person], verb=f"tasks.row_{kind}", text=alert_text(row, today), url=url
                    )
                    sent += 1
    if sent:
        record(
            actor=None,
            actor_name="qingdan checklist-alerts",
            action="tasks.send_alerts",
            changes={"alerts": [None, sent]},
            note=today.isoformat(),
        )
    return sent
