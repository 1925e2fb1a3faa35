"""Forms of the account pages. They check input only; access is checked by views and actions."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan import access
from qingdan.web.widgets import DivisionPicker, SearchableSelect

from .actions import password_problems, role_unit_problem
from .choices import Level, Role
from .models import Unit, User

ROLE_HELP = _(
    "Village cadre: a village or community committee. Township dispatcher: a township government. "
    "Department clerk: a county department, public institution or dispatched agency. Catalog office, "
    "reviewer, supervisor and platform admin: a county-level office or unit."
)

USERNAME_VALIDATOR = UnicodeUsernameValidator(
    message=_("A user name may contain only letters, digits and the characters @ . + - _")
)


def visible_units(user, *, active_only: bool) -> QuerySet[Unit]:
    units = Unit.objects.select_related("division__parent").order_by("division__code", "name")
    if active_only:
        units = units.filter(is_active=True)
    return access.visible(units, user)


def _division_label(unit: Unit) -> str:
    division = unit.division
    if division.level == Level.VILLAGE and division.parent is not None:
        return f"{division.parent.name} › {division.name}"
    return division.name


def unit_choices(units) -> list:
    """Units grouped by the division they work in, in the order of the division codes."""
    groups: dict[str, list] = {}
    for unit in units:
        label = unit.name if unit.is_active else _("%(name)s (inactive)") % {"name": unit.name}
        groups.setdefault(_division_label(unit), []).append((str(unit.pk), label))
    return list(groups.items())


class DivisionField(forms.CharField):
    """A division chosen by name with the division picker; cleans to its 12-digit code.

    `levels` are those the picker offers; `show_names_from(divisions)` gives the divisions whose names
    the picker may show for a chosen code (the user's scope)."""

    default_validators = [RegexValidator(r"^\d{12}$", _("Choose a division from the list."))]

    def __init__(self, *args, levels: tuple[str, ...] = (Level.TOWNSHIP, Level.VILLAGE), **kwargs) -> None:
        kwargs.setdefault("widget", DivisionPicker(levels=levels))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def show_names_from(self, divisions: QuerySet) -> None:
        cast(DivisionPicker, self.widget).divisions = divisions


class UnitChoiceField(forms.ChoiceField):
    """A select of units grouped by division, narrowed by typing; cleans to the Unit itself."""

    widget = SearchableSelect

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.units: dict[str, Unit] = {}

    def set_units(self, units, empty_label) -> None:
        units = list(units)
        self.units = {str(unit.pk): unit for unit in units}
        self.choices = [("", empty_label), *unit_choices(units)]

    def clean(self, value):
        value = super().clean(value)
        return self.units.get(value) if value else None


def unit_field(form: forms.Form) -> UnitChoiceField:
    return cast(UnitChoiceField, form.fields["unit"])


class PersonForm(forms.Form):
    """Full name, unit and role: what a platform admin may change of a person."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=50,
        error_messages={"required": _("Write the person's full name.")},
    )
    unit = UnitChoiceField(
        label=_("Unit"),
        error_messages={
            "required": _("Choose the unit the person works in."),
            "invalid_choice": _("Choose a unit from the list."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose a role")), *Role.choices],
        help_text=ROLE_HELP,
        error_messages={
            "required": _("Choose the person's role."),
            "invalid_choice": _("Choose a role from the list."),
        },
    )

    def __init__(self, *args, user, person: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        unit_field(self).set_units(visible_units(user, active_only=True), _("Choose a unit"))
        if person is not None and person.pk == user.pk:
            role = self.fields["role"]
            role.disabled = True
            role.help_text = _("You cannot change your own role; ask another platform admin to do it.")

    def clean(self):
        data = super().clean()
        unit, role = data.get("unit"), data.get("role")
        if unit is not None and role and (problem := role_unit_problem(role, unit)):
            self.add_error("role", problem)
        return data


class PersonCreateForm(PersonForm):
    GENERATE, TYPE = "generate", "type"

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[USERNAME_VALIDATOR],
        help_text=_("Used to sign in; it cannot be changed later. Letters, digits and @ . + - _ only."),
        error_messages={
            "required": _("Write a user name."),
            "max_length": _("A user name may be at most %(limit_value)d characters."),
        },
    )
    password_choice = forms.ChoiceField(
        label=_("Initial password"),
        choices=[(GENERATE, _("Generate a strong password")), (TYPE, _("Type a password"))],
        initial=GENERATE,
        widget=forms.RadioSelect,
    )
    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = ["username", "full_name", "unit", "role", "password_choice", "password", "password_again"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = " ".join(password_validation.password_validators_help_texts())

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("The user name “%(name)s” is already taken.") % {"name": username})
        return username

    def clean(self):
        data = super().clean()
        if data.get("password_choice") != self.TYPE:
            data["password"] = ""
            return data
        password, again = data.get("password") or "", data.get("password_again") or ""
        if not password:
            self.add_error("password", _("Type the initial password, or choose to generate one."))
        elif password != again:
            self.add_error("password_again", _("The two passwords differ."))
        else:
            person = User(username=data.get("username", ""), full_name=data.get("full_name", ""))
            for problem in password_problems(password, person):
                self.add_error("password", problem)
        return data
