"""What only the forms app shares: who to tell, the typing estimate.

The access check, row locks, text checks and links live once in qingdan.actiontools."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet

from qingdan.orgs.choices import Role
from qingdan.orgs.models import Division, User


def seconds_per_field() -> int:
    """The estimated time to type one value by hand (settings.QINGDAN_SECONDS_PER_FIELD)."""
    return int(getattr(settings, "QINGDAN_SECONDS_PER_FIELD", 20))


def _people(**lookup) -> QuerySet[User]:
    return User.objects.filter(is_active=True, unit__is_active=True, **lookup).only("pk")


def reviewers_of(county: Division) -> QuerySet[User]:
    return _people(role=Role.REVIEWER, unit__county=county)


def clerks_of(unit) -> QuerySet[User]:
    return _people(role=Role.DEPT_CLERK, unit=unit)


def cadres_of(villages: Iterable[Division]) -> QuerySet[User]:
    return _people(role=Role.VILLAGE_CADRE, unit__division__in=list(villages))


def dictionary_keepers_of(county: Division) -> QuerySet[User]:
    return _people(role=Role.CATALOG_OFFICE, unit__county=county)
