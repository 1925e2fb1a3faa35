"""Django form classes of the one-set-of-forms pages (the registers' are qingdan.registers.forms).

They check input only; access, state and the values themselves (qingdan.registers.values.parse_value) are
checked by the actions, which answer in Chinese. The limits repeat here so that a person sees every
mistake at once, before anything is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingdan import access, limits
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .choices import ElementKind, ElementStatus, Frequency, Register, RowsKind
from .models import DataElement, FormRequest

MAX_REASON = limits.REASON_CHARS


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- data dictionary ---------------------------------------------------------------------------


class ElementProposeForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, error_messages={"required": _("Give the data element a name.")}
    )
    kind = forms.ChoiceField(label=_("Type"), choices=ElementKind.choices)
    unit = forms.CharField(label=_("Unit of measure"), max_length=20, required=False)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice: one choice per line."),
    )
    register = forms.ChoiceField(label=_("Held in"), choices=Register.choices, required=False)
    is_personal = forms.BooleanField(label=_("Personal information"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )

    def clean_choices(self):
        lines = [line.strip() for line in self.cleaned_data["choices"].replace("、", "\n").splitlines()]
        return [line for line in lines if line]

    def clean(self):
        data = super().clean()
        if data.get("kind") == ElementKind.CHOICE and not data.get("choices"):
            self.add_error("choices", _("A choice needs its choices: write one per line."))
        if data.get("kind") in (ElementKind.ID_NUMBER, ElementKind.PHONE):
            data["is_personal"] = True
        return data


class ElementApproveForm(forms.Form):
    code = forms.CharField(
        label=pgettext_lazy("data element", "Code"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to keep the code given when it was proposed."),
    )


class ElementMapForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("The existing element it means"),
        queryset=DataElement.objects.none(),
        error_messages={"required": _("Choose the existing element it means.")},
    )

    def __init__(self, *args, elements, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["target"]).queryset = elements


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason.")},
    )


# --- registers ---------------------------------------------------------------------------------


# --- form requests ------------------------------------------------------------------------------


@dataclass
class TownshipVillages:
    """One township of the target picker, with its villages."""

    township: Division
    villages: list[Division] = field(default_factory=list)


def village_tree(user) -> list[TownshipVillages]:
    """The villages a form may go to, each under its township, in code order."""
    divisions = access.visible(
        Division.objects.filter(level__in=[Level.TOWNSHIP, Level.VILLAGE]), user
    ).order_by("code")
    townships: dict[int, TownshipVillages] = {}
    for division in divisions:
        if division.level == Level.TOWNSHIP:
            townships[division.pk] = TownshipVillages(division)
        elif division.parent_id in townships:
            townships[division.parent_id].villages.append(division)
    return [t for t in townships.values() if t.villages]


def element_groups(elements) -> list[tuple[str, list[DataElement]]]:
    """The picker's groups: what fills itself from each register, what no register holds, proposals."""
    groups: list[tuple[str, list[DataElement]]] = [
        (str(_("Village profile: fills itself")), []),
        (str(_("Residents register: fills itself")), []),
        (str(_("Not held in a register: typed by the village")), []),
        (str(_("Proposed by your department, awaiting a decision")), []),
    ]
    for element in elements:
        if element.status == ElementStatus.PROPOSED:
            groups[3][1].append(element)
        elif element.register == Register.VILLAGE:
            groups[0][1].append(element)
        elif element.register == Register.RESIDENTS:
            groups[1][1].append(element)
        else:
            groups[2][1].append(element)
    return [(label, members) for label, members in groups if members]


class FormRequestForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=limits.TITLE_CHARS,
        error_messages={"required": _("Give the form a title.")},
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.TEXT_CHARS,
        error_messages={"required": _("Say what the figures are for.")},
    )
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    rows_kind = forms.ChoiceField(
        label=_("Rows"), choices=RowsKind.choices, widget=forms.RadioSelect, initial=RowsKind.VILLAGE
    )
    resident_tag = forms.CharField(
        label=_("Only residents tagged"),
        max_length=20,
        required=False,
        help_text=_("For one row per resident: e.g. 低保 or 独居老人; empty for every resident."),
    )
    elements = forms.MultipleChoiceField(
        label=_("Fields"), error_messages={"required": _("Pick at least one field from the data dictionary.")}
    )
    villages = forms.MultipleChoiceField(
        label=_("Villages that fill it"), error_messages={"required": _("Choose at least one village.")}
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=_date_input(),
        error_messages={"required": _("Give a deadline."), "invalid": _("Write the date as 2026-01-31.")},
    )

    def __init__(self, *args, user, elements, form: FormRequest | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = village_tree(user)
        # A township's code stands for all its villages.
        self.villages_by_code = {}
        for t in self.tree:
            self.villages_by_code[t.township.code] = t.township
            self.villages_by_code.update((v.code, v) for v in t.villages)
        cast(forms.ChoiceField, self.fields["villages"]).choices = [
            (code, d.name) for code, d in self.villages_by_code.items()
        ]
        self.element_list = list(elements)
        cast(forms.ChoiceField, self.fields["elements"]).choices = [
            (str(e.pk), e.name) for e in self.element_list
        ]
        self.element_groups = element_groups(self.element_list)
        if form is not None and not self.is_bound:
            for name in ("title", "purpose", "frequency", "rows_kind", "resident_tag", "deadline"):
                self.initial[name] = getattr(form, name)
            self.initial["elements"] = [str(f.element_id) for f in form.fields.all()]
            self.initial["villages"] = [d.code for d in form.targets.all()]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(
                _("The deadline %(date)s has already passed; choose today or a later day.")
                % {"date": deadline.isoformat()}
            )
        return deadline

    def chosen_villages(self) -> list[Division]:
        """The chosen villages, and townships standing for all their villages."""
        return [self.villages_by_code[code] for code in self.cleaned_data["villages"]]

    def chosen_element_ids(self) -> list[int]:
        """In the order the dictionary lists them (the form's field order)."""
        picked = set(self.cleaned_data["elements"])
        return [e.pk for e in self.element_list if str(e.pk) in picked]

    def action_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "purpose": data["purpose"],
            "frequency": data["frequency"],
            "rows_kind": data["rows_kind"],
            "resident_tag": data["resident_tag"] if data["rows_kind"] == RowsKind.RESIDENTS else "",
            "element_ids": self.chosen_element_ids(),
            "villages": self.chosen_villages(),
            "deadline": data["deadline"],
        }


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=MAX_REASON, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into this approved form"),
        queryset=FormRequest.objects.none(),
        error_messages={"required": _("Choose the approved form to merge it into.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason.")},
    )

    def __init__(self, *args, forms_to_merge_into, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["into"]).queryset = forms_to_merge_into
