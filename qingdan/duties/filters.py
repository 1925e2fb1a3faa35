"""The filters of duty lists: one FilterSet per model, shared by the pages, the API and their tests.

Filters narrow rows the user may already see (callers pass querysets from qingdan.access); they are
choices a person makes on the page, never a scope check.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan.orgs.filters import DivisionFilter, show_division_names

from .choices import DEPARTMENT_KINDS, AmendmentStatus, CatalogLevel, ListKind
from .models import Amendment, Catalog, DutyItem


class CatalogFilter(django_filters.FilterSet):
    """The page offers a township or village chosen by name (it and below) and words; the API the same
    division by its code, a level and whether templates are wanted."""

    division = DivisionFilter(label=_("Township or village"), field_name="division")
    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="filter_words")
    level = django_filters.ChoiceFilter(choices=CatalogLevel.choices)
    template = django_filters.BooleanFilter(field_name="is_template")

    class Meta:
        model = Catalog
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if user is not None:
            show_division_names(self, user)

    def catalogs_searched(self) -> QuerySet:
        """The catalogs every filter but the words leaves: the page looks for the words in their items."""
        catalogs = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != "q" and value not in (None, ""):
                catalogs = self.filters[name].filter(catalogs, value)
        return catalogs

    def filter_words(self, catalogs: QuerySet, name: str, value: str) -> QuerySet:
        if text := value.strip():
            catalogs = catalogs.filter(Q(name__icontains=text) | Q(division__name__icontains=text))
        return catalogs


class DutyItemFilter(django_filters.FilterSet):
    """A list kind, and on the mirror page the township or village whose items (and those below) show."""

    division = DivisionFilter(label=_("Township or village"), field_name="version__catalog__division")
    list_kind = django_filters.ChoiceFilter(
        label=_("List kind"), choices=ListKind.choices, empty_label=_("All list kinds")
    )

    class Meta:
        model = DutyItem
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, user=None, department_kinds: bool = False, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if department_kinds:  # the mirror page: only the kinds that name a department
            self.filters["list_kind"].extra["choices"] = [
                (kind.value, kind.label) for kind in DEPARTMENT_KINDS
            ]
        if user is not None:  # last: it builds the form
            show_division_names(self, user)


class AmendmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AmendmentStatus.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = Amendment
        fields: list[str] = []
