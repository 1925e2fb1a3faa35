"""The API's shapes of the light ledger. Names start with Ledger… so they stay unique in the OpenAPI."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict

from qingdan import limits

from . import choices as c


class LedgerIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")


class LedgerPointIn(LedgerIn):
    village: int
    since: datetime.date = Field(description="the first month it reports (any day of that month)")


class LedgerPointOut(Schema):
    id: int
    village_id: int
    village: str
    since: datetime.date
    is_active: bool

    @staticmethod
    def resolve_village(obj) -> str:
        return obj.village.name


class LedgerDocumentIn(LedgerIn):
    month: datetime.date
    issuer: int
    number: str = Field("", max_length=c.NUMBER_CHARS * 2)
    characters: int
    pages: int | None = None


class LedgerMeetingIn(LedgerIn):
    held_on: datetime.date
    issuer: int
    level: c.MeetingLevel
    hours: Decimal
    comprehensive: bool = False


class LedgerInspectionIn(LedgerIn):
    held_on: datetime.date
    issuer: int
    kind: c.InspectionKind


class LedgerCertificateIn(LedgerIn):
    month: datetime.date
    demander_kind: c.DemanderKind
    demander: str = Field(max_length=c.NAME_CHARS * 2)
    purpose: str = Field(max_length=limits.REASON_CHARS, description=f"at most {c.PURPOSE_CHARS} characters")
    issuer: int | None = None


class LedgerBorrowingIn(LedgerIn):
    month: datetime.date
    issuer: int
    cadres: int
    days: int


class LedgerEntryOut(Schema):
    id: int
    kind: str
    month: datetime.date
    issuer: str | None
    summary: str
    screening: str | None = None
    matched_item: str | None = None


class LedgerMonthOut(Schema):
    village_id: int
    month: datetime.date
    submitted: bool
    entries: list[LedgerEntryOut]


class LedgerToolIn(LedgerIn):
    kind: c.ToolKind
    name: str = Field(max_length=c.NAME_CHARS * 2)
    issuer: int
    used_from: datetime.date
    used_until: datetime.date | None = None


class LedgerDropIn(LedgerIn):
    month: datetime.date = Field(description="the first month it is no longer required (any day of it)")


class LedgerToolOut(Schema):
    id: int
    kind: str
    name: str
    issuer: str
    used_from: datetime.date
    used_until: datetime.date | None

    @staticmethod
    def resolve_issuer(obj) -> str:
        return obj.issuer.name


class LedgerSignIn(LedgerIn):
    name: str = Field(max_length=c.NAME_CHARS * 2)
    kind: c.SignKind
    place: c.SignPlace
    room: str = Field("", max_length=c.NAME_CHARS * 2)


class LedgerDispositionIn(LedgerIn):
    disposition: c.Disposition
    on: datetime.date


class LedgerSignOut(Schema):
    id: int
    name: str
    kind: str
    place: str
    room: str
    disposition: str
    disposed_on: datetime.date | None


class LedgerSignsOut(Schema):
    before: int
    after: int
    breaches: list[str]
    signs: list[LedgerSignOut]


class LedgerViolationOut(Schema):
    id: int
    rule: str
    year: int
    division: str
    issuer: str | None
    evidence: str
    status: str

    @staticmethod
    def resolve_division(obj) -> str:
        return obj.division.name

    @staticmethod
    def resolve_issuer(obj) -> str | None:
        return obj.issuer.name if obj.issuer_id else None
