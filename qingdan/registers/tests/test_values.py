"""Values by element kind: what is accepted, how it is stored, and the Chinese message when it is not."""

import datetime
import random
from types import SimpleNamespace

import pytest
from stdnum.cn import ric

from qingdan.forms.choices import ElementKind
from qingdan.registers.values import check_id_number, parse_date, parse_phone, parse_value
from qingdan.testing import id_number

from .registers_helpers import wrong_check_digit

TODAY = datetime.date(2026, 6, 1)


def element(kind, **extra):
    fields = {"choices": [], "min_value": None, "max_value": None, "no_future_date": False, **extra}
    return SimpleNamespace(kind=kind, **fields)


def refused(element_, raw, **kwargs) -> str:
    with pytest.raises(ValueError) as caught:
        parse_value(element_, raw, today=TODAY, **kwargs)
    return str(caught.value)


def test_a_valid_id_number_is_stored_as_its_18_characters_with_an_upper_x():
    number = next(id_number(n) for n in range(1, 100) if id_number(n).endswith("X"))
    assert parse_value(element(ElementKind.ID_NUMBER), f" {number.lower()} ", today=TODAY) == number


def test_an_id_number_with_a_wrong_check_digit_is_refused_in_chinese():
    message = refused(element(ElementKind.ID_NUMBER), wrong_check_digit(id_number(7)))
    assert message == "身份证号校验码不正确，请逐位核对。"


def test_an_id_number_of_17_digits_is_refused_naming_the_length():
    assert refused(element(ElementKind.ID_NUMBER), id_number(7)[:17]) == "身份证号应为18位，这里是17位。"


def test_an_id_number_with_letters_is_refused():
    message = refused(element(ElementKind.ID_NUMBER), "4201021990A1010071")
    assert message == "身份证号只能由数字组成，最后一位可以是X。"


def test_an_id_number_whose_birth_date_is_not_a_day_is_refused():
    body = "42010219901301007"
    assert "出生日期" in refused(element(ElementKind.ID_NUMBER), body + ric.calc_check_digit(body + "0"))


def test_an_id_number_born_tomorrow_is_refused():
    future = id_number(1, birth="20260602")
    assert refused(element(ElementKind.ID_NUMBER), future) == "身份证号中的出生日期晚于今天。"


def test_an_id_number_with_an_area_code_not_in_use_in_its_birth_year_is_refused():
    # 421202 (咸安区) exists from 1998: someone born in 1990 cannot carry it.
    assert "地区码" in refused(element(ElementKind.ID_NUMBER), id_number(1, birth="19900101", area="421202"))
    assert parse_value(element(ElementKind.ID_NUMBER), id_number(1, birth="20000101", area="421202"))


def test_an_old_15_digit_number_and_an_excel_number_are_explained():
    assert "15位" in refused(element(ElementKind.ID_NUMBER), "420102900101007")
    assert "Excel" in refused(element(ElementKind.ID_NUMBER), "4.20102199001011E+17")


def test_the_id_check_agrees_with_stdnum_on_random_numbers():
    rng = random.Random(4)
    areas = ["420102", "421202", "422301", "110101", "999999"]
    for _ in range(3000):
        body = f"{rng.choice(areas)}{rng.randint(1900, 2025)}{rng.randint(1, 12):02d}{rng.randint(1, 31):02d}"
        body += f"{rng.randint(0, 999):03d}"
        number = body + rng.choice([ric.calc_check_digit(body + "0"), str(rng.randint(0, 9)), "X"])
        try:
            ours = bool(check_id_number(number, today=TODAY))
        except ValueError:
            ours = False
        assert ours == ric.is_valid(number), number


def test_the_messages_never_repeat_the_id_number():
    number = wrong_check_digit(id_number(5))
    assert number not in refused(element(ElementKind.ID_NUMBER), number)


def test_numbers_are_normalised_and_checked_against_their_bounds():
    area = element(ElementKind.NUMBER, min_value=0)
    assert parse_value(area, "1,234.50") == "1234.5"
    assert parse_value(area, "１２") == "12"
    assert parse_value(area, "100") == "100"
    assert refused(area, "-3") == "-3 小于允许的最小值 0。"
    assert refused(area, "十二") == "「十二」不是数字。"


def test_a_whole_number_refuses_a_fraction_and_a_word():
    count = element(ElementKind.INTEGER, max_value=10_000)
    assert parse_value(count, "12.0") == "12"
    assert refused(count, "12.5") == "「12.5」不是整数。"
    assert refused(count, "很多") == "「很多」不是数字。"
    assert refused(count, "20000") == "20000 大于允许的最大值 10000。"


def test_dates_are_read_in_the_ways_people_write_them():
    day = element(ElementKind.DATE)
    for raw in (
        "2026-01-05",
        "2026/1/5",
        "2026.1.5",
        "2026年1月5日",
        "20260105",
        "46027",
        "2026-01-05 00:00:00",
    ):
        assert parse_value(day, raw) == "2026-01-05", raw
    assert refused(day, "明年") == "「明年」不是日期，请写成 2026-01-05 的形式。"
    assert refused(day, "2026-02-30") == "「2026-02-30」不是日期，请写成 2026-01-05 的形式。"


def test_a_date_in_the_future_is_refused_where_it_cannot_be():
    birth = element(ElementKind.DATE, no_future_date=True)
    assert refused(birth, "2026-06-02") == "2026-06-02 是将来的日期，这一项不能晚于今天（2026-06-01）。"
    assert parse_value(birth, "2026-06-01", today=TODAY) == "2026-06-01"
    assert parse_value(element(ElementKind.DATE), "2027-01-01", today=TODAY) == "2027-01-01"


def test_a_choice_must_be_one_of_the_choices():
    sex = element(ElementKind.CHOICE, choices=["男", "女"])
    assert parse_value(sex, " 女 ") == "女"
    assert refused(sex, "未知") == "「未知」不是可选项之一：男、女。"


def test_yes_and_no_are_read_in_chinese_and_english():
    flag = element(ElementKind.BOOLEAN)
    assert [parse_value(flag, raw) for raw in ("是", "1", "TRUE", "否", "0", "false")] == ["是"] * 3 + [
        "否"
    ] * 3
    assert refused(flag, "也许") == "「也许」不是“是”或“否”，请填写 是 或 否。"


def test_phones_are_mobiles_or_landlines_with_an_area_code():
    assert parse_phone("138 1234 5678") == "13812345678"
    assert parse_phone("+86 138-1234-5678") == "13812345678"
    assert parse_phone("027-87654321") == "027-87654321"
    assert parse_phone("(0715)8123456") == "0715-8123456"
    with pytest.raises(ValueError, match="手机号"):
        parse_phone("12345")


def test_an_empty_cell_is_no_value_and_text_has_a_limit():
    assert parse_value(element(ElementKind.INTEGER), "  ") == ""
    assert parse_value(element(ElementKind.TEXT), " 武汉 ") == "武汉"
    assert "最多500字" in refused(element(ElementKind.TEXT), "字" * 501)


def test_parse_date_refuses_nonsense():
    with pytest.raises(ValueError):
        parse_date("2026-13-01")
