"""The one spreadsheet toolkit every importer and export uses.

Reading (pure Python, no Django: batch commands read files without a database)
    reading.load_grid / load_rows    .xlsx (python-calamine), .tsv/.txt, .csv → rows of text cells;
                                     encodings detected, GB18030 and binary files refused in Chinese
    headers.find_header, HeaderNames the header row below any title rows; header aliases
    dates.read_date / parse_date     the one Chinese date reader (2024-03-05, 2024/3/5, 2024年3月5日,
                                     2024.3.5, 20240305, Excel day numbers)
    cells                            typed cell parsers raising CellError (Chinese)
    problems.Problem, Problems       what is wrong, by row and column; a capped list
    formulas.neutralise / restore    the protective quote before = + - @ (formula cells are refused:
                                     Grid.formulas lists them)
Writing
    writing.table_workbook, titled_table_workbook   .xlsx exports: text stays text, numbers are numbers
Django side (import the module itself)
    staging     uploaded files kept between a preview and its commit, encrypted when they may hold
                personal data; deleted on commit, on cancel and by `qingdan purge-uploads`
    flow        preview → commit, each a job with progress (qingdan.jobs)
"""

from .dates import parse_date, read_date
from .grid import Grid, Rows
from .problems import Problem, Problems, file_problem
from .reading import load_grid, load_rows

__all__ = [
    "Grid",
    "Problem",
    "Problems",
    "Rows",
    "file_problem",
    "load_grid",
    "load_rows",
    "parse_date",
    "read_date",
]
