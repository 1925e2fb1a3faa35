"""Forms of the work admission pages. They check input only; access and state are checked by the actions.

The limits here repeat the ones the actions enforce so that a person sees every mistake at once, in
Chinese, before anything is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingdan import access, limits
from qingdan.duties.choices import TOWNSHIP_KINDS, VILLAGE_KINDS, ListKind
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, Unit

from .choices import BypassChannel, ComplaintKind, Decision

MAX_TEXT = limits.TEXT_CHARS
MAX_NOTE = 500


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input multiple>; cleans to a list (possibly empty)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- the order form and its target picker ------------------------------------------------------


@dataclass
class TownshipChoice:
    """One township of the picker, with the villages below it."""

    division: Division
    villages: list[Division] = field(default_factory=list)


@dataclass
class TownshipPick:
    """One township of the picker as the page shows it: what is ticked, and whether its box is open."""

    division: Division
    itself: bool
    all_villages: bool
    villages: list[tuple[Division, bool]]
    open: bool = False


def target_tree(user) -> list[TownshipChoice]:
    """The townships and villages the user may target, each village under its township, in code order."""
    divisions = access.visible(
        Division.objects.filter(level__in=[Level.TOWNSHIP, Level.VILLAGE]), user
    ).order_by("code")
    townships: dict[int, TownshipChoice] = {}
    villages: list[Division] = []
    for division in divisions:
        if division.level == Level.TOWNSHIP:
            townships[division.pk] = TownshipChoice(division)
        else:
            villages.append(division)
    for village in villages:
        if village.parent_id in townships:
            townships[village.parent_id].villages.append(village)
    return list(townships.values())


class OrderForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=limits.TITLE_CHARS,
        error_messages={"required": _("Give the order a title.")},
    )
    text = forms.CharField(
        label=_("Full text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=True,
        error_messages={"required": _("The full text of the order is empty: write what is asked.")},
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=_date_input(),
        error_messages={
            "required": _("Give a deadline."),
            "invalid": _("The deadline is not a date; write it as 2025-06-30."),
        },
    )
    department_does = forms.CharField(
        label=_("What the department itself does"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
    )
    grassroots_must = forms.CharField(
        label=_("What the grassroots must do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
    )
    support_money_yuan = forms.DecimalField(
        label=_("Money (yuan)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    support_people = forms.IntegerField(
        label=_("People sent"),
        min_value=0,
        max_value=100_000,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    support_training = forms.CharField(
        label=_("Training"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=MAX_TEXT
    )
    support_equipment = forms.CharField(
        label=_("Equipment"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=MAX_TEXT
    )
    targets = forms.MultipleChoiceField(label=_("Townships and villages that must act"), required=False)
    all_villages = forms.MultipleChoiceField(label=_("All villages below"), required=False)
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("PDF, Word, Excel, JPG, PNG or text; up to 10 files of 20 MB each."),
    )

    def __init__(self, *args, user, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = target_tree(user)
        self.by_code: dict[str, Division] = {}
        for township in self.tree:
            self.by_code[township.division.code] = township.division
            self.by_code.update((v.code, v) for v in township.villages)
        self.fields["targets"].choices = [(code, d.name) for code, d in self.by_code.items()]
        self.fields["all_villages"].choices = [(t.division.code, t.division.name) for t in self.tree]
        self.order = order
        if order is not None:
            self.fields["remove_attachments"] = forms.ModelMultipleChoiceField(
                label=_("Remove these attachments"),
                queryset=order.attachments.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            if not self.is_bound:
                self._fill_from(order)

    def picker(self) -> list[TownshipPick]:
        """The townships as the picker shows them, ticked as the person left them (also after an error).
        A township is open when anything in it is ticked; when nothing is ticked yet, the first one is."""
        ticked = set(self["targets"].value() or [])
        whole = set(self["all_villages"].value() or [])
        picks = [
            TownshipPick(
                division=t.division,
                itself=t.division.code in ticked,
                all_villages=t.division.code in whole,
                villages=[(v, v.code in ticked) for v in t.villages],
            )
            for t in self.tree
        ]
        for pick in picks:
            pick.open = pick.itself or pick.all_villages or any(chosen for _v, chosen in pick.villages)
        if picks and not any(pick.open for pick in picks):
            picks[0].open = True
        return picks

    def reached_count(self) -> int:
        """How many townships and villages the ticked boxes reach: a township ticked with all its villages
        counts itself and each village below it, each division once (as screening reaches them)."""
        reached: set[str] = set()
        for pick in self.picker():
            if pick.itself or pick.all_villages:
                reached.add(pick.division.code)
            reached.update(v.code for v, chosen in pick.villages if chosen or pick.all_villages)
        return len(reached)

    def _fill_from(self, order) -> None:
        for name in (
            "title",
            "text",
            "deadline",
            "department_does",
            "grassroots_must",
            "support_money_yuan",
            "support_people",
            "support_training",
            "support_equipment",
        ):
            self.initial[name] = getattr(order, name)
        targets = list(order.targets.select_related("division"))
        self.initial["targets"] = [t.division.code for t in targets if not t.all_villages]
        self.initial["all_villages"] = [t.division.code for t in targets if t.all_villages]

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > MAX_TEXT:
            raise forms.ValidationError(
                _("The full text is %(length)s characters long; at most %(limit)s are accepted.")
                % {"length": f"{len(text):,}", "limit": f"{MAX_TEXT:,}"}
            )
        return text

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(
                _("The deadline %(date)s has already passed; choose today or a later day.")
                % {"date": deadline.isoformat()}
            )
        return deadline

    def clean(self):
        data = super().clean()
        chosen = set(data.get("targets") or []) | set(data.get("all_villages") or [])
        if not chosen and "targets" not in self.errors:
            self.add_error("targets", _("Choose at least one township or village."))
        if data.get("support_money_yuan") is None:
            data["support_money_yuan"] = Decimal(0)
        if data.get("support_people") is None:
            data["support_people"] = 0
        return data

    def chosen_targets(self) -> list[tuple[Division, bool]]:
        """(division, all villages below) for every chosen township or village, in code order."""
        whole = set(self.cleaned_data.get("all_villages") or [])
        codes = set(self.cleaned_data.get("targets") or []) | whole
        return [(self.by_code[code], code in whole) for code in sorted(codes)]

    def action_fields(self) -> dict:
        """The keyword arguments create_order / update_order take from this form."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "text": data["text"],
            "deadline": data["deadline"],
            "department_does": data["department_does"],
            "grassroots_must": data["grassroots_must"],
            "support_money_yuan": data["support_money_yuan"],
            "support_people": data["support_people"],
            "support_training": data["support_training"],
            "support_equipment": data["support_equipment"],
            "targets": self.chosen_targets(),
            "attachments": data["attachments"],
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the order withdrawn? (optional)"),
        required=False,
        max_length=limits.REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- review ------------------------------------------------------------------------------------


