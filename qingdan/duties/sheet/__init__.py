"""The duty catalog file layout (.xlsx / .tsv, the columns county offices publish): read and write it.

Built on qingdan.sheets (loading, header search, formula safety); this package holds only what is the
catalog's own: the columns, list kinds, limits and checks. Pure Python, no Django: the screening library
and batch commands use it without a database. Its Chinese texts are in messages.py.
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
