"""The work admission pages, split by who uses them: departments, reviewers, townships, villages, everyone."""

from .complaints import complaint_create, complaint_detail, complaint_handle, complaint_list
from .dispatch import assignment_dispatch, assignment_list
from .figures import figures
from .orders import (
    attachment_download,
    order_create,
    order_detail,
    order_edit,
    order_list,
    order_submit,
    order_withdraw,
    report_file,
)
from .review import bulk_approve, order_approve, order_convert, order_refuse, order_return, review_queue
from .screening import order_screen
from .tasks import task_complete, task_detail, task_list, task_receive, task_report

__all__ = [
    "assignment_dispatch",
    "assignment_list",
    "attachment_download",
    "bulk_approve",
    "complaint_create",
    "complaint_detail",
    "complaint_handle",
    "complaint_list",
    "figures",
    "order_approve",
    "order_convert",
    "order_create",
    "order_detail",
    "order_edit",
    "order_list",
    "order_refuse",
    "order_return",
    "order_screen",
    "order_submit",
    "order_withdraw",
    "report_file",
    "review_queue",
    "task_complete",
    "task_detail",
    "task_list",
    "task_receive",
    "task_report",
]
