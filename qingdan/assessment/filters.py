"""The filters of the scheme list: year and status. One FilterSet for the page and the API (callers pass
querysets from qingdan.access)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import SchemeStatus
from .models import Scheme


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a year is a whole number


class SchemeFilter(django_filters.FilterSet):
    year = IntegerFilter(label=_("Year"), min_value=2000, max_value=2100)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=SchemeStatus.choices, empty_label=_("All")
    )

    class Meta:
        model = Scheme
        fields: list[str] = []
