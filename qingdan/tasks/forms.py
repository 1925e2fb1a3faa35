"""Forms of the checklist pages. They check input only; access and state are checked by the actions.

People are offered from one list per page (queries.people_for, loaded once), however many row forms the
page holds, so a long checklist costs no more queries than a short one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingdan import limits
from qingdan.orgs.models import User
from qingdan.web.widgets import SearchableSelectMultiple

from .actions import RowInput
from .actions._support import LIMITS, MAX_NOTE, MAX_YEAR, MIN_YEAR, ROW_LIMITS
from .actions.copying import MAX_DAYS, MAX_YEARS
from .choices import SourceKind


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def person_label(person: User) -> str:
    name = person.full_name or person.username
    return f"{name}（{person.unit.name}）" if person.unit is not None else name


class People:
    """The people a page may name, loaded once: choices for every row form, and lookup by id."""

    def __init__(self, people: Iterable[User]):
        self.by_id = {person.pk: person for person in people}
        self.choices: list[tuple[str, object]] = [(str(pk), person_label(p)) for pk, p in self.by_id.items()]

    def get(self, value) -> User | None:
        try:
            return self.by_id.get(int(value)) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None


class ChecklistForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=LIMITS["title"],
        error_messages={"required": _("Give the checklist a title, e.g. 2025年双岗镇防汛抗旱任务清单.")},
    )
    source_kind = forms.ChoiceField(
        label=_("It carries out a"),
        choices=SourceKind.choices,
        widget=forms.RadioSelect,
        initial=SourceKind.DOCUMENT,
    )
    source_title = forms.CharField(
        label=_("Meeting or document"),
        max_length=LIMITS["source_title"],
        help_text=_("The meeting that deployed the work, or the title of the document from above."),
        error_messages={"required": _("Name the meeting or document the checklist carries out.")},
    )
    source_number = forms.CharField(
        label=_("Document number"), max_length=LIMITS["source_number"], required=False
    )
    source_date = forms.DateField(
        label=_("Date of the meeting or document"),
        required=False,
        widget=_date_input(),
        error_messages={"invalid": _("The date is not valid; write it as 2025-03-20.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={"required": _("Give the year the checklist is for.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class RowForm(forms.Form):
    area = forms.CharField(label=_("Work area"), max_length=ROW_LIMITS["area"], required=False)
    task = forms.CharField(
        label=_("Work task"),
        max_length=ROW_LIMITS["task"],
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the work task.")},
    )
    measures = forms.CharField(
        label=_("Work measures"),
        max_length=ROW_LIMITS["measures"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lead_leader = forms.ChoiceField(label=_("Lead leader"), required=False)
    cooperating_leaders = forms.MultipleChoiceField(
        label=_("Cooperating leaders"),
        required=False,
        widget=SearchableSelectMultiple,  # typed into, each chosen leader a tag: no Ctrl-click
    )
    responsible = forms.ChoiceField(
        label=_("Responsible person"),
        error_messages={"required": _("Choose the responsible person: every row must name one.")},
    )
    deadline = forms.DateField(
        label=pgettext_lazy("checklist", "Deadline"),
        widget=_date_input(),
        error_messages={
            "required": _("Give a deadline: every row must have one."),
            "invalid": pgettext_lazy("checklist", "The deadline is not a date; write it as 2025-06-30."),
        },
    )
    report_to = forms.CharField(label=_("Report to"), max_length=ROW_LIMITS["report_to"], required=False)

    def __init__(self, *args, people: People, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        offered: dict[str, list[tuple[str, object]]] = {
            "lead_leader": [("", _("— none —")), *people.choices],
            "responsible": [("", _("— choose —")), *people.choices],
            "cooperating_leaders": people.choices,
        }
        for name, choices in offered.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def row_input(self, line: int = 0) -> RowInput:
        data = self.cleaned_data
        return RowInput(
            area=data["area"],
            task=data["task"],
            measures=data["measures"],
            lead_leader=self.people.get(data["lead_leader"]),
            cooperating_leaders=[p for p in (self.people.get(v) for v in data["cooperating_leaders"]) if p],
            responsible=self.people.get(data["responsible"]),
            deadline=data["deadline"],
            report_to=data["report_to"],
            line=line,
        )

    @staticmethod
    def initial_of(row: RowInput) -> dict:
        return {
            "area": row.area,
            "task": row.task,
            "measures": row.measures,
            "lead_leader": str(row.lead_leader.pk) if row.lead_leader else "",
            "cooperating_leaders": [str(p.pk) for p in row.cooperating_leaders],
            "responsible": str(row.responsible.pk) if row.responsible else "",
            "deadline": row.deadline,
            "report_to": row.report_to,
        }


# One blank row below the rows given; a blank row left untouched is not a row.
RowFormSet = formset_factory(RowForm, extra=1, can_delete=True, max_num=200, absolute_max=200)
ROW_PREFIX = "rows"
ROW_FIELDS = ("area", "task", "measures", "lead_leader", "responsible", "deadline", "report_to")


def row_formset(people: People, data=None, initial=None) -> forms.BaseFormSet:
    return RowFormSet(data, initial=initial, prefix=ROW_PREFIX, form_kwargs={"people": people})


def grown_formset(people: People, data) -> forms.BaseFormSet:
    """The rows typed so far (rows marked for deletion or left blank left out) plus one blank row,
    unbound: adding a row shows no errors about rows not yet finished."""
    try:
        total = min(int(data.get(f"{ROW_PREFIX}-TOTAL_FORMS", 0)), 200)
    except ValueError:
        total = 0
    initial = []
    for i in range(total):
        key = f"{ROW_PREFIX}-{i}-"
        if data.get(f"{key}DELETE"):
            continue
        values: dict = {name: data.get(f"{key}{name}", "").strip() for name in ROW_FIELDS}
        values["cooperating_leaders"] = data.getlist(f"{key}cooperating_leaders")
        if any(values.values()):
            initial.append(values)
    return row_formset(people, initial=initial)


def typed_rows(formset) -> list[RowInput]:
    """The rows of a valid formset, in order: rows marked for deletion and untouched blank rows left out."""
    rows: list[RowInput] = []
    for form in formset.forms:
        if formset._should_delete_form(form) or not form.cleaned_data:
            continue
        rows.append(form.row_input(line=len(rows) + 1))
    return rows


class ProgressForm(forms.Form):
    percent = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
        error_messages={
            "required": _("Give the progress as a percentage from 0 to 100."),
            "invalid": _("Give the progress as a whole number from 0 to 100."),
            "min_value": _("Progress cannot be below 0%%."),  # Django fills in %(limit_value)s
            "max_value": _("Progress cannot be above 100%%."),
        },
    )
    note = forms.CharField(
        label=_("Progress made"),
        max_length=MAX_NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG, PNG or plain text."),
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is closed (optional)"), max_length=limits.REASON_CHARS, required=False
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        error_messages={"required": _("Choose an .xlsx file to import.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


class CopyForm(forms.Form):
    title = forms.CharField(label=_("Title of the copy"), max_length=LIMITS["title"])
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    years = forms.IntegerField(
        label=_("Move the dates by years"),
        min_value=-MAX_YEARS,
        max_value=MAX_YEARS,
        initial=1,
        help_text=_("29 February becomes 28 February in a year without it."),
    )
    days = forms.IntegerField(label=_("and then by days"), min_value=-MAX_DAYS, max_value=MAX_DAYS, initial=0)

    def __init__(self, *args, departed: list[User], people: People, **kwargs):
        super().__init__(*args, **kwargs)
        self.departed = departed
        self.people = people
        for person in departed:
            self.fields[f"replace_{person.pk}"] = forms.ChoiceField(
                label=_("Who takes over from %(name)s") % {"name": person_label(person)},
                choices=[("", _("— choose —")), *people.choices],
                error_messages={"required": _("Choose who takes over.")},
            )

    def replacement_fields(self):
        return [self[f"replace_{person.pk}"] for person in self.departed]

    def replacements(self) -> dict[int, User]:
        chosen = {}
        for person in self.departed:
            found = self.people.get(self.cleaned_data.get(f"replace_{person.pk}"))
            if found is not None:
                chosen[person.pk] = found
        return chosen
