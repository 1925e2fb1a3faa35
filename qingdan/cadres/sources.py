"""What the secondment programme adds to the burden figures (the contract of qingdan.burden.sources):
MEASURES and counts(county, villages=None), one Count per community, sending unit, month and measure.

The help a community receives is counted, not load put on it: cadres in post, projects done, problems
solved and volunteer services held. Nothing here is typed by anyone; it is read from the programme's rows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingdan.burden.sources import Count, Measure, first_of_month
from qingdan.orgs.models import Division

from .choices import ProjectStatus
from .models import Posting, Project

MEASURES = [
    Measure(
        "cadres_in_post",
        _("Seconded cadres in post"),
        _(
            "Cadres seconded to the community who were in post for at least one day of the month, by "
            "sending unit."
        ),
    ),
    Measure(
        "cadre_projects_done",
        _("Projects done with seconded cadres"),
        _("Projects of the three lists the community finished; counted in the month of their end date."),
    ),
    Measure(
        "cadre_problems_solved",
        _("Problems solved by projects"),
        _(
            "Problems the finished projects solved (lifts, parking, disputes …); counted in the month of "
            "their end date."
        ),
    ),
    Measure(
        "cadre_services_held",
        _("Volunteer services held"),
        _("Volunteer services the finished projects held; counted in the month of their end date."),
    ),
]


def _months(start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
    month = first_of_month(start)
    while month <= end:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def counts(county: Division, villages: list[int] | None = None) -> Iterable[Count]:
    today = timezone.localdate()
    postings = Posting.objects.filter(county=county, starts_on__lte=today)
    projects = Project.objects.filter(county=county, status=ProjectStatus.DONE)
    if villages is not None:
        postings = postings.filter(community_id__in=villages)
        projects = projects.filter(community_id__in=villages)
    in_post: Counter[tuple[int, int, datetime.date]] = Counter()
    for community, unit, starts_on, ends_on, ended_on in postings.values_list(
        "community_id", "cadre__sending_unit_id", "starts_on", "ends_on", "ended_on"
    ):
        for month in _months(starts_on, min(ended_on or ends_on, today)):
            in_post[(community, unit, month)] += 1
    found = [
        Count(village, unit, month, "cadres_in_post", n) for (village, unit, month), n in in_post.items()
    ]
    done: Counter[tuple[int, datetime.date]] = Counter()
    for community, ends_on in projects.values_list("community_id", "ends_on"):
        done[(community, first_of_month(ends_on))] += 1
    found += [Count(village, None, month, "cadre_projects_done", n) for (village, month), n in done.items()]
    sums = (
        projects.values("community_id", "ends_on__year", "ends_on__month")
        .annotate(solved=Sum("problems_solved"), held=Sum("services_held"))
        .values_list("community_id", "ends_on__year", "ends_on__month", "solved", "held")
    )
    for village, year, month_no, solved, held in sums:
        month = datetime.date(year, month_no, 1)
        found.append(Count(village, None, month, "cadre_problems_solved", solved or 0))
        found.append(Count(village, None, month, "cadre_services_held", held or 0))
    return found
