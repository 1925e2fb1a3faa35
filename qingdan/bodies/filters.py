"""The register's filters: one FilterSet, shared by the page, the API and the tests.

Filters narrow rows the user may already see (callers pass querysets from qingdan.access). The page
shows active bodies unless another status (or `all`) is asked for; the API asks for `all` when no
status is given.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan.orgs.choices import Level
from qingdan.orgs.filters import DivisionFilter, show_division_names
from qingdan.orgs.models import Unit
from qingdan.web.widgets import SearchableSelect

from .choices import BodyKind, BodyStatus, Permanence
from .models import CoordinationBody

ALL = "all"
BODY_LEVELS = (Level.COUNTY, Level.TOWNSHIP)


class BodyFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[*BodyStatus.choices, (ALL, _("All statuses"))], empty_label=None
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=BodyKind.choices, empty_label=_("All kinds"))
    permanence = django_filters.ChoiceFilter(
        label=_("Permanence"), choices=Permanence.choices, empty_label=_("Any permanence")
    )
    lead_unit = django_filters.ModelChoiceFilter(
        label=_("Lead unit"),
        queryset=Unit.objects.all(),
        empty_label=_("All lead units"),
        widget=SearchableSelect,
    )
    q = django_filters.CharFilter(label=_("Name contains"), max_length=100, method="filter_words")
    # A body sits at the county or a township: the bodies of exactly the division chosen (by name).
    division = DivisionFilter(label=_("Level"), field_name="division", below=False, levels=BODY_LEVELS)

    class Meta:
        model = CoordinationBody
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, units: QuerySet[Unit] | None = None, user=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if units is not None:  # the lead units a page offers
            self.filters["lead_unit"].queryset = units
        if user is not None:  # last: it builds the form
            show_division_names(self, user)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """Active bodies unless another status is asked for."""
        status = self.form.cleaned_data.get("status") or BodyStatus.ACTIVE
        if status != ALL:
            queryset = queryset.filter(status=status)
        for name, value in self.form.cleaned_data.items():
            if name != "status":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_words(self, bodies: QuerySet, name: str, value: str) -> QuerySet:
        return bodies.filter(Q(name__icontains=value) | Q(lead_unit_name__icontains=value))
