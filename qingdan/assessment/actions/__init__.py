"""Every change to village assessment. Each function is keyword-only, takes the acting user, runs in one
transaction, checks access first, validates everything before writing and writes the audit trail.

County (or township) offices  set_cap, create_scheme, set_pay_rules, add_indicator, keep_indicator,
                              update_indicator, remove_indicator, drop_indicator, publish_scheme,
                              set_village_type
The county's joint team       form_team, record_visit, publish_results, record_pay, decide_appeal,
                              correct_score, freeze_results
The village                   report_value, file_appeal

Bad input or a wrong state raises qingdan.errors.ActionRefused with a Chinese message, and nothing is
written; acting outside one's role or scope raises PermissionDenied (from qingdan.access).
"""

from ._checks import IndicatorInput
from .results import (
    APPEALS,
    Cadre,
    correct_score,
    decide_appeal,
    file_appeal,
    freeze_results,
    publish_results,
    record_pay,
)
from .schemes import (
    add_indicator,
    create_scheme,
    drop_indicator,
    keep_indicator,
    publish_scheme,
    remove_indicator,
    set_cap,
    set_pay_rules,
    set_village_type,
    update_indicator,
)
from .visits import Verified, compute_scores, form_team, record_visit, report_value

__all__ = [
    "APPEALS",
    "Cadre",
    "IndicatorInput",
    "Verified",
    "add_indicator",
    "compute_scores",
    "correct_score",
    "create_scheme",
    "decide_appeal",
    "drop_indicator",
    "file_appeal",
    "form_team",
    "freeze_results",
    "keep_indicator",
    "publish_results",
    "publish_scheme",
    "record_pay",
    "record_visit",
    "remove_indicator",
    "report_value",
    "set_cap",
    "set_pay_rules",
    "set_village_type",
    "update_indicator",
]
