"""read_catalog(): bytes of a .xlsx or .tsv file → ReadResult. Never raises for bad input."""

import os
from pathlib import PurePath

from . import messages
from .checks import Progress, check_grid
from .grid import file_problem
from .results import Problem, ReadResult
from .tsv import load_tsv
from .xlsx import load_xlsx

LOADERS = {".xlsx": load_xlsx, ".tsv": load_tsv, ".txt": load_tsv}


def read_catalog(data: bytes, filename: str, *, progress: Progress | None = None) -> ReadResult:
    """Read a catalog file in the import layout; the file type is chosen by the extension of filename.

    A value written by write_xlsx()/write_tsv() with a protective leading quote (see layout.neutralise)
    comes back without it. progress(done, total) is called about every 200 rows and once at the end.
    """
    suffix = PurePath(filename).suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        return _failed(messages.UNSUPPORTED_TYPE.format(suffix=suffix or filename))
    if not data.strip():
        return _failed(messages.EMPTY_FILE)
    grid = loader(data)
    if isinstance(grid, Problem):
        return ReadResult(errors=[grid])
    return check_grid(grid, progress)


def read_catalog_path(path: str | os.PathLike) -> ReadResult:
    """read_catalog() for a file on disk; a file that cannot be opened is a whole-file error."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return _failed(messages.UNREADABLE_PATH.format(name=os.fspath(path)))
    return read_catalog(data, os.fspath(path))


def _failed(message: str) -> ReadResult:
    return ReadResult(errors=[file_problem(message)])
