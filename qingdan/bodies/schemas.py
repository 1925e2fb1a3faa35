"""API shapes for coordination bodies, their meetings and documents, caps, the review and the report."""

from __future__ import annotations

import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from qingdan import limits
from qingdan.orgs.schemas import DivisionRef

DIVISION_CODE = r"^\d{12}$"


class _Stripped(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)


class BodyUnitRef(Schema):
    id: int
    name: str


class BodyOut(Schema):
    id: int
    name: str
    kind: str
    permanence: str
    ends_on: datetime.date | None
    basis_class: str
    status: str
    division: DivisionRef
    lead_unit: BodyUnitRef | None
    lead_unit_name: str = Field(description="the lead unit as the ledger names it")
    set_up_on: datetime.date
    set_up_document: str
    revoked_on: datetime.date | None
    revocation_document: str


class MeetingOut(Schema):
    id: int
    held_on: datetime.date
    topic: str
    attendees_count: int | None
    attendees: str
    has_minutes: bool

    @staticmethod
    def resolve_has_minutes(obj) -> bool:
        return bool(obj.minutes)


class DocumentOut(Schema):
    id: int
    number: str
    title: str
    issued_on: datetime.date


class HandoverRowOut(Schema):
    area: str
    task: str
    measures: str
    lead_unit: BodyUnitRef | None
    lead_unit_name: str
    source: str


class BodyDetailOut(BodyOut):
    basis: str
    office_unit: BodyUnitRef | None
    office_location: str
    leader: str
    deputy: str
    member_units: list[BodyUnitRef]
    other_members: str
    meetings: list[MeetingOut]
    documents: list[DocumentOut]
    handover: list[HandoverRowOut] = Field(description="suggested task checklist rows, once revoked")


class BodyIn(_Stripped):
    division: str = Field(pattern=DIVISION_CODE, description="the county, or a township of it")
    name: str = Field(min_length=1, max_length=200)
    kind: str
    permanence: str
    ends_on: datetime.date | None = None
    basis_class: str
    basis: str = Field(max_length=5000)
    lead_unit: int = Field(description="id of a unit of the county")
    office_unit: int | None = None
    office_location: str = Field("", max_length=200)
    leader: str = Field("", max_length=200)
    deputy: str = Field("", max_length=5000)
    member_units: list[int] = Field(default_factory=list, max_length=200)
    other_members: str = Field("", max_length=5000)
    set_up_on: datetime.date
    set_up_document: str = Field(max_length=200)
    revoke: int | None = Field(None, description="at the cap: id of the body revoked in the same act")
    revocation_document: str = Field("", max_length=200)
    revocation_date: datetime.date | None = None


class RevokeIn(_Stripped):
    document: str = Field("", max_length=200, description="number of the revoking document")
    revoked_on: datetime.date | None = None
    note: str = Field("", max_length=limits.REASON_CHARS)


class MeetingIn(_Stripped):
    held_on: datetime.date
    topic: str = Field(min_length=1, max_length=300)
    attendees_count: int | None = Field(None, ge=1)
    attendees: str = Field("", max_length=5000)


class DocumentIn(_Stripped):
    number: str = Field(min_length=1, max_length=100)
    title: str = Field(min_length=1, max_length=300)
    issued_on: datetime.date


class CapOut(Schema):
    level: str
    cap: int
    active: int
    over: list[str] = Field(description="divisions of this level above the cap, as 名称 n")


class CapIn(Schema):
    cap: int = Field(ge=0, le=500)


class ReviewOut(Schema):
    past_end: list[BodyOut]
    stale: list[BodyOut]
    lead_gone: list[BodyOut]
    duplicates: list[list[BodyOut]]


class ReportLineOut(Schema):
    division: DivisionRef | None
    meetings: int
    meetings_before: int
    meetings_change: int
    documents: int
    documents_before: int
    documents_change: int
    meetings_last_year: int
    documents_last_year: int


class BodyReportOut(Schema):
    year: int
    to_date: bool
    period_end: datetime.date
    before_end: datetime.date
    lines: list[ReportLineOut]
    total: ReportLineOut
