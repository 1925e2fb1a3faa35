"""Finding the header row and naming its columns.

normalise_header(text)        a header cell as compared: no spaces (half- or full-width), no star marks,
                              full-width letters and brackets made half-width
HeaderNames(known, aliases)   header cell → the canonical header (or "" when blank), through aliases;
                              a note in brackets after a header (性质(常设/临时)) may be dropped
find_header(rows, is_header)  the header among the first non-blank rows, and whether title rows were
                              skipped above it
column_letter(index)          0 → A, 26 → AA
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

HEADER_SEARCH_ROWS = 10  # title rows a county may put above the header ("附件1 XX村履职事项清单")
TRAILING_NOTE = re.compile(r"[（(].*?[）)]$")


def normalise_header(text: str) -> str:
    """A header cell as compared with known headers: no spaces anywhere, no star marks."""
    text = "".join(text.replace("\ufeff", "").replace("\u200b", "").split())
    return text.strip("*＊")


class HeaderNames:
    """Header cells → canonical header names: normalised, then looked up among aliases."""

    def __init__(
        self,
        aliases: Mapping[str, str] = {},
        *,
        width_fold: bool = False,
        drop_note: bool = False,
    ):
        self.aliases = dict(aliases)
        self.width_fold = width_fold
        self.drop_note = drop_note

    def __call__(self, cell: str) -> str:
        text = normalise_header(cell)
        if self.width_fold:
            text = unicodedata.normalize("NFKC", text)
        if self.drop_note:
            text = TRAILING_NOTE.sub("", text)
        return self.aliases.get(text, text)


def is_blank(cells: Iterable[str]) -> bool:
    return all(not cell.strip() for cell in cells)


@dataclass
class HeaderAt:
    row_no: int  # spreadsheet row of the header
    cells: list[str]
    first_row_no: int  # spreadsheet row of the first non-blank row (the header unless titles are above)
    matched: bool  # False: no row matched, and the first non-blank row is taken as the header

    @property
    def skipped_titles(self) -> bool:
        return self.row_no != self.first_row_no


def find_header(
    rows: Iterator[tuple[int, list[str]]] | Iterable[tuple[int, list[str]]],
    is_header: Callable[[list[str]], bool],
    *,
    search_rows: int = HEADER_SEARCH_ROWS,
) -> HeaderAt | None:
    """The first of the first `search_rows` non-blank rows for which is_header(cells) holds, else the
    first non-blank row (matched=False); None when there is no non-blank row. Reads `rows` (pairs of
    spreadsheet row number and cells) only as far as needed, so an iterator continues after the header."""
    first: tuple[int, list[str]] | None = None
    seen = 0
    for row_no, cells in rows:
        if is_blank(cells):
            continue
        if first is None:
            first = (row_no, cells)
        if is_header(cells):
            return HeaderAt(row_no, cells, first[0], True)
        seen += 1
        if seen >= search_rows:
            break
    if first is None:
        return None
    return HeaderAt(first[0], first[1], first[0], False)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
