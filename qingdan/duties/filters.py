"""The filters of duty lists: one FilterSet per model, shared by the pages, the API and their tests.

Filters narrow rows the user may already see (callers pass querysets from qingdan.access); they are
choices a person makes on the page, never a scope check.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan import access
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, level_of_code, subtree_bounds

from .choices import DEPARTMENT_KINDS, AmendmentStatus, CatalogLevel, ListKind
from .models import Amendment, Catalog, DutyItem


def visible_townships(user) -> QuerySet[Division]:
    return access.visible(Division.objects.filter(level=Level.TOWNSHIP), user).order_by("code")


def _in_township(path: str, township: Division) -> Q:
    """Rows of the township itself or of a village directly under it."""
    return Q(**{path: township}) | Q(**{f"{path}__parent": township})


def _in_subtree(path: str, code: str) -> Q:
    """Rows of the division with this 12-digit code and of every division below it."""
    low, high = subtree_bounds(code, level_of_code(code))
    return Q(**{f"{path}__code__gte": low, f"{path}__code__lte": high})


class CatalogFilter(django_filters.FilterSet):
    """The page offers a township and words; the API a division code (it and below), a level and
    whether templates are wanted."""

    township = django_filters.ModelChoiceFilter(
        label=_("Township"),
        queryset=Division.objects.filter(level=Level.TOWNSHIP),
        empty_label=_("All townships"),
        method="filter_township",
    )
    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="filter_words")
    division = django_filters.CharFilter(max_length=12, method="filter_division")
    level = django_filters.ChoiceFilter(choices=CatalogLevel.choices)
    template = django_filters.BooleanFilter(field_name="is_template")

    class Meta:
        model = Catalog
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if user is not None:
            self.filters["township"].queryset = visible_townships(user)

    def filter_township(self, catalogs: QuerySet, name: str, township: Division) -> QuerySet:
        return catalogs.filter(_in_township("division", township))

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

    def filter_division(self, catalogs: QuerySet, name: str, code: str) -> QuerySet:
        return catalogs.filter(_in_subtree("division", code))


class DutyItemFilter(django_filters.FilterSet):
    """A list kind, and on the mirror page the township whose (and whose villages') items are shown."""

    township = django_filters.ModelChoiceFilter(
        label=_("Township"),
        queryset=Division.objects.filter(level=Level.TOWNSHIP),
        empty_label=_("All townships"),
        method="filter_township",
    )
    list_kind = django_filters.ChoiceFilter(
        label=_("List kind"), choices=ListKind.choices, empty_label=_("All list kinds")
    )

    class Meta:
        model = DutyItem
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, user=None, department_kinds: bool = False, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if user is not None:
            self.filters["township"].queryset = visible_townships(user)
        if department_kinds:  # the mirror page: only the kinds that name a department
            self.filters["list_kind"].extra["choices"] = [
                (kind.value, kind.label) for kind in DEPARTMENT_KINDS
            ]

    def filter_township(self, items: QuerySet, name: str, township: Division) -> QuerySet:
        return items.filter(_in_township("version__catalog__division", township))


class AmendmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AmendmentStatus.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = Amendment
        fields: list[str] = []
