"""The one reader of dates as Chinese offices and spreadsheets write them.

read_date(text)   (date, precision) or None; precision is "day", "month" or "year":
                  2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (日 optional), 20240305, an Excel day
                  number (45356), each optionally followed by a time (2024-03-05 00:00:00);
                  2024年3月, 2024-03, 2024.3 (the 1st, "month"); 2024年 (1 January, "year").
parse_date(text)  a whole date (precision "day") or None
Full-width digits are read as digits. A day that does not exist (2024-02-30) is not a date.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

DATE_FULL = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
EXCEL_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
DATE_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
DATE_YEAR = re.compile(r"(\d{4})\s*年?")
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0, counting its 1900 leap-year bug

DAY, MONTH, YEAR = "day", "month", "year"


def read_date(text: str) -> tuple[datetime.date, str] | None:
    text = text.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).strip()
    try:
        if match := DATE_FULL.fullmatch(text):
            return datetime.date(*map(int, match.groups())), DAY
        if match := DATE_COMPACT.fullmatch(text):
            return datetime.date(*map(int, match.groups())), DAY
        if EXCEL_SERIAL.fullmatch(text):
            return EXCEL_EPOCH + datetime.timedelta(days=int(float(text))), DAY
        if match := DATE_MONTH.fullmatch(text):
            return datetime.date(int(match[1]), int(match[2]), 1), MONTH
        if match := DATE_YEAR.fullmatch(text):
            return datetime.date(int(match[1]), 1, 1), YEAR
    except (ValueError, OverflowError):
        pass
    return None


def parse_date(text: str) -> datetime.date | None:
    found = read_date(text)
    if found is None or found[1] != DAY:
        return None
    return found[0]
