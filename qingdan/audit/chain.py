"""The audit trail as a hash chain: each event stores a keyed SHA-256 (HMAC) over its own content and the
previous event's hash, so a changed, deleted, reordered or forged row breaks the chain at that row.

The key is derived from QINGDAN_DATA_KEY (kept apart from the database), so someone who can write to
the database but does not hold the key cannot compute a valid hash for a forged or changed row.
Events are chained in id order. Writers take one short lock per event: the one-row chain head is read
with SELECT ... FOR UPDATE just before the insert (on SQLite the write lock already serialises them);
the lock is held until the writer's transaction ends, as for any row it changes.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

GENESIS = "0" * 64
FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "division_id",
    "ip",
    "changes",
    "note",
)


def _key() -> bytes:
    return hashlib.sha256(b"qingdan audit chain\0" + settings.QINGDAN_DATA_KEY.encode()).digest()


def _canonical(value: Any) -> Any:
    """The same value whichever database it came back from (PostgreSQL's jsonb writes 1e20 as an integer)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def _at(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def content(values: dict[str, Any]) -> bytes:
    """The bytes an event's hash covers, from its field values (model attributes or a values() row)."""
    ip = values["ip"]
    data = {
        "at": _at(values["at"]),
        "actor_id": values["actor_id"],
        "actor_name": values["actor_name"] or "",
        "action": values["action"],
        "object_type": values["object_type"] or "",
        "object_id": values["object_id"] or "",
        "object_repr": values["object_repr"] or "",
        "division_id": values["division_id"],
        "ip": ipaddress.ip_address(ip).compressed if ip else None,
        "changes": _canonical(values["changes"] or {}),
        "note": values["note"] or "",
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def event_hash(values: dict[str, Any], prev_hash: str) -> str:
    return hmac.new(_key(), prev_hash.encode() + b"\n" + content(values), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first row where the chain does not hold, and why (English, for logs and the command line)."""

    event_id: int | None
    reason: str


def walk(rows: Iterable[dict[str, Any]], head: tuple[int | None, str] | None) -> Iterator[Break]:
    """Check rows in id order against each other and against the chain head (last id, last hash).

    Yields at most one Break: the first row that does not hold.
    """
    prev = GENESIS
    last_id: int | None = None
    for row in rows:
        if row["prev_hash"] != prev:
            yield Break(
                row["id"],
                "its link to the previous event does not match: an event before it was deleted, "
                "changed or inserted, or it was inserted out of turn",
            )
            return
        if not hmac.compare_digest(row["hash"] or "", event_hash(row, prev)):
            yield Break(row["id"], "its content does not match its hash: it was changed or forged")
            return
        prev, last_id = row["hash"], row["id"]
    head_id, head_hash = head if head is not None else (None, GENESIS)
    if (head_id, head_hash) != (last_id, prev):
        yield Break(
            head_id if head_id is not None else last_id,
            "the last event does not match the chain head: events at the end were deleted or added",
        )
