"""The one-set-of-forms pages (一套表)."""

from .dictionary import (
    element_approve,
    element_detail,
    element_list,
    element_map,
    element_propose,
    element_reject,
)
from .filling import (
    due_list,
    submission_add_row,
    submission_check,
    submission_detail,
    submission_find,
    submission_open,
    submission_progress,
    submission_save,
)
from .home import home
from .requests import (
    form_approve,
    form_create,
    form_detail,
    form_edit,
    form_list,
    form_merge,
    form_refuse,
    form_return,
    form_review,
    form_submit,
    review_queue,
)
from .results import figures, form_export, form_results, township_screen, village_screen

__all__ = [
    "due_list",
    "element_approve",
    "element_detail",
    "element_list",
    "element_map",
    "element_propose",
    "element_reject",
    "figures",
    "form_approve",
    "form_create",
    "form_detail",
    "form_edit",
    "form_export",
    "form_list",
    "form_merge",
    "form_refuse",
    "form_results",
    "form_return",
    "form_review",
    "form_submit",
    "home",
    "review_queue",
    "submission_add_row",
    "submission_check",
    "submission_detail",
    "submission_find",
    "submission_open",
    "submission_progress",
    "submission_save",
    "township_screen",
    "village_screen",
]
