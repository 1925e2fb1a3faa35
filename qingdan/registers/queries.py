"""Read-only questions about the registers: current values, which Resident field holds an element, which
residents carry a tag or match a search. The state changes are actions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from qingdan.forms.choices import ElementKind
from qingdan.forms.models import DataElement

from . import personal
from .models import Resident, ResidentFact, VillageFact


def with_tag(residents: QuerySet, tag: str) -> QuerySet:
    """Residents carrying `tag` among their space-separated tags (all of them when tag is empty)."""
    if not tag:
        return residents
    return residents.filter(
        Q(tags=tag)
        | Q(tags__startswith=f"{tag} ")
        | Q(tags__endswith=f" {tag}")
        | Q(tags__contains=f" {tag} ")
    )


FULL_ID = re.compile(r"^\d{17}[\dXx]$")


def matching(residents: QuerySet, text: str) -> QuerySet:
    """Residents found by a full ID number (through its lookup hash, never the clear number) or by a
    part of their name; all of them for an empty text."""
    text = (text or "").strip()
    if FULL_ID.match(text):
        return residents.filter(id_hash=personal.lookup_hash(text.upper()))
    return residents.filter(name__icontains=text) if text else residents


# Element name → the Resident field that holds it (shown masked where personal).
BASE_FIELDS = {
    "姓名": "name",
    "身份证号": "id_masked",
    "户号": "household",
    "联系电话": "phone_masked",
    "标签": "tags",
}


def resident_field(element: DataElement) -> str:
    """The Resident field holding an element of the residents register, or "" for an attribute."""
    if element.kind == ElementKind.ID_NUMBER:
        return "id_masked"
    if element.kind == ElementKind.PHONE:
        return "phone_masked"
    return BASE_FIELDS.get(element.name, "")


def current_village_facts(village, elements: Iterable[DataElement] | None = None) -> dict[int, VillageFact]:
    """The latest value of each element for the village (latest `as_of`, then latest set): one query."""
    facts = VillageFact.objects.filter(village=village)
    if elements is not None:
        facts = facts.filter(element__in=list(elements))
    current: dict[int, VillageFact] = {}
    for fact in facts.order_by("element_id", "-as_of", "-id"):
        current.setdefault(fact.element_id, fact)
    return current


def current_resident_facts(
    residents: Iterable[Resident] | QuerySet[Resident], elements: Iterable[DataElement]
) -> dict[tuple[int, int], ResidentFact]:
    """The latest value of each (resident, element): one query. `residents` may be a queryset."""
    element_ids = [e.pk for e in elements]
    resident_filter: dict[str, object]
    if isinstance(residents, QuerySet):  # filtered in the database, no list of ids
        resident_filter = {"resident__in": residents.order_by().values("pk")}
    else:
        resident_filter = {"resident_id__in": [r.pk for r in residents]}
    facts = ResidentFact.objects.filter(element_id__in=element_ids, **resident_filter).order_by(
        "resident_id", "element_id", "-as_of", "-id"
    )
    current: dict[tuple[int, int], ResidentFact] = {}
    for fact in facts:
        current.setdefault((fact.resident_id, fact.element_id), fact)
    return current
