"""Every change to staffing, one verb each: keyword-only, the acting user first, one transaction, the
audit trail written, ActionRefused (Chinese, nothing written) for bad input, PermissionDenied outside one's
role or scope.

quotas.py     set_unit_quotas, move_quotas, add_person, reveal_person
reforms.py    record_reform (mapping_problem, went_to), send_to_pool, leave_pool, set_template,
              choose_template
positions.py  publish_modules, choose_modules, set_module_lead, create_position, place_person,
              remove_placement, apply_for, decide_application
scoring.py    set_scoring_rule, record_score, approve_special
"""

from .positions import (
    apply_for,
    choose_modules,
    create_position,
    decide_application,
    place_person,
    publish_modules,
    remove_placement,
    set_module_lead,
)
from .quotas import add_person, move_quotas, reveal_person, set_unit_quotas
from .reforms import (
    MappingRow,
    UnitRow,
    choose_template,
    leave_pool,
    mapping_problem,
    record_reform,
    send_to_pool,
    set_template,
    went_to,
)
from .scoring import approve_special, record_score, set_scoring_rule

__all__ = [
    "MappingRow",
    "UnitRow",
    "add_person",
    "apply_for",
    "approve_special",
    "choose_modules",
    "choose_template",
    "create_position",
    "decide_application",
    "leave_pool",
    "mapping_problem",
    "move_quotas",
    "place_person",
    "publish_modules",
    "record_reform",
    "record_score",
    "remove_placement",
    "reveal_person",
    "send_to_pool",
    "set_module_lead",
    "set_scoring_rule",
    "set_template",
    "set_unit_quotas",
    "went_to",
]
