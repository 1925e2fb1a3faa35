"""The pages' forms. They check shapes only; every rule is the actions' (ActionRefused shown as the
form's error)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qingdan import limits
from qingdan.orgs.models import Division

from .choices import Assessor, Education, GridKind, PostRole, ProjectStatus, Rank, RecordKind
from .models import Cadre, Grid, Need, Resource

DATE = forms.DateInput(attrs={"type": "date"})


class NominationForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=50)
    id_number = forms.CharField(
        label=_("ID number"), max_length=30, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    rank = forms.ChoiceField(label=_("Rank held"), choices=Rank.choices)
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices)
    position = forms.CharField(label=_("Position in the sending unit"), max_length=100, required=False)
    specialty = forms.CharField(label=_("Specialty"), max_length=200, required=False)
    full_time = forms.BooleanField(label=_("Released full time"), required=False, initial=True)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Approval opinion"),
        choices=[("approve", _("Approve the batch")), ("return", _("Return")), ("refuse", _("Turn down"))],
    )
    reason = forms.CharField(
        label=_("Note or reason"),
        max_length=limits.REASON_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PostingForm(forms.Form):
    cadre = forms.ModelChoiceField(label=_("Cadre"), queryset=Cadre.objects.none())
    community = forms.ModelChoiceField(label=_("Community"), queryset=Division.objects.none())
    role = forms.ChoiceField(label=_("Post taken"), choices=PostRole.choices)
    starts_on = forms.DateField(label=_("Start date"), widget=DATE)
    ends_on = forms.DateField(label=_("Planned end date"), widget=DATE)

    def __init__(self, *args, cadres=None, communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = cadres
        self.fields["community"].queryset = communities


class GridsForm(forms.Form):
    grids = forms.ModelMultipleChoiceField(
        label=_("Compounds and grids covered"),
        queryset=Grid.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, grids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grids"].queryset = grids


class GridForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=GridKind.choices)
    households = forms.IntegerField(label=_("Households"), min_value=0, max_value=100_000, required=False)


class TagForm(forms.Form):
    is_large = forms.BooleanField(label=_("Large (wide span, heavy governance load)"), required=False)
    is_weak = forms.BooleanField(label=_("Weak (poor conditions, many disputes)"), required=False)
    is_new = forms.BooleanField(label=_("New (recently set up, few hands)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class WorkRecordForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=RecordKind.choices)
    text = forms.CharField(
        label=_("Work done"), max_length=limits.REASON_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(label=_("Attachment (optional)"), required=False)


class AttendanceForm(forms.Form):
    month = forms.DateField(
        label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}), input_formats=["%Y-%m", "%Y-%m-%d"]
    )
    days_present = forms.IntegerField(label=_("Days present"), min_value=0, max_value=31)
    days_leave = forms.IntegerField(label=_("Days on leave"), min_value=0, max_value=31, initial=0)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ScoreForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    assessor = forms.ChoiceField(label=_("Assessed as"), choices=Assessor.choices)
    value = forms.IntegerField(label=_("Score (0–100)"), min_value=0, max_value=100)


class RotateForm(forms.Form):
    ended_on = forms.DateField(label=_("Last day"), widget=DATE)
    handover_note = forms.CharField(
        label=_("Handover note"), max_length=limits.REASON_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_cadre = forms.ModelChoiceField(
        label=_("Next cadre (optional)"), queryset=Cadre.objects.none(), required=False
    )
    next_role = forms.ChoiceField(label=_("Role of the next cadre"), choices=PostRole.choices)

    def __init__(self, *args, cadres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_cadre"].queryset = cadres


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Resource"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=limits.REASON_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Need"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=limits.REASON_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Project"), max_length=200)
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs answered"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    resources = forms.ModelMultipleChoiceField(
        label=_("Resources used"),
        queryset=Resource.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner = forms.CharField(label=_("Owner"), max_length=50)
    starts_on = forms.DateField(label=_("Start date"), widget=DATE)
    ends_on = forms.DateField(label=_("End date"), widget=DATE)

    def __init__(self, *args, needs=None, resources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        self.fields["resources"].queryset = resources


class ProjectProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    outcome = forms.CharField(
        label=_("Results achieved"),
        max_length=limits.REASON_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    problems_solved = forms.IntegerField(
        label=_("Problems solved"), min_value=0, max_value=100_000, initial=0
    )
    services_held = forms.IntegerField(label=_("Services held"), min_value=0, max_value=100_000, initial=0)


class ProgrammeForm(forms.Form):
    age_limit = forms.IntegerField(label=_("Age limit"), min_value=18, max_value=60)
    rank_limit = forms.ChoiceField(label=_("Highest rank"), choices=Rank.choices)
    full_time_required = forms.BooleanField(label=_("Full time required"), required=False)
    weight_community = forms.IntegerField(label=_("Weight of the community"), min_value=0, max_value=100)
    weight_street = forms.IntegerField(label=_("Weight of the street"), min_value=0, max_value=100)
    weight_unit = forms.IntegerField(label=_("Weight of the sending unit"), min_value=0, max_value=100)


class CommendationForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    issued_on = forms.DateField(label=_("Date issued"), widget=DATE)
    cadres = forms.ModelMultipleChoiceField(
        label=_("Cadres graded excellent"), queryset=Cadre.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, cadres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadres"].queryset = cadres
