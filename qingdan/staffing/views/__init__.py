"""The staffing pages, split by area: quotas and reforms, modules and positions, imports."""

from .imports import import_cancel, import_commit, import_preview, import_start
from .manage import (
    apply,
    approve_special,
    choose_modules,
    create_position,
    decide,
    pool_change,
    record_score,
    score_list,
    set_lead,
    town_manage,
)
from .positions import place, town_detail, town_print, unplace
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
    "apply",
    "approve_special",
    "choose_modules",
    "create_position",
    "decide",
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
    "pool_change",
    "record_score",
    "reform_detail",
    "reform_list",
    "score_list",
    "set_lead",
    "town_detail",
    "town_manage",
    "town_print",
    "unit_export",
    "unit_list",
    "unplace",
]
