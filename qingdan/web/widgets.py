"""Searchable pickers shared by every form: Tom Select (npm, served from static/vendor like ECharts).

The widgets render ordinary <select> elements carrying their configuration in data- attributes; the
static web/picker.js turns each into a Tom Select (no inline script: the Content-Security-Policy allows
scripts from files only). Without JavaScript they stay plain selects. A template shows a form's pickers
by rendering its media beside the form: `{{ filters.media }}` (a FilterSet's form) or `{{ form.media }}`.

- `SearchableSelect` / `SearchableSelectMultiple`: a select whose options are all in the page, typed
  into to narrow them (units, people); the multiple one replaces Ctrl-click with chosen tags.
- `DivisionPicker`: one division chosen by typing its name; the options come from the scoped
  `orgs:division_search` endpoint as the user types, and only the chosen one is in the page.
"""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

TOM_SELECT_JS = "vendor/tom-select/dist/js/tom-select.complete.min.js"
TOM_SELECT_CSS = "vendor/tom-select/dist/css/tom-select.min.css"


class PickerMedia:
    css = {"all": (TOM_SELECT_CSS, "web/picker.css")}
    js = (TOM_SELECT_JS, "web/picker.js")


def _texts() -> dict[str, object]:
    """What the picker says, in the page's language (the JavaScript has no catalog of its own)."""
    return {
        "data-empty": _("Nothing matches."),
        "data-more": _("Type more of the name to see other matches."),
        "data-remove": _("Remove"),
    }


class SearchableSelect(forms.Select):
    """One choice among many options in the page, narrowed by typing."""

    Media = PickerMedia
    picker = "choices"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-picker": self.picker, **_texts(), **(attrs or {})}, choices)


class SearchableSelectMultiple(forms.SelectMultiple):
    """Several choices among options in the page: typed into, each chosen one a removable tag."""

    Media = PickerMedia
    picker = "choices"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-picker": self.picker, **_texts(), **(attrs or {})}, choices)


class DivisionPicker(forms.Select):
    """A division chosen by name: the value is its 12-digit code, which the user never types.

    `levels` limits what the endpoint offers (e.g. townships and villages); `divisions` is the
    queryset the chosen code's name is read from (the user's visible divisions: a code outside it is
    shown as itself, never named).
    """

    Media = PickerMedia
    url = reverse_lazy("orgs:division_search")

    def __init__(self, attrs=None, *, levels: tuple[str, ...] = ()):
        self.levels = tuple(levels)
        self.divisions: QuerySet | None = None
        super().__init__(
            {
                "data-picker": "division",
                "data-placeholder": _("Type a township or village name")
                if "village" in self.levels or not self.levels
                else _("Type a county or township name"),
                **_texts(),
                **(attrs or {}),
            }
        )

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-url": str(self.url), "data-levels": ",".join(self.levels)}
        code = value[0] if isinstance(value, list | tuple) and value else value
        self.choices = [("", "")]
        if code:
            self.choices.append((code, self.label_of(str(code))))
        return super().get_context(name, value, attrs)

    def label_of(self, code: str) -> str:
        """The chosen division's name (and its township's, for a village), read within the user's scope."""
        if self.divisions is None:
            return code
        found = self.divisions.filter(code=code).select_related("parent").first()
        if found is None:
            return code
        return division_label(found)


def division_label(division) -> str:
    """甲村 · 甲镇: a village is named with its township, which tells apart villages of the same name."""
    if division.level == "village" and division.parent is not None:
        return f"{division.name} · {division.parent.name}"
    return division.name
