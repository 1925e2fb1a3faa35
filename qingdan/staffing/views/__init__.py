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
from .setup import module_catalogue, reform_create, scoring_rule, template_choose, template_list

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
    "module_catalogue",
    "move_create",
    "move_report",
    "person_list",
    "person_reveal",
    "place",
    "pool",
    "pool_change",
    "record_score",
    "reform_create",
    "reform_detail",
    "reform_list",
    "score_list",
    "scoring_rule",
    "set_lead",
    "template_choose",
    "template_list",
    "town_detail",
    "town_manage",
    "town_print",
    "unit_export",
    "unit_list",
    "unplace",
]
