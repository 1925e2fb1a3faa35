"""A department clerk files a work order: draft it, change it, submit it for screening and review."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.actiontools import clean_reason, clean_text, link, locked, require
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .. import attachments as files
from ..choices import OrderStatus, ReviewStep
from ..models import Attachment, OrderTarget, WorkOrder
from ..screen import screen_order, worst
from ._support import reviewers_of
from .review import REVIEW

TITLE_LENGTH = 200
MAX_MONEY = Decimal("999999999999.99")
MAX_PEOPLE = 100_000
EDITABLE = (OrderStatus.DRAFT, OrderStatus.RETURNED)
WITHDRAWABLE = (OrderStatus.DRAFT, OrderStatus.SUBMITTED, OrderStatus.RETURNED)  # not decided yet
SCALARS = (
    "title",
    "text",
    "deadline",
    "department_does",
    "grassroots_must",
    "support_money_yuan",
    "support_people",
    "support_training",
    "support_equipment",
)


def _deadline(value) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ActionRefused(_("The deadline is missing."))
    if value < timezone.localdate():
        raise ActionRefused(
            _("The deadline %(date)s is in the past; choose today or a later day.") % {"date": value}
        )
    return value


def _money(value) -> Decimal:
    try:
        money = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise ActionRefused(_("The support money must be an amount in yuan.")) from None
    if not money.is_finite() or money < 0 or money > MAX_MONEY:
        raise ActionRefused(_("The support money must be between 0 and 999,999,999,999.99 yuan."))
    return money.quantize(Decimal("0.01"))


def _people_count(value) -> int:
    try:
        people = int(value or 0)
    except (TypeError, ValueError):
        raise ActionRefused(_("The number of people sent must be a whole number.")) from None
    if not 0 <= people <= MAX_PEOPLE:
        raise ActionRefused(_("The number of people sent must be between 0 and 100,000."))
    return people


def _clean(name: str, value) -> Any:
    """One field of an order, checked as far as a draft needs (submit_order checks completeness)."""
    if name == "title":
        return clean_text(value, label=_("The title"), limit=TITLE_LENGTH)
    if name == "text":
        return clean_text(value, label=_("The order text"))
    if name == "deadline":
        return _deadline(value)
    if name == "support_money_yuan":
        return _money(value)
    if name == "support_people":
        return _people_count(value)
    labels = {
        "department_does": _("What the department itself does"),
        "grassroots_must": _("What the grassroots must do"),
        "support_training": _("The training offered"),
        "support_equipment": _("The equipment offered"),
    }
    return clean_text(value, label=labels[name], required=False)


def _targets(user, targets: Iterable[tuple[Division, bool]]) -> list[tuple[Division, bool]]:
    """Townships and villages of the clerk's own county, each once. Only a township has villages below."""
    county = user.unit.county_division()
    chosen: dict[int, tuple[Division, bool]] = {}
    for division, all_villages in targets:
        if division.level not in (Level.TOWNSHIP, Level.VILLAGE) or division.county_id != county.pk:
            raise ActionRefused(
                _(
                    "%(name)s is not a township or village of %(county)s; an order can only go to the "
                    "townships and villages of its own county."
                )
                % {"name": division.name, "county": county.name}
            )
        chosen[division.pk] = (division, bool(all_villages) and division.level == Level.TOWNSHIP)
    return list(chosen.values())


def _set_targets(order: WorkOrder, targets: list[tuple[Division, bool]]) -> None:
    order.targets.all().delete()
    OrderTarget.objects.bulk_create(
        OrderTarget(order=order, division=division, all_villages=all_villages)
        for division, all_villages in targets
    )


def _target_names(order: WorkOrder) -> list[str]:
    return [
        f"{t.division.name}{_('(all villages)') if t.all_villages else ''}"
        for t in order.targets.select_related("division")
    ]


def _attach(order: WorkOrder, checked: list[files.CheckedFile], stored: list) -> list[str]:
    for one in checked:
        attachment = Attachment(
            order=order, original_name=one.name, content_type=one.kind.content_type, size=one.size
        )
        files.save_file(attachment.file, one, stored)
        attachment.save()
    return [one.name for one in checked]


