"""{{ submission.period|period_label }}: a stored period ("once", "2026-Q4") in words."""

from django import template

from ..periods import period_label as _period_label

register = template.Library()


@register.filter
def period_label(period: str) -> str:
    return _period_label(period or "")
