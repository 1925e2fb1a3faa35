"""The light ledger's pages: monitoring points, a village's month, its apps and signs, violations, import."""

from .imports import import_cancel, import_commit, import_preview, import_template, import_upload
from .inventory import sign_add, sign_dispose, sign_list, tool_add, tool_drop, tool_list
from .month import entry_add, entry_remove, month_detail, month_submit
from .points import point_list, point_mark, point_unmark, village_detail
from .violations import violation_confirm, violation_detail, violation_dismiss, violation_list

__all__ = [
    "entry_add",
    "entry_remove",
    "import_cancel",
    "import_commit",
    "import_preview",
    "import_template",
    "import_upload",
    "month_detail",
    "month_submit",
    "point_list",
    "point_mark",
    "point_unmark",
    "sign_add",
    "sign_dispose",
    "sign_list",
    "tool_add",
    "tool_drop",
    "tool_list",
    "village_detail",
    "violation_confirm",
    "violation_detail",
    "violation_dismiss",
    "violation_list",
]
