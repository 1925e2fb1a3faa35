"""The filters of the forms lists, one FilterSet per model shared by the page and the API list:
the data dictionary (words in an element's name, code or description, the register that holds it, its
type, its status) and the form requests (status, words in the title).

Filters narrow rows the user may already see (callers pass querysets from qingdan.access). The API
calls `register` `held_in`; on both an empty value filters nothing (any register, or none).
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import ElementKind, ElementStatus, FormStatus, Register
from .models import DataElement, FormRequest


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


class FormRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=FormStatus.choices, empty_label=_("Any status")
    )
    q = django_filters.CharFilter(label=_("Title"), max_length=100, method="filter_title")

    class Meta:
        model = FormRequest
        fields: list[str] = []

    def filter_title(self, forms: QuerySet, name: str, value: str) -> QuerySet:
        return forms.filter(title__icontains=value.strip())
