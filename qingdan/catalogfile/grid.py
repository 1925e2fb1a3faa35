"""Moved to qingdan.sheets.grid (kept for the registers importer until it moves)."""

from qingdan.sheets.grid import Grid, file_problem

__all__ = ["Grid", "file_problem"]
