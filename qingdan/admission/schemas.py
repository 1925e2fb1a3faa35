"""API shapes for work orders, their review (beyond qingdan.review.schemas), township assignments,
village tasks and complaints."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict

from qingdan import limits
from qingdan.orgs.schemas import DivisionRef
from qingdan.review.schemas import REASON_LENGTH, DecisionNoteIn, DecisionReasonIn, ReviewEntryOut

from .queries import complainant_hidden

DIVISION_CODE = r"^\d{12}$"


class _Stripped(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)


# --- orders -------------------------------------------------------------------------------------


class TargetIn(Schema):
    division: str = Field(pattern=DIVISION_CODE, description="12-digit code of a township or village")
    all_villages: bool = Field(False, description="for a township: every village below it must act too")


class OrderIn(_Stripped):
    title: str = Field(min_length=1, max_length=limits.TITLE_CHARS)
    text: str = Field(min_length=1, description="the full text, at most 20,000 characters")
    deadline: datetime.date
    department_does: str = Field("", description="what the department itself does")
    grassroots_must: str = Field("", description="what the townships and villages must do")
    support_money_yuan: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)
    support_people: int = Field(0, ge=0)
    support_training: str = ""
    support_equipment: str = ""
    targets: list[TargetIn] = Field(min_length=1, max_length=2000)
    submit: bool = Field(True, description="submit for review at once (false: keep as a draft)")


class TargetOut(Schema):
    division: DivisionRef
    all_villages: bool


class ScreeningMatchOut(Schema):
    list_kind: str
    item_no: str
    name: str
    score: float
    matched_words: list[str]


class ScreeningOut(Schema):
    division: DivisionRef
    decision: str = Field(description="allow, cooperate, refuse or not_listed")
    catalog_version: int | None = Field(description="number of the catalog version screened against")
    matches: list[ScreeningMatchOut]
    screened_at: datetime.datetime

    @staticmethod
    def resolve_catalog_version(obj) -> int | None:
        return obj.catalog_version.number if obj.catalog_version_id else None

    @staticmethod
    def resolve_matches(obj) -> list[dict]:
        return [
            {
                "list_kind": m.get("list_kind", ""),
                "item_no": str(m.get("item_no", "")),
                "name": m.get("name", ""),
                "score": float(m.get("score") or 0),
                "matched_words": list(m.get("matched_words") or []),
            }
            for m in obj.matches or []
        ]


class OrderHistoryOut(ReviewEntryOut):
    cited_item: str


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int


class OrderOut(Schema):
    id: int
    title: str
    status: str
    verdict: str = Field(description="the worst screening decision of its targets, empty before submission")
    department: str
    deadline: datetime.date
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None

    @staticmethod
    def resolve_department(obj) -> str:
        return obj.department.name


class OrderDetailOut(OrderOut):
    text: str
    department_does: str
    grassroots_must: str
    support_money_yuan: Decimal
    support_people: int
    support_training: str
    support_equipment: str
    amendment_id: int | None
    targets: list[TargetOut]
    screenings: list[ScreeningOut]
    history: list[OrderHistoryOut]
    attachments: list[AttachmentOut]


class OrderNoteIn(DecisionNoteIn):
    note: str = Field("", max_length=REASON_LENGTH, description="required to approve a 'refuse' verdict")


class OrderRefuseIn(DecisionReasonIn):
    cited_item: str = Field("", max_length=300, description="the list item it rests on, e.g. 负面事项:12 …")


class BulkApproveIn(Schema):
    orders: list[int] = Field(min_length=1, max_length=500)


class BulkResultOut(Schema):
    order: int
    approved: bool
    message: str | None = Field(description="why it was not approved")


# --- townships and villages ----------------------------------------------------------------------


class TaskOut(Schema):
    id: int
    order_id: int
    order_title: str
    village: DivisionRef
    status: str
    deadline: datetime.date
    progress: int
    received_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    overdue: bool = Field(description="past its deadline and not completed")

    @staticmethod
    def resolve_order_title(obj) -> str:
        return obj.order.title

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.deadline < timezone.localdate() and obj.status != "completed"


class AssignmentOut(Schema):
    id: int
    order_id: int
    order_title: str
    department: str
    deadline: datetime.date
    township: DivisionRef
    status: str
    dispatched_at: datetime.datetime | None
    note: str

    @staticmethod
    def resolve_order_title(obj) -> str:
        return obj.order.title

    @staticmethod
    def resolve_department(obj) -> str:
        return obj.order.department.name

    @staticmethod
    def resolve_deadline(obj) -> datetime.date:
        return obj.order.deadline


class DispatchIn(_Stripped):
    villages: list[str] = Field(min_length=1, max_length=2000, description="12-digit village codes")
    note: str = Field("", max_length=limits.REASON_CHARS)


class ReportIn(_Stripped):
    progress: int = Field(ge=0, le=99)
    note: str = Field(min_length=1, max_length=500)


class CompleteIn(_Stripped):
    note: str = Field(min_length=1, max_length=500)


class TaskReportOut(Schema):
    kind: str
    progress: int
    note: str
    actor: str
    at: datetime.datetime
    original_name: str

    @staticmethod
    def resolve_actor(obj) -> str:
        return str(obj.actor)


class TaskDetailOut(TaskOut):
    grassroots_must: str
    reports: list[TaskReportOut]

    @staticmethod
    def resolve_grassroots_must(obj) -> str:
        return obj.order.grassroots_must


# --- complaints ---------------------------------------------------------------------------------


class ComplaintIn(_Stripped):
    kind: str = Field(description="over_list, support_missing (need `order`) or bypass")
    what: str = Field(min_length=1, max_length=limits.TEXT_CHARS)
    order: int | None = None
    against_unit: int | None = Field(None, description="id of a department of the county (bypass)")
    against_name: str = Field("", max_length=200)
    happened_on: datetime.date | None = None
    channel: str = Field("", description="bypass: phone, chat, document, meeting, in_person or other")
    named: bool = Field(
        False, description="let the department complained about see who complained (anonymous if false)"
    )


class ComplaintOut(Schema):
    id: int
    kind: str
    status: str
    division: DivisionRef | None = Field(
        description="who complained; null for the department complained about, unless the complainant "
        "chose to be named"
    )
    named: bool
    order_id: int | None
    against_unit: str | None
    against_name: str
    what: str
    happened_on: datetime.date | None
    channel: str
    filed_at: datetime.datetime
    outcome: str
    handled_at: datetime.datetime | None

    @staticmethod
    def resolve_against_unit(obj) -> str | None:
        return obj.against_unit.name if obj.against_unit_id else None

    @staticmethod
    def resolve_division(obj, context):
        request = context and context.get("request")
        user = getattr(request, "auth", None) or getattr(request, "user", None)
        return None if user is None or complainant_hidden(user, obj) else obj.division


class HandleIn(_Stripped):
    upheld: bool
    outcome: str = Field(min_length=1, max_length=limits.TEXT_CHARS)


# --- figures ------------------------------------------------------------------------------------


class AdmissionFigureOut(Schema):
    name: str = Field(description="the department's or village's name")
    code: str | None = Field(description="the village's division code (None for a department)")
    submitted: int
    returned: int
    refused: int
    approved: int
    dispatched: int
    completed: int
    overdue: int
    complaints: int
    money_committed: Decimal

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.subject.name

    @staticmethod
    def resolve_code(obj) -> str | None:
        return getattr(obj.subject, "code", None)


class LoadOut(Schema):
    village: DivisionRef
    open: int
    done: int
    total: int


class FiguresOut(Schema):
    departments: list[AdmissionFigureOut]
    villages: list[AdmissionFigureOut]
    load: list[LoadOut] = Field(description="tasks each village carries this month, heaviest first")
