"""Arithmetic of the assessment, with no database: an indicator's points from a value or a level, the
grade of a total, and the pay link. Money and points are Decimals rounded half up to the cent."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .choices import GRADE_FLOORS, Formula, Grade, RuleKind

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def quantitative_share(value: Decimal, target: Decimal, formula: str) -> Decimal:
    """The share of the points (0–1) a value earns against the target."""
    if formula == Formula.PROPORTIONAL:
        return min(ONE, max(ZERO, value / target)) if target else ZERO
    if formula == Formula.ALL_OR_NOTHING:
        return ONE if value >= target else ZERO
    if formula == Formula.AT_MOST:
        return ONE if value <= target else ZERO
    raise ValueError(formula)


def level_share(levels: list[dict], level: str) -> Decimal | None:
    for entry in levels:
        if entry["label"] == level:
            return Decimal(str(entry["share"])) / 100
    return None


def points(indicator, *, value: Decimal | None = None, level: str = "") -> Decimal:
    """Points an indicator gives for a value (quantitative) or a level (qualitative); none without either."""
    if indicator.rule_kind == RuleKind.QUANTITATIVE:
        if value is None:
            return ZERO
        share = quantitative_share(Decimal(value), Decimal(indicator.target), indicator.formula)
    else:
        share = level_share(indicator.levels, level) or ZERO
    return cents(Decimal(indicator.points) * share)


def grade(total: Decimal) -> str:
    for name, floor in GRADE_FLOORS:
        if total >= floor:
            return name
    return Grade.FAIL


def performance_pay(yearly_pay: Decimal, share: Decimal, tier_percent: int) -> Decimal:
    """The performance part of a cadre's pay (share of the yearly pay), paid at the grade's tier."""
    return cents(Decimal(yearly_pay) * Decimal(share) * Decimal(tier_percent) / 100)


def bonus_each(increase: Decimal, rate: Decimal, cadres: int) -> Decimal:
    """Each cadre's development bonus: `rate` of the increase in operating income, shared equally."""
    if cadres <= 0 or increase <= 0:
        return ZERO
    return cents(Decimal(increase) * Decimal(rate) / cadres)
