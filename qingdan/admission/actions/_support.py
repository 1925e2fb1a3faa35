"""What the admission actions share beyond qingdan.actiontools: who to tell."""

from __future__ import annotations

from collections.abc import Iterable

from qingdan.orgs.choices import Role
from qingdan.orgs.models import Division, User

MAX_NOTE = 500  # characters of a task report's note


def _people(**lookup) -> Iterable[User]:
    return User.objects.filter(is_active=True, unit__is_active=True, **lookup).only("pk")


def reviewers_of(county: Division) -> Iterable[User]:
    return _people(role=Role.REVIEWER, unit__county=county)


def dispatchers_of(townships: Iterable[Division]) -> Iterable[User]:
    return _people(role=Role.TOWNSHIP_DISPATCHER, unit__division__in=list(townships))


def cadres_of(villages: Iterable[Division]) -> Iterable[User]:
    return _people(role=Role.VILLAGE_CADRE, unit__division__in=list(villages))


def clerks_of(unit) -> Iterable[User]:
    return _people(role=Role.DEPT_CLERK, unit=unit)
