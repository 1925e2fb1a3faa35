"""The staffing API's schemas (names start with Staffing so they stay unique across the project)."""

import datetime

from ninja import Field, Schema


class StaffingUnitOut(Schema):
    id: int
    unit: str
    series: str
    administrative_quota: int
    institution_quota: int
    leader_posts: int
    filled_administrative: int
    filled_institution: int
    in_pool: int
    over_quota: bool


class StaffingMoveLineIn(Schema):
    target: int = Field(description="id of a township staffed unit")
    amount: int = Field(ge=1, le=100_000)


class StaffingMoveIn(Schema):
    source: int
    kind: str
    document: str = Field(max_length=200)
    moved_on: datetime.date
    lines: list[StaffingMoveLineIn] = Field(min_length=1, max_length=500)


class StaffingMoveOut(Schema):
    id: int
    document: str
    total: int


class StaffingTownQuotaOut(Schema):
    township: str
    administrative: int
    institution: int
    total: int


class StaffingTableLineOut(Schema):
    label: str
    before: int
    after: int
    change: int
    percent: float | None


class StaffingPlacementOut(Schema):
    total: int
    placed: int
    percent: float
    unplaced: list[str]


class StaffingPersonOut(Schema):
    id: int
    name: str
    unit: str
    identity: str
    id_number: str = Field(description="masked")
    phone: str = Field(description="masked")
    is_leader: bool
    in_pool: bool
    pool_duty: str


class StaffingChoiceIn(Schema):
    sub_modules: list[int] = Field(max_length=50, description="ids of the county's sub-modules (3-5)")


class StaffingPositionIn(Schema):
    town_module: int
    name: str = Field(max_length=100)
    points: float = Field(ge=0, le=1000)
    items: list[int] = Field(default=[], max_length=2000, description="duty item ids of the town's list")
    is_offered: bool = False


class StaffingPositionOut(Schema):
    id: int
    name: str
    module: str
    points: float
    is_offered: bool
    items: list[int]


class StaffingPlacementIn(Schema):
    person: int
    position: int
    primary: bool = True


class StaffingApplicationIn(Schema):
    person: int
    position: int


class StaffingApplicationOut(Schema):
    id: int
    person: str
    position: str
    status: str


class StaffingDecisionIn(Schema):
    accept: bool


class StaffingScoreIn(Schema):
    person: int
    year: int = Field(ge=2000, le=2100)
    module_score: float = Field(ge=0, le=100)
    team_points: float = Field(ge=0, le=100)
    special_bonus: float = Field(0, ge=0, le=100)
    special_reason: str = Field("", max_length=200)
    sending_unit_score: float | None = Field(None, ge=0, le=100)


class StaffingScoreOut(Schema):
    id: int
    person: str
    year: int
    position_points: float
    module_score: float | None
    special_bonus: float
    special_approved: bool
    team_points: float
    total: float | None
    result_to: str | None


class StaffingCarrierOut(Schema):
    position: str
    module: str
    people: list[str]


class StaffingItemOut(Schema):
    id: int
    item_no: str
    list_kind: str
    name: str


class StaffingReformUnitIn(Schema):
    name: str = Field(max_length=200)
    kind: str = Field(description="department, institution, enforcement or township")
    administrative_quota: int = Field(0, ge=0, le=1_000_000)
    institution_quota: int = Field(0, ge=0, le=1_000_000)
    leader_posts: int = Field(0, ge=0, le=1_000_000)


class StaffingReformMappingIn(Schema):
    old: str = Field(max_length=200)
    kind: str = Field(description="kept, merged, split or abolished")
    new: list[str] = Field(default=[], max_length=50)


class StaffingReformIn(Schema):
    name: str = Field(max_length=200)
    document: str = Field(max_length=200)
    decided_on: datetime.date
    before: list[StaffingReformUnitIn] = Field(max_length=5000)
    after: list[StaffingReformUnitIn] = Field(max_length=5000)
    mappings: list[StaffingReformMappingIn] = Field(max_length=5000)


class StaffingReformOut(Schema):
    id: int
    name: str
    table: list[StaffingTableLineOut]


class StaffingTemplateIn(Schema):
    name: str = Field(max_length=100)
    offices: list[str] = Field(max_length=50)
    centres: list[str] = Field(default=[], max_length=50)


class StaffingTemplateChoiceIn(Schema):
    template: int


class StaffingTemplateCheckOut(Schema):
    template: str
    missing: list[str]
    extra: list[str]
    ok: bool


class StaffingPersonIn(Schema):
    works_in: int
    name: str = Field(max_length=50)
    identity: str = Field(description="administrative, institution, contract or dispatched")
    id_number: str = Field(max_length=30)
    phone: str = Field("", max_length=30)
    quota_unit: int | None = None
    sending_unit: int | None = Field(None, description="the sending county unit of dispatched staff")
    is_leader: bool = False
    pool_since: datetime.date | None = Field(
        None, description="recorded straight into the turnover pool since this date (staff over the quota)"
    )
    pool_duty: str = Field("", max_length=200, description="what they now do, when entering the pool")


class StaffingPoolIn(Schema):
    on: datetime.date
    duty: str = Field("", max_length=200, description="what they now do, when entering the pool")
    reason: str = Field("", description="retired or moved, when leaving it")


class StaffingCatalogueIn(Schema):
    modules: dict[str, list[str]] = Field(description="main module → its sub-modules")


class StaffingRuleIn(Schema):
    year: int = Field(ge=2000, le=2100)
    position_weight: int = Field(ge=0, le=100)
    module_weight: int = Field(ge=0, le=100)
    team_weight: int = Field(ge=0, le=100)
    special_cap: float = Field(ge=0, le=100)
    township_weight: int = Field(ge=0, le=100)
