"""Read and write duty catalog files (.xlsx / .tsv) in the catalog import layout.

Pure Python, no Django: the screening library and batch commands use it without a database.
All texts shown to people are Chinese and live in messages.py.
"""

from .layout import COLUMNS, HEADINGS, LIST_KINDS, REQUIRED
from .reader import read_catalog, read_catalog_path
from .results import ItemRow, Problem, ReadResult
from .writer import write_tsv, write_xlsx

__all__ = [
    "COLUMNS",
    "HEADINGS",
    "LIST_KINDS",
    "REQUIRED",
    "ItemRow",
    "Problem",
    "ReadResult",
    "read_catalog",
    "read_catalog_path",
    "write_tsv",
    "write_xlsx",
]
