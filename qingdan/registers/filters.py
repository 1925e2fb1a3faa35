"""The filter of a village's residents list: a name (or a full ID number, found through its lookup
hash) and a tag.

One FilterSet for the page and the API (callers pass querysets from qingdan.access). A full ID number
never travels in an address: the page posts its search, and the API's GET list refuses one.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Resident
from .queries import matching, with_tag


class ResidentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or full ID number"),
        max_length=50,
        help_text=_("A name, part of a name, or a full 18-digit ID number."),
        method="filter_name_or_number",
    )
    tag = django_filters.CharFilter(label=_("Tag"), max_length=20, method="filter_tag")

    class Meta:
        model = Resident
        fields: list[str] = []

    def filter_name_or_number(self, residents: QuerySet, name: str, value: str) -> QuerySet:
        return matching(residents, value)

    def filter_tag(self, residents: QuerySet, name: str, value: str) -> QuerySet:
        return with_tag(residents, value.strip())
