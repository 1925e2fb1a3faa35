"""Townships and villages complain about a demand — on the platform or around it; the reviewer handles it."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.actiontools import clean_text, link, locked, require
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify
from qingdan.orgs.models import Unit

from ..choices import BypassChannel, ComplaintKind, ComplaintStatus
from ..models import Complaint, WorkOrder
from ._support import clerks_of, reviewers_of

NAME_LENGTH = 200


def _order_for(user, order: WorkOrder | None) -> WorkOrder:
    if order is None:
        raise ActionRefused(_("Say which work order the complaint is about."))
    if not access.visible(WorkOrder.objects.filter(pk=order.pk), user).exists():
        raise ActionRefused(_("That work order did not reach you; choose one that did."))
    return order


def _happened_on(value: datetime.date | None) -> datetime.date | None:
    if value is not None and value > timezone.localdate():
        raise ActionRefused(_("The day the demand was made cannot be in the future."))
    return value


@transaction.atomic
def file_complaint(
    *,
    user,
    kind: str,
    what: str,
    order: WorkOrder | None = None,
    against_unit: Unit | None = None,
    against_name: str = "",
    happened_on: datetime.date | None = None,
    channel: str = "",
    named: bool = False,
) -> Complaint:
    """One complaint from the user's township or village.

    Against an order (over the list, support not delivered): the order must have reached the user and
    the complaint is against its department. Against a demand that bypassed the platform: say who
    (a county department, or a name), how (phone, chat group …) and, if known, when.

    The department complained about is not told who complained unless `named` (the complainant chose
    to be named); the reviewers always are.
    """
    division = user.division
    access.require(user, Permission.FILE_COMPLAINT, division)
    if kind not in ComplaintKind.values:
        raise ActionRefused(_("Unknown kind of complaint: %(kind)s.") % {"kind": kind})
    what = clean_text(what, label=_("What was demanded"))
    against_name = clean_text(against_name, label=_("Who made the demand"), required=False, limit=NAME_LENGTH)
    if kind == ComplaintKind.BYPASS:
        if (
            against_unit is not None
            and not access.county_departments(user).filter(pk=against_unit.pk).exists()
        ):
            raise ActionRefused(
                _("%(name)s is not a department of your county.") % {"name": against_unit.name}
            )
        if against_unit is None and not against_name:
            raise ActionRefused(_("Say who made the demand: a county department or a name."))
        if channel not in BypassChannel.values:
            raise ActionRefused(_("Say how the demand was made: by phone, in a chat group, by document …"))
        if order is not None:
            order = _order_for(user, order)
    else:
        order = _order_for(user, order)
        against_unit = order.department
        channel = ""
    complaint = Complaint.objects.create(
        county=division.county_division(),
        division=division,
        filed_by=user,
        kind=kind,
        order=order,
        against_unit=against_unit,
        against_name=against_name,
        what=what,
        happened_on=_happened_on(happened_on),
        channel=channel,
        named=bool(named),
    )
    record(
        actor=user,
        action="admission.file_complaint",
        obj=complaint,
        note=what[:200],
        changes={
            "kind": [None, kind],
            "against": [None, against_unit.name if against_unit else against_name],
            "named": [None, complaint.named],
        },
    )
    url = link("admission:complaint_detail", complaint.pk)
    against = against_unit.name if against_unit else against_name
    text = _("%(division)s filed a complaint (%(kind)s) against %(against)s") % {
        "division": division.name,
        "kind": complaint.get_kind_display(),
        "against": against,
    }
    notify(recipients=reviewers_of(complaint.county), verb="admission.complaint_filed", text=text, url=url)
    if kind == ComplaintKind.BYPASS and against_unit is not None:
        if not complaint.named:
            text = _("A complaint (%(kind)s) was filed against %(against)s") % {
                "kind": complaint.get_kind_display(),
                "against": against,
            }
        notify(recipients=clerks_of(against_unit), verb="admission.complaint_filed", text=text, url=url)
    return complaint


@transaction.atomic
def handle_complaint(*, user, complaint: Complaint, upheld: bool, outcome: str) -> Complaint:
    """The reviewer upholds or dismisses a complaint and records what was done; the filer is told."""
    require(user, Permission.HANDLE_COMPLAINT, complaint)
    complaint = locked(complaint)
    if complaint.status != ComplaintStatus.OPEN:
        raise ActionRefused(_("This complaint was already handled."))
    outcome = clean_text(outcome, label=_("The outcome"))
    complaint.status = ComplaintStatus.UPHELD if upheld else ComplaintStatus.DISMISSED
    complaint.outcome = outcome
    complaint.handled_by = user
    complaint.handled_at = timezone.now()
    complaint.save(update_fields=["status", "outcome", "handled_by", "handled_at"])
    record(
        actor=user,
        action="admission.handle_complaint",
        obj=complaint,
        note=outcome,
        changes={"status": [ComplaintStatus.OPEN, complaint.status]},
    )
    notify(
        recipients=[complaint.filed_by],
        verb="admission.complaint_handled",
        text=_("Your complaint was %(status)s: %(outcome)s")
        % {"status": complaint.get_status_display(), "outcome": outcome},
        url=link("admission:complaint_detail", complaint.pk),
    )
    return complaint
