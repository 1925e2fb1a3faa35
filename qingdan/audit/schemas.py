"""API shapes for the audit trail."""

from datetime import datetime
from typing import Any

from ninja import Schema

from .labels import action_label


class EventOut(Schema):
    id: int
    at: datetime
    actor: str
    action: str
    action_label: str
    object_type: str
    object_id: str
    object_repr: str
    division: str | None
    ip: str | None
    changes: dict[str, Any]
    note: str

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor_name

    @staticmethod
    def resolve_action_label(obj) -> str:
        return str(action_label(obj.action))

    @staticmethod
    def resolve_division(obj) -> str | None:
        return obj.division.code if obj.division_id else None
