"""Make a table hold given rows: insert the missing ones, update the changed ones, leave the rest.

The demo is reloaded in place, keyed on natural keys (a division's code, a unit's division and name),
so running it twice leaves the same rows.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet


@dataclass
class Synced:
    by_key: dict[Hashable, Any] = field(default_factory=dict)
    created: int = 0
    updated: int = 0


def sync(queryset: QuerySet, key_fields: Sequence[str], rows: Sequence[dict[str, Any]]) -> Synced:
    """Make `queryset` hold `rows` (dicts of field → value; foreign keys as `<name>_id`).

    Rows are matched to existing objects of `queryset` on `key_fields`. Objects the rows do not
    mention are left alone. Returns every row's object by key, with counts of what changed.
    """

    def obj_key(obj: Model) -> tuple:
        return tuple(getattr(obj, name) for name in key_fields)

    model: type[Model] = queryset.model
    result = Synced()
    existing = {obj_key(obj): obj for obj in queryset}
    to_create: list[Model] = []
    to_update: list[Model] = []
    changed_fields: set[str] = set()
    for row in rows:
        key = tuple(row[name] for name in key_fields)
        obj = existing.get(key)
        if obj is None:
            obj = model(**row)
            to_create.append(obj)
        else:
            changed = [name for name, value in row.items() if getattr(obj, name) != value]
            for name in changed:
                setattr(obj, name, row[name])
            if changed:
                to_update.append(obj)
                changed_fields.update(changed)
        result.by_key[key] = obj
    if to_create:
        model._default_manager.bulk_create(to_create)
        if any(obj.pk is None for obj in to_create):  # SQLite before 3.35 returns no new keys
            result.by_key.update({obj_key(obj): obj for obj in queryset.all()})
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(changed_fields))
    result.created, result.updated = len(to_create), len(to_update)
    return result
