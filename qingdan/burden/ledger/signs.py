"""The Jingmen sign standard: outside the service centre "一横四竖一方" (at most one horizontal, four
vertical and one square sign), inside one sign per room. Only signs still hanging count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import choices as c
from .models import Sign


@dataclass(frozen=True)
class Breach:
    where: str  # "outside, vertical" or the room's name
    hanging: int
    allowed: int
    signs: tuple[str, ...]

    def __str__(self) -> str:
        return _("%(where)s: %(hanging)d signs, the standard allows %(allowed)d (%(signs)s)") % {
            "where": self.where,
            "hanging": self.hanging,
            "allowed": self.allowed,
            "signs": "、".join(self.signs),
        }


@dataclass(frozen=True)
class SignReport:
    before: int  # every sign in the inventory
    after: int  # the signs still hanging
    removed: int
    by_kind_before: dict[str, int]
    by_kind_after: dict[str, int]
    breaches: list[Breach]


def breaches(signs: Iterable[Sign]) -> list[Breach]:
    hanging = [sign for sign in signs if sign.hanging]
    found: list[Breach] = []
    for place, allowed in c.OUTSIDE_CAPS.items():
        here = [sign.name for sign in hanging if sign.place == place]
        if len(here) > allowed:
            found.append(Breach(str(c.SignPlace(place).label), len(here), allowed, tuple(here)))
    rooms: dict[str, list[str]] = {}
    for sign in hanging:
        if sign.place == c.SignPlace.ROOM:
            rooms.setdefault(sign.room, []).append(sign.name)
    for room, names in sorted(rooms.items()):
        if len(names) > c.SIGNS_PER_ROOM:
            found.append(Breach(room, len(names), c.SIGNS_PER_ROOM, tuple(names)))
    return found


def report(signs: Iterable[Sign]) -> SignReport:
    signs = list(signs)
    hanging = [sign for sign in signs if sign.hanging]
    return SignReport(
        before=len(signs),
        after=len(hanging),
        removed=len(signs) - len(hanging),
        by_kind_before=dict(Counter(sign.kind for sign in signs)),
        by_kind_after=dict(Counter(sign.kind for sign in hanging)),
        breaches=breaches(signs),
    )
