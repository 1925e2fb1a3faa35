"""Figures for the burden ledger (qingdan.burden.sources contract): what village assessment puts on a
village, counted from the schemes and visits themselves.

    assessment_indicators   indicators the village is assessed on in a year: the size of its type's set
                            in the published scheme it falls under; counted in January of that year
    assessment_visits       assessment visits the village received; counted in the month of the visit
                            (one a year since the joint team; several before it)
    assessment_preparation  hours the village says it spent preparing for the visit, as the team noted
                            at the visit; counted in the month of the visit
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import Count as Rows
from django.utils.translation import gettext_lazy as _

from qingdan.burden.sources import Count, Measure, first_of_month
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from . import queries
from .choices import SchemeStatus
from .models import Scheme, Visit

MEASURES = [
    Measure(
        "assessment_indicators",
        _("Assessment indicators"),
        _(
            "Indicators the village is assessed on in the year: its type's set in the published scheme it "
            "falls under (its township's, else the county's); counted in January of that year."
        ),
    ),
    Measure(
        "assessment_visits",
        _("Assessment visits"),
        _("Assessment visits the village received, counted in the month of the visit."),
    ),
    Measure(
        "assessment_preparation",
        _("Hours preparing for assessment"),
        _(
            "Hours the village says it spent preparing for the assessment visit, as the joint team noted at "
            "the visit; counted in the month of the visit."
        ),
        unit="hours",
    ),
]


def _villages(county: Division, villages: list[int] | None):
    rows = Division.objects.filter(county=county, level=Level.VILLAGE)
    if villages is not None:
        rows = rows.filter(pk__in=villages)
    return list(rows.only("pk", "parent_id", "code", "level", "county_id"))


def _indicators(county: Division, villages: list[Division]) -> Iterator[Count]:
    schemes = Scheme.objects.filter(county=county, status=SchemeStatus.PUBLISHED)
    sizes = {
        scheme.pk: dict(
            scheme.indicators.values("village_type").annotate(n=Rows("id")).values_list("village_type", "n")
        )
        for scheme in schemes
    }
    by_division_year: dict[tuple[int | None, int], Scheme] = {(s.division_id, s.year): s for s in schemes}
    kinds = queries.villages_by_type(county)
    for year in sorted({s.year for s in schemes}):
        for village in villages:
            scheme = by_division_year.get((village.parent_id, year)) or by_division_year.get(
                (county.pk, year)
            )
            kind = kinds.get(village.pk)
            if scheme is None or kind is None:
                continue
            size = sizes[scheme.pk].get(kind, 0)
            yield Count(village.pk, None, datetime.date(year, 1, 1), "assessment_indicators", size)


def _visits(county: Division, villages: list[Division]) -> Iterator[Count]:
    ids = [v.pk for v in villages]
    for village_id, day, hours in Visit.objects.filter(county=county, village_id__in=ids).values_list(
        "village_id", "visited_on", "preparation_hours"
    ):
        yield Count(village_id, None, first_of_month(day), "assessment_visits", 1)
        if hours is not None:
            yield Count(village_id, None, first_of_month(day), "assessment_preparation", float(hours))


def counts(county: Division, villages: list[int] | None = None) -> Iterable[Count]:
    chosen = _villages(county, villages)
    yield from _indicators(county, chosen)
    yield from _visits(county, chosen)
