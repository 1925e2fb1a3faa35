"""Check a Grid against the import layout and collect every problem, row by row."""

from collections.abc import Callable

from qingdan.sheets.grid import Grid
from qingdan.sheets.headers import HEADER_SEARCH_ROWS, find_header
from qingdan.sheets.problems import file_problem

from . import messages
from .layout import (
    COLUMNS,
    DEFAULT_MAX_LENGTH,
    FIELD_BY_HEADER,
    FIELDS,
    HEADER_BY_FIELD,
    HEADINGS,
    LIST_KINDS,
    MAX_LENGTH,
    REQUIRED,
    column_letter,
    normalise_header,
    normalise_kind,
    restore,
)
from .results import ItemRow, Problem, ReadResult

PROGRESS_EVERY = 200
IGNORED = ""  # column marker: a header we do not import (unknown or repeated)
ALLOWED_KINDS = "、".join(LIST_KINDS)
KNOWN_HEADERS = "、".join(header for header, _ in COLUMNS)

Progress = Callable[[int, int], None]


def check_grid(grid: Grid, progress: Progress | None = None) -> ReadResult:
    result = ReadResult(warnings=list(grid.warnings))
    header_at = _find_header(grid.cells, result)
    if header_at is None:
        result.errors.append(file_problem(messages.EMPTY_FILE))
        return result
    fields = _read_header(grid, header_at, result)
    header_sound = not result.errors
    present = {HEADER_BY_FIELD.get(field or "") for field in fields}
    if not present.issuperset(REQUIRED):
        return result  # without the required columns no row can be checked

    body = grid.cells[header_at + 1 :]
    first_row_no = header_at + 2
    checker = _RowChecker(fields, grid.formulas, result)
    total = len(body)
    for offset, cells in enumerate(body):
        checker.check(first_row_no + offset, cells)
        if progress is not None and (offset + 1) % PROGRESS_EVERY == 0 and offset + 1 < total:
            progress(offset + 1, total)
    if progress is not None:
        progress(total, total)

    if not checker.seen_items:
        result.errors.append(file_problem(messages.NO_ITEMS))
    if header_sound:  # a wrong header makes every row doubtful
        result.rows = [row for row in checker.rows if row.row not in checker.bad_rows]
    result.errors.sort(key=lambda problem: problem.row)
    return result


def _is_blank(cells: list[str]) -> bool:
    return all(not cell.strip() for cell in cells)


def _names_required_columns(cells: list[str]) -> bool:
    return len({normalise_header(cell) for cell in cells} & REQUIRED) >= 2


def _find_header(cells: list[list[str]], result: ReadResult) -> int | None:
    """Index of the header row: the first non-blank row, unless a later one among the first few
    non-blank rows names at least two required columns (the rows above are then titles)."""
    rows = ((index + 1, row) for index, row in enumerate(cells))
    header = find_header(rows, _names_required_columns, search_rows=HEADER_SEARCH_ROWS)
    if header is None:
        return None
    if header.skipped_titles:
        first, last = header.first_row_no, header.row_no - 1
        text = messages.SKIPPED_TITLE_ROW if first == last else messages.SKIPPED_TITLE_ROWS
        result.warnings.append(file_problem(text.format(first=first, last=last)))
    return header.row_no - 1


def _read_header(grid: Grid, header_at: int, result: ReadResult) -> list[str | None]:
    """Field name per column index; IGNORED for a column we skip, None for a column without header."""
    row_no = header_at + 1
    fields: list[str | None] = []
    seen: dict[str, int] = {}
    for col, cell in enumerate(grid.cells[header_at]):
        header = normalise_header(cell)
        if not header:
            fields.append(None)
            continue
        field = FIELD_BY_HEADER.get(header)
        if field is None:
            text = messages.UNKNOWN_HEADER.format(header=cell.strip(), number=col + 1, known=KNOWN_HEADERS)
            result.warnings.append(Problem(row_no, cell.strip(), text))
            fields.append(IGNORED)
        elif header in seen:
            text = messages.DUPLICATE_HEADER.format(column=header, first=seen[header] + 1, second=col + 1)
            result.errors.append(Problem(row_no, header, text))
            fields.append(IGNORED)
        else:
            seen[header] = col
            fields.append(field)
    for header, _ in COLUMNS:
        if header in REQUIRED and header not in seen:
            result.errors.append(Problem(row_no, header, messages.MISSING_HEADER.format(column=header)))
    for col, ref in grid.formulas.get(row_no, []):
        result.errors.append(Problem(row_no, _header_of(fields, col), messages.FORMULA.format(cell=ref)))
    return fields


