"""Writing to the audit trail. Every action in every app calls `record` inside its transaction."""

from __future__ import annotations

import json
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from qingdan.orgs.models import Division

from . import chain
from .context import client_ip
from .models import AuditChainHead, AuditEvent

HEAD_ID = 1


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields that differ, as {field: [old, new]}."""
    return {
        key: [_plain(old.get(key)), _plain(new.get(key))]
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    }


def is_authenticated(actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    division=None,
    changes: dict[str, Any] | None = None,
    note: str = "",
    actor_name: str = "",
) -> AuditEvent:
    """Append one event. `division` defaults to the object's own division (a division is its own)."""
    if division is None and obj is not None:
        division = obj if isinstance(obj, Division) else getattr(obj, "division", None)
    is_user = actor is not None and actor.pk is not None and is_authenticated(actor)
    event = AuditEvent(
        actor=actor if is_user else None,
        actor_name=actor_name
        or (actor.get_username() if actor is not None and is_authenticated(actor) else ""),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        division=division,
        ip=client_ip.get(),
        # As the database will give it back, so the hash matches what is read later.
        changes=json.loads(json.dumps(changes or {})),
        note=note,
    )
    # No savepoint of its own (two round trips fewer, both while the chain head is locked): an event that
    # cannot be written fails the caller's whole transaction, so no action is ever kept without its event.
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        event.at = timezone.now()
        event.prev_hash = head.last_hash
        event.hash = chain.event_hash(vars(event), head.last_hash)
        event.save(force_insert=True)
        AuditChainHead.objects.filter(pk=HEAD_ID).update(last_id=event.pk, last_hash=event.hash)
    return event


def _locked_head() -> AuditChainHead:
    """The chain head, locked until the transaction ends (made on first use, e.g. after a flush)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is None:
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(pk=HEAD_ID, last_id=None, last_hash=chain.GENESIS)], ignore_conflicts=True
        )
        head = AuditChainHead.objects.select_for_update().get(pk=HEAD_ID)
    return head
