"""Screening a work order against the duty catalogs of everyone it would reach.

Each target is screened against its own current catalog; a township target "with all villages below"
also against each village's. Villages that adopted the same template version hold the same items, so
each distinct catalog content is screened once and the answer stored for every division it covers.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from qingdan.duties.choices import VersionSource
from qingdan.duties.models import Catalog, CatalogVersion
from qingdan.duties.screening import MAX_TEXT as MAX_SCREENED
from qingdan.duties.screening import screen_division
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.screening import ScreenResult

from .choices import DECISION_SEVERITY, Decision
from .models import Screening, WorkOrder


def screening_text(order: WorkOrder) -> str:
    """What the screener reads: the demand itself, its title and full text. The three statements are
    the department's own account of the work; the reviewer reads them beside the screening."""
    return text_to_screen(order.title, order.text)


def text_to_screen(title: str, text: str) -> str:
    return "\n".join(part for part in (title, text) if part)[:MAX_SCREENED]


def divisions_reached(targets: Iterable[tuple[Division, bool]]) -> list[Division]:
    """Every target, and for a township targeted with all its villages, those villages too; by code."""
    found: dict[int, Division] = {}
    for division, all_villages in targets:
        found[division.pk] = division
        if all_villages and division.level == Level.TOWNSHIP:
            for village in Division.objects.filter(parent=division, level=Level.VILLAGE):
                found[village.pk] = village
    return sorted(found.values(), key=lambda d: d.code)


def divisions_to_screen(order: WorkOrder) -> list[Division]:
    return divisions_reached((t.division, t.all_villages) for t in order.targets.select_related("division"))


def _content_key(version: CatalogVersion) -> tuple[str, int]:
    if version.source == VersionSource.ADOPTION and version.adopted_from_id:
        return ("template", version.adopted_from_id)
    return ("own", version.pk)


def _match_dict(match) -> dict:
    return {
        "list_kind": str(match.list_kind),
        "item_no": str(match.item_no),
        "name": str(match.name),
        "score": round(float(match.score), 4),
        "matched_words": [str(word) for word in match.matched_words],
        # False for the nearest items of a not-listed request: shown as "closest", never as a match.
        "accepted": bool(match.accepted),
    }


def worst(decisions) -> str:
    return max(decisions, key=lambda d: DECISION_SEVERITY[Decision(d)])


def current_versions(divisions: list[Division]) -> dict[int, CatalogVersion]:
    """division id → the current published version of its own catalog (divisions without one left out)."""
    return {
        catalog.division_id: catalog.current_version
        for catalog in Catalog.objects.filter(
            division__in=divisions, is_template=False, current_version__isnull=False
        ).select_related("current_version")
        if catalog.current_version is not None
    }


def screen_divisions(
    divisions: list[Division], versions: dict[int, CatalogVersion], text: str, order: WorkOrder | None = None
) -> list[Screening]:
    """One unsaved Screening per division that has a version in `versions`, in the order given. Each
    distinct catalog content is screened once."""
    results: dict[tuple[str, int], ScreenResult] = {}
    rows = []
    for division in divisions:
        version = versions.get(division.pk)
        if version is None:
            continue
        key = _content_key(version)
        if key not in results:
            results[key] = screen_division(division, text)
        result = results[key]
        rows.append(
            Screening(
                order=order,
                division=division,
                catalog_version=version,
                decision=result.decision,
                matches=[_match_dict(m) for m in result.matches],
            )
        )
    return rows


def screen_order(order: WorkOrder) -> list[Screening]:
    """Screen the order for every division it reaches and store one Screening row per division.

    ActionRefused (naming the division) when one of them has no published catalog: nothing can reach a
    division whose list is not known.
    """
    divisions = divisions_to_screen(order)
    versions = current_versions(divisions)
    missing = [d.name for d in divisions if d.pk not in versions]
    if missing:
        raise ActionRefused(
            _("%(names)s has no published duty catalog yet, so the order cannot be screened.")
            % {"names": "、".join(missing)}
        )
    return Screening.objects.bulk_create(screen_divisions(divisions, versions, screening_text(order), order))
