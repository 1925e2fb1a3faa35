"""Reading a spreadsheet file by its name's suffix: .xlsx, .tsv/.txt (tab-separated) or .csv.

load_grid(data, filename)   a Grid of the first sheet, or the whole-file Problem in Chinese
load_rows(data, filename)   the same rows as a Rows, split lazily for text files (million-row imports)
read_path(path)             (bytes, name) of a file on disk, or the whole-file Problem
Never raises for bad input.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import PurePath

from . import messages
from .grid import Grid, Rows
from .problems import Problem, file_problem
from .text import load_csv, load_tsv, tsv_rows
from .xlsx import load_xlsx, xlsx_rows

LOADERS: dict[str, Callable[[bytes], Grid | Problem]] = {
    ".xlsx": load_xlsx,
    ".tsv": load_tsv,
    ".txt": load_tsv,
    ".csv": load_csv,
}
SUFFIXES = tuple(LOADERS)


def suffix_of(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


def _unsupported(filename: str) -> Problem:
    return file_problem(messages.UNSUPPORTED_TYPE.format(suffix=suffix_of(filename) or filename))


def load_grid(data: bytes, filename: str, *, suffixes: tuple[str, ...] = SUFFIXES) -> Grid | Problem:
    suffix = suffix_of(filename)
    loader = LOADERS.get(suffix) if suffix in suffixes else None
    if loader is None:
        return _unsupported(filename)
    if not data.strip():
        return file_problem(messages.EMPTY_FILE)
    return loader(data)


def load_rows(data: bytes, filename: str, *, suffixes: tuple[str, ...] = SUFFIXES) -> Rows | Problem:
    suffix = suffix_of(filename)
    if suffix not in suffixes or suffix not in LOADERS:
        return _unsupported(filename)
    if not data.strip():
        return file_problem(messages.EMPTY_FILE)
    if suffix in (".tsv", ".txt"):
        return tsv_rows(data)
    if suffix == ".xlsx":
        return xlsx_rows(data)
    grid = LOADERS[suffix](data)
    if isinstance(grid, Problem):
        return grid
    rows = [(index + 1, cells) for index, cells in enumerate(grid.cells)]
    return Rows(rows=rows, total=len(rows), formulas=grid.formulas, warnings=list(grid.warnings))


def read_path(path: str | os.PathLike) -> tuple[bytes, str] | Problem:
    try:
        with open(path, "rb") as file:
            return file.read(), os.fspath(path)
    except OSError:
        return file_problem(messages.UNREADABLE_PATH.format(name=os.fspath(path)))