class ReviewDecisionForm(forms.Form):
    """A reviewer's decision, one form beside its button. After a mistake the page shows every problem
    beside the button (`problems`) and the first field in error takes the focus, so the page opens there
    rather than at its top."""

    def full_clean(self):
        super().full_clean()
        first = next((name for name in self.errors if name in self.fields), None)
        if first is not None:
            self.fields[first].widget.attrs["autofocus"] = True

    def problems(self) -> list[str]:
        return [str(message) for messages in self.errors.values() for message in messages]


class ApproveForm(ReviewDecisionForm):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=limits.REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the screening says the work is not for the grassroots: explain why."),
    )

    def __init__(self, *args, verdict: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.verdict = verdict

    def clean_note(self):
        """Approving against a "refuse" verdict needs a note (approve_order refuses it without one)."""
        note = self.cleaned_data["note"]
        if self.verdict == Decision.REFUSE and not note.strip():
            raise forms.ValidationError(
                _(
                    "The screening says this work is not for the grassroots. To approve it anyway, write a "
                    "note explaining why."
                )
            )
        return note


class ReturnForm(ReviewDecisionForm):
    reason = forms.CharField(
        label=_("What must the department clarify?"),
        max_length=limits.REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why the order goes back to the department.")},
    )


class RefuseForm(ReviewDecisionForm):
    reason = forms.CharField(
        label=_("Reason for refusing"),
        max_length=limits.REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why the order is refused.")},
    )
    cited_choice = forms.ChoiceField(label=_("List item the refusal rests on"), required=False)
    cited_typed = forms.CharField(
        label=_("Or type the item"),
        required=False,
        max_length=300,
        help_text=_("For example 负面事项:12 居民财产证明"),
    )

    def __init__(self, *args, citable: Sequence[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("None chosen")), *((c, c) for c in citable)]
        cast(forms.ChoiceField, self.fields["cited_choice"]).choices = choices

    def cited_item(self) -> str:
        return self.cleaned_data["cited_typed"].strip() or self.cleaned_data["cited_choice"]


class ConvertForm(ReviewDecisionForm):
    list_kind = forms.ChoiceField(label=_("Add it to the list"))
    reason = forms.CharField(
        label=_("Reason for the amendment"),
        max_length=limits.REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why the catalog should gain this item.")},
    )

    def __init__(self, *args, level: str = Level.VILLAGE, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = TOWNSHIP_KINDS if level == Level.TOWNSHIP else VILLAGE_KINDS
        cast(forms.ChoiceField, self.fields["list_kind"]).choices = [
            (k.value, ListKind(k).label) for k in kinds
        ]


# --- township dispatch and village work --------------------------------------------------------


class DispatchForm(forms.Form):
    villages = forms.ModelMultipleChoiceField(
        label=_("Villages that must act"),
        queryset=Division.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one village.")},
    )
    note = forms.CharField(
        label=_("Note to the villages"),
        required=False,
        max_length=limits.REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["villages"]).queryset = villages


class ReportForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=99,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Give the progress in percent."),
            "min_value": _("Progress cannot be below %(limit_value)s%%."),
            "max_value": _("Progress is at most %(limit_value)s%%; use “Complete” when the work is done."),
        },
    )
    note = forms.CharField(
        label=_("What was done"),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write a short note on what was done.")},
    )
    file = forms.FileField(label=_("File (optional)"), required=False)


