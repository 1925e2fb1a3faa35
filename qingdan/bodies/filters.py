"""The register's filters: one definition, shared by the page, the API and the tests.

Filters narrow rows the user may already see (callers pass querysets from qingdan.access).
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan.orgs.models import Unit

from .choices import BodyKind, BodyStatus, Permanence

ALL = "all"


class BodyFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    permanence = forms.ChoiceField(label=_("Permanence"), required=False)
    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All lead units")
    )
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)

    def __init__(self, data=None, *, units: QuerySet[Unit]):
        super().__init__(data)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            *BodyStatus.choices,
            (ALL, _("All statuses")),
        ]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("All kinds")), *BodyKind.choices]
        cast(forms.ChoiceField, self.fields["permanence"]).choices = [
            ("", _("Any permanence")),
            *Permanence.choices,
        ]
        cast(forms.ModelChoiceField, self.fields["lead_unit"]).queryset = units

    def apply(self, rows: QuerySet) -> QuerySet:
        """Active bodies unless another status is asked for."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or BodyStatus.ACTIVE
        if status != ALL:
            rows = rows.filter(status=status)
        if data.get("kind"):
            rows = rows.filter(kind=data["kind"])
        if data.get("permanence"):
            rows = rows.filter(permanence=data["permanence"])
        if data.get("lead_unit"):
            rows = rows.filter(lead_unit=data["lead_unit"])
        if data.get("q"):
            rows = rows.filter(Q(name__icontains=data["q"]) | Q(lead_unit_name__icontains=data["q"]))
        return rows
