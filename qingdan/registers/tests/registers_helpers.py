"""Helpers of the registers tests: residents files, and a search for leaked numbers."""

from __future__ import annotations

import io

import xlsxwriter

from qingdan.testing import id_number

RESIDENT_HEADER = ["姓名", "身份证号", "户号", "联系电话", "标签"]


def wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def tsv(rows: list[list[str]], header: list[str] | None = None) -> bytes:
    lines = ["\t".join(header or RESIDENT_HEADER)] + ["\t".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def xlsx(rows: list[list[str]], header: list[str] | None = None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("花名册")
    for r, row in enumerate([header or RESIDENT_HEADER, *rows]):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def people(count: int, *, start: int = 1) -> list[list[str]]:
    """Rows of `count` residents with valid, distinct ID numbers and mobiles."""
    return [
        [f"测试{n}", id_number(n), f"H{n // 3:03d}", f"1380000{n:04d}", "低保" if n % 4 == 0 else ""]
        for n in range(start, start + count)
    ]
