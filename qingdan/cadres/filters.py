"""The lists' filters: one FilterSet per listed model, shared by the pages and the API. They narrow rows
the user may already see (callers pass querysets from qingdan.access)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CadreStatus, NeedStatus, ProjectStatus
from .models import Cadre, Need, Posting, Project
from .queries import in_force, incomplete_postings


class CadreFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CadreStatus.choices, empty_label=_("All statuses")
    )
    q = django_filters.CharFilter(label=_("Name or unit contains"), max_length=50, method="filter_words")

    class Meta:
        model = Cadre
        fields: list[str] = []

    def filter_words(self, cadres: QuerySet, name: str, value: str) -> QuerySet:
        return cadres.filter(Q(name__icontains=value) | Q(sending_unit__name__icontains=value))


class PostingFilter(django_filters.FilterSet):
    current = django_filters.BooleanFilter(label=_("In post today"), method="filter_current")
    incomplete = django_filters.BooleanFilter(
        label=_("Covering no compound or grid"), method="filter_incomplete"
    )

    class Meta:
        model = Posting
        fields: list[str] = []

    def filter_current(self, postings: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return postings
        now = in_force(postings, timezone.localdate())
        return now if value else postings.exclude(pk__in=now.values("pk"))

    def filter_incomplete(self, postings: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return postings
        lacking = incomplete_postings(Posting.objects.all()).values("pk")
        return postings.filter(pk__in=lacking) if value else postings.exclude(pk__in=lacking)


class NeedFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NeedStatus.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = Need
        fields: list[str] = []


class ProjectFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = Project
        fields: list[str] = []
