"""The filters of the work admission lists: one definition per list, shared by pages, API and tests.

Filters narrow rows the user may already see (callers pass querysets from qingdan.access); they are
choices a person makes on the page, never a scope check.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan.orgs.models import Unit

from .choices import AssignmentStatus, ComplaintKind, ComplaintStatus, Decision, OrderStatus, TaskStatus


def _choices(all_label, choices) -> list:
    return [("", all_label), *choices]


class _Filter(forms.Form):
    """A filter whose fields map one-to-one onto model fields of the same name."""

    def apply(self, rows: QuerySet) -> QuerySet:
        if not self.is_valid():
            return rows
        lookup = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        return rows.filter(**lookup)


class OrderFilter(_Filter):
    status = forms.ChoiceField(label=_("Status"), required=False)
    verdict = forms.ChoiceField(label=_("Screening verdict"), required=False)

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["status"].choices = _choices(_("All statuses"), OrderStatus.choices)
        self.fields["verdict"].choices = _choices(_("All verdicts"), Decision.choices)


class QueueFilter(_Filter):
    verdict = forms.ChoiceField(label=_("Screening verdict"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Unit.objects.none(), required=False, empty_label=_("All departments")
    )

    def __init__(self, data=None, *, departments: QuerySet[Unit]):
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["verdict"]).choices = _choices(
            _("All verdicts"), Decision.choices
        )
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = departments


class AssignmentFilter(_Filter):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["status"].choices = _choices(_("All statuses"), AssignmentStatus.choices)


class TaskFilter(forms.Form):
    OPEN, DONE = "open", "done"
    show = forms.ChoiceField(label=_("Show"), required=False)

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["show"].choices = [
            ("", _("All tasks")),
            (self.OPEN, _("Not yet completed")),
            (self.DONE, _("Completed")),
        ]

    def apply(self, tasks: QuerySet) -> QuerySet:
        if not self.is_valid():
            return tasks
        if self.cleaned_data["show"] == self.OPEN:
            return tasks.exclude(status=TaskStatus.COMPLETED)
        if self.cleaned_data["show"] == self.DONE:
            return tasks.filter(status=TaskStatus.COMPLETED)
        return tasks


class ComplaintFilter(_Filter):
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["status"].choices = _choices(_("All statuses"), ComplaintStatus.choices)
        self.fields["kind"].choices = _choices(_("All kinds"), ComplaintKind.choices)
