"""API shapes for one set of forms. ID numbers and phones are masked in every answer but the reveal's."""

from __future__ import annotations

import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from qingdan import limits
from qingdan.orgs.schemas import DivisionRef
from qingdan.review.schemas import DecisionNoteIn, DecisionReasonIn, ReviewEntryOut

DIVISION_CODE = r"^\d{12}$"


class _Stripped(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)


# --- the data dictionary --------------------------------------------------------------------------


class ElementOut(Schema):
    id: int
    code: str
    name: str
    kind: str = Field(description="number, integer, text, date, choice, boolean, id_number or phone")
    unit: str
    choices: list[str]
    held_in: str = Field(description="the register holding it: village, residents, or empty")
    is_personal: bool
    status: str = Field(description="proposed, approved, mapped or rejected")
    mapped_to: int | None = Field(description="the element a mapped proposal stands for")
    proposed_by: str

    @staticmethod
    def resolve_held_in(obj) -> str:
        return obj.register

    @staticmethod
    def resolve_mapped_to(obj) -> int | None:
        return obj.mapped_to_id

    @staticmethod
    def resolve_proposed_by(obj) -> str:
        return obj.proposed_by.name if obj.proposed_by_id else ""


class ElementIn(_Stripped):
    name: str = Field(min_length=1, max_length=100)
    kind: str
    unit: str = Field("", max_length=20)
    choices: list[str] = Field(default_factory=list, max_length=100)
    held_in: str = Field("", description="the register that keeps it: village, residents or empty")
    is_personal: bool = False
    description: str = Field("", max_length=2000)


class ApproveElementIn(_Stripped):
    code: str = Field("", max_length=40, description="empty: the next free code")


class MapElementIn(Schema):
    target: int = Field(description="id of the approved element the proposal means")


class ReasonIn(DecisionReasonIn):
    """A reason (refusing, returning, rejecting): the review's shared shape."""


class NoteIn(DecisionNoteIn):
    """An optional note (approving): the review's shared shape."""


# --- registers ----------------------------------------------------------------------------------


class FigureOut(Schema):
    element: int
    code: str
    name: str
    unit: str
    value: str = Field(description="empty when the register does not hold it")
    as_of: datetime.date | None
    source: str
    set_by: str


class FigureIn(_Stripped):
    element: int = Field(description="id of an approved village-register element")
    value: str = Field(min_length=1, max_length=2000)
    as_of: datetime.date


class _ResidentFields(Schema):
    id: int
    village: DivisionRef
    name: str
    id_number: str = Field(description="masked: 420102********1234")
    phone: str = Field(description="masked: 138****5678")
    household: str
    tags: list[str]


class ResidentOut(_ResidentFields):
    @staticmethod
    def resolve_id_number(obj) -> str:
        return obj.id_masked

    @staticmethod
    def resolve_phone(obj) -> str:
        return obj.phone_masked

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return obj.tags.split()


class ResidentFactOut(Schema):
    element: int
    name: str
    value: str = Field(description="ID numbers and phones masked")
    as_of: datetime.date
    source: str
    current: bool


class ResidentDetailOut(_ResidentFields):
    facts: list[ResidentFactOut]


class FindIn(_Stripped):
    q: str = Field(min_length=1, max_length=50, description="a full ID number, or a part of a name")


class RevealIn(_Stripped):
    field: str = Field(pattern=r"^(id_number|phone)$")
    reason: str = Field(min_length=1, max_length=limits.REASON_CHARS, description="kept in the audit trail")


class RevealOut(Schema):
    field: str
    value: str = Field(description="the clear value, shown once")


# --- form requests ----------------------------------------------------------------------------------


class _FormFields(Schema):
    id: int
    title: str
    department: str
    frequency: str
    rows_kind: str
    resident_tag: str
    deadline: datetime.date
    status: str
    created_at: datetime.datetime
    approved_at: datetime.datetime | None
    merged_into: int | None


