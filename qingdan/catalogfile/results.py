"""Moved to qingdan.sheets.problems (kept for the registers importer until it moves)."""

from qingdan.sheets.problems import Problem

__all__ = ["Problem"]
