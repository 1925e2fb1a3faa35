"""What is wrong with a file, in Chinese, by spreadsheet row and column; and a list of them with a cap."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from . import messages

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a file, in Chinese."""

    row: int  # spreadsheet row (1 = the first row of the sheet); 0 for a whole-file problem
    column: str  # the column's header, "" for whole-file and whole-row problems
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return messages.AT_ROW.format(row=self.row, message=self.message)
        return messages.AT_CELL.format(row=self.row, column=self.column, message=self.message)

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


def file_problem(message: str) -> Problem:
    return Problem(row=0, column="", message=message)


class Problems:
    """Problems up to `limit`, then one whole-file problem saying the list stops there.

    `count` keeps counting past the cap, so a page can say how many there were in all.
    """

    def __init__(self, limit: int = MAX_PROBLEMS, *, into: list[Problem] | None = None):
        self.limit = limit
        self.items: list[Problem] = [] if into is None else into
        self.count = 0
        self.full = False

    def add(self, row: int, column: str, message: str) -> None:
        self.append(Problem(row, column, message))

    def append(self, problem: Problem) -> None:
        self.count += 1
        if self.full:
            return
        if len(self.items) >= self.limit:
            self.full = True
            self.items.append(file_problem(messages.TOO_MANY_PROBLEMS.format(count=self.limit)))
            return
        self.items.append(problem)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)
