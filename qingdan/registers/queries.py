"""Read-only questions about the registers: which residents carry a tag or match a search."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from . import personal


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
