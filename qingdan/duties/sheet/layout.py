"""The catalog import layout: list kinds, columns and limits.

See /work/shared/data/README.md ("Catalog import layout"). This module is the single place that knows
the Chinese headers and list-kind headings as county offices write them.
"""

from qingdan.sheets.formulas import FORMULA_STARTS, neutralise, restore
from qingdan.sheets.headers import column_letter, normalise_header

__all__ = ["FORMULA_STARTS", "column_letter", "neutralise", "normalise_header", "restore"]

# 清单类型 heading → code, in the order the README lists them (township kinds, then village kinds).
LIST_KINDS: dict[str, str] = {
    "基本履职事项": "basic",
    "配合履职事项": "cooperate",
    "上级部门收回事项": "withdrawn",
    "主责事项": "primary",
    "协助事项": "assist",
    "负面事项": "negative",
    "出具证明事项": "certificate",
}
HEADINGS: dict[str, str] = {code: heading for heading, code in LIST_KINDS.items()}

# (Chinese header, ItemRow field) in file order.
COLUMNS: list[tuple[str, str]] = [
    ("清单类型", "list_kind"),
    ("序号", "item_no"),
    ("类别", "category"),
    ("事项名称", "name"),
    ("事项内容", "content"),
    ("依据", "basis"),
    ("责任单位", "responsible_unit"),
    ("部门职责", "department_duty"),
    ("基层职责", "grassroots_duty"),
    ("工作方式", "working_method"),
    ("来源", "source"),
]
REQUIRED = frozenset({"清单类型", "序号", "事项名称"})

FIELD_BY_HEADER = dict(COLUMNS)
HEADER_BY_FIELD = {field: header for header, field in COLUMNS}
FIELDS = [field for _, field in COLUMNS]

# Longest accepted cell, in characters. 类别 and 责任单位 are stored in 200-character columns.
DEFAULT_MAX_LENGTH = 10_000
MAX_LENGTH = {"item_no": 20, "name": 2_000, "category": 200, "responsible_unit": 200}


def normalise_kind(text: str) -> str:
    """A 清单类型 cell as compared with LIST_KINDS: no spaces anywhere."""
    return "".join(text.split())
