"""The pages of the secondment programme, by area."""

from .board import board, need_create, project_create, project_detail, resource_create
from .overview import figures_export, home
from .postings import community_detail, posting_create, posting_detail, posting_list
from .recognition import commendation_list, programme_edit
from .selection import batch_create, batch_detail, batch_list, cadre_detail, cadre_list, cadre_reveal

__all__ = [
    "batch_create",
    "batch_detail",
    "batch_list",
    "board",
    "cadre_detail",
    "cadre_list",
    "cadre_reveal",
    "commendation_list",
    "community_detail",
    "figures_export",
    "home",
    "need_create",
    "posting_create",
    "posting_detail",
    "posting_list",
    "programme_edit",
    "project_create",
    "project_detail",
    "resource_create",
]
