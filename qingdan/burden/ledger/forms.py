"""The ledger's forms: short, one line each on a phone. They read types; actions.py checks the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from qingdan import limits
from qingdan.orgs.models import Division, Unit

from . import choices as c

DATE = forms.DateInput(attrs={"type": "date"})
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


class IssuerForm(forms.Form):
    """A form naming the unit that sent something: one of the county's units."""

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        if "issuer" in self.fields:
            self.fields["issuer"].queryset = issuers


def issuer_field(label, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label, queryset=Unit.objects.none(), required=required)


class DocumentForm(IssuerForm):
    issuer = issuer_field(_("Issuing unit"))
    number = forms.CharField(label=_("Document number"), required=False, max_length=c.NUMBER_CHARS + 50)
    characters = forms.IntegerField(label=_("Characters"))
    pages = forms.IntegerField(label=_("Pages"), required=False)


class MeetingForm(IssuerForm):
    issuer = issuer_field(_("Calling unit"))
    held_on = forms.DateField(label=_("Meeting date"), widget=DATE)
    level = forms.ChoiceField(label=_("Level"), choices=c.MeetingLevel.choices)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=1)
    comprehensive = forms.BooleanField(label=_("A comprehensive meeting (综合性会议)"), required=False)


class InspectionForm(IssuerForm):
    issuer = issuer_field(_("Unit that held it"))
    kind = forms.ChoiceField(label=_("Kind"), choices=c.InspectionKind.choices)
    held_on = forms.DateField(label=_("Date"), widget=DATE)


class CertificateForm(IssuerForm):
    demander_kind = forms.ChoiceField(label=_("Demanded by (kind)"), choices=c.DemanderKind.choices)
    demander = forms.CharField(label=_("Demanded by (name)"), max_length=c.NAME_CHARS + 50)
    issuer = issuer_field(_("Department (if a department demanded it)"), required=False)
    purpose = forms.CharField(label=_("Certificate demanded"), max_length=c.PURPOSE_CHARS * 2)


class BorrowingForm(IssuerForm):
    issuer = issuer_field(_("Borrowing unit"))
    cadres = forms.IntegerField(label=_("Cadres borrowed"))
    days = forms.IntegerField(label=_("Days"))


ENTRY_FORMS = {
    "document": DocumentForm,
    "meeting": MeetingForm,
    "inspection": InspectionForm,
    "certificate": CertificateForm,
    "borrowing": BorrowingForm,
}


class ToolForm(IssuerForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=c.ToolKind.choices)
    name = forms.CharField(label=_("Name"), max_length=c.NAME_CHARS + 50)
    issuer = issuer_field(_("Required by"))
    used_from = forms.DateField(label=_("Required from (month)"), widget=MONTH, input_formats=MONTH_FORMATS)


class DropToolForm(forms.Form):
    month = forms.DateField(label=_("Dropped from (month)"), widget=MONTH, input_formats=MONTH_FORMATS)


class SignForm(forms.Form):
    name = forms.CharField(label=_("Sign"), max_length=c.NAME_CHARS + 50)
    kind = forms.ChoiceField(label=_("Kind"), choices=c.SignKind.choices)
    place = forms.ChoiceField(label=_("Where"), choices=c.SignPlace.choices)
    room = forms.CharField(label=_("Room (for a sign inside)"), required=False, max_length=c.NAME_CHARS + 50)


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("Disposition"), choices=[(v, label) for v, label in c.Disposition.choices if v]
    )
    on = forms.DateField(label=_("Date"), widget=DATE)


class PointForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Division.objects.none())
    since = forms.DateField(label=_("First month"), widget=MONTH, input_formats=MONTH_FORMATS)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class ConfirmForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.REASON_CHARS,
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for dismissing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.REASON_CHARS,
    )


class UploadForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Division.objects.none())
    file = forms.FileField(label=_("Ledger (.xlsx)"))

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