class FormOut(_FormFields):
    @staticmethod
    def resolve_department(obj) -> str:
        return obj.department.name

    @staticmethod
    def resolve_merged_into(obj) -> int | None:
        return obj.merged_into_id


class FieldOut(Schema):
    element: int
    code: str
    name: str
    kind: str
    unit: str
    required: bool
    held: bool = Field(description="kept in a register: fills itself")


class HistoryOut(ReviewEntryOut):
    """One step of the request's review: the review's shared entry."""


class FormRef(Schema):
    id: int
    title: str


class AskedElsewhereOut(Schema):
    element: int
    forms: list[FormRef]


class MergeSuggestionOut(Schema):
    form: FormRef
    shared_fields: int


class OverlapOut(Schema):
    held: list[int] = Field(description="element ids the registers hold: they fill themselves")
    asked_elsewhere: list[AskedElsewhereOut] = Field(description="fields other approved forms already ask")
    new: list[int] = Field(description="element ids neither held nor asked elsewhere")
    merge_suggestions: list[MergeSuggestionOut]
    rows_per_village: int
    times_a_year: int
    typing_per_village_per_year: int
    typing_without_registers: int
    seconds_per_field: int


class FormDetailOut(_FormFields):
    purpose: str
    fields: list[FieldOut]
    villages: list[DivisionRef]
    history: list[HistoryOut]
    overlap: OverlapOut | None = Field(description="before a decision: what is held, asked elsewhere, new")


class FormIn(_Stripped):
    title: str = Field(min_length=1, max_length=limits.TITLE_CHARS)
    purpose: str = Field(min_length=1, max_length=limits.TEXT_CHARS)
    frequency: str = Field(description="once, monthly, quarterly or yearly")
    rows_kind: str = Field(
        "village", description="village (the village's figures) or residents (one row each)"
    )
    resident_tag: str = Field("", max_length=20)
    elements: list[int] = Field(min_length=1, max_length=200, description="ids of approved data elements")
    villages: list[str] = Field(
        min_length=1,
        max_length=5000,
        description="12-digit codes of villages, or of townships for all theirs",
    )
    deadline: datetime.date
    submit: bool = Field(True, description="submit for review at once (false: keep as a draft)")


class MergeIn(DecisionReasonIn):
    into: int = Field(description="id of the approved form to merge into")


# --- submissions ---------------------------------------------------------------------------------------


class OpenIn(Schema):
    village: str = Field(pattern=DIVISION_CODE)
    period: str | None = Field(None, description="once, 2026, 2026-Q4 or 2026-11; default the current one")


class CellOut(Schema):
    resident: int | None = Field(description="the resident of the row; null for the village row")
    element: int
    value: str = Field(description="ID numbers and phones masked")
    prefilled: bool


class RowOut(Schema):
    resident: int | None
    name: str
    id_number: str = Field(description="masked")
    household: str


class PrefillOut(Schema):
    row_count: int = Field(description="rows of the whole form (residents, or 1 for the village)")
    page: int = Field(description="this page of rows (ask with ?page=N&per_page=M)")
    pages: int
    form: int
    village: DivisionRef
    period: str
    fields: list[FieldOut]
    rows: list[RowOut]
    cells: list[CellOut]
    prefilled: int
    to_type: int


class SubmissionOut(Schema):
    row_count: int = Field(description="rows of the whole form (residents, or 1 for the village)")
    page: int = Field(description="this page of rows (ask with ?page=N&per_page=M)")
    pages: int
    id: int
    form: int
    village: DivisionRef
    period: str
    status: str
    prefilled_count: int
    typed_count: int
    submitted_at: datetime.datetime | None
    fields: list[FieldOut]
    rows: list[RowOut]
    cells: list[CellOut]


class CellIn(Schema):
    resident: int | None = None
    element: int
    value: str = Field("", max_length=2000, description="empty clears the cell")


class ValuesIn(Schema):
    values: list[CellIn] = Field(min_length=1, max_length=100000)


class ResultsOut(Schema):
    form: int
    columns: list[str]
    rows: list[list[str]] = Field(description="one line per village (or resident); personal values masked")
