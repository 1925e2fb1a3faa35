"""The item list of a catalog page, rendered once per published version, language and set of items shown.

A published version never changes, so its rendered list is kept in the "fragments" cache (settings.CACHES)
and shared by every worker and every viewer who is shown the same items. The key holds everything the
fragment depends on: the version (its id and the moment it was published, so a database rebuilt with the
same ids never meets an old entry), the language, a digest of the ids of the items shown (a department
clerk is shown only the items naming their unit) and a digest of the templates that draw it. The fragment
is rendered from the items alone — no request, no user, no CSRF token, no permission — so nothing
particular to a viewer can be cached; the viewer's own parts (actions, versions, amendments) stay outside.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any, cast

from django.core.cache import caches
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..choices import VersionStatus
from ..models import CatalogVersion
from .common import sections_of

TEMPLATE = "duties/_catalog_items.html"
TEMPLATES = (TEMPLATE, "duties/_item_more.html")


@cache
def _templates_digest() -> str:
    """Changes when the code that draws the list changes (a new release), so no stale fragment is shown."""
    digest = hashlib.sha256()
    for name in TEMPLATES:
        origin = cast(Any, get_template(name)).origin.name  # the backend's template keeps its file
        digest.update(Path(origin).read_bytes())
    return digest.hexdigest()[:16]


def cache_key(version: CatalogVersion, item_ids: list[int]) -> str:
    shown = hashlib.sha256(",".join(map(str, item_ids)).encode()).hexdigest()[:32]
    published = version.published_at.isoformat() if version.published_at else ""
    return f"duties:items:{version.pk}:{published}:{get_language()}:{shown}:{_templates_digest()}"


def render_items(items: list) -> SafeString:
    return mark_safe(render_to_string(TEMPLATE, {"sections": sections_of(items)}))


def item_list_html(version: CatalogVersion, items) -> tuple[SafeString, int]:
    """The rendered list of `items` (the version's items the viewer may see, in order) and how many there
    are. A published version's list comes from the cache when it was rendered before.

    The items are read in one query either way (the page's query count does not depend on the cache);
    what the cache saves is drawing them, which is most of the page's time."""
    found = list(items)
    if version.status != VersionStatus.PUBLISHED:
        return render_items(found), len(found)
    fragments = caches["fragments"]
    key = cache_key(version, [item.pk for item in found])
    html = fragments.get(key)
    if html is None:
        html = str(render_items(found))
        fragments.set(key, html)
    return mark_safe(html), len(found)  # rendered by our own template above
