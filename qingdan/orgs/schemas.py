"""API shapes for divisions and units."""

from ninja import Schema


class DivisionOut(Schema):
    code: str
    name: str
    level: str
    kind: str
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class DivisionRef(Schema):
    code: str
    name: str
    level: str


class DivisionDetailOut(DivisionOut):
    ancestors: list[DivisionRef]
    children_count: int
    descendants_by_level: dict[str, int]


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    is_active: bool
    division: DivisionRef
