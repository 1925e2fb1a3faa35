"""A certificate demanded of a village, screened against the village's published lists (qingdan/duties
screening): forbidden when the best item is on the negative list (负面, e.g. Hubei's certificates villages
may not issue), allowed when it is on the certificate list (依法出具证明), otherwise not listed."""

from __future__ import annotations

from qingdan.duties.screening import current_version, screener_for
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

from .choices import Screening

KIND_LABELS = {"negative": "负面", "certificate": "出具证明", "primary": "主责", "assist": "协助"}


def screen_certificate(village: Division, purpose: str) -> tuple[str, str]:
    """(screening, matched item as "负面 5 无犯罪记录证明") for a certificate demanded of the village."""
    try:
        version = current_version(village)
    except ActionRefused:
        return Screening.NO_CATALOG.value, ""
    text = purpose if "证明" in purpose else f"{purpose}证明"
    result = screener_for(version).screen(f"请村委会出具{text}", top=3)
    best = result.best
    if best is None:
        return Screening.NOT_LISTED.value, ""
    item = f"{KIND_LABELS.get(best.list_kind, best.list_kind)} {best.item_no} {best.name}"[:300]
    if best.list_kind == "negative":
        return Screening.FORBIDDEN.value, item
    if best.list_kind == "certificate":
        return Screening.ALLOWED.value, item
    return Screening.NOT_LISTED.value, item
