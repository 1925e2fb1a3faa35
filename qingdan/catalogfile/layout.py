"""The catalog import layout: list kinds, columns, limits and the formula-quote convention.

See /work/shared/data/README.md ("Catalog import layout"). This module is the single place that knows
the Chinese headers and list-kind headings as county offices write them.
"""

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

# A spreadsheet may run a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def neutralise(value: str) -> str:
    """Prefix one single quote to a value a spreadsheet could run as a formula.

    The rule looks past leading quotes, so a value that already starts with quotes before a formula
    character gets one more: restore() then removes exactly the one added here, and every value
    round-trips unchanged (``-1`` → ``'-1`` → ``-1``; ``'=x`` → ``''=x`` → ``'=x``).
    """
    if value.lstrip("'")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def restore(value: str) -> str:
    """Undo neutralise(): drop one leading quote when a formula character follows the quotes."""
    if value.startswith("'") and value.lstrip("'")[:1] in FORMULA_STARTS:
        return value[1:]
    return value


def normalise_header(text: str) -> str:
    """A header cell as compared with COLUMNS: no spaces anywhere (half- or full-width), no star marks."""
    text = "".join(text.replace("\ufeff", "").replace("\u200b", "").split())
    return text.strip("*＊")


def normalise_kind(text: str) -> str:
    """A 清单类型 cell as compared with LIST_KINDS: no spaces anywhere."""
    return "".join(text.split())


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
