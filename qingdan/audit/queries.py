"""Read helpers for the audit trail: the events a user may read, and how each one reads on screen."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from qingdan import access

from . import chain
from .labels import action_label, field_label, object_type_label, value_label
from .models import AuditChainHead, AuditEvent


def visible_events(user) -> QuerySet[AuditEvent]:
    return access.visible(AuditEvent.objects.all(), user).select_related("actor", "division")


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    return str(value)


def changes_of(event: AuditEvent) -> list[Change]:
    """Each changed field as old → new. Changes are stored as {field: [old, new]}."""
    result = []
    for field, pair in (event.changes or {}).items():
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            old, new = pair
        else:
            old, new = None, pair
        result.append(
            Change(
                field_label(event.object_type, field),
                _shown(old if old in (None, "") else value_label(event.object_type, field, old)),
                _shown(new if new in (None, "") else value_label(event.object_type, field, new)),
            )
        )
    return result


@dataclass(frozen=True)
class EventRow:
    """One event, ready for the page and the spreadsheet."""

    event: AuditEvent
    at: str
    who: str
    action: str
    object_type: str
    division: str
    changes: list[Change]


def row_of(event: AuditEvent) -> EventRow:
    actor = event.actor
    who = event.actor_name or "—"
    if actor is not None and actor.full_name and actor.full_name != event.actor_name:
        who = f"{actor.full_name} ({event.actor_name})"
    place = event.division
    division = f"{place.name} ({place.code})" if place is not None else ""
    return EventRow(
        event=event,
        at=timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
        who=who,
        action=action_label(event.action),
        object_type=object_type_label(event.object_type) if event.object_type else "",
        division=division,
        changes=changes_of(event),
    )


def first_chain_break() -> chain.Break | None:
    """The first event where the audit chain does not hold, or None when it is intact."""
    fields = ("id", "prev_hash", "hash", *chain.FIELDS)
    rows = AuditEvent.objects.order_by("id").values(*fields).iterator(chunk_size=2000)
    head = AuditChainHead.objects.filter(pk=1).values_list("last_id", "last_hash").first()
    return next(chain.walk(rows, head), None)
