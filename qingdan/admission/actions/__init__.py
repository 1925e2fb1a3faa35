"""Every change to work orders, tasks and complaints. Each function is keyword-only, takes the acting
user, runs in one transaction, checks access, writes the audit trail and notifies people on commit.

Department clerk    create_order, update_order, submit_order, withdraw_order
County reviewer     approve_order, approve_orders, return_order, refuse_order, convert_to_amendment,
                    handle_complaint
Township            dispatch
Village             receive_task, report_progress, complete_task
Township / village  file_complaint

Bad input or a wrong state raises qingdan.errors.ActionRefused with a message for the user, and
nothing is written; acting outside one's role or scope raises PermissionDenied.
"""

from .complaints import file_complaint, handle_complaint
from .orders import create_order, submit_order, update_order, withdraw_order
from .review import approve_order, approve_orders, convert_to_amendment, refuse_order, return_order
from .tasks import complete_task, dispatch, receive_task, report_progress

__all__ = [
    "approve_order",
    "approve_orders",
    "complete_task",
    "convert_to_amendment",
    "create_order",
    "dispatch",
    "file_complaint",
    "handle_complaint",
    "receive_task",
    "refuse_order",
    "report_progress",
    "return_order",
    "submit_order",
    "update_order",
    "withdraw_order",
]
