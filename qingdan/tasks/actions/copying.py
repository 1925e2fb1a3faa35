"""Copy last year's checklist (flood control comes every spring) with its deadlines moved on."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division, User

from .. import queries
from ..dates import shift_date
from ..models import Checklist, ChecklistRow
from ._support import LIMITS, RowInput, clean_text, clean_year, person_name
from .checklists import new_checklist

MAX_YEARS = 10
MAX_DAYS = 3660


def source_people(source: Checklist) -> list[User]:
    """Everyone named on the source's rows, once each, in row order."""
    seen: dict[int, User] = {}
    for row in _rows(source):
        for person in RowInput.of(row).people():
            seen.setdefault(person.pk, person)
    return list(seen.values())


def departed(source: Checklist, division: Division) -> list[User]:
    """The people of the source who may not be named in a copy for `division`: their account was
    deactivated, or they work outside it. Each needs someone to take over."""
    people = source_people(source)
    eligible = set(
        queries.people_for(division).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
    )
    return [person for person in people if person.pk not in eligible]


def default_title(source: Checklist, year: int) -> str:
    """The source's title with its year replaced: 2024年…防汛抗旱任务清单 → 2025年…防汛抗旱任务清单."""
    old = str(source.year)
    if old in source.title and year != source.year:
        return source.title.replace(old, str(year))
    return _("%(title)s (copy)") % {"title": source.title}


def _rows(source: Checklist) -> list[ChecklistRow]:
    return list(
        source.rows.select_related("lead_leader", "responsible")
        .prefetch_related("cooperating_leaders")
        .order_by("position", "id")
    )


def _check_shift(years, days) -> None:
    for value, limit in ((years, MAX_YEARS), (days, MAX_DAYS)):
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > limit:
            raise ActionRefused(
                _("Shift the dates by at most %(years)d years and %(days)d days.")
                % {"years": MAX_YEARS, "days": MAX_DAYS}
            )


@transaction.atomic
def copy_checklist(
    *,
    user,
    source: Checklist,
    years: int = 1,
    days: int = 0,
    year: int | None = None,
    title: str = "",
    replacements: Mapping[int, User] | None = None,
) -> Checklist:
    """A new draft of the user's unit with the source's rows, each deadline moved by `years` (29 February
    becomes 28 February) and then `days`; progress starts again at nothing.

    `replacements` maps the id of each person who can no longer be named (see `departed`) to the person
    who takes over; a departed person without one refuses the copy, naming them."""
    access.require_own_division(user, Permission.MANAGE_CHECKLIST)
    access.require_seen(user, source)
    _check_shift(years, days)
    year = clean_year(source.year + years if year is None else year)
    title = clean_text(
        title or default_title(source, year), label=_("The title"), limit=LIMITS["title"], required=True
    )
    division = user.unit.division
    replacements = dict(replacements or {})
    missing = [p for p in departed(source, division) if p.pk not in replacements]
    if missing:
        raise ActionRefused(
            _(
                "These people cannot be named in the copy (their account was deactivated, or they work "
                "outside %(division)s): %(names)s. Choose who takes over from each."
            )
            % {"division": division.name, "names": "、".join(person_name(p) for p in missing)}
        )

    def swap(person: User | None) -> User | None:
        return replacements.get(person.pk, person) if person is not None else None

    inputs = [
        RowInput(
            task=row.task,
            responsible=swap(row.responsible),
            deadline=shift_date(row.deadline, years=years, days=days),
            area=row.area,
            measures=row.measures,
            lead_leader=swap(row.lead_leader),
            cooperating_leaders=[p for p in (swap(c) for c in row.cooperating_leaders.all()) if p],
            report_to=row.report_to,
            line=row.position,
        )
        for row in _rows(source)
    ]
    header = {
        "title": title,
        "source_kind": source.source_kind,
        "source_number": "",  # this year's document has its own number
        "source_title": source.source_title,
        "source_date": shift_date(source.source_date, years=years, days=days) if source.source_date else None,
        "year": year,
    }
    copy = new_checklist(user, header, inputs, copied_from=source)
    record(
        actor=user,
        action="tasks.copy_checklist",
        obj=copy,
        changes={"copied_from": [None, source.title], "rows": [None, len(inputs)]},
        note=_("Dates moved by %(years)d year(s) and %(days)d day(s).") % {"years": years, "days": days},
    )
    return copy
