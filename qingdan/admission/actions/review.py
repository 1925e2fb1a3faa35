"""The county reviewer decides a submitted order: approve, return for clarification, refuse, or turn a
not-listed order into a request to amend a catalog (动态调整)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.duties import actions as duty_actions
from qingdan.duties.choices import ListKind
from qingdan.duties.models import Amendment, Catalog
from qingdan.duties.queries import rows_of
from qingdan.duties.sheet import ItemRow
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from ..choices import Decision, OrderStatus, ReviewStep
from ..models import Assignment, ReviewEntry, WorkOrder
from ._support import clean_text, dispatchers_of, link, locked, require

CITED_ITEM_LENGTH = 300


def _submitted(user, order: WorkOrder) -> WorkOrder:
    """The order, locked, once the reviewer may decide it and it still waits for a decision.

    Two reviewers deciding at once: the second waits for the first's lock, then finds it decided.
    """
    require(user, Permission.REVIEW_ORDER, order)
    order = locked(order)
    if order.status != OrderStatus.SUBMITTED:
        raise ActionRefused(
            _("This order is not awaiting review any more; it is %(status)s.")
            % {"status": order.get_status_display()}
        )
    return order


def _decide(
    order: WorkOrder,
    *,
    user,
    status: str,
    step: str,
    reason: str = "",
    cited_item: str = "",
    extra: dict | None = None,
) -> None:
    before = order.status
    order.status = status
    order.decided_at = timezone.now() if status != OrderStatus.RETURNED else None
    order.save(update_fields=["status", "decided_at"])
    ReviewEntry.objects.create(order=order, step=step, actor=user, reason=reason, cited_item=cited_item)
    record(
        actor=user,
        action=f"admission.{step}_order",
        obj=order,
        note=reason,
        changes={
            "status": [before, status],
            **({"cited_item": [None, cited_item]} if cited_item else {}),
            **(extra or {}),
        },
    )


def _tell_clerk(order: WorkOrder, verb: str, text: str) -> None:
    notify(recipients=[order.created_by], verb=verb, text=text, url=link("admission:order_detail", order.pk))


def townships_of(order: WorkOrder) -> list[Division]:
    """The townships an approved order goes to: each township target, and the township of each village."""
    townships: dict[int, Division] = {}
    for target in order.targets.select_related("division__parent"):
        division = target.division
        township = division if division.level == Level.TOWNSHIP else division.parent
        if township is not None:
            townships[township.pk] = township
    return sorted(townships.values(), key=lambda d: d.code)


@transaction.atomic
def approve_order(*, user, order: WorkOrder, note: str = "") -> WorkOrder:
    """Approve: one assignment per township concerned, for its dispatcher to send on to villages.

    A not-listed order cannot be approved (refuse it, or turn it into an amendment request). Approving
    against a "refuse" verdict needs a note saying why; the override is kept in the audit trail.
    """
    order = _submitted(user, order)
    note = clean_text(note, label=_("The note"), required=False)
    if order.verdict == Decision.NOT_LISTED:
        raise ActionRefused(
            _(
                "This order matches nothing in the duty lists, so it cannot simply be approved. "
                "Refuse it, or turn it into a request to amend the list."
            )
        )
    override = order.verdict == Decision.REFUSE
    if override and not note:
        raise ActionRefused(
            _(
                "The screening says this work is not for the grassroots. To approve it anyway, write a "
                "note explaining why."
            )
        )
    townships = townships_of(order)
    Assignment.objects.bulk_create(
        Assignment(order=order, township=township, county=order.county) for township in townships
    )
    _decide(
        order,
        user=user,
        status=OrderStatus.APPROVED,
        step=ReviewStep.APPROVE,
        reason=note,
        # Approving against a "refuse" screening is an override: the trail says so in its own field.
        extra={"verdict_overridden": [None, order.verdict]} if override else None,
    )
    _tell_clerk(
        order,
        "admission.order_approved",
        _("Your work order was approved: %(title)s") % {"title": order.title},
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
    results: list[tuple[WorkOrder, str | None]] = []
    for order in orders:
        try:
            results.append((approve_order(user=user, order=order), None))
        except ActionRefused as refused:
            results.append((order, refused.message))
        except PermissionDenied:
            results.append((order, _("You may not review this order.")))
    return results


@transaction.atomic
def return_order(*, user, order: WorkOrder, reason: str) -> WorkOrder:
    """Send the order back to the department to clarify; it edits and resubmits, the history stays."""
    order = _submitted(user, order)
    reason = clean_text(reason, label=_("The reason for returning"))
    _decide(order, user=user, status=OrderStatus.RETURNED, step=ReviewStep.RETURN, reason=reason)
    _tell_clerk(
        order,
        "admission.order_returned",
        _("Your work order was returned for clarification: %(title)s. Reason: %(reason)s")
        % {"title": order.title, "reason": reason},
    )
    return order


@transaction.atomic
def refuse_order(*, user, order: WorkOrder, reason: str, cited_item: str = "") -> WorkOrder:
    """Refuse the order, citing the list item it conflicts with (e.g. "负面事项:65 …"). It never reaches
    a township or village, and cannot be submitted again."""
    order = _submitted(user, order)
    reason = clean_text(reason, label=_("The reason for refusing"))
    cited_item = clean_text(
        cited_item, label=_("The cited list item"), required=False, limit=CITED_ITEM_LENGTH
    )
    _decide(
        order,
        user=user,
        status=OrderStatus.REFUSED,
        step=ReviewStep.REFUSE,
        reason=reason,
        cited_item=cited_item,
    )
    _tell_clerk(
        order,
        "admission.order_refused",
        _("Your work order was refused: %(title)s. Reason: %(reason)s")
        % {"title": order.title, "reason": reason},
    )
    return order


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
    order = _submitted(user, order)
    if order.verdict != Decision.NOT_LISTED:
        raise ActionRefused(
            _("Only an order that matches nothing in the duty lists can become an amendment request.")
        )
    if list_kind not in ListKind.values:
        raise ActionRefused(_("Unknown list kind: %(kind)s.") % {"kind": list_kind})
    reason = clean_text(reason, label=_("The reason for the amendment"))
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
    _decide(order, user=user, status=OrderStatus.CONVERTED, step=ReviewStep.CONVERT, reason=reason)
    _tell_clerk(
        order,
        "admission.order_converted",
        _("Your work order was turned into a request to amend the duty list of %(division)s: %(title)s")
        % {"division": division.name, "title": order.title},
    )
    return order.amendment
