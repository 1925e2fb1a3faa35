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
