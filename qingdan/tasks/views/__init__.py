"""The task checklist pages (任务清单)."""

from .checklists import (
    checklist_close,
    checklist_copy,
    checklist_create,
    checklist_detail,
    checklist_edit,
    checklist_issue,
    checklist_list,
    checklist_row_forms,
)
from .files import (
    checklist_import,
    checklist_import_cancel,
    checklist_import_job,
    checklist_pdf,
    checklist_xlsx,
    import_template,
)
from .rows import my_rows, row_create, row_edit, row_progress, row_remove, update_file

__all__ = [
    "checklist_close",
    "checklist_copy",
    "checklist_create",
    "checklist_detail",
    "checklist_edit",
    "checklist_import",
    "checklist_import_cancel",
    "checklist_import_job",
    "checklist_issue",
    "checklist_list",
    "checklist_pdf",
    "checklist_row_forms",
    "checklist_xlsx",
    "import_template",
    "my_rows",
    "row_create",
    "row_edit",
    "row_progress",
    "row_remove",
    "update_file",
]
