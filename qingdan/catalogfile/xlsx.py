"""Moved to qingdan.sheets.xlsx (kept for the registers importer until it moves)."""

from qingdan.sheets.xlsx import load_xlsx

__all__ = ["load_xlsx"]
