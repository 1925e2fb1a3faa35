"""Read helpers: postings now in force, incomplete postings, a community's history, the board and the
figures per street (township) and for the county. Callers pass querysets already restricted by
qingdan.access; the figures take the rows a person may see."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .choices import NeedStatus, ProjectStatus
from .models import Need, Posting, Project


def in_force(postings: QuerySet[Posting], day: datetime.date | None = None) -> QuerySet[Posting]:
    day = day or timezone.localdate()
    return postings.filter(starts_on__lte=day).filter(
        Q(ended_on__isnull=True, ends_on__gte=day) | Q(ended_on__gte=day)
    )


def incomplete_postings(postings: QuerySet[Posting]) -> QuerySet[Posting]:
    """Postings covering no compound or grid: Wuhan asks each cadre to cover at least one."""
    return postings.annotate(grid_count=Count("grids")).filter(grid_count=0)


def community_history(community: Division) -> QuerySet[Posting]:
    """Every cadre the community has had, the latest first, with the notes they handed over."""
    return (
        Posting.objects.filter(community=community)
        .select_related("cadre", "cadre__sending_unit")
        .order_by("-starts_on", "-id")
    )


FIGURES = (
    "cadres_posted",
    "communities_covered",
    "projects",
    "projects_done",
    "needs_listed",
    "needs_met",
    "problems_solved",
    "services_held",
)


def figures_by_street(
    county: Division,
    *,
    postings: QuerySet[Posting] | None = None,
    projects: QuerySet[Project] | None = None,
    needs: QuerySet[Need] | None = None,
    day: datetime.date | None = None,
) -> list[dict[str, Any]]:
    """One row per street (township) of the county, in code order, and the county's total last:
    cadres posted and communities covered today, projects (done), needs (met), problems solved, services
    held. Four queries whatever the county's size."""
    postings = postings if postings is not None else Posting.objects.all()
    projects = projects if projects is not None else Project.objects.all()
    needs = needs if needs is not None else Need.objects.all()
    rows: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for street, cadres, communities in (
        in_force(postings.filter(county=county), day)
        .values("community__parent")
        .annotate(c=Count("cadre", distinct=True), n=Count("community", distinct=True))
        .values_list("community__parent", "c", "n")
    ):
        rows[street].update(cadres_posted=cadres, communities_covered=communities)
    for street, count, done, solved, held in (
        projects.filter(county=county)
        .values("community__parent")
        .annotate(
            t=Count("id"),
            d=Count("id", filter=Q(status=ProjectStatus.DONE)),
            p=Sum("problems_solved"),
            s=Sum("services_held"),
        )
        .values_list("community__parent", "t", "d", "p", "s")
    ):
        rows[street].update(
            projects=count, projects_done=done, problems_solved=solved or 0, services_held=held or 0
        )
    for street, listed, met in (
        needs.filter(county=county)
        .values("community__parent")
        .annotate(t=Count("id"), m=Count("id", filter=Q(status=NeedStatus.MET)))
        .values_list("community__parent", "t", "m")
    ):
        rows[street].update(needs_listed=listed, needs_met=met)
    streets = Division.objects.filter(county=county, level=Level.TOWNSHIP).order_by("code")
    table: list[dict[str, Any]] = [
        {"street": s.name, "street_id": s.pk, **rows.get(s.pk, dict.fromkeys(FIGURES, 0))} for s in streets
    ]
    county_total: dict[str, Any] = {name: sum(int(row[name]) for row in table) for name in FIGURES}
    table.append({"street": county.name, "street_id": None, "is_total": True, **county_total})
    return table
