"""The staffing pages' forms. The actions check everything again; these only read the request."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qingdan import limits
from qingdan.registers.forms import RevealForm, TableFileField

__all__ = ["ImportForm", "MoveForm", "PlaceForm", "RevealForm"]

from .choices import QuotaKind

LINES = 6  # township lines on one move form; a larger move is made in the API or twice


class MoveForm(forms.Form):
    source: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("From unit"))
    kind = forms.ChoiceField(choices=QuotaKind.choices, label=_("Quota kind"))
    document = forms.CharField(max_length=limits.TITLE_CHARS, label=_("Document number"))
    moved_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units, townships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = units
        for n in range(1, LINES + 1):
            self.fields[f"target_{n}"] = forms.ModelChoiceField(
                queryset=townships, required=False, label=_("To township unit %(n)d") % {"n": n}
            )
            self.fields[f"amount_{n}"] = forms.IntegerField(
                min_value=1, max_value=100_000, required=False, label=_("Quotas %(n)d") % {"n": n}
            )

    def lines(self):
        return [
            (self.cleaned_data[f"target_{n}"], self.cleaned_data[f"amount_{n}"])
            for n in range(1, LINES + 1)
            if self.cleaned_data.get(f"target_{n}") is not None
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, LINES + 1):
            if (data.get(f"target_{n}") is None) != (data.get(f"amount_{n}") is None):
                raise forms.ValidationError(_("Give each township unit its number of quotas."))
        return data


class PlaceForm(forms.Form):
    person: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Person"))
    position: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Position"))
    primary = forms.BooleanField(required=False, initial=True, label=_("Primary position"))

    def __init__(self, *args, people, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["position"].queryset = positions


class ImportForm(forms.Form):
    file = TableFileField(label=_("Spreadsheet (.xlsx)"))
