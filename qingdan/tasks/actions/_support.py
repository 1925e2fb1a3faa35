"""What the checklist actions share: who may act, row input and its checks, locks, links."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from qingdan import access, actiontools, limits
from qingdan.access import Permission
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division, User

from .. import queries
from ..choices import ChecklistStatus
from ..models import Checklist, ChecklistRow
from ..sheet import HEADERS

M = TypeVar("M", bound=Model)

LIMITS = {"title": limits.TITLE_CHARS, "source_title": limits.TITLE_CHARS, "source_number": 100}
ROW_LIMITS = {"area": 100, "task": 2000, "measures": 5000, "report_to": 200}
MAX_NOTE = 1000
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass
class RowInput:
    """One row as a person wrote it, before it is checked. `line` numbers it in messages (the row's
    number in the checklist, or the spreadsheet row it came from)."""

    task: str = ""
    responsible: User | None = None
    deadline: datetime.date | None = None
    area: str = ""
    measures: str = ""
    lead_leader: User | None = None
    cooperating_leaders: Sequence[User] = field(default_factory=list)
    report_to: str = ""
    line: int = 0

    @classmethod
    def of(cls, row: ChecklistRow) -> RowInput:
        return cls(
            task=row.task,
            responsible=row.responsible,
            deadline=row.deadline,
            area=row.area,
            measures=row.measures,
            lead_leader=row.lead_leader,
            cooperating_leaders=list(row.cooperating_leaders.all()),
            report_to=row.report_to,
            line=row.position,
        )

    def people(self) -> list[User]:
        return [p for p in (self.lead_leader, self.responsible, *self.cooperating_leaders) if p is not None]


def open_for_change(user, checklist: Checklist) -> Checklist:
    """The checklist locked for the transaction, once the person may change it and it is not closed."""
    access.require(user, Permission.MANAGE_CHECKLIST, checklist)
    checklist = locked(checklist)
    if checklist.status == ChecklistStatus.CLOSED:
        raise ActionRefused(_("This checklist is closed: it can no longer be changed."))
    return checklist


def locked(obj: M) -> M:
    """The row again, locked until the transaction ends (PostgreSQL; SQLite serialises writers)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def clean_text(value: str | None, *, label: str, limit: int, required: bool = False) -> str:
    """actiontools.clean_text, with the checklists' default: a field may be left empty."""
    return actiontools.clean_text(value, label=label, required=required, limit=limit)


def clean_year(year) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ActionRefused(
            _("The year must be a whole number from %(low)d to %(high)d.")
            % {"low": MIN_YEAR, "high": MAX_YEAR}
        )
    return year


def person_name(person: User | None) -> str:
    if person is None:
        return ""
    return person.full_name or person.username


def row_problems(inputs: Iterable[RowInput], division: Division) -> list[str]:
    """Everything wrong with the rows, one message per problem, naming the row: empty task, no
    responsible person, no deadline, text too long, a person who may not be named in this division."""
    inputs = list(inputs)
    eligible = set(
        queries.people_for(division)
        .filter(pk__in={p.pk for row in inputs for p in row.people()})
        .values_list("pk", flat=True)
    )
    problems: list[str] = []
    for row in inputs:
        n = row.line
        if not (row.task or "").strip():
            problems.append(_("Row %(n)d: the work task is empty.") % {"n": n})
        if row.responsible is None:
            problems.append(no_responsible(n))
        if row.deadline is None:
            problems.append(no_deadline(n))
        for name, limit in ROW_LIMITS.items():
            length = len((getattr(row, name) or "").strip())
            if length > limit:
                problems.append(
                    _("Row %(n)d: %(field)s is %(length)d characters long; at most %(limit)d are accepted.")
                    % {"n": n, "field": HEADERS[name], "length": length, "limit": limit}
                )
        for person in row.people():
            if person.pk not in eligible:
                problems.append(
                    _(
                        "Row %(n)d: %(name)s cannot be named here: they are not an active person of "
                        "%(division)s or the divisions below it."
                    )
                    % {"n": n, "name": person_name(person), "division": division.name}
                )
    return problems


def no_responsible(n: int) -> str:
    return _("Row %(n)d has no responsible person: every row must name one.") % {"n": n}


def no_deadline(n: int) -> str:
    return _("Row %(n)d has no deadline: every row must have one.") % {"n": n}


def check_rows(inputs: Sequence[RowInput], division: Division) -> None:
    problems = row_problems(inputs, division)
    if problems:
        raise ActionRefused(
            problems[0] if len(problems) == 1 else refused_rows(len(problems)), problems=problems
        )


def refused_rows(count: int) -> str:
    return _("Nothing was saved: %(count)d problem(s) in the rows, listed below.") % {"count": count}


def row_fields(row: RowInput) -> dict:
    """The model fields of a checked row (people and text stripped; the lead never also cooperates)."""
    return {
        "area": row.area.strip(),
        "task": row.task.strip(),
        "measures": row.measures.strip(),
        "lead_leader": row.lead_leader,
        "responsible": row.responsible,
        "deadline": row.deadline,
        "report_to": row.report_to.strip(),
    }


def cooperating_of(row: RowInput) -> list[User]:
    lead = row.lead_leader.pk if row.lead_leader else None
    seen: dict[int, User] = {}
    for person in row.cooperating_leaders:
        if person.pk != lead:
            seen.setdefault(person.pk, person)
    return list(seen.values())


def link(name: str, *args) -> str:
    """The page of an object, or "" while the checklist pages are not mounted."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
