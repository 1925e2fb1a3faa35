"""Moved: the generic parts to qingdan.sheets, the catalog layout to qingdan.duties.sheet.

This package only re-exports them for the registers importer until it moves onto qingdan.sheets.
"""
