"""Text files as rows: .tsv (and .txt) split on tabs, .csv by the csv module.

decode(data)      the text of a file: UTF-8 (with or without a byte-order mark) or UTF-16 with a mark;
                  a GB18030 (GBK) file, a binary file or a workbook with the wrong name is a Problem
                  with the Chinese reason and what to do.
load_tsv(data)    a Grid;  tsv_rows(data) the same rows, split lazily
load_csv(data)    a Grid
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from . import messages
from .grid import Grid, Rows
from .problems import Problem, file_problem

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # the container of .xls files and encrypted workbooks


def decode(data: bytes) -> str | Problem:
    if data.startswith(ZIP_MAGIC):
        return file_problem(messages.TEXT_IS_XLSX)
    if data.startswith(OLE_MAGIC):
        return file_problem(messages.OLD_EXCEL)
    # Excel's "Unicode 文本" export is UTF-16 with a byte-order mark: unambiguous, so accept it.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return file_problem(messages.BINARY_TEXT)
    if b"\x00" in data:
        return file_problem(messages.BINARY_TEXT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if looks_like_gb18030(data):
            return file_problem(messages.NOT_UTF8_GB18030)
        line = data[: exc.start].count(b"\n") + 1
        return file_problem(messages.NOT_UTF8.format(line=line))


def looks_like_gb18030(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the final line break ends the last row; it does not start another
    return lines


def _split(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    for index, line in enumerate(lines):
        yield index + 1, (line[:-1] if line.endswith("\r") else line).split("\t")


def tsv_rows(data: bytes) -> Rows | Problem:
    text = decode(data)
    if isinstance(text, Problem):
        return text
    lines = _lines(text)
    return Rows(rows=_split(lines), total=len(lines))


def load_tsv(data: bytes) -> Grid | Problem:
    text = decode(data)
    if isinstance(text, Problem):
        return text
    return Grid(cells=[cells for _row, cells in _split(_lines(text))])


def load_csv(data: bytes) -> Grid | Problem:
    """A comma-separated file as Excel writes it (quoted cells may hold commas and line breaks)."""
    text = decode(data)
    if isinstance(text, Problem):
        return text
    return Grid(cells=[list(row) for row in csv.reader(io.StringIO(text, newline=""))])
