"""The county reviewer decides a submitted order: approve, return for clarification, refuse, or turn a
not-listed order into a request to amend a catalog (动态调整)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qingdan.access import Permission
from qingdan.actiontools import clean_reason, link
from qingdan.duties import actions as duty_actions
from qingdan.duties.choices import ListKind
from qingdan.duties.models import Amendment, Catalog
from qingdan.duties.queries import rows_of
from qingdan.duties.sheet import ItemRow
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.review.workflow import Outcome, Review, decide_each, stamp_decided_at

from ..choices import Decision, OrderStatus, ReviewStep
from ..models import Assignment, ReviewEntry, WorkOrder
from ._support import dispatchers_of

# How an order is reviewed: the reviewer decides a submitted order; the clerk who filed it is told.
REVIEW = Review(
    model=WorkOrder,
    entries=ReviewEntry,
    subject="order",
    permission=Permission.REVIEW_ORDER,
    audit="admission.{step}_order",
    page="admission:order_detail",
    awaiting=OrderStatus.SUBMITTED,
    not_awaiting=gettext_lazy("This order is not awaiting review any more; it is %(status)s."),
    outcomes={
        ReviewStep.APPROVE: Outcome(
            OrderStatus.APPROVED,
            "admission.order_approved",
            gettext_lazy("Your work order was approved: %(title)s"),
        ),
        ReviewStep.RETURN: Outcome(
            OrderStatus.RETURNED,
            "admission.order_returned",
            gettext_lazy("Your work order was returned for clarification: %(title)s. Reason: %(reason)s"),
        ),
        ReviewStep.REFUSE: Outcome(
            OrderStatus.REFUSED,
            "admission.order_refused",
            gettext_lazy("Your work order was refused: %(title)s. Reason: %(reason)s"),
        ),
        ReviewStep.CONVERT: Outcome(
            OrderStatus.CONVERTED,
            "admission.order_converted",
            gettext_lazy(
                "Your work order was turned into a request to amend the duty list of %(division)s: %(title)s"
            ),
        ),
    },
    stamp=stamp_decided_at(OrderStatus.RETURNED),
)


def townships_of(order: WorkOrder) -> list[Division]:
    """The townships an approved order goes to: each township target, and the township of each village."""
    townships: dict[int, Division] = {}
    for target in order.targets.select_related("division__parent"):
        division = target.division
        township = division if division.level == Level.TOWNSHIP else division.parent
        if township is not None:
            townships[township.pk] = township
    return sorted(townships.values(), key=lambda d: d.code)


def _approvable(order: WorkOrder, note: str) -> dict | None:
    """A not-listed order cannot be approved; approving against a "refuse" verdict needs a note, and the
    audit row keeps the override in a field of its own."""
    if order.verdict == Decision.NOT_LISTED:
        raise ActionRefused(
            _(
                "This order matches nothing in the duty lists, so it cannot simply be approved. "
                "Refuse it, or turn it into a request to amend the list."
            )
        )
    if order.verdict != Decision.REFUSE:
        return None
    if not note:
        raise ActionRefused(
            _(
                "The screening says this work is not for the grassroots. To approve it anyway, write a "
                "note explaining why."
            )
        )
    return {"verdict_overridden": [None, order.verdict]}


@transaction.atomic
def approve_order(*, user, order: WorkOrder, note: str = "") -> WorkOrder:
    """Approve: one assignment per township concerned, for its dispatcher to send on to villages.

    A not-listed order cannot be approved (refuse it, or turn it into an amendment request). Approving
    against a "refuse" verdict needs a note saying why; the override is kept in the audit trail.
    """
    order = REVIEW.approve(user=user, obj=order, note=note, check=_approvable)
    Assignment.objects.bulk_create(
        Assignment(order=order, township=township, county=order.county) for township in townships_of(order)
    )
    for assignment in order.assignments.select_related("township"):
        notify(
            recipients=dispatchers_of([assignment.township]),
            verb="admission.assignment_received",
            text=_("An approved work order from %(department)s awaits dispatch: %(title)s")
            % {"department": order.department.name, "title": order.title},
            url=link("admission:assignment_dispatch", assignment.pk),
        )
    return order


def approve_orders(*, user, orders: Iterable[WorkOrder]) -> list[tuple[WorkOrder, str | None]]:
    """Bulk approval: each order goes through approve_order in its own transaction, with all its checks.

    Returns (order, None) for each approved order and (order, why not) for each that was not.
    """
    return decide_each(
        lambda order: approve_order(user=user, order=order),
        orders,
        denied=_("You may not review this order."),
    )


@transaction.atomic
def return_order(*, user, order: WorkOrder, reason: str) -> WorkOrder:
    """Send the order back to the department to clarify; it edits and resubmits, the history stays."""
    return REVIEW.send_back(user=user, obj=order, reason=reason)


@transaction.atomic
def refuse_order(*, user, order: WorkOrder, reason: str, cited_item: str = "") -> WorkOrder:
    """Refuse the order, citing the list item it conflicts with (e.g. "负面事项:65 …"). It never reaches
    a township or village, and cannot be submitted again."""
    return REVIEW.refuse(user=user, obj=order, reason=reason, cited_item=cited_item)


def _next_number(rows: list[ItemRow], list_kind: str) -> str:
    numbers = [int(row.item_no) for row in rows if row.list_kind == list_kind and row.item_no.isdigit()]
    return str(max(numbers, default=0) + 1)


def _with_new_item(rows: list[ItemRow], order: WorkOrder, list_kind: str) -> list[ItemRow]:
    """The catalog's rows with the order's work added as the last item of `list_kind`."""
    added = ItemRow(
        row=0,
        list_kind=list_kind,
        item_no=_next_number(rows, list_kind),
        category="",
        name=order.title,
        content=order.text,
        basis="",
        responsible_unit=order.department.name,
        department_duty=order.department_does,
        grassroots_duty=order.grassroots_must,
        working_method="",
        source="",
    )
    same_kind = [i for i, row in enumerate(rows) if row.list_kind == list_kind]
    at = same_kind[-1] + 1 if same_kind else len(rows)
    merged = [*rows[:at], added, *rows[at:]]
    return [dataclasses.replace(row, row=i + 2) for i, row in enumerate(merged)]


@transaction.atomic
def convert_to_amendment(
    *, user, order: WorkOrder, list_kind: str, reason: str, division: Division | None = None
) -> Amendment:
    """A not-listed order becomes a request to the catalog office to add its work to one catalog: that of
    `division` (one of the order's screened divisions) or, by default, of its first target."""
    order = REVIEW.open(user, order)
    if order.verdict != Decision.NOT_LISTED:
        raise ActionRefused(
            _("Only an order that matches nothing in the duty lists can become an amendment request.")
        )
    if list_kind not in ListKind.values:
        raise ActionRefused(_("Unknown list kind: %(kind)s.") % {"kind": list_kind})
    reason = clean_reason(reason, label=_("The reason for the amendment"))
    screened = order.screenings.values_list("division_id", flat=True)
    if division is None:
        first = order.targets.select_related("division").order_by("division__code").first()
        division = first.division if first else None
    if division is None or division.pk not in set(screened):
        raise ActionRefused(_("Choose one of the divisions this order was screened for."))
    catalog = Catalog.objects.filter(division=division, is_template=False).first()
    if catalog is None or catalog.current_version is None:
        raise ActionRefused(_("%(name)s has no published duty catalog to amend.") % {"name": division.name})
    amendment = duty_actions.apply_amendment(
        user=user,
        catalog=catalog,
        title=_("Add to the list: %(title)s") % {"title": order.title},
        reason=reason,
        rows=_with_new_item(rows_of(catalog.current_version), order, list_kind),
    )
    order.amendment = amendment
    order.save(update_fields=["amendment"])
    REVIEW.decide(order, user=user, step=ReviewStep.CONVERT, reason=reason, said={"division": division.name})
    return order.amendment
