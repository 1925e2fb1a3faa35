"""The one filter of audit events, shared by the trail page, its export and the API.

    events = EventFilter(request.GET, queryset=visible_events(user))
    events.qs          # the events matching every accepted value
    events.problems()  # {parameter: message} for each value refused; the others still apply
    events.accepted()  # the accepted values as strings, ready to rebuild a query string

A FilterSet like every list's (callers pass querysets from qingdan.access). Unlike a plain choice, a
refused value here is named to the user in Chinese on the page (and is a 422 on the API), because the
trail is read by people checking what happened, who must not take a filtered-out mistake for "nothing".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qingdan.orgs.filters import DivisionFilter, show_division_names
from qingdan.orgs.models import Level
from qingdan.sheets.dates import parse_date

from .labels import action_choices, object_type_choices
from .models import AuditEvent

ACTOR_MAX = 150
_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")


def _known_action(value: str) -> None:
    """An action code (duties.import_catalog) or an app label (duties: every action of that app)."""
    if not _CODE.match(value):
        raise ValidationError(_("Unknown action “%(value)s”.") % {"value": value[:64]}, code="invalid")


def _known_object_type(value: str) -> None:
    if not _CODE.match(value) or "." not in value:
        raise ValidationError(_("Unknown object type “%(value)s”.") % {"value": value[:64]}, code="invalid")


class DayField(forms.Field):
    """A day as offices write it (2025-03-01, 2025/3/1, 2025.3.1 …: qingdan.sheets.dates), 1900–2999."""

    widget = forms.DateInput(attrs={"type": "date"})

    def to_python(self, value: Any) -> date | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        day = parse_date(text)
        if day is None:
            raise ValidationError(
                _("“%(value)s” is not a date; write it as 2025-03-31.") % {"value": text[:20]}, code="invalid"
            )
        if not 1900 <= day.year <= 2999:
            raise ValidationError(
                _("%(value)s is out of range: use a date between 1900 and 2999.") % {"value": text[:20]},
                code="invalid",
            )
        return day


class DayFilter(django_filters.Filter):
    field_class = DayField


class EventFilterForm(forms.Form):
    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", _("The end date is before the start date."))  # date_to then left out
        return cleaned


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class EventFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(
        label=gettext_lazy("User"),
        field_name="actor_name",
        lookup_expr="icontains",
        max_length=ACTOR_MAX,
        error_messages={
            "max_length": gettext_lazy("The user name to search for may be at most 150 characters.")
        },
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("user name contains")}),
    )
    action = django_filters.CharFilter(
        label=gettext_lazy("Action"), method="filter_action", validators=[_known_action], widget=forms.Select
    )
    object_type = django_filters.CharFilter(
        label=gettext_lazy("Object type"), validators=[_known_object_type], widget=forms.Select
    )
    division = DivisionFilter(
        label=gettext_lazy("Division"),
        field_name="division",
        levels=(Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE),
        error_messages={"invalid": gettext_lazy("A division code has 12 digits, for example 420881100000.")},
    )
    date_from = DayFilter(label=gettext_lazy("From"), method="filter_from")
    date_to = DayFilter(label=gettext_lazy("To"), method="filter_to")

    class Meta:
        model = AuditEvent
        fields: list[str] = []
        form = EventFilterForm

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if user is not None:  # the page's picker names a chosen division from the user's scope only
            show_division_names(self, user)
        any_choice = [("", _("Any"))]  # the choices are worded in the request's language
        self.form.fields["action"].widget.choices = any_choice + action_choices()
        self.form.fields["object_type"].widget.choices = any_choice + object_type_choices()

    def filter_action(self, events: QuerySet, name: str, value: str) -> QuerySet:
        if "." in value:
            return events.filter(action=value)
        return events.filter(action__startswith=f"{value}.")  # an app label: every action of that app

    def filter_from(self, events: QuerySet, name: str, day: date) -> QuerySet:
        return events.filter(at__gte=_start_of(day))

    def filter_to(self, events: QuerySet, name: str, day: date) -> QuerySet:
        return events.filter(at__lt=_start_of(day + timedelta(days=1)))

    def problems(self) -> dict[str, str]:
        """Each refused parameter with its message (one line per parameter)."""
        return {name: " ".join(messages) for name, messages in self.errors.items()}

    def accepted(self) -> dict[str, str]:
        """The values that apply, as strings (days as 2025-03-31), in the order of the fields."""
        self.errors  # noqa: B018 -- validates the form, so cleaned_data is there
        cleaned = self.form.cleaned_data
        return {
            name: value.isoformat() if isinstance(value, date) else str(value)
            for name in self.filters
            if (value := cleaned.get(name)) not in (None, "")
        }
