"""A sheet as plain text cells, the common ground of the .tsv/.csv and .xlsx readers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .problems import Problem, file_problem

__all__ = ["Grid", "Rows", "file_problem"]


@dataclass
class Grid:
    # cells[i] is spreadsheet row i + 1; cells are unstripped text ("" when empty)
    cells: list[list[str]]
    # spreadsheet row → [(column index, cell reference such as "C5")] of cells that hold a formula
    formulas: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Rows:
    """The rows of a file as (spreadsheet row number, cells), read lazily where the format allows
    (a million-row .tsv is split line by line while it is checked, never held twice)."""

    rows: Iterable[tuple[int, list[str]]]
    total: int
    formulas: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
