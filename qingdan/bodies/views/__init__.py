"""The coordination body pages: the register, one body, the ledger import, the review, the report, caps."""

from .ledger import ledger_cancel, ledger_commit, ledger_import, ledger_preview
from .overview import cap_edit, report_page, review_page
from .register import body_create, body_detail, body_edit, body_list, body_revoke
from .work import document_create, meeting_create, minutes_download

__all__ = [
    "body_create",
    "body_detail",
    "body_edit",
    "body_list",
    "body_revoke",
    "cap_edit",
    "document_create",
    "ledger_cancel",
    "ledger_commit",
    "ledger_import",
    "ledger_preview",
    "meeting_create",
    "minutes_download",
    "report_page",
    "review_page",
]
