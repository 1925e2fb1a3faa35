"""The API's shapes. Names start with Cadre or Secondment so they stay unique across the project's
OpenAPI document. ID numbers and phones go out masked only."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict

from qingdan import limits

from .choices import Assessor, Education, GridKind, PostRole, ProjectStatus, Rank, RecordKind

STRIP = ConfigDict(str_strip_whitespace=True)


class SecondmentProgrammeOut(Schema):
    county: str = Field(alias="county.name")
    organising_unit: str = Field(alias="organising_unit.name")
    age_limit: int
    rank_limit: Rank
    full_time_required: bool
    weight_community: int
    weight_street: int
    weight_unit: int


class SecondmentBatchOut(Schema):
    id: int
    year: int
    sending_unit: str = Field(alias="sending_unit.name")
    status: str


class SecondmentBatchIn(Schema):
    year: int


class CadreNomineeIn(Schema):
    model_config = STRIP

    name: str = Field(max_length=50)
    id_number: str = Field(max_length=30)
    phone: str = Field("", max_length=30)
    rank: Rank
    education: Education
    position: str = Field("", max_length=100)
    specialty: str = Field("", max_length=200)
    full_time: bool = True


class SecondedCadreOut(Schema):
    id: int
    name: str
    sending_unit: str = Field(alias="sending_unit.name")
    birth_date: datetime.date
    rank: Rank
    education: Education
    id_masked: str
    phone_masked: str
    status: str
    batch_id: int


class CadreRevealIn(Schema):
    field: str = Field(pattern="^(id_number|phone)$")
    reason: str = Field(min_length=1, max_length=500)


class CadreRevealOut(Schema):
    field: str
    value: str


class CadrePostingIn(Schema):
    cadre: int
    community: int
    role: PostRole
    starts_on: datetime.date
    ends_on: datetime.date
    grids: list[int] = Field(default_factory=list, max_length=100)


class CadrePostingOut(Schema):
    id: int
    cadre_id: int
    cadre: str = Field(alias="cadre.name")
    community_id: int
    community: str = Field(alias="community.name")
    role: PostRole
    starts_on: datetime.date
    ends_on: datetime.date
    ended_on: datetime.date | None
    grids: list[str]
    incomplete: bool
    handover_note: str

    @staticmethod
    def resolve_grids(obj) -> list[str]:
        return [grid.name for grid in obj.grids.all()]

    @staticmethod
    def resolve_incomplete(obj) -> bool:
        return not obj.grids.all()


class CadreGridIn(Schema):
    model_config = STRIP

    name: str = Field(max_length=100)
    kind: GridKind
    households: int | None = Field(None, ge=0, le=100_000)


class CadreGridOut(Schema):
    id: int
    name: str
    kind: GridKind
    households: int | None


class CadreWorkRecordIn(Schema):
    model_config = STRIP

    day: datetime.date
    kind: RecordKind
    text: str = Field(max_length=limits.REASON_CHARS)


class CadreWorkRecordOut(Schema):
    id: int
    day: datetime.date
    kind: RecordKind
    text: str


class CadreAttendanceIn(Schema):
    model_config = STRIP

    month: datetime.date
    days_present: int = Field(ge=0, le=31)
    days_leave: int = Field(0, ge=0, le=31)
    note: str = Field("", max_length=200)


class CadreAttendanceOut(Schema):
    month: datetime.date
    days_present: int
    days_leave: int
    note: str


class CadreScoreIn(Schema):
    year: int = Field(ge=2000, le=2100)
    assessor: Assessor
    value: int = Field(ge=0, le=100)


class CadreAssessmentOut(Schema):
    year: int
    community_score: int | None
    street_score: int | None
    unit_score: int | None
    total: Decimal | None
    grade: str


class CadreRotateIn(Schema):
    model_config = STRIP

    ended_on: datetime.date
    handover_note: str = Field(max_length=limits.REASON_CHARS)
    next_cadre: int | None = None
    next_role: PostRole = PostRole.DEPUTY_SECRETARY


class CadreResourceIn(Schema):
    model_config = STRIP

    title: str = Field(max_length=200)
    description: str = Field("", max_length=limits.REASON_CHARS)


class CadreResourceOut(Schema):
    id: int
    title: str
    description: str
    sending_unit: str = Field(alias="sending_unit.name")


class CadreNeedIn(Schema):
    model_config = STRIP

    community: int
    title: str = Field(max_length=200)
    description: str = Field("", max_length=limits.REASON_CHARS)


class CadreNeedOut(Schema):
    id: int
    community_id: int
    title: str
    description: str
    status: str


class CadreProjectIn(Schema):
    model_config = STRIP

    community: int
    title: str = Field(max_length=200)
    needs: list[int] = Field(default_factory=list, max_length=100)
    resources: list[int] = Field(default_factory=list, max_length=100)
    owner: str = Field(max_length=50)
    starts_on: datetime.date
    ends_on: datetime.date


class CadreProjectProgressIn(Schema):
    model_config = STRIP

    status: ProjectStatus
    outcome: str = Field("", max_length=limits.REASON_CHARS)
    problems_solved: int = Field(0, ge=0, le=100_000)
    services_held: int = Field(0, ge=0, le=100_000)


class CadreProjectOut(Schema):
    id: int
    community_id: int
    title: str
    owner: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: ProjectStatus
    outcome: str
    problems_solved: int
    services_held: int
    needs: list[int]
    resources: list[int]

    @staticmethod
    def resolve_needs(obj) -> list[int]:
        return [need.pk for need in obj.needs.all()]

    @staticmethod
    def resolve_resources(obj) -> list[int]:
        return [resource.pk for resource in obj.resources.all()]


class CadreFiguresOut(Schema):
    street: str
    street_id: int | None
    cadres_posted: int
    communities_covered: int
    projects: int
    projects_done: int
    needs_listed: int
    needs_met: int
    problems_solved: int
    services_held: int


class SecondmentRulesIn(Schema):
    age_limit: int = Field(ge=18, le=60)
    rank_limit: Rank
    full_time_required: bool
    weight_community: int = Field(ge=0, le=100)
    weight_street: int = Field(ge=0, le=100)
    weight_unit: int = Field(ge=0, le=100)


class CadreCommendationIn(Schema):
    model_config = STRIP

    title: str = Field(max_length=200)
    year: int = Field(ge=2000, le=2100)
    issued_on: datetime.date
    cadres: list[int] = Field(max_length=500)


class CadreCommendationOut(Schema):
    id: int
    title: str
    year: int
    issued_on: datetime.date
    cadres: list[int]

    @staticmethod
    def resolve_cadres(obj) -> list[int]:
        return [cadre.pk for cadre in obj.cadres.all()]
