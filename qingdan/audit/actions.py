"""Writing to the audit trail. Every action in every app calls `record` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from qingdan.orgs.models import Division

from .context import client_ip
from .models import AuditEvent


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
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_name=actor_name
        or (actor.get_username() if actor is not None and is_authenticated(actor) else ""),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        division=division,
        ip=client_ip.get(),
        changes=changes or {},
        note=note,
    )
