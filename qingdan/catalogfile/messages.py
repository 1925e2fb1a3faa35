"""Moved to qingdan.sheets.messages (kept for the registers importer until it moves)."""

from qingdan.sheets.messages import (
    BINARY_TEXT,
    EMPTY_FILE,
    NOT_UTF8,
    NOT_UTF8_GB18030,
    OLD_EXCEL,
    TEXT_IS_XLSX,
)

__all__ = ["BINARY_TEXT", "EMPTY_FILE", "NOT_UTF8", "NOT_UTF8_GB18030", "OLD_EXCEL", "TEXT_IS_XLSX"]
