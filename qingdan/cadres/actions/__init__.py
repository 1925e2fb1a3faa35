"""Every change to the secondment programme. Each verb is keyword-only, takes the acting user, checks
everything before writing, runs in one transaction and writes the audit trail. Bad input or a wrong state
raises qingdan.errors.ActionRefused with a Chinese message and nothing is written; acting outside one's
role or scope raises PermissionDenied (through qingdan.access).

County / organiser   set_up_programme (platform admin), update_programme, approve_batch, return_batch,
                     refuse_batch, tag_community, post_cadre, rotate, commend
Sending unit         open_batch, nominate, withdraw_nomination, submit_batch, offer_resource,
                     score (as the unit)
Community            add_grid, set_grids (the organiser too), list_need, record_work,
                     confirm_attendance, score (as the community)
Street (township)    score (as the street)
Either side          start_project, update_project
Reading              reveal_cadre (an ID number or phone, for a reason, audited)
"""

from .lists import list_need, offer_resource, start_project, update_project
from .postings import add_grid, post_cadre, rotate, set_grids, tag_community
from .programme import set_up_programme, update_programme
from .records import commend, confirm_attendance, record_work, score
from .selection import (
    approve_batch,
    nominate,
    open_batch,
    refuse_batch,
    return_batch,
    reveal_cadre,
    submit_batch,
    withdraw_nomination,
)

__all__ = [
    "add_grid",
    "approve_batch",
    "commend",
    "confirm_attendance",
    "list_need",
    "nominate",
    "offer_resource",
    "open_batch",
    "post_cadre",
    "record_work",
    "refuse_batch",
    "return_batch",
    "reveal_cadre",
    "rotate",
    "score",
    "set_grids",
    "set_up_programme",
    "start_project",
    "submit_batch",
    "tag_community",
    "update_programme",
    "update_project",
    "withdraw_nomination",
]
