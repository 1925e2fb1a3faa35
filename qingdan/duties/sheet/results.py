"""What reading a catalog file gives back: good rows, errors and warnings."""

from dataclasses import dataclass, field

from qingdan.sheets.problems import Problem

__all__ = ["ItemRow", "Problem", "ReadResult"]


@dataclass(frozen=True)
class ItemRow:
    """One good row. list_kind is the code ("negative"); every other field is stripped text, "" if absent."""

    row: int  # spreadsheet row number: the header is row 1, the first item row 2
    list_kind: str
    item_no: str
    category: str
    name: str
    content: str
    basis: str
    responsible_unit: str
    department_duty: str
    grassroots_duty: str
    working_method: str
    source: str


@dataclass
class ReadResult:
    """Rows without a problem of their own, plus every error and warning found.

    Import nothing unless ``ok``: one error anywhere means the file as a whole is not trusted.
    """

    rows: list[ItemRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
