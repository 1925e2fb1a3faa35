"""The filters of the work admission lists: one FilterSet per model, shared by pages, API and tests.

Filters narrow rows the user may already see (callers pass querysets from qingdan.access); they are
choices a person makes on the page, never a scope check.

    orders = WorkOrderFilter(request.GET, queryset=visible_orders).qs
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan.orgs.models import Unit
from qingdan.web.widgets import SearchableSelect

from .choices import AssignmentStatus, ComplaintKind, ComplaintStatus, Decision, OrderStatus, TaskStatus
from .models import Assignment, Complaint, VillageTask, WorkOrder


class WorkOrderFilter(django_filters.FilterSet):
    """The order list filters by status and verdict; the review queue by verdict and department."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OrderStatus.choices, empty_label=_("All statuses")
    )
    verdict = django_filters.ChoiceFilter(
        label=_("Screening verdict"), choices=Decision.choices, empty_label=_("All verdicts")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Unit.objects.all(),
        empty_label=_("All departments"),
        widget=SearchableSelect,
    )

    class Meta:
        model = WorkOrder
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, departments: QuerySet[Unit] | None = None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if departments is not None:  # the departments a page offers to choose from
            self.filters["department"].queryset = departments


class AssignmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=AssignmentStatus.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = Assignment
        fields: list[str] = []


class VillageTaskFilter(django_filters.FilterSet):
    """`show` is the page's plain choice (open or completed); `status` the exact one, for the API."""

    OPEN, DONE = "open", "done"
    show = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[(OPEN, _("Not yet completed")), (DONE, _("Completed"))],
        empty_label=_("All tasks"),
        method="filter_show",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TaskStatus.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = VillageTask
        fields: list[str] = []

    def filter_show(self, tasks: QuerySet, name: str, value: str) -> QuerySet:
        if value == self.OPEN:
            return tasks.exclude(status=TaskStatus.COMPLETED)
        return tasks.filter(status=TaskStatus.COMPLETED)


class ComplaintFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ComplaintStatus.choices, empty_label=_("All statuses")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ComplaintKind.choices, empty_label=_("All kinds")
    )

    class Meta:
        model = Complaint
        fields: list[str] = []
