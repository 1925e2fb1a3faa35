"""What the platform already knows about a village's year, read from its own records (never re-reported):

    orders_on_time        work orders due that year: share completed by their deadline (admission)
    forms_submitted       forms of that year's periods: share submitted (forms)
    complaints_upheld     complaints the village filed that year and the reviewer upheld (admission)
    checklist_rows_done   checklist rows due that year whose responsible person works in the village:
                          share done (tasks)

Each gives a value and its sources: the counts behind it, shown beside the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q

from qingdan.admission.choices import ComplaintStatus, TaskStatus
from qingdan.admission.models import Complaint, VillageTask
from qingdan.forms.choices import SubmissionStatus
from qingdan.forms.models import Submission
from qingdan.orgs.models import Division
from qingdan.tasks.choices import RowStatus
from qingdan.tasks.models import ChecklistRow

from .choices import Source
from .scoring import cents


@dataclass(frozen=True)
class Measured:
    value: Decimal
    sources: dict[str, int | str]


def _share(done: int, total: int) -> Decimal:
    """Per cent done; a village with nothing due has nothing late (100)."""
    return cents(Decimal(done) * 100 / total) if total else Decimal(100)


def orders_on_time(village: Division, year: int) -> Measured:
    tasks = VillageTask.objects.filter(village=village, deadline__year=year)
    counts = tasks.aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(status=TaskStatus.COMPLETED, completed_at__date__lte=F("deadline"))),
    )
    return Measured(
        _share(counts["on_time"], counts["total"]),
        {"record": "admission.villagetask", "total": counts["total"], "counted": counts["on_time"]},
    )


def forms_submitted(village: Division, year: int) -> Measured:
    rows = Submission.objects.filter(village=village, period__startswith=str(year))
    counts = rows.aggregate(
        total=Count("id"), submitted=Count("id", filter=Q(status=SubmissionStatus.SUBMITTED))
    )
    return Measured(
        _share(counts["submitted"], counts["total"]),
        {"record": "forms.submission", "total": counts["total"], "counted": counts["submitted"]},
    )


def complaints_upheld(village: Division, year: int) -> Measured:
    rows = Complaint.objects.filter(division=village, filed_at__year=year)
    counts = rows.aggregate(total=Count("id"), upheld=Count("id", filter=Q(status=ComplaintStatus.UPHELD)))
    return Measured(
        Decimal(counts["upheld"]),
        {"record": "admission.complaint", "total": counts["total"], "counted": counts["upheld"]},
    )


def checklist_rows_done(village: Division, year: int) -> Measured:
    rows = ChecklistRow.objects.filter(responsible__unit__division=village, deadline__year=year)
    counts = rows.aggregate(total=Count("id"), done=Count("id", filter=Q(status=RowStatus.DONE)))
    return Measured(
        _share(counts["done"], counts["total"]),
        {"record": "tasks.checklistrow", "total": counts["total"], "counted": counts["done"]},
    )


MEASURES = {
    Source.ORDERS_ON_TIME: orders_on_time,
    Source.FORMS_SUBMITTED: forms_submitted,
    Source.COMPLAINTS_UPHELD: complaints_upheld,
    Source.CHECKLIST_ROWS_DONE: checklist_rows_done,
}


def measure(source: str, village: Division, year: int) -> Measured:
    return MEASURES[Source(source)](village, year)