def create_order(
    *,
    user,
    title: str,
    text: str,
    deadline: datetime.date,
    department_does: str = "",
    grassroots_must: str = "",
    support_money_yuan: Decimal | int | str = 0,
    support_people: int = 0,
    support_training: str = "",
    support_equipment: str = "",
    targets: Sequence[tuple[Division, bool]] = (),
    attachments: Sequence[UploadedFile] = (),
) -> WorkOrder:
    """A new draft order of the clerk's department. Everything is checked before anything is written."""
    access.require(user, Permission.SUBMIT_ORDER)
    given = {
        "title": title,
        "text": text,
        "deadline": deadline,
        "department_does": department_does,
        "grassroots_must": grassroots_must,
        "support_money_yuan": support_money_yuan,
        "support_people": support_people,
        "support_training": support_training,
        "support_equipment": support_equipment,
    }
    fields = {name: _clean(name, value) for name, value in given.items()}
    chosen = _targets(user, targets)
    checked = files.check_uploads(attachments)
    with files.removing_on_error() as stored, transaction.atomic():
        order = WorkOrder.objects.create(
            county=user.unit.county_division(), department=user.unit, created_by=user, **fields
        )
        _set_targets(order, chosen)
        names = _attach(order, checked, stored)
        record(
            actor=user,
            action="admission.create_order",
            obj=order,
            changes={
                "status": [None, OrderStatus.DRAFT],
                "targets": [None, "、".join(_target_names(order))],
                **({"attachments": [None, "、".join(names)]} if names else {}),
            },
        )
    return order


def update_order(
    *,
    user,
    order: WorkOrder,
    title: str | None = None,
    text: str | None = None,
    deadline: datetime.date | None = None,
    department_does: str | None = None,
    grassroots_must: str | None = None,
    support_money_yuan: Decimal | int | str | None = None,
    support_people: int | None = None,
    support_training: str | None = None,
    support_equipment: str | None = None,
    targets: Sequence[tuple[Division, bool]] | None = None,
    attachments: Sequence[UploadedFile] = (),
    remove_attachments: Iterable[Attachment | int] = (),
) -> WorkOrder:
    """Change a draft, or an order returned for clarification. None leaves a field as it is."""
    require(user, Permission.SUBMIT_ORDER, order)
    given = {
        "title": title,
        "text": text,
        "deadline": deadline,
        "department_does": department_does,
        "grassroots_must": grassroots_must,
        "support_money_yuan": support_money_yuan,
        "support_people": support_people,
        "support_training": support_training,
        "support_equipment": support_equipment,
    }
    fields = {name: _clean(name, value) for name, value in given.items() if value is not None}
    chosen = _targets(user, targets) if targets is not None else None
    removing = [a.pk if isinstance(a, Attachment) else int(a) for a in remove_attachments]
    with files.removing_on_error() as stored, transaction.atomic():
        order = locked(order)
        if order.status not in EDITABLE:
            raise ActionRefused(
                _("Only a draft or a returned order can be changed; this one is %(status)s.")
                % {"status": order.get_status_display()}
            )
        gone = list(order.attachments.filter(pk__in=removing))
        checked = files.check_uploads(attachments, already=order.attachments.count() - len(gone))
        before = {name: getattr(order, name) for name in fields}
        for name, value in fields.items():
            setattr(order, name, value)
        if fields:
            order.save(update_fields=list(fields))
        changes = diff(before, fields)
        if chosen is not None:
            old_targets = "、".join(_target_names(order))
            _set_targets(order, chosen)
            new_targets = "、".join(_target_names(order))
            if old_targets != new_targets:
                changes["targets"] = [old_targets, new_targets]
        for attachment in gone:
            attachment.delete()
            transaction.on_commit(partial(attachment.file.storage.delete, attachment.file.name or ""))
        if gone:
            changes["attachments_removed"] = ["、".join(a.original_name for a in gone), None]
        added = _attach(order, checked, stored)
        if added:
            changes["attachments_added"] = [None, "、".join(added)]
        record(actor=user, action="admission.update_order", obj=order, changes=changes)
    return order


