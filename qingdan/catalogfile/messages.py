"""Every Chinese text this library shows, in one place for review.

This library imports nothing from Django, so it cannot use gettext; the texts are fixed Chinese.
Placeholders are filled with str.format().
"""

# How a Problem prints.
AT_CELL = "第{row}行「{column}」：{message}"
AT_ROW = "第{row}行：{message}"

# Whole-file problems.
UNSUPPORTED_TYPE = (
    "不支持的文件类型「{suffix}」。请上传 .xlsx 工作簿或 .tsv（UTF-8 编码、制表符分隔）文本文件；"
    "旧版 .xls 文件请先在 Excel 中「另存为」.xlsx。"
)
UNREADABLE_PATH = "无法打开文件「{name}」。"
EMPTY_FILE = "文件是空的，没有读到任何内容。"
NO_ITEMS = "表头下面没有任何事项。"
NOT_UTF8_GB18030 = (
    "文件不是 UTF-8 编码，看起来是 GB18030（GBK）编码。请用记事本或 Excel 把文件「另存为」"
    "UTF-8 编码的文本后再导入。"
)
NOT_UTF8 = "文件不是 UTF-8 编码（第{line}行起无法识别）。请把文件「另存为」UTF-8 编码的文本后再导入。"
BINARY_TEXT = "文件含有二进制内容，不是制表符分隔的文本文件。请上传 UTF-8 编码的 .tsv 文件或 .xlsx 工作簿。"
TEXT_IS_XLSX = "这个文件其实是 Excel 工作簿，请把扩展名改为 .xlsx 后再导入。"
OLD_EXCEL = "这是旧版 Excel（.xls）文件，请在 Excel 中「另存为」.xlsx 工作簿后再导入。"
PASSWORD = "文件设置了打开密码（已加密），无法读取。请在 Excel 中取消密码后再导入。"
NOT_XLSX = "文件不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件）。"
CORRUPT_XLSX = "文件已损坏或不完整，无法作为 .xlsx 工作簿打开。请重新保存或重新下载后再导入。"
NO_SHEET = "工作簿里没有工作表。"

# Whole-file warnings.
OTHER_SHEETS = "只读取了第一个工作表「{name}」，其余 {count} 个工作表没有读取。"
SKIPPED_TITLE_ROWS = "第{first}行至第{last}行在表头上方，不是事项，已跳过。"
SKIPPED_TITLE_ROW = "第{first}行在表头上方，不是事项，已跳过。"

# Header problems.
MISSING_HEADER = "缺少必填列「{column}」。表头须包含：清单类型、序号、事项名称。"
DUPLICATE_HEADER = "表头「{column}」出现了两次（第{first}列和第{second}列），请只保留一列。"
UNKNOWN_HEADER = "无法识别的列「{header}」（第{number}列），这一列的内容不会导入。可用的列：{known}。"

# Cell and row problems.
UNKNOWN_KIND = "未知的清单类型「{value}」，应为以下之一：{allowed}。"
EMPTY_KIND = "未填写清单类型，应为以下之一：{allowed}。"
EMPTY_ITEM_NO = "未填写序号。"
EMPTY_NAME = "未填写事项名称。"
TOO_LONG = "内容过长（{length}字），最多{limit}字。"
ITEM_NO_TOO_LONG = "序号「{value}」过长（{length}字），最多{limit}字。"
DUPLICATE_ITEM_NO = "序号「{value}」在「{kind}」中重复，与第{first}行相同。"
EXTRA_CELL = "第{number}列（{letter}列）没有表头，却填了内容「{preview}」。请删除多余内容或补上表头。"
FORMULA = "单元格 {cell} 含公式，请改为文本（复制后「选择性粘贴」为数值）。"
