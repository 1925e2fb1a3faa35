"""Where a village's load changes, mark it: a saved order, task, complaint, form, checklist row or body
meeting/document notes the divisions it touches (refresh.mark), and a job recomputes them after the
commit. Marking is one small write; nothing is counted here."""

from __future__ import annotations

from django.db.models.signals import post_save

from qingdan.admission.models import Complaint, OrderTarget, ReviewEntry, VillageTask, WorkOrder
from qingdan.bodies.models import BodyDocument, BodyMeeting
from qingdan.forms.models import Submission
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.tasks.models import Checklist, ChecklistRow

from .refresh import mark


def _order_divisions(order_id: int) -> list[int]:
    targets = list(OrderTarget.objects.filter(order_id=order_id).values_list("division_id", "all_villages"))
    named = [division_id for division_id, _ in targets]
    townships = [division_id for division_id, all_villages in targets if all_villages]
    below = Division.objects.filter(parent_id__in=townships, level=Level.VILLAGE).values_list("pk", flat=True)
    return named + list(below) if townships else named


def _order_saved(sender, instance: WorkOrder, created: bool, **kwargs) -> None:
    if not created:
        mark(_order_divisions(instance.pk))


def _review_saved(sender, instance: ReviewEntry, created: bool, **kwargs) -> None:
    if created:
        mark(_order_divisions(instance.order_id))


def _checklist_saved(sender, instance: Checklist, created: bool, **kwargs) -> None:
    if not created:
        people = ChecklistRow.objects.filter(checklist=instance).values_list(
            "responsible__unit__division_id", flat=True
        )
        mark([instance.division_id, *people])


def _row_saved(sender, instance: ChecklistRow, **kwargs) -> None:
    unit = instance.responsible.unit
    person = unit.division_id if unit is not None else None
    mark([instance.checklist.division_id, person])


def _on(field: str):
    def handler(sender, instance, **kwargs) -> None:
        mark([getattr(instance, field)])

    return handler


def _body_work_saved(sender, instance, **kwargs) -> None:
    mark([instance.body.division_id])


HANDLERS = [
    (WorkOrder, _order_saved),
    (ReviewEntry, _review_saved),
    (VillageTask, _on("village_id")),
    (Complaint, _on("division_id")),
    (Submission, _on("village_id")),
    (Checklist, _checklist_saved),
    (ChecklistRow, _row_saved),
    (BodyMeeting, _body_work_saved),
    (BodyDocument, _body_work_saved),
]


def connect() -> None:
    for model, handler in HANDLERS:
        post_save.connect(handler, sender=model, dispatch_uid=f"burden.{model._meta.label_lower}")
