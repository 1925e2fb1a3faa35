"""What a typed or imported value means, checked by its data element's kind.

    parse_value(element, raw, *, today=None) -> str
        The value as stored: normalised text, "" for an empty cell (whether one is required is the
        caller's business). Raises ValueError with a Chinese message naming what is wrong.
    check_id_number(text, *, today=None) -> str     an ID number: 18 characters, X upper
    parse_phone(text) -> str                        13812345678 or 027-87654321
    parse_date(text) -> date                        2026-01-05, 2026年1月5日, Excel days (sheets.dates)

ID numbers are checked with python-stdnum's stdnum.cn.ric (GB 11643: length, digits, check digit, birth
date, and an area code in use in the birth year). The area-code lookup is remembered per (area, year), so
a million numbers check in seconds. Error messages never repeat an ID number or a phone in clear.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from qingdan.forms.choices import ElementKind
from qingdan.sheets.dates import parse_date as read_whole_date

MAX_TEXT = 500
EARLIEST_YEAR = 1900

PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
MOBILE = re.compile(r"1[3-9]\d{9}")
FAST_ID = re.compile(r"\d{17}[\dX]")  # already clean: skip the character-by-character clean-up
# Area codes: 010 and 02x have three digits, all others four; local numbers seven or eight digits.
LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})")
PHONE_NOISE = re.compile(r"[\s\-()（）]")
YES = {"是", "1", "true", "yes", "y", "√", "✓", "对", "有"}
NO = {"否", "0", "false", "no", "n", "×", "✗", "不是", "无"}


def _plain(raw: str) -> str:
    """Full-width digits and letters made half-width, surrounding space removed."""
    return unicodedata.normalize("NFKC", raw or "").strip()


def parse_value(element, raw: str, *, today: datetime.date | None = None) -> str:
    text = _plain(raw)
    if not text:
        return ""
    kind = element.kind
    if kind in (ElementKind.NUMBER, ElementKind.INTEGER):
        return _number(element, text)
    if kind == ElementKind.DATE:
        return _date(element, text, today).isoformat()
    if kind == ElementKind.CHOICE:
        return _choice(element, text)
    if kind == ElementKind.BOOLEAN:
        return _boolean(text)
    if kind == ElementKind.ID_NUMBER:
        return check_id_number(text, today=today)
    if kind == ElementKind.PHONE:
        return parse_phone(text)
    if len(text) > MAX_TEXT:
        raise ValueError(
            _("The text is %(length)d characters long; at most %(limit)d are accepted.")
            % {"length": len(text), "limit": MAX_TEXT}
        )
    return text


# --- numbers -------------------------------------------------------------------------------------


def _number(element, text: str) -> str:
    digits = text.replace(",", "").replace(" ", "")
    if not PLAIN_NUMBER.fullmatch(digits) or len(digits) > 30:
        raise ValueError(_("%(value)s is not a number.") % {"value": text[:30]})
    number = Decimal(digits)
    if element.kind == ElementKind.INTEGER:
        if number != number.to_integral_value():
            raise ValueError(_("%(value)s is not a whole number.") % {"value": text[:30]})
        number = number.to_integral_value()
    if element.min_value is not None and number < element.min_value:
        raise ValueError(
            _("%(value)s is less than the smallest allowed value, %(min)s.")
            % {"value": text, "min": _shown(element.min_value)}
        )
    if element.max_value is not None and number > element.max_value:
        raise ValueError(
            _("%(value)s is more than the largest allowed value, %(max)s.")
            % {"value": text, "max": _shown(element.max_value)}
        )
    return _shown(number)


def _shown(number) -> str:
    """1234.50 → "1234.5", 100 → "100", -0 → "0"."""
    text = format(Decimal(str(number)).normalize(), "f")
    return "0" if text in ("-0", "0") else text


# --- dates ---------------------------------------------------------------------------------------


def parse_date(text: str) -> datetime.date:
    """A date as people and spreadsheets write it (qingdan.sheets.dates); ValueError (Chinese) otherwise."""
    found = read_whole_date(text)
    if found is None:
        raise ValueError(_("%(value)s is not a date; write it as 2026-01-05.") % {"value": _plain(text)[:30]})
    return found


def _date(element, text: str, today: datetime.date | None) -> datetime.date:
    date = parse_date(text)
    if date.year < EARLIEST_YEAR:
        raise ValueError(_("%(value)s is too early to be right.") % {"value": text})
    today = today or timezone.localdate()
    if element.no_future_date and date > today:
        raise ValueError(
            _("%(value)s is in the future; this date cannot be later than today (%(today)s).")
            % {"value": date.isoformat(), "today": today.isoformat()}
        )
    return date


# --- choices and yes/no --------------------------------------------------------------------------


def _choice(element, text: str) -> str:
    options = [str(option) for option in element.choices or []]
    wanted = "".join(text.split())
    for option in options:
        if "".join(_plain(option).split()) == wanted:
            return option
    raise ValueError(
        _("%(value)s is not one of the choices: %(choices)s.")
        % {"value": text[:50], "choices": "、".join(options)}
    )


def _boolean(text: str) -> str:
    word = text.lower()
    if word in YES:
        return "是"
    if word in NO:
        return "否"
    raise ValueError(_("%(value)s is not a yes or no; write 是 or 否.") % {"value": text[:20]})


# --- phones --------------------------------------------------------------------------------------


def parse_phone(text: str) -> str:
    """A mobile as 11 digits (+86 dropped), a landline as area code, hyphen, local number."""
    digits = PHONE_NOISE.sub("", _plain(text))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if MOBILE.fullmatch(digits):
        return digits
    if match := LANDLINE.fullmatch(digits):
        return f"{match[1]}-{match[2]}"
    raise ValueError(
        _("The phone number is not valid: give an 11-digit mobile or a landline with its area code.")
    )


# --- ID numbers ----------------------------------------------------------------------------------

_place_known: dict[tuple[str, int], bool] = {}


def _area_in_use(number: str, year: int) -> bool:
    key = (number[:6], year)
    known = _place_known.get(key)
    if known is None:
        try:
            ric.get_birth_place(number)
            known = True
        except stdnum_errors.ValidationError:
            known = False
        _place_known[key] = known
    return known


def check_id_number(text: str, *, today: datetime.date | None = None) -> str:
    """The ID number as stored (18 characters, X upper) if it passes every check of stdnum.cn.ric and its
    birth date is not in the future; ValueError with a Chinese message otherwise."""
    number = text if FAST_ID.fullmatch(text) else "".join(ric.compact(_plain(text)).split())
    if "E+" in number or "." in number:
        raise ValueError(
            _(
                "The ID number was stored by Excel as a number and its last digits are lost; "
                "format the column as text and type it again."
            )
        )
    if len(number) != 18:
        if len(number) == 15 and number.isdigit():
            raise ValueError(_("This is an old 15-digit ID number; give the 18-digit number."))
        raise ValueError(
            _("An ID number has 18 characters; this one has %(count)d.") % {"count": len(number)}
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValueError(_("An ID number holds only digits, with an X allowed as its last character."))
    if number[17] != ric.calc_check_digit(number):
        raise ValueError(_("The check digit of the ID number is wrong; check every digit."))
    try:  # what ric.get_birth_date does, without cleaning the number up again
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < EARLIEST_YEAR:
        raise ValueError(_("Digits 7 to 14 of the ID number are not a real birth date."))
    if birth > (today or timezone.localdate()):
        raise ValueError(_("The birth date in the ID number is in the future."))
    if not _area_in_use(number, birth.year):
        raise ValueError(
            _("The first six digits of the ID number are not an area code in use in its birth year.")
        )
    return number
