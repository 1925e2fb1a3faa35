"""The filter of the data dictionary page: words in an element's name, code or description, the register
that holds it, its type and its status.

A FilterSet like every list's (callers pass querysets from qingdan.access). The API's element list keeps
its own parameters for now: there `held_in=` with an empty value asks for elements no register holds.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import ElementKind, ElementStatus, Register
from .models import DataElement


class ElementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="filter_words")
    register = django_filters.ChoiceFilter(
        label=_("Held in"), choices=Register.choices[1:], empty_label=_("Any register")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=ElementKind.choices, empty_label=_("Any type")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ElementStatus.choices, empty_label=_("Any status")
    )

    class Meta:
        model = DataElement
        fields: list[str] = []

    def filter_words(self, elements: QuerySet, name: str, value: str) -> QuerySet:
        words = value.strip()
        return elements.filter(
            Q(name__icontains=words) | Q(code__icontains=words) | Q(description__icontains=words)
        )
