"""Helpers the duty pages share: fetching versions, grouping items, describing a diff for templates."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from qingdan import access

from ..choices import ListKind, VersionStatus
from ..diff import ADDED, CHANGED, MOVED, REMOVED, REWORDED, VersionDiff
from ..models import Catalog, CatalogVersion

KIND_LABELS = dict(ListKind.choices)
KIND_ORDER = [kind.value for kind in ListKind]

CHANGE_LABELS = {
    ADDED: _("added"),
    REMOVED: _("removed"),
    MOVED: _("moved to another list kind"),
    REWORDED: _("reworded"),
    CHANGED: _("changed"),
}
CHANGE_ORDER = [ADDED, REMOVED, MOVED, REWORDED, CHANGED]

FIELD_LABELS = {
    "list_kind": _("list kind"),
    "item_no": _("item number"),
    "category": _("category"),
    "name": _("item name"),
    "content": _("content"),
    "basis": _("basis"),
    "responsible_unit_name": _("responsible unit"),
    "department_duty": _("department duty"),
    "grassroots_duty": _("grassroots duty"),
    "working_method": _("working method"),
}


def parse_number(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None


def published_version(catalog: Catalog, number: int | None) -> CatalogVersion | None:
    """The published version with that number (404 when there is none), or the current one."""
    if number is None:
        return catalog.current_version
    version = catalog.versions.filter(number=number, status=VersionStatus.PUBLISHED).first()
    if version is None:
        raise Http404
    return version


def visible_items(version: CatalogVersion | None, user) -> list:
    if version is None:
        return []
    return list(access.visible(version.items.order_by("position"), user))


@dataclass
class Section:
    kind: str
    label: str
    items: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


def sections_of(items) -> list[Section]:
    """Items grouped by list kind, the kinds in the order the published list first names them."""
    by_kind: dict[str, Section] = {}
    for item in items:
        if item.list_kind not in by_kind:
            by_kind[item.list_kind] = Section(item.list_kind, KIND_LABELS.get(item.list_kind, item.list_kind))
        by_kind[item.list_kind].items.append(item)
    return list(by_kind.values())


def _field(item, name: str) -> str:
    if name == "responsible_unit_name" and not hasattr(item, name):
        return getattr(item, "responsible_unit", "")
    return getattr(item, name, "")


@dataclass
class ChangeLine:
    """One change of a diff, ready to draw: what happened, to which item, and each field old → new."""

    kind: str
    label: str
    list_kind_label: str
    item_no: str
    name: str
    fields: list[tuple[str, str, str]]


def describe(diff: VersionDiff) -> list[ChangeLine]:
    lines = []
    for change in sorted(diff.changes, key=lambda c: CHANGE_ORDER.index(c.kind)):
        item = change.new if change.new is not None else change.old
        fields = [(str(FIELD_LABELS.get(name, name)), old, new) for name, (old, new) in change.fields.items()]
        if change.kind == MOVED:
            kinds = (str(KIND_LABELS[change.old.list_kind]), str(KIND_LABELS[change.new.list_kind]))
            fields.insert(0, (str(FIELD_LABELS["list_kind"]), *kinds))
        lines.append(
            ChangeLine(
                kind=change.kind,
                label=str(CHANGE_LABELS[change.kind]),
                list_kind_label=str(KIND_LABELS.get(item.list_kind, item.list_kind)),
                item_no=_field(item, "item_no"),
                name=item.name,
                fields=fields,
            )
        )
    return lines


def diff_counts(diff: VersionDiff) -> list[tuple[str, str, int]]:
    counts = diff.counts
    return [(kind, str(CHANGE_LABELS[kind]), counts[kind]) for kind in CHANGE_ORDER]
