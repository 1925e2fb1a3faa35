"""Compare two catalog versions item by item: added, removed, moved between list kinds, reworded, changed.

Items are matched first by their text (the same duty, wherever it sits), then by their place (the same
list kind and number, with new wording). Works on anything with the item fields: DutyItem or ItemRow.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

COMPARED_FIELDS = (
    "item_no",
    "category",
    "content",
    "basis",
    "responsible_unit_name",
    "department_duty",
    "grassroots_duty",
    "working_method",
)

ADDED, REMOVED, MOVED, REWORDED, CHANGED = "added", "removed", "moved", "reworded", "changed"

_SPACE = re.compile(r"\s+")
_FULL_WIDTH = str.maketrans("（）：；，。！？", "():;,.!?")


def _text(name: str) -> str:
    return _SPACE.sub("", name).translate(_FULL_WIDTH).rstrip(".;")


def _value(item: Any, name: str) -> str:
    if name == "responsible_unit_name" and not hasattr(item, name):
        return getattr(item, "responsible_unit", "")
    return getattr(item, name, "")


@dataclass
class Change:
    kind: str
    old: Any = None
    new: Any = None
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class VersionDiff:
    changes: list[Change]

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in (ADDED, REMOVED, MOVED, REWORDED, CHANGED)}


def _field_changes(old: Any, new: Any) -> dict[str, tuple[str, str]]:
    return {
        name: (_value(old, name), _value(new, name))
        for name in COMPARED_FIELDS
        if _value(old, name) != _value(new, name)
    }


def _pair_by_text(
    old: Sequence[Any], new: Sequence[Any]
) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    waiting: dict[str, list[Any]] = defaultdict(list)
    for item in new:
        waiting[_text(item.name)].append(item)
    pairs, unmatched_old = [], []
    for item in old:
        candidates = waiting.get(_text(item.name))
        if not candidates:
            unmatched_old.append(item)
            continue
        same_kind = next((c for c in candidates if c.list_kind == item.list_kind), candidates[0])
        candidates.remove(same_kind)
        pairs.append((item, same_kind))
    unmatched_new = [item for items in waiting.values() for item in items]
    return pairs, unmatched_old, unmatched_new


def compare(old_items: Iterable[Any], new_items: Iterable[Any]) -> VersionDiff:
    old, new = list(old_items), list(new_items)
    pairs, old_left, new_left = _pair_by_text(old, new)
    changes: list[Change] = []
    for a, b in pairs:
        if a.list_kind != b.list_kind:
            changes.append(Change(MOVED, a, b, _field_changes(a, b)))
        elif fields := _field_changes(a, b):
            changes.append(Change(CHANGED, a, b, fields))
    new_by_place = {(item.list_kind, item.item_no): item for item in new_left}
    for a in old_left:
        b = new_by_place.pop((a.list_kind, a.item_no), None)
        if b is None:
            changes.append(Change(REMOVED, old=a))
        else:
            fields = {"name": (a.name, b.name), **_field_changes(a, b)}
            changes.append(Change(REWORDED, a, b, fields))
    placed = set(map(id, new_by_place.values()))
    changes.extend(Change(ADDED, new=b) for b in new_left if id(b) in placed)
    return VersionDiff(changes)
