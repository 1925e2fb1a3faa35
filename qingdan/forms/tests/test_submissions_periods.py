"""The period a submission covers follows the form's frequency."""

import datetime

import pytest

from qingdan.errors import ActionRefused
from qingdan.forms.choices import Frequency
from qingdan.forms.periods import check_period, current_period, period_end, periods_in_year

NOV_22 = datetime.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("frequency", "period", "end"),
    [
        (Frequency.ONCE, "once", None),
        (Frequency.YEARLY, "2026", datetime.date(2026, 12, 31)),
        (Frequency.QUARTERLY, "2026-Q4", datetime.date(2026, 12, 31)),
        (Frequency.MONTHLY, "2026-11", datetime.date(2026, 11, 30)),
    ],
)
def test_the_current_period_and_its_last_day(frequency, period, end):
    assert current_period(frequency, NOV_22) == period
    assert period_end(period) == end


def test_february_and_the_first_quarter_end_on_their_last_day():
    assert period_end("2028-02") == datetime.date(2028, 2, 29)
    assert period_end("2026-Q1") == datetime.date(2026, 3, 31)


def test_a_year_has_one_four_or_twelve_periods():
    assert periods_in_year(Frequency.YEARLY, 2026) == ["2026"]
    assert periods_in_year(Frequency.QUARTERLY, 2026)[-1] == "2026-Q4"
    assert len(periods_in_year(Frequency.MONTHLY, 2026)) == 12


@pytest.mark.parametrize(
    ("frequency", "period"),
    [
        (Frequency.MONTHLY, "2026-13"),
        (Frequency.QUARTERLY, "2026-Q5"),
        (Frequency.YEARLY, "26"),
        (Frequency.ONCE, "2026"),
    ],
)
def test_a_period_that_does_not_fit_is_refused(frequency, period):
    with pytest.raises(ActionRefused):
        check_period(frequency, period)
