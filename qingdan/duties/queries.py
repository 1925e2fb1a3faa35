"""Read helpers for duty catalogs. Callers pass querysets already restricted by qingdan.access."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from qingdan.duties.sheet import ItemRow

from .choices import DEPARTMENT_KINDS
from .models import CatalogVersion, DutyItem

ROW_FIELDS = (
    "list_kind",
    "item_no",
    "category",
    "name",
    "content",
    "basis",
    "department_duty",
    "grassroots_duty",
    "working_method",
    "source",
)


def rows_of(version: CatalogVersion, items: QuerySet[DutyItem] | None = None) -> list[ItemRow]:
    """A version's items in the file layout, ready to export or to edit into an amendment.

    `items` narrows them to those a reader may see: access.visible(version.items.all(), user).
    """
    items = version.items.all() if items is None else items
    return [
        ItemRow(
            row=i + 2,
            responsible_unit=item.responsible_unit_name,
            **{f: getattr(item, f) for f in ROW_FIELDS},
        )
        for i, item in enumerate(items.order_by("position"))
    ]


SEARCH_WORDS = 5  # words of one search that are matched; more only slow the query down


def search_words(text: str | None) -> list[str]:
    """The words of a search box, split at spaces (full-width ones too), the first few only."""
    return (text or "").split()[:SEARCH_WORDS]


def matching_items(items: QuerySet[DutyItem], words: list[str]) -> QuerySet[DutyItem]:
    """Items whose name or content holds every word ("居住 证明" finds 居住证明 and 证明居住情况).

    Plain icontains, the same on SQLite and PostgreSQL: Chinese has no case, and a county's current
    items are a few thousand rows, read in milliseconds (see the catalog list's search test)."""
    for word in words:
        items = items.filter(Q(name__icontains=word) | Q(content__icontains=word))
    return items


def current_items(items: QuerySet[DutyItem]) -> QuerySet[DutyItem]:
    """Only items of each catalog's current published version."""
    return items.filter(version__catalog__current_version=F("version"))


def department_items(items: QuerySet[DutyItem], unit) -> QuerySet[DutyItem]:
    """A department's mirror view: every cooperate/withdrawn/assist item, in every township and village,
    that names the unit as 责任单位, in the current version of each division's catalog."""
    return (
        current_items(items)
        .filter(responsible_unit=unit, list_kind__in=DEPARTMENT_KINDS, version__catalog__is_template=False)
        .select_related("version__catalog__division")
        .order_by("list_kind", "version__catalog__division__code", "position")
    )
