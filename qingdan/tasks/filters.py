"""The filters of the checklist list: status, year, words in the title or source.

One FilterSet for the page and the API (callers pass querysets from qingdan.access).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import ChecklistStatus
from .models import Checklist


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a year is a whole number


class ChecklistFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ChecklistStatus.choices, empty_label=_("All")
    )
    year = IntegerFilter(label=_("Year"), min_value=2000, max_value=2100)
    q = django_filters.CharFilter(
        label=_("Words in the title or source"), max_length=100, method="filter_words"
    )

    class Meta:
        model = Checklist
        fields: list[str] = []

    def filter_words(self, checklists: QuerySet, name: str, value: str) -> QuerySet:
        words = value.strip()
        return checklists.filter(Q(title__icontains=words) | Q(source_title__icontains=words))
