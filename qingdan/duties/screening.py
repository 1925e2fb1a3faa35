"""Screening against a division's current published catalog: the Django side of qingdan.screening.

A Screener is built once per catalog version and kept in a process-wide, bounded LRU cache keyed by the
version's primary key. A published version never changes (a change publishes a new version), so a cached
index never goes stale: an amendment or import of one catalog builds that catalog's new version on its
next screening and leaves every other catalog's index as it was.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict

from django.utils.translation import gettext as _

from qingdan import limits
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division
from qingdan.screening import Screener, ScreenResult

from .choices import VersionStatus
from .models import Catalog, CatalogVersion, DutyItem

CACHE_SIZE = 64  # catalog versions kept in memory per process (a village list indexes in milliseconds)
MAX_TEXT = limits.TEXT_CHARS  # characters in one request

# Keyed by the version and its publication time: a version never changes once published, and the time
# tells a version apart from an unrelated one that reuses its id after a database was reset.
_cache: OrderedDict[tuple[int, object], Screener] = OrderedDict()
_lock = threading.Lock()
# How many times each version's index was built in this process (tests and diagnostics read it).
builds: Counter[int] = Counter()

_ITEM_FIELDS = ("list_kind", "item_no", "name", "content", "category", "grassroots_duty", "department_duty")


def screener_for(version: CatalogVersion) -> Screener:
    """The index of one published version, built on first use."""
    key = (version.pk, version.published_at)
    with _lock:
        screener = _cache.get(key)
        if screener is not None:
            _cache.move_to_end(key)
            return screener
    items = DutyItem.objects.filter(version=version).order_by("position").only(*_ITEM_FIELDS)
    screener = Screener(list(items))  # built outside the lock: other versions stay available meanwhile
    with _lock:
        builds[version.pk] += 1
        _cache[key] = screener
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return screener


def clear_cache() -> None:
    with _lock:
        _cache.clear()
        builds.clear()


def current_version(division: Division) -> CatalogVersion:
    """The division's current published catalog version, or ActionRefused (in Chinese) if it has none."""
    catalog = (
        Catalog.objects.filter(division=division, is_template=False).select_related("current_version").first()
    )
    version = catalog.current_version if catalog else None
    if version is None or version.status != VersionStatus.PUBLISHED:
        raise ActionRefused(
            _("%(name)s has no published duty catalog to screen against.") % {"name": division.name}
        )
    return version


def check_text(text: str) -> str:
    """The request text, or ActionRefused when it is empty or too long."""
    text = (text or "").strip()
    if not text:
        raise ActionRefused(_("Write the text of the request to screen."))
    if len(text) > MAX_TEXT:
        raise ActionRefused(
            _("The request is %(length)d characters long; at most %(limit)d can be screened.")
            % {"length": len(text), "limit": MAX_TEXT}
        )
    return text


def screen_division(division: Division, text: str, *, top: int = 5) -> ScreenResult:
    """Screen a request against the division's current published catalog."""
    text = check_text(text)
    return screener_for(current_version(division)).screen(text, top=top)
