"""The violations list's filters: one FilterSet, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from qingdan.orgs.filters import DivisionFilter, show_division_names

from .choices import Rule, ViolationStatus
from .models import Violation


class ViolationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ViolationStatus.choices, empty_label=_("All statuses")
    )
    rule = django_filters.ChoiceFilter(label=_("Rule"), choices=Rule.choices, empty_label=_("All rules"))
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)
    division = DivisionFilter(label=_("Township or village"), field_name="division")

    class Meta:
        model = Violation
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if user is not None:  # the page: the picker names divisions from the user's scope
            show_division_names(self, user)
