"""The division filter every list shares (a division chosen by name, with everything below it), and
the filters of the people list (account management): words in the user name or full name, unit, role,
and whether the account is active, deactivated or locked.

A FilterSet like every list's (callers pass querysets from qingdan.access); a filter that does not
validate is simply not applied, and the others still are.
"""

from __future__ import annotations

from typing import cast

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingdan import access

from .choices import Role
from .forms import DivisionField, UnitChoiceField, unit_field, visible_units
from .models import User, level_of_code, subtree_bounds


class DivisionFilter(django_filters.Filter):
    """Rows of a division chosen by name (its code in the query string) and of every division below it.

        division = DivisionFilter(label=_("Township or village"), field_name="division")

    A page's FilterSet calls `show_division_names(self, user)` so the picker names the chosen division
    only from the user's scope; the rows themselves are scoped by the caller, as always. The API takes
    the same code."""

    field_class = DivisionField

    def __init__(self, *args, below: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.below = below  # False: the rows of exactly the division chosen

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        if not self.below:
            return qs.filter(**{f"{self.field_name}__code": value})
        low, high = subtree_bounds(value, level_of_code(value))
        return qs.filter(**{f"{self.field_name}__code__gte": low, f"{self.field_name}__code__lte": high})


def show_division_names(filterset: django_filters.FilterSet, user) -> None:
    """Every division filter of this FilterSet names chosen divisions from the user's scope."""
    for name, flt in filterset.filters.items():
        if isinstance(flt, DivisionFilter):
            cast(DivisionField, filterset.form.fields[name]).show_names_from(access.visible_divisions(user))


class UnitFilter(django_filters.Filter):
    field_class = UnitChoiceField  # units grouped by division; cleans to the Unit


class PersonFilter(django_filters.FilterSet):
    ACTIVE, INACTIVE, LOCKED = "active", "inactive", "locked"

    q = django_filters.CharFilter(label=_("User name or full name"), max_length=50, method="filter_words")
    unit = UnitFilter(label=_("Unit"), error_messages={"invalid_choice": _("Choose a unit from the list.")})
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All roles"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ACTIVE, _("Active")), (INACTIVE, _("Deactivated")), (LOCKED, _("Locked"))],
        empty_label=_("All"),
        method="filter_status",
    )

    class Meta:
        model = User
        fields: list[str] = []

    def __init__(self, data=None, *, queryset: QuerySet[User], user) -> None:
        super().__init__(data, queryset=queryset)
        # only the units someone in the list works in: choosing any other would show nobody
        units = visible_units(user, active_only=False).filter(pk__in=queryset.values("unit_id"))
        unit_field(self.form).set_units(units, _("All units"))

    def filter_words(self, people: QuerySet, name: str, value: str) -> QuerySet:
        text = value.strip()
        return people.filter(Q(username__icontains=text) | Q(full_name__icontains=text))

    def filter_status(self, people: QuerySet, name: str, value: str) -> QuerySet:
        if value == self.ACTIVE:
            return people.filter(is_active=True)
        if value == self.INACTIVE:
            return people.filter(is_active=False)
        return people.filter(locked_until__gt=timezone.now())
