"""The assessment pages' forms. They only shape input; the actions check it and refuse in Chinese."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qingdan.duties.models import DutyItem
from qingdan.orgs.models import Unit
from qingdan.web.widgets import SearchableSelectMultiple

from .choices import Evidence, Formula, RuleKind, Source, VillageType


class SchemeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)


class CapForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    cap = forms.IntegerField(label=_("Most indicators per village"), min_value=1, max_value=200)


class IndicatorForm(forms.Form):
    village_type = forms.ChoiceField(label=_("Village type"), choices=VillageType.choices)
    name = forms.CharField(label=_("Indicator"), max_length=200)
    duty_item = forms.ModelChoiceField(label=_("Primary duty item"), queryset=DutyItem.objects.none())
    points = forms.DecimalField(label=_("Points"), min_value=0, max_value=100, decimal_places=2)
    rule_kind = forms.ChoiceField(label=_("Scoring rule"), choices=RuleKind.choices)
    target = forms.DecimalField(label=_("Target value"), required=False, decimal_places=2)
    formula = forms.ChoiceField(label=_("Formula"), choices=[("", "—"), *Formula.choices], required=False)
    levels = forms.CharField(
        label=_("Graded levels"),
        required=False,
        help_text=_("For qualitative indicators, e.g. 好:100;一般:60;差:0"),
    )
    evidence = forms.ChoiceField(label=_("Evidence relied on"), choices=Evidence.choices)
    source = forms.ChoiceField(label=_("Platform source"), choices=Source.choices, required=False)
    department = forms.ModelChoiceField(label=_("Owning department"), queryset=Unit.objects.none())

    def __init__(self, *args, items=None, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if items is not None:
            self.fields["duty_item"].queryset = items
        if departments is not None:
            self.fields["department"].queryset = departments

    def parsed_levels(self) -> list[dict]:
        """ "好:100;一般:60" → [{"label": "好", "share": "100"}, …]; the action checks the numbers."""
        text = self.cleaned_data.get("levels") or ""
        levels = []
        for part in text.replace("；", ";").split(";"):
            if part.strip():
                label, _sep, share = part.replace("：", ":").partition(":")
                levels.append({"label": label.strip(), "share": share.strip()})
        return levels


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class VillageTypeForm(forms.Form):
    village_type = forms.ChoiceField(label=_("Village type"), choices=VillageType.choices)


class TeamForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Team name"), max_length=200)
    units = forms.ModelMultipleChoiceField(
        label=_("Member units"), queryset=Unit.objects.none(), widget=SearchableSelectMultiple
    )
    members = forms.CharField(label=_("Members"), required=False, max_length=2000)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["units"].queryset = departments


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visit date"))
    preparation_hours = forms.DecimalField(
        label=_("Hours the village spent preparing"),
        required=False,
        min_value=0,
        max_value=999,
        decimal_places=1,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ValueForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), required=False, decimal_places=2)
    level = forms.CharField(label=_("Graded level"), required=False, max_length=50)


class AppealForm(forms.Form):
    reason = forms.CharField(label=_("Grounds"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    uphold = forms.TypedChoiceField(
        label=_("Decision"), choices=[("1", _("Uphold")), ("0", _("Dismiss"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("Reasons"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CorrectionForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), required=False, decimal_places=2)
    level = forms.CharField(label=_("Graded level"), required=False, max_length=50)
    note = forms.CharField(label=_("Note"), max_length=2000)


class PayForm(forms.Form):
    income_last_year = forms.DecimalField(
        label=_("Operating income last year"), min_value=0, decimal_places=2
    )
    income_this_year = forms.DecimalField(
        label=_("Operating income this year"), min_value=0, decimal_places=2
    )
    cadres = forms.CharField(
        label=_("Village cadres"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: name, post, yearly pay (e.g. 王书记,书记,48000)"),
    )

    def parsed_cadres(self):
        from .actions import Cadre

        rows = []
        for line in (self.cleaned_data.get("cadres") or "").splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if any(parts):
                name, post, pay = [*parts, "", "", ""][:3]
                rows.append(Cadre(name=name, post=post, yearly_pay=pay))
        return rows


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Indicator table (.xlsx)"))
