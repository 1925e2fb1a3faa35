"""The staffing pages' forms. The actions check everything again; these only read the request."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingdan import limits
from qingdan.registers.forms import RevealForm, TableFileField

__all__ = [
    "CatalogueForm",
    "ChooseModulesForm",
    "ImportForm",
    "LeadForm",
    "MoveForm",
    "PlaceForm",
    "PoolForm",
    "PositionForm",
    "ReformForm",
    "ReformImportForm",
    "RevealForm",
    "ScoreForm",
    "ScoringRuleForm",
    "TemplateChoiceForm",
    "TemplateForm",
    "reform_formsets",
]

from .actions import MappingRow, UnitRow
from .choices import MIN_TOWNSHIP_WEIGHT, MappingKind, PoolExit, QuotaKind, ReformUnitKind

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


# --- what the county sets up: reforms, the module catalogue, the scoring rule, templates ---------------

REFORM_ROWS = 8  # unit rows on each side of a fresh reform form; ?rows= asks for more (a whole table is
MAX_REFORM_ROWS = 80  # better imported from .xlsx)
NAME_SEPARATORS = re.compile(r"[、,，;；\n]+")


def names(text: str) -> list[str]:
    """Names typed in one box, separated by 、 , ； or new lines."""
    return [part.strip() for part in NAME_SEPARATORS.split(text or "") if part.strip()]


class ReformForm(forms.Form):
    name = forms.CharField(max_length=limits.TITLE_CHARS, label=_("Name of the reform"))
    document = forms.CharField(max_length=limits.TITLE_CHARS, label=_("Document number"))
    decided_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


def _count(label):
    return forms.IntegerField(min_value=0, max_value=100_000, required=False, label=label)


class ReformUnitForm(forms.Form):
    """One unit on one side of a reform; a row without a name is left out."""

    name = forms.CharField(max_length=200, required=False, label=_("Unit"))
    kind = forms.ChoiceField(choices=[("", "—"), *ReformUnitKind.choices], required=False, label=_("Kind"))
    administrative_quota = _count(_("Administrative quota"))
    institution_quota = _count(_("Institution quota"))
    leader_posts = _count(_("Leadership posts"))

    def row(self) -> UnitRow | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return UnitRow(
            data["name"].strip(),
            data["kind"],
            data["administrative_quota"] or 0,
            data["institution_quota"] or 0,
            data["leader_posts"] or 0,
        )


class ReformOldUnitForm(ReformUnitForm):
    """A unit before the reform, and where it went (the mapping of old units to new ones)."""

    how = forms.ChoiceField(
        choices=[("", "—"), *MappingKind.choices], required=False, label=pgettext_lazy("staffing", "How")
    )
    into = forms.CharField(
        max_length=1000,
        required=False,
        label=_("New unit"),
        help_text=_("For a split, the new units separated by 、; a unit kept under its own name needs none"),
    )

    def mapping(self) -> MappingRow | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return MappingRow(data["name"].strip(), data["how"], names(data["into"]))


BeforeFormSet = forms.formset_factory(ReformOldUnitForm, extra=0, max_num=MAX_REFORM_ROWS, validate_max=True)
AfterFormSet = forms.formset_factory(ReformUnitForm, extra=0, max_num=MAX_REFORM_ROWS, validate_max=True)


def reform_formsets(data=None, rows: int = REFORM_ROWS):
    """The two sides of a reform form: `rows` empty rows each when not bound."""
    initial: list[dict] = [{} for _row in range(rows)]
    return (
        BeforeFormSet(data, prefix="before", initial=None if data is not None else initial),
        AfterFormSet(data, prefix="after", initial=None if data is not None else initial),
    )


class CatalogueForm(forms.Form):
    catalogue = forms.CharField(
        max_length=4000,
        label=_("Module catalogue"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One main module a line, then its sub-modules after a colon, separated by 、 — e.g. "
            "大服务：政务服务中心、文旅服务中心"
        ),
    )

    def modules(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for line in self.cleaned_data["catalogue"].splitlines():
            main, _colon, subs = line.replace(":", "：").partition("：")
            if main.strip() or subs.strip():
                found.setdefault(main.strip(), []).extend(names(subs))
        return found


class ScoringRuleForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    position_weight = forms.IntegerField(
        min_value=0, max_value=100, label=_("Weight of position points (per cent)")
    )
    module_weight = forms.IntegerField(
        min_value=0, max_value=100, label=_("Weight of the module score (per cent)")
    )
    team_weight = forms.IntegerField(min_value=0, max_value=100, label=_("Weight of team points (per cent)"))
    special_cap = forms.DecimalField(
        min_value=0, max_value=100, decimal_places=1, label=_("Cap on the special bonus")
    )
    # The action refuses a share below 70 % in Chinese; the browser is told the floor as well.
    township_weight = forms.IntegerField(
        max_value=100,
        label=_("Township share for dispatched staff (per cent)"),
        help_text=_("At least 70: the township decides most of a dispatched person's result."),
        widget=forms.NumberInput(attrs={"min": MIN_TOWNSHIP_WEIGHT, "max": 100}),
    )


class TemplateForm(forms.Form):
    name = forms.CharField(max_length=100, label=_("Name of the template"))
    offices = forms.CharField(
        max_length=2000,
        label=_("Offices"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separated by 、 or one a line"),
    )
    centres = forms.CharField(
        max_length=2000,
        required=False,
        label=_("Centres"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separated by 、 or one a line"),
    )


class TemplateChoiceForm(forms.Form):
    template: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Office template"))

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class ReformImportForm(ReformForm):
    """A reform table from a spreadsheet: the reform's name, document and date, and the file."""

    file = TableFileField(label=_("Spreadsheet (.xlsx)"))

    def params(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "document": data["document"],
            "decided_on": data["decided_on"].isoformat(),
        }
