"""The staffing pages' forms. The actions check everything again; these only read the request."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qingdan import limits
from qingdan.registers.forms import RevealForm, TableFileField

__all__ = [
    "ChooseModulesForm",
    "ImportForm",
    "LeadForm",
    "MoveForm",
    "PlaceForm",
    "PoolForm",
    "PositionForm",
    "RevealForm",
    "ScoreForm",
]

from .choices import PoolExit, QuotaKind

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


class ChooseModulesForm(forms.Form):
    sub_modules: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Sub-modules (3 to 5)"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_modules"].queryset = modules


class LeadForm(forms.Form):
    town_module: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Module"))
    person: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Lead leader"))

    def __init__(self, *args, town_modules, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town_module"].queryset = town_modules
        self.fields["person"].queryset = leaders


class PositionForm(forms.Form):
    town_module: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Module"))
    name = forms.CharField(max_length=100, label=_("Position name"))
    points = forms.DecimalField(min_value=0, max_value=1000, decimal_places=1, label=_("Position points"))
    item_numbers = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Duty items carried"),
        help_text=_("Item numbers of the town's list, separated by commas, e.g. 1,2,15"),
    )
    is_offered = forms.BooleanField(required=False, label=_("Offer for two-way choice"))

    def __init__(self, *args, town_modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town_module"].queryset = town_modules

    def numbers(self) -> list[str]:
        text = self.cleaned_data.get("item_numbers", "").replace("，", ",")
        return [part.strip() for part in text.split(",") if part.strip()]


class ScoreForm(forms.Form):
    person: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Person"))
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    module_score = forms.DecimalField(min_value=0, max_value=100, decimal_places=1, label=_("Module score"))
    team_points = forms.DecimalField(min_value=0, max_value=100, decimal_places=1, label=_("Team points"))
    special_bonus = forms.DecimalField(
        min_value=0, max_value=100, decimal_places=1, required=False, label=_("Special bonus")
    )
    special_reason = forms.CharField(max_length=200, required=False, label=_("Reason for the special bonus"))
    sending_unit_score = forms.DecimalField(
        min_value=0, max_value=100, decimal_places=1, required=False, label=_("Sending unit's score")
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class PoolForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    duty = forms.CharField(max_length=200, required=False, label=_("What they now do"))
    reason = forms.ChoiceField(
        choices=[("", "—"), *PoolExit.choices], required=False, label=_("Why they left")
    )
