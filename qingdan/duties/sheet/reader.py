"""read_catalog(): bytes of a .xlsx or .tsv file → ReadResult. Never raises for bad input."""

import os

from qingdan.sheets.reading import load_grid, read_path

from .checks import Progress, check_grid
from .results import Problem, ReadResult

SUFFIXES = (".xlsx", ".tsv", ".txt")


def read_catalog(data: bytes, filename: str, *, progress: Progress | None = None) -> ReadResult:
    """Read a catalog file in the import layout; the file type is chosen by the extension of filename.

    A value written by write_xlsx()/write_tsv() with a protective leading quote (see sheets.formulas)
    comes back without it. progress(done, total) is called about every 200 rows and once at the end.
    """
    grid = load_grid(data, filename, suffixes=SUFFIXES)
    if isinstance(grid, Problem):
        return ReadResult(errors=[grid])
    return check_grid(grid, progress)


def read_catalog_path(path: str | os.PathLike) -> ReadResult:
    """read_catalog() for a file on disk; a file that cannot be opened is a whole-file error."""
    found = read_path(path)
    if isinstance(found, Problem):
        return ReadResult(errors=[found])
    data, name = found
    return read_catalog(data, name)
