"""API shapes for task checklists, their rows and progress reports."""

from __future__ import annotations

import datetime

from django.utils import timezone
from ninja import Field, Schema
from pydantic import ConfigDict

from qingdan.orgs.schemas import DivisionRef


class _Stripped(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)


class PersonRef(Schema):
    id: int
    name: str
    unit: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.full_name or obj.username

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.name if obj.unit_id else ""


class RowIn(_Stripped):
    area: str = Field("", max_length=100, description="工作方面")
    task: str = Field(description="工作任务")
    measures: str = Field("", description="工作措施")
    lead_leader: int | None = Field(None, description="牵头领导: a person's id")
    cooperating_leaders: list[int] = Field(default_factory=list, max_length=50, description="配合领导")
    responsible: int | None = Field(None, description="具体责任人: a person's id (required)")
    deadline: datetime.date | None = Field(None, description="完成时限 (required)")
    report_to: str = Field("", max_length=200, description="汇报对象")


class HeaderIn(_Stripped):
    title: str = Field(max_length=200)
    source_kind: str = Field("document", description="meeting or document")
    source_title: str = Field(max_length=200, description="the meeting or document carried out")
    source_number: str = Field("", max_length=100)
    source_date: datetime.date | None = None
    year: int


class ChecklistIn(HeaderIn):
    rows: list[RowIn] = Field(default_factory=list, max_length=200)


class ChecklistRowOut(Schema):
    id: int
    checklist: int
    position: int
    area: str
    task: str
    measures: str
    lead_leader: PersonRef | None
    cooperating_leaders: list[PersonRef]
    responsible: PersonRef
    deadline: datetime.date
    report_to: str
    progress: int
    status: str
    alert: str = Field(description='"overdue", "due_soon" (within three days) or "" ')

    @staticmethod
    def resolve_checklist(obj) -> int:
        return obj.checklist_id

    @staticmethod
    def resolve_cooperating_leaders(obj) -> list:
        return list(obj.cooperating_leaders.all())

    @staticmethod
    def resolve_alert(obj) -> str:
        if obj.checklist.status != "active":
            return ""
        return obj.alert_kind(timezone.localdate())


class ChecklistOut(Schema):
    id: int
    title: str
    source_kind: str
    source_number: str
    source_title: str
    source_date: datetime.date | None
    owner_unit: str
    division: DivisionRef
    year: int
    status: str
    copied_from: int | None
    created_at: datetime.datetime
    issued_at: datetime.datetime | None
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_owner_unit(obj) -> str:
        return obj.owner_unit.name

    @staticmethod
    def resolve_copied_from(obj) -> int | None:
        return obj.copied_from_id


class ChecklistDetailOut(ChecklistOut):
    rows: list[ChecklistRowOut]


class ProgressIn(_Stripped):
    percent: int = Field(description="0 to 100")
    note: str = ""


class UpdateOut(Schema):
    id: int
    row: int
    percent: int
    note: str
    actor: PersonRef
    at: datetime.datetime
    has_file: bool

    @staticmethod
    def resolve_row(obj) -> int:
        return obj.row_id

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)


class CloseIn(_Stripped):
    note: str = ""


class CopyIn(_Stripped):
    years: int = Field(1, description="move every date by this many years (29 February → 28 February)")
    days: int = Field(0, description="then by this many days")
    year: int | None = Field(None, description="the copy's year (default: the source's plus `years`)")
    title: str = Field("", description="default: the source's title with its year replaced")
    replacements: dict[int, int] = Field(
        default_factory=dict, description="id of a person who left → id of the person who takes over"
    )


class RefusedOut(Schema):
    detail: str
    problems: list[str]
