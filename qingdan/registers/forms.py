"""Django form classes of the registers' pages: a village figure, the residents' filter, the reveal of
a personal number, and the bulk import's upload.

They check input only; access, state and the values themselves (values.parse_value) are checked by the
actions, which answer in Chinese.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingdan import limits
from qingdan.forms.forms import _date_input

TABLE_SUFFIXES = (".xlsx", ".tsv")
MIN_REVEAL_REASON = 4


class VillageFactForm(forms.Form):
    value = forms.CharField(
        label=_("Value"), max_length=limits.REASON_CHARS, error_messages={"required": _("Give the value.")}
    )
    as_of = forms.DateField(
        label=_("True as of"),
        widget=_date_input(),
        error_messages={
            "required": _("Give the date the value is true as of."),
            "invalid": _("Write the date as 2026-01-31."),
        },
    )

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise forms.ValidationError(
                _("%(date)s is in the future: a figure can only be true as of today or earlier.")
                % {"date": as_of.isoformat()}
            )
        return as_of


class RevealForm(forms.Form):
    field = forms.ChoiceField(
        label=_("What to show"), choices=[("id_number", _("ID number")), ("phone", _("phone"))]
    )
    reason = forms.CharField(
        label=_("Why you need to see it"),
        max_length=limits.REASON_CHARS,
        min_length=MIN_REVEAL_REASON,
        error_messages={
            "required": _("Say why you need to see it; the reason is kept in the audit trail."),
            "min_length": _(
                "Say in a few words (at least %(limit_value)d characters) why you need to see it."
            ),
        },
    )


class TableFileField(forms.FileField):
    """An import file: .xlsx or .tsv, no larger than the importer accepts (importer.max_import_bytes)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is None:
            return upload
        if Path(upload.name).suffix.lower() not in TABLE_SUFFIXES:
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a table file: upload an Excel workbook (.xlsx) or a tab-separated "
                    "text file (.tsv)."
                )
                % {"name": upload.name}
            )
        from qingdan.registers.importer import size_problem

        if problem := size_problem(upload.size):
            raise forms.ValidationError(problem)
        return upload


class ImportForm(forms.Form):
    division = forms.ChoiceField(label=_("Village or township"))
    file = TableFileField(
        label=_("File"),
        help_text=_("An Excel workbook (.xlsx, first sheet) or a UTF-8 .tsv file."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(TABLE_SUFFIXES)}),
        error_messages={"required": _("Choose the file to import.")},
    )

    def __init__(self, *args, divisions, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["division"]).choices = [(d.code, d.name) for d in divisions]