def _header_of(fields: list[str | None], col: int) -> str:
    field = fields[col] if col < len(fields) else None
    return HEADER_BY_FIELD.get(field or "", "")


class _RowChecker:
    """Checks item rows one at a time, remembering item numbers to find duplicates."""

    def __init__(self, fields: list[str | None], formulas: dict, result: ReadResult) -> None:
        self.fields = fields
        self.formulas = formulas
        self.result = result
        self.rows: list[ItemRow] = []
        self.bad_rows: set[int] = set()
        self.first_row_of: dict[tuple[str, str], int] = {}
        self.seen_items = False

    def error(self, row_no: int, field: str, message: str) -> None:
        self.result.errors.append(Problem(row_no, HEADER_BY_FIELD.get(field, ""), message))
        self.bad_rows.add(row_no)

    def check(self, row_no: int, cells: list[str]) -> None:
        for col, ref in self.formulas.get(row_no, []):
            header = _header_of(self.fields, col)
            self.result.errors.append(Problem(row_no, header, messages.FORMULA.format(cell=ref)))
            self.bad_rows.add(row_no)
        if _is_blank(cells):
            return
        self.seen_items = True
        values = dict.fromkeys(FIELDS, "")
        for col, cell in enumerate(cells):
            field = self.fields[col] if col < len(self.fields) else None
            if field is None:
                if cell.strip():
                    self.error(row_no, "", _extra_cell(col, cell))
            elif field:
                values[field] = restore(cell.strip()).strip()
        self._check_values(row_no, values)
        if row_no not in self.bad_rows:
            values["list_kind"] = LIST_KINDS[normalise_kind(values["list_kind"])]
            self.rows.append(ItemRow(row=row_no, **values))

    def _check_values(self, row_no: int, values: dict[str, str]) -> None:
        kind_text = values["list_kind"]
        kind = LIST_KINDS.get(normalise_kind(kind_text))
        if not kind_text:
            self.error(row_no, "list_kind", messages.EMPTY_KIND.format(allowed=ALLOWED_KINDS))
        elif kind is None:
            text = messages.UNKNOWN_KIND.format(value=_preview(kind_text), allowed=ALLOWED_KINDS)
            self.error(row_no, "list_kind", text)

        item_no = values["item_no"]
        if not item_no:
            self.error(row_no, "item_no", messages.EMPTY_ITEM_NO)
        elif len(item_no) > MAX_LENGTH["item_no"]:
            text = messages.ITEM_NO_TOO_LONG.format(
                value=_preview(item_no), length=len(item_no), limit=MAX_LENGTH["item_no"]
            )
            self.error(row_no, "item_no", text)
        elif kind is not None:
            first = self.first_row_of.setdefault((kind, item_no), row_no)
            if first != row_no:
                text = messages.DUPLICATE_ITEM_NO.format(value=item_no, kind=HEADINGS[kind], first=first)
                self.error(row_no, "item_no", text)
                self.bad_rows.add(first)

        if not values["name"]:
            self.error(row_no, "name", messages.EMPTY_NAME)
        for field, value in values.items():
            limit = MAX_LENGTH.get(field, DEFAULT_MAX_LENGTH)
            if field != "item_no" and len(value) > limit:
                self.error(row_no, field, messages.TOO_LONG.format(length=len(value), limit=limit))


def _extra_cell(col: int, cell: str) -> str:
    return messages.EXTRA_CELL.format(number=col + 1, letter=column_letter(col), preview=_preview(cell))


def _preview(text: str, limit: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
