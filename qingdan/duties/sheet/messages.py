"""The Chinese texts of the catalog layout's checks (fixed Chinese: this module imports nothing from
Django, so the screening command reads catalogs without a database). Texts every file shares are in
qingdan.sheets.messages. Placeholders are filled with str.format()."""

from qingdan.sheets.messages import (
    EMPTY_FILE,
    FORMULA,
    SKIPPED_TITLE_ROW,
    SKIPPED_TITLE_ROWS,
    TOO_LONG,
    UNSUPPORTED_TYPE,
)

__all__ = ["EMPTY_FILE", "FORMULA", "SKIPPED_TITLE_ROW", "SKIPPED_TITLE_ROWS", "TOO_LONG", "UNSUPPORTED_TYPE"]

NO_ITEMS = "表头下面没有任何事项。"

# Header problems.
MISSING_HEADER = "缺少必填列「{column}」。表头须包含：清单类型、序号、事项名称。"
DUPLICATE_HEADER = "表头「{column}」出现了两次（第{first}列和第{second}列），请只保留一列。"
UNKNOWN_HEADER = "无法识别的列「{header}」（第{number}列），这一列的内容不会导入。可用的列：{known}。"

# Cell and row problems.
UNKNOWN_KIND = "未知的清单类型「{value}」，应为以下之一：{allowed}。"
EMPTY_KIND = "未填写清单类型，应为以下之一：{allowed}。"
EMPTY_ITEM_NO = "未填写序号。"
EMPTY_NAME = "未填写事项名称。"
ITEM_NO_TOO_LONG = "序号「{value}」过长（{length}字），最多{limit}字。"
DUPLICATE_ITEM_NO = "序号「{value}」在「{kind}」中重复，与第{first}行相同。"
EXTRA_CELL = "第{number}列（{letter}列）没有表头，却填了内容「{preview}」。请删除多余内容或补上表头。"
