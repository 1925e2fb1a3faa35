"""Every Chinese text the reading part of this toolkit shows, in one place for review.

The reading part imports nothing from Django (batch commands read files without a database), so it
cannot use gettext; the texts are fixed Chinese. Placeholders are filled with str.format().
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
TOO_MANY_PROBLEMS = "错误超过{count}处，只列出前{count}处。请先改正这些错误，再重新读取文件。"

# Whole-file warnings.
OTHER_SHEETS = "只读取了第一个工作表「{name}」，其余 {count} 个工作表没有读取。"
SKIPPED_TITLE_ROWS = "第{first}行至第{last}行在表头上方，不是事项，已跳过。"
SKIPPED_TITLE_ROW = "第{first}行在表头上方，不是事项，已跳过。"

# Cells.
FORMULA = "单元格 {cell} 含公式，请改为文本（复制后「选择性粘贴」为数值）。"
TOO_LONG = "内容过长（{length}字），最多{limit}字。"
NOT_A_DATE = "「{value}」不是日期，请写成 2024-03-05 或 2024年3月5日。"
NOT_A_NUMBER = "「{value}」不是数字。"
NOT_AN_INTEGER = "「{value}」不是整数。"
NOT_A_CHOICE = "「{value}」不是可选的值，应为以下之一：{allowed}。"
