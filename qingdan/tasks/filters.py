"""The filters of the checklist list: status, year, words in the title or source."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import ChecklistStatus


class ChecklistFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ChecklistStatus.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Words in the title or source"), required=False, max_length=100)

    def apply(self, checklists: QuerySet) -> QuerySet:
        if not self.is_valid():
            return checklists
        data = self.cleaned_data
        if data["status"]:
            checklists = checklists.filter(status=data["status"])
        if data["year"]:
            checklists = checklists.filter(year=data["year"])
        if data["q"]:
            words = data["q"].strip()
            checklists = checklists.filter(Q(title__icontains=words) | Q(source_title__icontains=words))
        return checklists
