"""Moved to qingdan.sheets.writing (kept for the forms app until it moves onto it)."""

from qingdan.sheets.writing import table_workbook, titled_table_workbook

__all__ = ["table_workbook", "titled_table_workbook"]
