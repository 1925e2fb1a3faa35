"""Moved to qingdan.sheets (kept for the registers importer until it moves)."""

from qingdan.sheets.formulas import neutralise, restore
from qingdan.sheets.headers import normalise_header

__all__ = ["neutralise", "normalise_header", "restore"]
