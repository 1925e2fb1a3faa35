"""A sheet as plain text cells, the common ground of the .tsv and .xlsx readers."""

from dataclasses import dataclass, field

from .results import Problem


@dataclass
class Grid:
    # cells[i] is spreadsheet row i + 1; cells are unstripped text ("" when empty)
    cells: list[list[str]]
    # spreadsheet row → [(column index, cell reference such as "C5")] of cells that hold a formula
    formulas: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def file_problem(message: str) -> Problem:
    return Problem(row=0, column="", message=message)
