"""Turn the bytes of a .tsv file into a Grid: UTF-8 (optional BOM), one row per line, cells split on tabs."""

import codecs

from . import messages
from .grid import Grid, file_problem
from .results import Problem

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # the container of .xls files and encrypted workbooks


def load_tsv(data: bytes) -> Grid | Problem:
    if data.startswith(ZIP_MAGIC):
        return file_problem(messages.TEXT_IS_XLSX)
    if data.startswith(OLE_MAGIC):
        return file_problem(messages.OLD_EXCEL)
    text = _decode(data)
    if isinstance(text, Problem):
        return text
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the final line break ends the last row; it does not start another
    return Grid(cells=[(line[:-1] if line.endswith("\r") else line).split("\t") for line in lines])


def _decode(data: bytes) -> str | Problem:
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
        if _looks_like_gb18030(data):
            return file_problem(messages.NOT_UTF8_GB18030)
        line = data[: exc.start].count(b"\n") + 1
        return file_problem(messages.NOT_UTF8.format(line=line))


def _looks_like_gb18030(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= char <= "\u9fff" for char in text)
