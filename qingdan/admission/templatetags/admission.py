"""Template helpers of the work admission pages."""

import re
from decimal import Decimal

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..queries import complainant_hidden

register = template.Library()


@register.filter
def highlight(text: str, words) -> SafeString:
    """The text, escaped, with every matched word wrapped in <mark> (longest words first)."""
    escaped = escape(text or "")
    terms = sorted({escape(w) for w in words or [] if w and w.strip()}, key=len, reverse=True)
    if not terms:
        return mark_safe(escaped)
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))


@register.filter
def percent(score) -> str:
    """A screening score as a short number (scores are not percentages; two decimals suffice)."""
    try:
        return f"{float(score):.2f}"
    except (TypeError, ValueError):
        return ""


@register.filter
def yuan(amount) -> str:
    """An amount of money with thousands grouped and two decimals: 5000 → 5,000.00."""
    try:
        return f"{Decimal(amount):,.2f}"
    except (TypeError, ValueError, ArithmeticError):
        return ""


@register.filter
def complainant_hidden_from(complaint, user) -> bool:
    """`{% if c|complainant_hidden_from:request.user %}`: the reader may not learn who complained."""
    return complainant_hidden(user, complaint)
