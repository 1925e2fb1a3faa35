"""What a request is, besides its subject: whom it addresses, and whether it asks for a certificate.

Two rules of the lists depend on it:
  * Village list kinds (主责, 协助, 负面, 出具证明) protect or bind villages and communities. A request that
    names only townships or streets ("要求街道承担招商引资职能") is outside them; township kinds
    (基本履职, 配合履职, 上级部门收回) apply to both levels, since what a county took back from a
    township it did not leave to the villages either.
  * A certificate item ("居民财产证明") is about issuing that certificate: it meets a request that asks
    for a certificate or a stamp, not any request that mentions property.
"""

import re

from .rules import TOWNSHIP, target_levels
from .text import normalize

VILLAGE_KINDS = frozenset({"primary", "assist", "negative", "certificate"})

_ASKS_CERTIFICATE = re.compile(r"证明|证实|盖章|出具|开具|开证")


def township_only(text: str, *, normalized: bool = False) -> bool:
    """True when the request asks townships or streets, and no village or community, to do the work
    (the rule family "target level", rules.target_levels).

    "基层" (the grassroots) names both levels and decides nothing; "镇(街道)及以下" includes villages.
    """
    if not normalized:
        text = normalize(text)
    return target_levels(text) == {TOWNSHIP}


def asks_certificate(text: str, *, normalized: bool = False) -> bool:
    return bool(_ASKS_CERTIFICATE.search(text if normalized else normalize(text)))


def is_certificate_item(name: str) -> bool:
    """An item naming a certificate (居民财产证明, 证明居民在本辖区居住); expects a normalised name."""
    return "证明" in name