class CompleteForm(forms.Form):
    note = forms.CharField(
        label=_("How was it completed?"),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write a short note on how the work was completed.")},
    )
    file = forms.FileField(label=_("File (optional)"), required=False)


# --- complaints --------------------------------------------------------------------------------

ORDER_COMPLAINT_KINDS = (ComplaintKind.OVER_LIST, ComplaintKind.SUPPORT_MISSING)


NAMED_LABEL = _("Let the department see who complained")
NAMED_HELP = _(
    "Left unticked, the department sees what was demanded and the decision, but not your village or "
    "your name; the reviewers always see who complained."
)


class OrderComplaintForm(forms.Form):
    """The one-click complaint on a task: the button names the kind; a note is optional."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, k.label) for k in ORDER_COMPLAINT_KINDS])
    what = forms.CharField(
        label=_("Anything to add (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    named = forms.BooleanField(label=NAMED_LABEL, required=False, help_text=NAMED_HELP)


class BypassComplaintForm(forms.Form):
    """A demand that reached the township or village without going through the platform."""

    against_unit = forms.ModelChoiceField(
        label=_("Which department made the demand?"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Not in the list / unknown"),
    )
    against_name = forms.CharField(
        label=_("Or name who made it"),
        required=False,
        max_length=200,
        help_text=_("A department, an office or a person, as you know it."),
    )
    what = forms.CharField(
        label=_("What was demanded?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe what was demanded.")},
    )
    happened_on = forms.DateField(
        label=_("When?"),
        required=False,
        widget=_date_input(),
        error_messages={"invalid": _("The date is not valid; write it as 2025-06-30.")},
    )
    channel = forms.ChoiceField(label=_("How did it reach you?"), choices=BypassChannel.choices)
    named = forms.BooleanField(label=NAMED_LABEL, required=False, help_text=NAMED_HELP)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["against_unit"].queryset = departments

    def clean(self):
        data = super().clean()
        if not data.get("against_unit") and not (data.get("against_name") or "").strip():
            self.add_error("against_name", _("Choose the department or write who made the demand."))
        happened_on = data.get("happened_on")
        if happened_on and happened_on > timezone.localdate():
            self.add_error("happened_on", _("The date lies in the future."))
        return data


class HandleComplaintForm(forms.Form):
    UPHELD, DISMISSED = "upheld", "dismissed"

    outcome_kind = forms.ChoiceField(
        label=_("Decision"),
        choices=[(UPHELD, _("Upheld: the complaint is justified")), (DISMISSED, _("Dismissed"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the complaint is upheld or dismissed.")},
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what was done about the complaint.")},
    )

    @property
    def upheld(self) -> bool:
        return self.cleaned_data["outcome_kind"] == self.UPHELD
