"""The staffing pages, split by area: quotas and reforms, modules and positions, imports."""

from .imports import import_cancel, import_commit, import_preview, import_start
from .positions import place, town_detail, town_print
from .quotas import (
    move_create,
    move_report,
    person_list,
    person_reveal,
    pool,
    reform_detail,
    reform_list,
    unit_export,
    unit_list,
)

__all__ = [
    "import_cancel",
    "import_commit",
    "import_preview",
    "import_start",
    "move_create",
    "move_report",
    "person_list",
    "person_reveal",
    "place",
    "pool",
    "reform_detail",
    "reform_list",
    "town_detail",
    "town_print",
    "unit_export",
    "unit_list",
]
