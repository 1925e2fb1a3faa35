"""The forms of the coordination body pages. They check the shape of the input; the actions decide."""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan import limits
from qingdan.orgs.models import Division, Unit

from .choices import MAX_CAP, BasisClass, BodyKind, CapLevel, Permanence
from .models import CoordinationBody

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _with_blank(choices, label) -> list:
    return [("", label), *choices]


class BodyForm(forms.Form):
    """The particulars of a body, for setting one up or correcting one."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKind.choices)
    permanence = forms.ChoiceField(label=_("Permanence"), choices=Permanence.choices)
    ends_on = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DATE,
        help_text=_("Required for a temporary body."),
    )
    # Required to set a body up (SetUpForm); an old ledger's body may be corrected without them.
    basis_class = forms.ChoiceField(
        label=_("Why it is kept"), choices=_with_blank(BasisClass.choices, "—"), required=False
    )
    basis = forms.CharField(
        label=_("Basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("The law, regulation or higher body it answers to, or the local need."),
    )
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Unit.objects.none(), required=False)
    office_unit = forms.ModelChoiceField(
        label=_("Office hosted by"), queryset=Unit.objects.none(), required=False
    )
    leader = forms.CharField(label=_("Leader (name and post)"), max_length=200, required=False)
    deputy = forms.CharField(
        label=_("Deputy leaders (names and posts)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Member units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_members = forms.CharField(
        label=_("Other members"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Members that are not units of the county, e.g. 各乡镇(街道)."),
    )
    set_up_on = forms.DateField(label=_("Set-up date"), widget=DATE)
    set_up_document = forms.CharField(label=_("Set-up document number"), max_length=200, required=False)

    def __init__(self, *args, units: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lead_unit", "office_unit", "members"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = units

    def values(self) -> dict:
        """The cleaned fields as the actions take them."""
        data = dict(self.cleaned_data)
        data.pop("division", None)
        for name in ("revoke", "revocation_document", "revocation_date"):
            data.pop(name, None)
        return data


class SetUpForm(BodyForm):
    """Setting up a body; at the cap, with the body revoked in the same act (撤一设一)."""

    division = forms.ModelChoiceField(label=_("Level"), queryset=Division.objects.none(), empty_label=None)
    revoke = forms.ModelChoiceField(
        label=_("Body to revoke"),
        queryset=CoordinationBody.objects.none(),
        required=False,
        empty_label=_("— none to revoke —"),
    )
    revocation_document = forms.CharField(
        label=_("Revocation document number"), max_length=200, required=False
    )
    revocation_date = forms.DateField(label=_("Revocation date"), required=False, widget=DATE)

    field_order = ["division"]

    def __init__(self, *args, divisions: QuerySet[Division], revocable: QuerySet[CoordinationBody], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["division"]).queryset = divisions
        cast(forms.ModelChoiceField, self.fields["revoke"]).queryset = revocable
        for name in ("basis_class", "basis", "lead_unit", "set_up_document"):
            self.fields[name].required = True
        cast(forms.ChoiceField, self.fields["basis_class"]).choices = BasisClass.choices

    def clean(self):
        data = super().clean()
        if data.get("revoke") is None and (data.get("revocation_document") or data.get("revocation_date")):
            self.add_error("revoke", _("Choose the body that the revocation document revokes."))
        return data

    def replacement(self) -> dict:
        data = self.cleaned_data
        if data.get("revoke") is None:
            return {}
        return {
            "revoke": data["revoke"],
            "revocation_document": data.get("revocation_document") or "",
            "revocation_date": data.get("revocation_date"),
        }


class RevokeForm(forms.Form):
    document = forms.CharField(label=_("Revocation document number"), max_length=200, required=False)
    revoked_on = forms.DateField(label=_("Revocation date"), required=False, widget=DATE)
    note = forms.CharField(
        label=_("Note"),
        max_length=limits.REASON_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Meeting date"), widget=DATE)
    topic = forms.CharField(label=_("Topic"), max_length=300)
    attendees_count = forms.IntegerField(label=_("Number of attendees"), required=False, min_value=1)
    attendees = forms.CharField(
        label=_("Attendees"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = forms.FileField(label=_("Minutes (PDF, Word or image)"), required=False)


class DocumentForm(forms.Form):
    number = forms.CharField(label=_("Document number"), max_length=100)
    title = forms.CharField(label=_("Title"), max_length=300)
    issued_on = forms.DateField(label=_("Issue date"), widget=DATE)


class LedgerUploadForm(forms.Form):
    division = forms.ModelChoiceField(
        label=_("Whose ledger"), queryset=Division.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Ledger file"), help_text=_("An .xlsx workbook (first sheet) or a .tsv text file in UTF-8.")
    )

    def __init__(self, *args, divisions: QuerySet[Division], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["division"]).queryset = divisions


class CapForm(forms.Form):
    level = forms.ChoiceField(choices=CapLevel.choices, widget=forms.HiddenInput)
    cap = forms.IntegerField(label=_("Cap"), min_value=0, max_value=MAX_CAP)


class ReportYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
