"""The API's shapes for village assessment. Names start with Assessment: schema names are unique across
the project's OpenAPI document."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict

from .choices import Evidence, Formula, RuleKind, Source, VillageType

TEXT = 2000


class AssessmentCapIn(Schema):
    year: int = Field(ge=2000, le=2100)
    cap: int = Field(ge=1, le=200)


class AssessmentCapOut(Schema):
    year: int
    cap: int


class AssessmentSchemeIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=1, max_length=200)


class AssessmentSchemeOut(Schema):
    id: int
    year: int
    title: str
    status: str
    division: str
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_division(obj) -> str:
        return obj.division.name


class AssessmentLevel(Schema):
    label: str = Field(min_length=1, max_length=50)
    share: Decimal = Field(ge=0, le=100)


class AssessmentIndicatorIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    village_type: VillageType
    duty_item: int | None = Field(None, ge=1, le=2**31 - 1)
    points: Decimal = Field(gt=0, le=100)
    rule_kind: RuleKind
    target: Decimal | None = Field(None, ge=0, le=10**9)
    formula: Formula | None = None
    levels: list[AssessmentLevel] = Field(default_factory=list, max_length=10)
    # "photo" is accepted here only to be refused by the action with the reason (409).
    evidence: Evidence | str = Field(max_length=20)
    source: Source = Source.NONE
    department: int = Field(ge=1, le=2**31 - 1)


class AssessmentIndicatorOut(Schema):
    id: int
    village_type: str
    position: int
    name: str
    duty_item: str
    points: Decimal
    rule_kind: str
    target: Decimal | None
    formula: str
    levels: list[dict]
    evidence: str
    source: str
    department: str

    @staticmethod
    def resolve_duty_item(obj) -> str:
        return obj.duty_item.name

    @staticmethod
    def resolve_department(obj) -> str:
        return obj.department.name


class AssessmentChangeOut(Schema):
    village_type: str
    before: int
    after: int
    reduction: int | None
    added: list[str]
    removed: list[dict]
    changed: list[str]


class AssessmentSchemeDetailOut(AssessmentSchemeOut):
    """The indicators the reader sees, and last year beside this year (set by the API as shown_*)."""

    indicators: list[AssessmentIndicatorOut]
    comparison: list[AssessmentChangeOut]
    reduction: int | None

    @staticmethod
    def resolve_indicators(obj) -> list:
        return obj.shown_indicators

    @staticmethod
    def resolve_comparison(obj) -> list:
        return obj.shown_comparison

    @staticmethod
    def resolve_reduction(obj) -> int | None:
        return obj.shown_reduction


class AssessmentRemoveIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    reason: str = Field("", max_length=TEXT)


class AssessmentVillageTypeIn(Schema):
    village_type: VillageType


class AssessmentScoreOut(Schema):
    indicator: str
    points_possible: Decimal
    computed_value: Decimal | None
    sources: dict
    reported_value: Decimal | None
    reported_level: str
    verified_value: Decimal | None
    verified_level: str
    verified_note: str
    points: Decimal

    @staticmethod
    def resolve_indicator(obj) -> str:
        return obj.indicator.name

    @staticmethod
    def resolve_points_possible(obj) -> Decimal:
        return obj.indicator.points


class AssessmentPayOut(Schema):
    name: str
    post: str
    yearly_pay: Decimal
    performance_pay: Decimal
    bonus: Decimal


class AssessmentResultOut(Schema):
    id: int
    village: str
    village_type: str
    total: Decimal
    rank: int
    grade: str
    frozen: bool

    @staticmethod
    def resolve_village(obj) -> str:
        return obj.village.name


class AssessmentResultDetailOut(AssessmentResultOut):
    """The scores and pay the reader sees (set by the API as shown_*)."""

    scores: list[AssessmentScoreOut]
    pay: list[AssessmentPayOut]

    @staticmethod
    def resolve_scores(obj) -> list:
        return obj.shown_scores

    @staticmethod
    def resolve_pay(obj) -> list:
        return obj.shown_pay


class AssessmentAppealIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    reason: str = Field(min_length=1, max_length=TEXT)


class AssessmentDecisionIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    uphold: bool
    reason: str = Field(min_length=1, max_length=TEXT)


class AssessmentAppealOut(Schema):
    id: int
    status: str
    reason: str
    created_at: datetime.datetime
