"""One reader of Chinese dates, and typed cells that say in Chinese why they cannot be read."""

import datetime
from decimal import Decimal

import pytest

from qingdan.sheets import cells
from qingdan.sheets.dates import parse_date, read_date

D = datetime.date


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-05",
        "2024/3/5",
        "2024.3.5",
        "2024年3月5日",
        "2024年3月5",
        "２０２４年３月５日",
        "20240305",
        "45356",
        "45356.0",
        "2024-03-05 00:00:00",
        "2024-03-05T08:30",
        " 2024 - 03 - 05 ",
    ],
)
def test_a_whole_date_is_read_in_every_way_offices_and_spreadsheets_write_it(text):
    assert read_date(text) == (D(2024, 3, 5), "day")
    assert parse_date(text) == D(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年3月", (D(2024, 3, 1), "month")),
        ("2024.3", (D(2024, 3, 1), "month")),
        ("2024年", (D(2024, 1, 1), "year")),
    ],
)
def test_a_month_or_a_year_alone_is_read_with_its_precision_but_is_not_a_whole_date(text, expected):
    assert read_date(text) == expected
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["2024-02-30", "2024年13月", "三月", "6月底前", "24-3-5", "", "长期"])
def test_what_is_not_a_date_is_none(text):
    assert read_date(text) is None


def test_typed_cells_read_values_and_refuse_in_chinese():
    assert cells.text(" '=SUM(A1) ") == "=SUM(A1)"
    assert cells.integer("1,234") == 1234
    assert cells.integer("１２") == 12
    assert cells.decimal("3.50") == Decimal("3.50")
    assert cells.date("2024年3月5日") == D(2024, 3, 5)
    assert cells.choice(" 常 设 ", {"常设": "permanent", "临时": "temporary"}) == "permanent"
    for call, word in (
        (lambda: cells.integer("1.5"), "整数"),
        (lambda: cells.decimal("三"), "数字"),
        (lambda: cells.date("月底"), "日期"),
        (lambda: cells.text("长" * 6, limit=5), "最多5字"),
        (lambda: cells.choice("其他", {"常设": "p"}), "常设"),
    ):
        with pytest.raises(cells.CellError, match=word):
            call()
