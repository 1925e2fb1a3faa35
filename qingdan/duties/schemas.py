"""API shapes for duty catalogs, versions, items, diffs, file imports and amendments."""

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from qingdan import limits
from qingdan.orgs.schemas import DivisionRef

DIVISION_CODE = r"^\d{12}$"


class CatalogOut(Schema):
    id: int
    name: str
    level: str
    is_template: bool
    division: DivisionRef
    template_id: int | None
    current_version: int | None = Field(description="number of the current published version")
    created_at: datetime

    @staticmethod
    def resolve_current_version(obj) -> int | None:
        return obj.current_version.number if obj.current_version_id else None


class CatalogDetailOut(CatalogOut):
    version_count: int
    item_count: int
    counts: dict[str, int] = Field(description="items of the current version per list kind")


class VersionOut(Schema):
    number: int
    status: str
    source: str
    source_file: str
    note: str
    created_at: datetime
    published_at: datetime | None
    published_by: str | None
    adopted_from: str | None = Field(description="the template version this one was adopted from")
    item_count: int

    @staticmethod
    def resolve_published_by(obj) -> str | None:
        return str(obj.published_by) if obj.published_by_id else None

    @staticmethod
    def resolve_adopted_from(obj) -> str | None:
        return str(obj.adopted_from) if obj.adopted_from_id else None


class ItemOut(Schema):
    id: int
    position: int
    list_kind: str
    list_kind_heading: str
    item_no: str
    category: str
    name: str
    content: str
    basis: str
    responsible_unit_name: str
    responsible_unit_id: int | None
    department_duty: str
    grassroots_duty: str
    working_method: str
    source: str


class DepartmentItemOut(ItemOut):
    catalog_id: int
    version: int
    division: DivisionRef

    @staticmethod
    def resolve_catalog_id(obj) -> int:
        return obj.version.catalog_id

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.version.number

    @staticmethod
    def resolve_division(obj):
        return obj.version.catalog.division


class ItemSummary(Schema):
    list_kind: str
    item_no: str
    name: str


class ChangeOut(Schema):
    kind: str = Field(description="added, removed, moved, reworded or changed")
    old: ItemSummary | None
    new: ItemSummary | None
    fields: dict[str, list[str]] = Field(description="changed field → [old, new]")


class DiffOut(Schema):
    from_version: int | None = Field(description="None when `to` is the first version: everything is added")
    to_version: int
    counts: dict[str, int]
    changes: list[ChangeOut]


class ProblemOut(Schema):
    row: int = Field(description="spreadsheet row (1 = header), 0 for the whole file")
    column: str = Field(description="the Chinese column header, empty for a whole row or file")
    message: str


class FileResultOut(Schema):
    ok: bool
    rows: int = Field(description="good rows read from the file")
    counts: dict[str, int] = Field(description="good rows per list kind")
    errors: list[ProblemOut]
    warnings: list[ProblemOut]
    version: int | None = Field(description="the version published; None on a dry run or an error")
    catalog: int | None = None


class AdoptIn(Schema):
    divisions: list[str] = Field(min_length=1, max_length=1000, description="codes of townships or villages")


class AdoptedOut(Schema):
    division: str
    catalog: int
    version: int | None


class AdoptOut(Schema):
    adopted: list[AdoptedOut]
    unchanged: list[str] = Field(description="divisions that already hold the template's current version")


class StepOut(Schema):
    step: str
    actor: str
    at: datetime
    opinion: str
    outcome: str

    @staticmethod
    def resolve_actor(obj) -> str:
        return str(obj.actor)


class AmendmentOut(Schema):
    id: int
    catalog_id: int
    title: str
    status: str
    base_version: int
    proposed_version: int | None = Field(description="its number once approved and published")
    applicant: str
    created_at: datetime

    @staticmethod
    def resolve_base_version(obj) -> int:
        return obj.base_version.number

    @staticmethod
    def resolve_proposed_version(obj) -> int | None:
        return obj.proposed_version.number

    @staticmethod
    def resolve_applicant(obj) -> str:
        return str(obj.applicant)


class AmendmentDetailOut(AmendmentOut):
    reason: str
    steps: list[StepOut]
    counts: dict[str, int] = Field(description="the proposal against its base version")
    changes: list[ChangeOut]


class ConsultIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    opinion: str = Field(min_length=1, max_length=limits.REASON_CHARS)


class DecideIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    approve: bool
    opinion: str = Field(min_length=1, max_length=limits.REASON_CHARS)
