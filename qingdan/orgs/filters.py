"""The filters of the people list (account management): words in the user name or full name, unit,
role, and whether the account is active, deactivated or locked.

A FilterSet like every list's (callers pass querysets from qingdan.access); a filter that does not
validate is simply not applied, and the others still are.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Role
from .forms import UnitChoiceField, unit_field, visible_units
from .models import User


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
        unit_field(self.form).set_units(visible_units(user, active_only=False), _("All units"))

    def filter_words(self, people: QuerySet, name: str, value: str) -> QuerySet:
        text = value.strip()
        return people.filter(Q(username__icontains=text) | Q(full_name__icontains=text))

    def filter_status(self, people: QuerySet, name: str, value: str) -> QuerySet:
        if value == self.ACTIVE:
            return people.filter(is_active=True)
        if value == self.INACTIVE:
            return people.filter(is_active=False)
        return people.filter(locked_until__gt=timezone.now())
