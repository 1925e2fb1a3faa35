"""Every change to task checklists. Each function is keyword-only, takes the acting user, runs in one
transaction, checks access, writes the audit trail and notifies people on commit.

The checklist's unit    create_checklist, update_checklist, issue_checklist, close_checklist,
                        add_row, edit_row, remove_row, copy_checklist, preview_import, import_rows
The responsible person  update_progress
The daily command       send_alerts

Bad input or a wrong state raises qingdan.errors.ActionRefused with a message for the user (its
`problems` list every bad row), and nothing is written; acting outside one's role, unit or row raises
PermissionDenied (from qingdan.access, whose object rules decide it).
"""

from ._support import RowInput
from .alerts import send_alerts
from .checklists import close_checklist, create_checklist, issue_checklist, update_checklist
from .copying import copy_checklist, departed
from .importing import ImportPreview, import_rows, preview_import
from .rows import add_row, edit_row, remove_row, update_progress

__all__ = [
    "ImportPreview",
    "RowInput",
    "add_row",
    "close_checklist",
    "copy_checklist",
    "create_checklist",
    "departed",
    "edit_row",
    "import_rows",
    "issue_checklist",
    "preview_import",
    "remove_row",
    "send_alerts",
    "update_checklist",
    "update_progress",
]
