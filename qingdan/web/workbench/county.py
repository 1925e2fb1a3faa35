"""What waits for the county's roles: the reviewer, a department's clerk, the catalog office, a supervisor.

reviewer        orders waiting for review and complaints open (oldest first, with their age in days),
                form requests to review, amendments to consult on
department      its orders returned (to answer) or refused, its forms with results submitted
catalog office  amendments to consult on or decide, coordination bodies to clean up
supervisor      the newest refusals and upheld complaints
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.admission.choices import ComplaintStatus, OrderStatus
from qingdan.admission.models import WorkOrder
from qingdan.bodies.queries import cap_status, review
from qingdan.duties.choices import AmendmentStatus
from qingdan.duties.models import Amendment
from qingdan.forms.choices import FormStatus, SubmissionStatus
from qingdan.forms.models import FormRequest

from ._base import CAP, Item, Next, Section, Source, days_since, link, listed
from .grassroots import complaint_items, visible_complaints, waiting_complaint_items

# --- work orders --------------------------------------------------------------------------------


def _orders(user, status: Q):
    orders = access.visible(WorkOrder.objects.filter(status), user).select_related("department")
    return orders.only("title", "status", "submitted_at", "decided_at", "department__name")


def _order_item(order: WorkOrder, today: datetime.date, *, age: bool) -> Item:
    """A waiting order shows how long it has waited; a decided one the day of the decision."""
    decided = "" if age or order.decided_at is None else f"{timezone.localdate(order.decided_at):%Y-%m-%d}"
    return Item(
        title=order.title,
        url=link("admission:order_detail", order.pk),
        detail=" · ".join(part for part in (order.department.name, decided) if part),
        badge=order.get_status_display(),
        badge_class=f"order-{order.status}",
        age_days=days_since(order.submitted_at, today) if age else None,
        done=not age,
        today=today,
    )


def _decided_order_items(orders: list[WorkOrder], today: datetime.date) -> list[Item]:
    return [_order_item(order, today, age=False) for order in orders]


def _waiting_order_items(orders: list[WorkOrder], today: datetime.date) -> list[Item]:
    return [_order_item(order, today, age=True) for order in orders]


def _form_items(forms: list[FormRequest], today: datetime.date) -> list[Item]:
    return [
        Item(
            title=form.title,
            url=link("forms:form_review", form.pk),
            detail=form.department.name,
            badge=form.get_status_display(),
            badge_class=f"form-{form.status}",
            age_days=days_since(form.created_at, today),
            today=today,
        )
        for form in forms
    ]


def reviewer_orders(user, today: datetime.date) -> Section:
    waiting = _orders(user, Q(status=OrderStatus.SUBMITTED)).order_by("submitted_at", "id")
    more = Source(_("orders"), link("admission:review_queue"), 0)
    then = Next(_("No order waits for review."), _("See the admission figures"), link("admission:figures"))
    return listed(
        "orders-waiting", _("Orders waiting for review"), waiting, _waiting_order_items, more, then, today
    )


def reviewer_complaints(user, today: datetime.date) -> Section:
    waiting = visible_complaints(user, Q(status=ComplaintStatus.OPEN)).order_by("filed_at", "id")
    more = Source(_("complaints"), link("admission:complaint_list", status=ComplaintStatus.OPEN), 0)
    then = Next(
        _("No complaint waits for a decision."), _("See every complaint"), link("admission:complaint_list")
    )
    return listed(
        "complaints-open", _("Complaints open"), waiting, waiting_complaint_items, more, then, today
    )


def reviewer_forms(user, today: datetime.date) -> Section:
    waiting = (
        access.visible(FormRequest.objects.filter(status=FormStatus.SUBMITTED), user)
        .select_related("department")
        .order_by("created_at", "id")
    )
    more = Source(_("form requests"), link("forms:review_queue"), 0)
    then = Next(_("No form request waits for review."), _("See every form request"), link("forms:form_list"))
    return listed("forms-waiting", _("Forms to review"), waiting, _form_items, more, then, today)


def department_orders(user, today: datetime.date) -> Section:
    """Orders returned (the department answers them: first) and refused, newest decision first."""
    returned_first = Case(
        When(status=OrderStatus.RETURNED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    decided = _orders(user, Q(status__in=[OrderStatus.RETURNED, OrderStatus.REFUSED]))
    orders = list(
        decided.annotate(returned_first=returned_first).order_by("returned_first", "-decided_at", "-id")[:CAP]
    )
    counts = decided.aggregate(
        returned=Count("pk", filter=Q(status=OrderStatus.RETURNED)),
        refused=Count("pk", filter=Q(status=OrderStatus.REFUSED)),
    )
    may_submit = access.can(user, Permission.SUBMIT_ORDER)
    return Section(
        key="orders-decided",
        title=_("Orders returned or refused"),
        items=_decided_order_items(orders, today),
        sources=[
            Source(
                _("returned for clarification"),
                link("admission:order_list", status=OrderStatus.RETURNED),
                counts["returned"],
            ),
            Source(_("refused"), link("admission:order_list", status=OrderStatus.REFUSED), counts["refused"]),
        ],
        next=Next(
            _("No order of yours was returned or refused."),
            _("File a work order") if may_submit else _("See the work orders"),
            link("admission:order_create") if may_submit else link("admission:order_list"),
        ),
    )


def _result_items(forms: list[FormRequest], today: datetime.date) -> list[Item]:
    return [
        Item(
            title=form.title,
            url=link("forms:form_results", form.pk),
            detail=_("%(n)d submissions from %(villages)d villages asked")
            % {"n": form.submitted, "villages": form.villages},  # type: ignore[attr-defined]
            badge=form.get_frequency_display(),
            today=today,
        )
        for form in forms
    ]


def department_form_results(user, today: datetime.date) -> Section:
    """Approved forms with submissions in, the newest submission first."""
    submitted = Q(submissions__status=SubmissionStatus.SUBMITTED)
    ready = (
        access.visible(FormRequest.objects.filter(status=FormStatus.APPROVED), user)
        .annotate(
            submitted=Count("submissions", filter=submitted, distinct=True),
            villages=Count("targets", distinct=True),
            last_submitted=Max("submissions__submitted_at", filter=submitted),
        )
        .filter(submitted__gt=0)
        .order_by("-last_submitted", "-id")
    )
    more = Source(_("forms"), link("forms:form_list", status=FormStatus.APPROVED), 0)
    then = Next(
        _("No village has submitted one of your forms yet."),
        _("See your form requests"),
        link("forms:form_list"),
    )
    return listed("form-results", _("Form results ready"), ready, _result_items, more, then, today)


# --- the catalog office -------------------------------------------------------------------------


def amendments_awaiting(user, today: datetime.date) -> Section | None:
    """Amendments waiting for a step this person may take: consultation, or the decision; oldest first."""
    steps = {}
    if access.can(user, Permission.CONSULT_AMENDMENT):
        steps[AmendmentStatus.APPLIED] = _("to consult on")
    if access.can(user, Permission.DECIDE_AMENDMENT):
        steps[AmendmentStatus.CONSULTED] = _("to decide")
    if not steps:
        return None
    awaiting = access.visible(Amendment.objects.filter(status__in=list(steps)), user)
    amendments = list(awaiting.select_related("catalog__division").order_by("created_at", "id")[:CAP])
    counts = dict(awaiting.order_by().values_list("status").annotate(n=Count("pk")))
    items = [
        Item(
            title=amendment.title,
            url=link("duties:amendment_detail", amendment.pk),
            detail=amendment.catalog.division.name,
            badge=steps[amendment.status],
            badge_class=f"status-{amendment.status}",
            age_days=days_since(amendment.created_at, today),
            today=today,
        )
        for amendment in amendments
    ]
    return Section(
        key="amendments",
        title=_("Amendments awaiting you"),
        items=items,
        sources=[
            Source(label, link("duties:amendment_list", status=status), counts.get(status, 0))
            for status, label in steps.items()
        ],
        next=Next(
            _("No catalog amendment waits for you."), _("See the duty catalogs"), link("duties:catalog_list")
        ),
    )


def bodies_to_clean_up(user, today: datetime.date) -> Section | None:
    """Divisions over their cap, bodies that look alike (to merge), past their end date, whose lead unit
    is gone, or idle for a year: in that order."""
    county = access.user_county(user)
    if county is None:
        return None
    found = review(user, today=today)
    items: list[Item] = []
    for line in cap_status(user, county):
        for division, n in line.over:
            items.append(
                Item(
                    title=_("%(division)s keeps %(n)d bodies, over the cap of %(cap)d")
                    % {"division": division.name, "n": n, "cap": line.cap},
                    url=link("bodies:body_list", division=division.code),
                    detail=line.label,
                    badge=_("over the cap"),
                    badge_class="overdue",
                    today=today,
                )
            )
    for group in found.duplicates:
        items.append(
            Item(
                title=" / ".join(body.name for body in group),
                url=link("bodies:body_detail", group[0].pk),
                detail=group[0].division.name,
                badge=_("to merge"),
                badge_class="status-applied",
                today=today,
            )
        )
    for bodies, reason in (
        (found.past_end, _("past its end date")),
        (found.lead_gone, _("lead unit gone")),
        (found.stale, _("idle for a year")),
    ):
        items.extend(
            Item(
                title=body.name,
                url=link("bodies:body_detail", body.pk),
                detail=body.division.name,
                badge=reason,
                today=today,
            )
            for body in bodies
        )
    return Section(
        key="bodies",
        title=_("Coordination bodies to clean up"),
        items=items[:CAP],
        sources=[Source(_("bodies"), link("bodies:review"), len(items))],
        next=Next(
            _("Every division is within its cap and no body needs a look."),
            _("See this year's meetings and documents"),
            link("bodies:report"),
        ),
    )


# --- the supervisor -----------------------------------------------------------------------------


def supervisor_refusals(user, today: datetime.date) -> Section:
    refused = _orders(user, Q(status=OrderStatus.REFUSED)).order_by("-decided_at", "-id")
    more = Source(_("orders"), link("admission:order_list", status=OrderStatus.REFUSED), 0)
    then = Next(_("No order has been refused."), _("See the admission figures"), link("admission:figures"))
    return listed("refusals", _("Recent refusals"), refused, _decided_order_items, more, then, today)


def supervisor_complaints(user, today: datetime.date) -> Section:
    upheld = visible_complaints(user, Q(status=ComplaintStatus.UPHELD)).order_by("-handled_at", "-id")
    more = Source(_("complaints"), link("admission:complaint_list", status=ComplaintStatus.UPHELD), 0)
    then = Next(
        _("No complaint has been upheld."), _("See every complaint"), link("admission:complaint_list")
    )
    return listed("complaints-upheld", _("Complaints upheld"), upheld, complaint_items, more, then, today)


REVIEWER = [reviewer_orders, reviewer_complaints, reviewer_forms, amendments_awaiting]
DEPARTMENT = [department_orders, department_form_results]
CATALOG_OFFICE = [amendments_awaiting, bodies_to_clean_up]
SUPERVISOR = [supervisor_refusals, supervisor_complaints]
