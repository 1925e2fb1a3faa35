"""A small county counted by hand (see HAND_COUNT): 甲镇 with 甲村 and 甲社区, 乙乡 with 乙村; the
county's agriculture bureau (农业农村局) and natural resources bureau (自然资源局) put the load.

Everything is made directly in the tables with fixed dates in 2025, so each figure below can be read
off this file; the reform date is 2025-03-01.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from qingdan.admission.choices import ComplaintKind, OrderStatus, ReviewStep, TaskStatus
from qingdan.admission.models import Assignment, Complaint, OrderTarget, ReviewEntry, VillageTask, WorkOrder
from qingdan.bodies.choices import BodyKind, Permanence
from qingdan.bodies.models import BodyDocument, BodyMeeting, CoordinationBody
from qingdan.burden.models import BurdenSettings
from qingdan.burden.refresh import rebuild
from qingdan.forms.choices import ElementKind, ElementStatus, FormStatus, Frequency
from qingdan.forms.models import DataElement, FormRequest, Submission, SubmissionValue
from qingdan.orgs.choices import UnitKind
from qingdan.orgs.models import Unit
from qingdan.tasks.choices import ChecklistStatus
from qingdan.tasks.models import Checklist, ChecklistRow

REFORM = datetime.date(2025, 3, 1)
TODAY = datetime.date(2025, 6, 15)


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + "T10:00"))


def _order(clerk, unit, county, title, status, decided, targets):
    order = WorkOrder.objects.create(
        county=county,
        department=unit,
        created_by=clerk,
        title=title,
        text=title,
        deadline=datetime.date(2025, 12, 31),
        department_does="-",
        grassroots_must="-",
        status=status,
        submitted_at=at(decided) if decided else None,
        decided_at=at(decided) if decided else None,
    )
    for division, all_villages in targets:
        OrderTarget.objects.create(order=order, division=division, all_villages=all_villages)
    return order


def _task(order, township, village, *, sent, deadline, completed=None):
    assignment, _ = Assignment.objects.get_or_create(order=order, township=township, county=order.county)
    task = VillageTask.objects.create(
        assignment=assignment,
        order=order,
        village=village,
        county=order.county,
        deadline=deadline,
        status=TaskStatus.COMPLETED if completed else TaskStatus.SENT,
        completed_at=at(completed) if completed else None,
    )
    VillageTask.objects.filter(pk=task.pk).update(sent_at=at(sent))
    return task


@pytest.fixture
def small_county(
    county,
    township,
    village,
    community,
    other_township,
    other_village,
    department,
    other_department,
    dept_clerk,
    county_reviewer,
    township_dispatcher,
    village_cadre,
    outsider,
):
    """The hand-counted county; its figures computed by a full rebuild."""
    clerk, reviewer = dept_clerk, county_reviewer
    a = _order(clerk, department, county, "A", OrderStatus.APPROVED, "2025-03-10", [(village, False)])
    b = _order(clerk, department, county, "B", OrderStatus.APPROVED, "2025-03-20", [(township, True)])
    _order(
        clerk,
        other_department,
        county,
        "C",
        OrderStatus.REFUSED,
        "2025-04-05",
        [(village, False), (other_village, False)],
    )
    d = _order(clerk, other_department, county, "D", OrderStatus.APPROVED, "2025-02-15", [(community, False)])
    returned = ReviewEntry.objects.create(order=d, step=ReviewStep.RETURN, actor=reviewer, reason="-")
    ReviewEntry.objects.filter(pk=returned.pk).update(at=at("2025-02-01"))
    _task(
        a, township, village, sent="2025-03-12", deadline=datetime.date(2025, 4, 30), completed="2025-04-02"
    )
    _task(b, township, village, sent="2025-03-22", deadline=datetime.date(2025, 5, 31))
    _task(b, township, community, sent="2025-03-22", deadline=datetime.date(2099, 5, 31))
    complaint = Complaint.objects.create(
        county=county,
        division=village,
        filed_by=village_cadre,
        kind=ComplaintKind.BYPASS,
        what="-",
        against_unit=department,
        named=True,
    )
    Complaint.objects.filter(pk=complaint.pk).update(filed_at=at("2025-04-10"))
    form = FormRequest.objects.create(
        county=county,
        department=department,
        created_by=clerk,
        title="F",
        purpose="-",
        frequency=Frequency.ONCE,
        deadline=datetime.date(2025, 12, 31),
        status=FormStatus.APPROVED,
        approved_at=at("2025-01-05"),
    )
    submission = Submission.objects.create(
        form=form,
        village=village,
        county=county,
        period="once",
        prefilled_count=3,
        typed_count=2,
        submitted_at=at("2025-02-03"),
    )
    for code, kind in (
        ("id", ElementKind.ID_NUMBER),
        ("name", ElementKind.TEXT),
        ("sex", ElementKind.CHOICE),
    ):
        element = DataElement.objects.create(
            county=county, code=code, name=code, kind=kind, status=ElementStatus.APPROVED
        )
        SubmissionValue.objects.create(submission=submission, element=element, value="x", prefilled=True)
    township_office = township_dispatcher.unit
    checklist = Checklist.objects.create(
        title="T",
        source_title="T",
        owner_unit=township_office,
        division=township,
        county=county,
        year=2025,
        created_by=township_dispatcher,
        status=ChecklistStatus.ACTIVE,
        issued_at=at("2025-05-01"),
    )
    for n, person in enumerate((village_cadre, township_dispatcher), start=1):
        ChecklistRow.objects.create(
            checklist=checklist, position=n, task="-", responsible=person, deadline=datetime.date(2025, 6, 30)
        )
    body = CoordinationBody.objects.create(
        county=county,
        division=township,
        name="镇领导小组",
        kind=BodyKind.LEADING_GROUP,
        permanence=Permanence.PERMANENT,
        set_up_on=datetime.date(2020, 1, 1),
        lead_unit=township_office,
    )
    BodyMeeting.objects.create(body=body, county=county, held_on=datetime.date(2025, 6, 1), topic="-")
    BodyDocument.objects.create(
        body=body, county=county, number="1", title="-", issued_on=datetime.date(2025, 6, 2)
    )
    BurdenSettings.objects.create(county=county, reform_date=REFORM)
    rebuild(county)
    return county


@pytest.fixture
def village_unit(village):
    return Unit.objects.get(division=village, kind=UnitKind.VILLAGE)
