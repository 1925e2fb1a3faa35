"""Screening requests against a duty catalog (准入筛查): pure Python, no Django.

    from qingdan.screening import Screener
    screener = Screener(rows)            # one catalog version: duties.sheet.ItemRow, DutyItem or dicts
    result = screener.screen("请各村完成今年招商引资任务")
    result.decision                      # "refuse"
    result.matches[0]                    # Match(list_kind="negative", item_no="65", matched_words=[…])
    result.confidence, result.uncertain  # 0.5 … 1; True below 0.6: a person should decide

Decisions (shared/data/README.md): allow (basic, primary, certificate), cooperate (cooperate, assist),
refuse (withdrawn, negative), not_listed (no item matches well enough). The batch command is
``python -m qingdan.screening`` (or ``qingdan screen``): see batch.py.
"""

from .screener import (
    ALLOW,
    COOPERATE,
    DECISION_BY_KIND,
    NOT_LISTED,
    REFUSE,
    Match,
    Screener,
    ScreenResult,
)
from .text import normalize

DECISIONS = (ALLOW, COOPERATE, REFUSE, NOT_LISTED)

__all__ = [
    "ALLOW",
    "COOPERATE",
    "DECISIONS",
    "DECISION_BY_KIND",
    "NOT_LISTED",
    "REFUSE",
    "Match",
    "ScreenResult",
    "Screener",
    "normalize",
]
