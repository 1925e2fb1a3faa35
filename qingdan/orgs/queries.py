"""Read helpers for divisions. Callers pass querysets already restricted by qingdan.access."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .choices import CODE_PREFIX_LENGTH, DivisionKind, Level
from .models import Division

LEVEL_ORDER = list(Level)


@dataclass
class TreeNode:
    division: Division
    children: list[TreeNode] = field(default_factory=list)
    villages: int = 0  # 村 anywhere below
    communities: int = 0  # 社区 anywhere below

    @property
    def places(self) -> int:
        return self.villages + self.communities


def division_tree(divisions: Iterable[Division]) -> list[TreeNode]:
    """Divisions (ordered by code) as a forest: each division under its parent when the parent is among
    them, else a root. Villages and communities are counted for every node above them."""
    nodes: dict[int, TreeNode] = {}
    roots: list[TreeNode] = []
    for division in divisions:
        node = nodes[division.pk] = TreeNode(division)
        parent = nodes.get(division.parent_id) if division.parent_id else None
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        if node.division.level != Level.VILLAGE:
            continue
        is_community = node.division.kind == DivisionKind.COMMUNITY
        ancestor = nodes.get(node.division.parent_id) if node.division.parent_id else None
        while ancestor is not None:
            if is_community:
                ancestor.communities += 1
            else:
                ancestor.villages += 1
            parent_id = ancestor.division.parent_id
            ancestor = nodes.get(parent_id) if parent_id else None
    return roots


def matches(division: Division, text: str) -> bool:
    """Does a search text match a division's name, or the start of its code?"""
    text = text.strip()
    return bool(text) and (text in division.name or division.code.startswith(text))


def ancestor_codes(division: Division) -> list[str]:
    """The codes of the divisions above this one, from the top (province) down."""
    codes = []
    for level in LEVEL_ORDER[: LEVEL_ORDER.index(Level(division.level))]:
        prefix = division.code[: CODE_PREFIX_LENGTH[level]]
        codes.append(prefix.ljust(12, "0"))
    return codes