def _missing_statements(order: WorkOrder) -> list[str]:
    missing = []
    if not order.department_does.strip():
        missing.append(_("what the department itself does"))
    if not order.grassroots_must.strip():
        missing.append(_("what the grassroots must do"))
    supported = (
        order.support_money_yuan > 0
        or order.support_people > 0
        or order.support_training.strip()
        or order.support_equipment.strip()
    )
    if not supported:
        missing.append(_("what support the department gives (money, people, training or equipment)"))
    return missing


def _check_complete(user, order: WorkOrder) -> None:
    clean_text(order.title, label=_("The title"), limit=TITLE_LENGTH)
    clean_text(order.text, label=_("The order text"))
    if missing := _missing_statements(order):
        raise ActionRefused(
            _(
                "The order does not say %(missing)s. Every order must state what the department itself "
                "does, what the grassroots must do and what support the department gives."
            )
            % {"missing": "; ".join(missing)}
        )
    _deadline(order.deadline)
    targets = [(t.division, t.all_villages) for t in order.targets.select_related("division")]
    if not targets:
        raise ActionRefused(_("The order names no township or village to go to."))
    _targets(user, targets)


@transaction.atomic
def submit_order(*, user, order: WorkOrder) -> WorkOrder:
    """Check the order is complete, screen it against every catalog it would reach, send it to review."""
    require(user, Permission.SUBMIT_ORDER, order)
    order = locked(order)
    if order.status == OrderStatus.REFUSED:
        raise ActionRefused(
            _("This order was refused and cannot be submitted again. File a new order if the demand changed.")
        )
    if order.status not in EDITABLE:
        raise ActionRefused(
            _("Only a draft or a returned order can be submitted; this one is %(status)s.")
            % {"status": order.get_status_display()}
        )
    _check_complete(user, order)
    was_returned = order.status == OrderStatus.RETURNED
    old_verdict = order.verdict
    order.screenings.all().delete()  # the text may have changed since the last screening
    screenings = screen_order(order)
    order.verdict = worst(s.decision for s in screenings)
    order.status = OrderStatus.SUBMITTED
    order.submitted_at = timezone.now()
    order.save(update_fields=["verdict", "status", "submitted_at"])
    step = ReviewStep.RESUBMIT if was_returned else ReviewStep.SUBMIT
    REVIEW.entry(order, user=user, step=step)
    record(
        actor=user,
        action="admission.submit_order",
        obj=order,
        changes={
            "status": [OrderStatus.RETURNED if was_returned else OrderStatus.DRAFT, OrderStatus.SUBMITTED],
            "verdict": [old_verdict or None, order.verdict],
        },
    )
    notify(
        recipients=reviewers_of(order.county),
        verb="admission.order_submitted",
        text=_("%(department)s submitted a work order for review: %(title)s")
        % {"department": order.department.name, "title": order.title},
        url=link("admission:order_detail", order.pk),
    )
    return order


@transaction.atomic
def withdraw_order(*, user, order: WorkOrder, reason: str = "") -> WorkOrder:
    """The department takes back an order that was not decided yet."""
    require(user, Permission.SUBMIT_ORDER, order)
    order = locked(order)
    if order.status not in WITHDRAWABLE:
        raise ActionRefused(
            _("Only an order that is not decided yet can be withdrawn; this one is %(status)s.")
            % {"status": order.get_status_display()}
        )
    reason = clean_reason(reason, label=_("The reason"), required=False)
    before = order.status
    order.status = OrderStatus.WITHDRAWN
    order.save(update_fields=["status"])
    REVIEW.entry(order, user=user, step=ReviewStep.WITHDRAW, reason=reason)
    record(
        actor=user,
        action="admission.withdraw_order",
        obj=order,
        note=reason,
        changes={"status": [before, OrderStatus.WITHDRAWN]},
    )
    if before == OrderStatus.SUBMITTED:
        notify(
            recipients=reviewers_of(order.county),
            verb="admission.order_withdrawn",
            text=_("%(department)s withdrew the work order %(title)s")
            % {"department": order.department.name, "title": order.title},
            url=link("admission:order_detail", order.pk),
        )
    return order
