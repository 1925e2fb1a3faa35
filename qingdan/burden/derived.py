"""Figures the platform counts itself, from what it already holds: no one types anything for them.

Every measure is counted per division (a village; or the township or county itself for load that sits
at that level), issuer unit and month. ``counts(county, villages)`` yields them (see sources.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingdan.admission.choices import OrderStatus, ReviewStep, TaskStatus
from qingdan.admission.models import Complaint, OrderTarget, ReviewEntry, VillageTask, WorkOrder
from qingdan.bodies.models import BodyDocument, BodyMeeting
from qingdan.forms.choices import ElementKind
from qingdan.forms.models import Submission, SubmissionValue
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.tasks.choices import ChecklistStatus
from qingdan.tasks.models import ChecklistRow

from .sources import Count, Measure, first_of_month

# Seconds a village cadre needs to type one value of each kind, by our own timing of the demo forms:
# what one pre-filled value saves. An ID number is read off a card and checked; a choice is one tap.
SECONDS_TO_TYPE: dict[str, int] = {
    ElementKind.NUMBER: 15,
    ElementKind.INTEGER: 10,
    ElementKind.TEXT: 30,
    ElementKind.DATE: 15,
    ElementKind.CHOICE: 5,
    ElementKind.BOOLEAN: 5,
    ElementKind.ID_NUMBER: 45,
    ElementKind.PHONE: 20,
}

MEASURES = [
    Measure(
        "orders_approved",
        _("Orders approved"),
        _(
            "Work orders approved by the reviewer that name the village, directly or through its township "
            "with all villages below; counted in the month of approval, under the department that filed them."
        ),
    ),
    Measure(
        "tasks_dispatched",
        _("Orders dispatched"),
        _("Village tasks the township sent on to the village; counted in the month they were sent."),
    ),
    Measure(
        "tasks_done",
        _("Orders done"),
        _("Village tasks the village reported completed; counted in the month of completion."),
    ),
    Measure(
        "tasks_overdue",
        _("Orders overdue"),
        _(
            "Village tasks not completed whose deadline has passed, as of the last computation; counted in "
            "the month of the deadline."
        ),
    ),
    Measure(
        "orders_refused",
        _("Orders refused"),
        _(
            "Work orders naming the village that the reviewer refused: load stopped before it reached the "
            "village. Counted in the month of the decision."
        ),
        prevented=True,
    ),
    Measure(
        "orders_returned",
        _("Orders returned"),
        _(
            "Work orders naming the village that the reviewer returned for clarification at least once: "
            "counted once per order, in the month of the first return."
        ),
        prevented=True,
    ),
    Measure(
        "complaints",
        _("Complaints"),
        _(
            "Complaints filed by the village (or by the township about itself), in the month filed; under "
            "the unit complained about only when the complainant chose to be named to it."
        ),
    ),
    Measure(
        "forms_asked",
        _("Forms asked"),
        _(
            "Forms the village was asked to fill: one per approved form and period, counted in the month it "
            "was submitted, or, while not submitted yet, in the month it was opened."
        ),
    ),
    Measure(
        "fields_asked",
        _("Values asked"),
        _("Values those forms asked of the village: pre-filled plus typed."),
    ),
    Measure(
        "fields_prefilled",
        _("Values pre-filled"),
        _("Values the platform filled in from the registers, so the village did not type them."),
    ),
    Measure(
        "fields_typed",
        _("Values typed"),
        _("Values the village typed itself."),
    ),
    Measure(
        "hours_saved",
        _("Hours saved by pre-filling"),
        _(
            "Each pre-filled value times the time typing it would take: ID number 45 s, text 30 s, number "
            "15 s, date 15 s, phone 20 s, whole number 10 s, choice or yes/no 5 s; in hours."
        ),
        unit="hours",
    ),
    Measure(
        "checklist_rows",
        _("Checklist rows"),
        _(
            "Rows of task checklists in force or closed whose responsible person works in the village; rows "
            "kept by a township office for itself count to the township, not to its villages. Counted in "
            "the month the checklist was issued, under the unit that keeps it."
        ),
    ),
    Measure(
        "body_meetings",
        _("Coordination body meetings"),
        _(
            "Meetings of coordination bodies, counted to the body's own division: a village body's to the "
            "village, a township body's to the township (the data does not say which villages attended), a "
            "county body's to the county. In the month held, under the body's lead unit."
        ),
    ),
    Measure(
        "body_documents",
        _("Coordination body documents"),
        _(
            "Documents issued by coordination bodies, counted to the body's own division as meetings are, "
            "in the month issued, under the body's lead unit."
        ),
    ),
]


def _month(moment: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment)
    return first_of_month(moment)


class _Tally:
    """Adds up values by (division, issuer, month, measure), then yields them as Counts."""

    def __init__(self, wanted: set[int] | None) -> None:
        self.wanted = wanted
        self.values: defaultdict[tuple, float] = defaultdict(float)

    def add(self, division_id: int, issuer_id: int | None, moment, measure: str, value: float = 1) -> None:
        if moment is None or (self.wanted is not None and division_id not in self.wanted):
            return
        self.values[(division_id, issuer_id, _month(moment), measure)] += value

    def __iter__(self) -> Iterator[Count]:
        for (division_id, issuer_id, month, measure), value in self.values.items():
            yield Count(division_id, issuer_id, month, measure, value)


def _villages_below(county: Division) -> dict[int, list[int]]:
    """township id → ids of its villages."""
    below: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in Division.objects.filter(county=county, level=Level.VILLAGE).values_list(
        "pk", "parent_id"
    ):
        below[parent_id].append(pk)
    return below


def _orders(tally: _Tally, county: Division) -> None:
    below = _villages_below(county)
    targets = OrderTarget.objects.filter(order__county=county)
    if tally.wanted is not None:  # only the orders naming these divisions, or their townships for all
        parents = list(Division.objects.filter(pk__in=tally.wanted).values_list("parent_id", flat=True))
        targets = targets.filter(
            Q(division_id__in=tally.wanted) | Q(division_id__in=parents, all_villages=True)
        )
    orders = targets.values("order_id")
    returns = dict(
        ReviewEntry.objects.filter(order_id__in=orders, step=ReviewStep.RETURN)
        .order_by()
        .values_list("order_id")
        .annotate(first=Min("at"))
    )
    facts = {
        pk: (department_id, status, decided_at)
        for pk, department_id, status, decided_at in WorkOrder.objects.filter(pk__in=orders).values_list(
            "pk", "department_id", "status", "decided_at"
        )
    }
    reached: dict[int, set[int]] = defaultdict(set)
    for order_id, division_id, all_villages in targets.values_list("order_id", "division_id", "all_villages"):
        reached[order_id].update(below.get(division_id, []) if all_villages else [division_id])
    for order_id, divisions in reached.items():
        department_id, status, decided_at = facts[order_id]
        for division_id in divisions:
            if status == OrderStatus.APPROVED:
                tally.add(division_id, department_id, decided_at, "orders_approved")
            elif status == OrderStatus.REFUSED:
                tally.add(division_id, department_id, decided_at, "orders_refused")
            if order_id in returns:
                tally.add(division_id, department_id, returns[order_id], "orders_returned")


def _tasks(tally: _Tally, county: Division, today: datetime.date) -> None:
    rows = VillageTask.objects.filter(county=county)
    if tally.wanted is not None:
        rows = rows.filter(village_id__in=tally.wanted)
    for village_id, department_id, status, sent_at, completed_at, deadline in rows.values_list(
        "village_id", "order__department_id", "status", "sent_at", "completed_at", "deadline"
    ):
        tally.add(village_id, department_id, sent_at, "tasks_dispatched")
        if status == TaskStatus.COMPLETED:
            tally.add(village_id, department_id, completed_at, "tasks_done")
        elif deadline < today:
            tally.add(village_id, department_id, deadline, "tasks_overdue")


def _complaints(tally: _Tally, county: Division) -> None:
    rows = Complaint.objects.filter(county=county)
    if tally.wanted is not None:
        rows = rows.filter(division_id__in=tally.wanted)
    # Under the unit complained about only when the complainant chose to be named: a department's own figures
    # must not point at who complained (the complaint page hides it from them for the same reason).
    fields = ("division_id", "against_unit_id", "named", "filed_at")
    for division_id, unit_id, named, filed_at in rows.values_list(*fields):
        tally.add(division_id, unit_id if named else None, filed_at, "complaints")


def _forms(tally: _Tally, county: Division) -> None:
    rows = Submission.objects.filter(county=county)
    if tally.wanted is not None:
        rows = rows.filter(village_id__in=tally.wanted)
    when: dict[int, tuple[int, int, datetime.datetime]] = {}
    for (
        pk,
        village_id,
        department_id,
        submitted_at,
        approved_at,
        created_at,
        prefilled,
        typed,
    ) in rows.values_list(
        "pk",
        "village_id",
        "form__department_id",
        "submitted_at",
        "form__approved_at",
        "form__created_at",
        "prefilled_count",
        "typed_count",
    ):
        moment = submitted_at or approved_at or created_at
        when[pk] = (village_id, department_id, moment)
        tally.add(village_id, department_id, moment, "forms_asked")
        tally.add(village_id, department_id, moment, "fields_asked", prefilled + typed)
        tally.add(village_id, department_id, moment, "fields_prefilled", prefilled)
        tally.add(village_id, department_id, moment, "fields_typed", typed)
    seconds: defaultdict[int, int] = defaultdict(int)
    prefilled_values = (
        SubmissionValue.objects.filter(submission__in=rows, prefilled=True)
        .order_by()
        .values_list("submission_id", "element__kind")
    )
    for submission_id, kind in prefilled_values.iterator(chunk_size=5000):
        seconds[submission_id] += SECONDS_TO_TYPE.get(kind, 15)
    for submission_id, total in seconds.items():
        village_id, department_id, moment = when[submission_id]
        tally.add(village_id, department_id, moment, "hours_saved", total / 3600)


def _checklists(tally: _Tally, county: Division) -> None:
    rows = ChecklistRow.objects.filter(
        checklist__county=county, checklist__status__in=[ChecklistStatus.ACTIVE, ChecklistStatus.CLOSED]
    )
    if tally.wanted is not None:
        rows = rows.filter(
            Q(responsible__unit__division_id__in=tally.wanted) | Q(checklist__division_id__in=tally.wanted)
        )
    found = rows.values_list(
        "responsible__unit__division_id",
        "responsible__unit__division__level",
        "checklist__division_id",
        "checklist__division__level",
        "checklist__owner_unit_id",
        "checklist__issued_at",
        "checklist__created_at",
    )
    for person_division, person_level, own_division, own_level, unit_id, issued_at, created_at in found:
        if person_level == Level.VILLAGE:
            division_id = person_division
        elif own_level == Level.TOWNSHIP:
            division_id = own_division
        else:
            continue  # a county office's row for a county person: no load on a village or township
        tally.add(division_id, unit_id, issued_at or created_at, "checklist_rows")


def _bodies(tally: _Tally, county: Division) -> None:
    for model, measure, day in (
        (BodyMeeting, "body_meetings", "held_on"),
        (BodyDocument, "body_documents", "issued_on"),
    ):
        rows = model.objects.filter(county=county)
        if tally.wanted is not None:
            rows = rows.filter(body__division_id__in=tally.wanted)
        for division_id, unit_id, on in rows.values_list("body__division_id", "body__lead_unit_id", day):
            tally.add(division_id, unit_id, on, measure)


def counts(
    county: Division, villages: list[int] | None = None, *, today: datetime.date | None = None
) -> Iterable[Count]:
    """Every derived figure of the county's divisions (or only of `villages`, any level)."""
    tally = _Tally(set(villages) if villages is not None else None)
    _orders(tally, county)
    _tasks(tally, county, today or timezone.localdate())
    _complaints(tally, county)
    _forms(tally, county)
    _checklists(tally, county)
    _bodies(tally, county)
    return list(tally)
