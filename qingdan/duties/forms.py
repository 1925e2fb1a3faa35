"""Forms of the duty catalog pages. They check input only; access is checked by views and actions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from qingdan import access, limits
from qingdan.duties.sheet import ItemRow
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .choices import CatalogLevel, ListKind

CATALOG_SUFFIXES = (".xlsx", ".tsv")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


class CatalogFileField(forms.FileField):
    """A catalog file: .xlsx or .tsv, no larger than settings.QINGDAN_MAX_UPLOAD_BYTES."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is None:
            return upload
        suffix = Path(upload.name).suffix.lower()
        if suffix not in CATALOG_SUFFIXES:
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a catalog file: upload an Excel workbook (.xlsx) or a tab-separated "
                    "text file (.tsv)."
                )
                % {"name": upload.name}
            )
        limit = settings.QINGDAN_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB); the largest file accepted is %(limit)s MB.")
                % {"size": _megabytes(upload.size), "limit": _megabytes(limit)}
            )
        return upload


def division_choices(user) -> list:
    """The townships and villages the user may see, each village under its township."""
    divisions = access.visible(
        Division.objects.filter(level__in=[Level.TOWNSHIP, Level.VILLAGE]), user
    ).order_by("code")
    villages_of: dict[int | None, list[Division]] = {}
    townships: list[Division] = []
    for division in divisions:
        if division.level == Level.TOWNSHIP:
            townships.append(division)
        else:
            villages_of.setdefault(division.parent_id, []).append(division)
    groups: list = []
    for township in townships:
        members = [(township.code, _("%(name)s (township itself)") % {"name": township.name})]
        members += [(v.code, v.name) for v in villages_of.pop(township.pk, [])]
        groups.append((township.name, members))
    # Villages whose township the user cannot see (a village cadre's own village).
    orphans = [(v.code, v.name) for villages in villages_of.values() for v in villages]
    if orphans:
        groups.append((_("Villages"), orphans))
    return groups


class CatalogImportForm(forms.Form):
    division = forms.ChoiceField(label=_("Township or village"))
    file = CatalogFileField(
        label=_("Catalog file"),
        help_text=_("An Excel workbook (.xlsx, first sheet) or UTF-8 .tsv in the published column layout."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(CATALOG_SUFFIXES)}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = [("", _("Choose a township or village")), *division_choices(user)]


class TemplatePublishForm(forms.Form):
    level = forms.ChoiceField(label=_("Template for"), choices=CatalogLevel.choices)
    name = forms.CharField(label=_("Template name"), max_length=200)
    file = CatalogFileField(
        label=_("Catalog file"),
        help_text=_("An Excel workbook (.xlsx, first sheet) or UTF-8 .tsv in the published column layout."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(CATALOG_SUFFIXES)}),
    )


class AdoptForm(forms.Form):
    everyone = forms.BooleanField(label=_("All of them"), required=False)
    divisions = forms.ModelMultipleChoiceField(
        label=_("Divisions that adopt the template"),
        queryset=Division.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["divisions"].queryset = candidates

    def clean(self):
        data = super().clean()
        if data.get("everyone"):
            data["divisions"] = list(self.candidates)
        if not data.get("divisions"):
            raise forms.ValidationError(_("Choose at least one township or village."))
        return data


class Change:
    """The single-item changes an amendment can propose without a file."""

    ADD, REWORD, MOVE, REMOVE = "add", "reword", "move", "remove"
    CHOICES = [
        (ADD, _("Add an item")),
        (REWORD, _("Reword an item")),
        (MOVE, _("Move an item to another list kind")),
        (REMOVE, _("Remove an item")),
    ]


class AmendmentForm(forms.Form):
    FILE, SINGLE = "file", "single"

    title = forms.CharField(label=_("Title"), max_length=limits.TITLE_CHARS)
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=limits.REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    how = forms.ChoiceField(
        label=_("How is the change given?"),
        choices=[(SINGLE, _("Change one item here")), (FILE, _("Upload the revised catalog file"))],
        initial=SINGLE,
        widget=forms.RadioSelect,
    )
    file = CatalogFileField(
        label=_("Revised catalog file"),
        required=False,
        help_text=_("The whole catalog as it should read after the change (.xlsx or .tsv)."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(CATALOG_SUFFIXES)}),
    )
    change = forms.ChoiceField(
        label=_("Change"),
        choices=Change.CHOICES,
        initial=Change.ADD,
        widget=forms.RadioSelect,
        required=False,
    )
    item = forms.ChoiceField(label=_("Item"), required=False)
    list_kind = forms.ChoiceField(
        label=_("List kind"), required=False, choices=[("", "—"), *ListKind.choices]
    )
    item_no = forms.CharField(
        label=_("Item number"),
        required=False,
        max_length=20,
        help_text=_("Leave empty to number it after the last item of its list kind."),
    )
    category = forms.CharField(label=_("Category"), required=False, max_length=200)
    name = forms.CharField(label=_("Item name"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    responsible_unit = forms.CharField(label=_("Responsible unit"), required=False, max_length=200)

    def __init__(self, *args, rows: list[ItemRow], **kwargs):
        super().__init__(*args, **kwargs)
        self.current_rows = rows
        groups: dict[str, list] = {}
        for row in rows:
            label = f"{row.item_no}. {row.name[:50]}"
            groups.setdefault(str(ListKind(row.list_kind).label), []).append((_item_key(row), label))
        item_field = cast(forms.ChoiceField, self.fields["item"])
        item_field.choices = [("", _("Choose an item")), *groups.items()]

    def clean(self):
        data = super().clean()
        if data.get("how") == self.FILE:
            if not data.get("file") and "file" not in self.errors:
                self.add_error("file", _("Choose the revised catalog file."))
            return data
        change = data.get("change")
        if not change:
            self.add_error("change", _("Choose what to change."))
        if change in (Change.REWORD, Change.MOVE, Change.REMOVE) and not data.get("item"):
            self.add_error("item", _("Choose the item to change."))
        if change in (Change.ADD, Change.MOVE) and not data.get("list_kind"):
            self.add_error("list_kind", _("Choose the list kind."))
        if change in (Change.ADD, Change.REWORD) and not (data.get("name") or "").strip():
            self.add_error("name", _("Write the item name."))
        if not self.errors and change != Change.REMOVE:
            self._check_number(data)
        return data

    def _chosen(self, data) -> ItemRow:
        """The item picked; the field accepts only keys of the current rows, so it is always found."""
        return next(row for row in self.current_rows if _item_key(row) == data.get("item"))

    def _target_kind(self, data) -> str:
        if data["change"] == Change.REWORD:
            return self._chosen(data).list_kind
        return data["list_kind"]

    def _check_number(self, data) -> None:
        kind, number = self._target_kind(data), data.get("item_no", "").strip()
        if not number or data["change"] == Change.REWORD:
            return
        taken = {row.item_no for row in self.current_rows if row.list_kind == kind}
        if number in taken:
            self.add_error(
                "item_no",
                _("Number %(number)s is already used in %(kind)s.")
                % {"number": number, "kind": ListKind(kind).label},
            )

    def proposed_rows(self) -> list[ItemRow]:
        """The whole catalog as it reads after the one change: the current rows with it applied."""
        data = self.cleaned_data
        rows = list(self.current_rows)
        if data["change"] == Change.ADD:
            return _insert_after_kind(rows, self._new_row(data, rows))
        chosen = self._chosen(data)
        others = [row for row in rows if row is not chosen]
        unit = data["responsible_unit"].strip() or chosen.responsible_unit
        if data["change"] == Change.REMOVE:
            return others
        if data["change"] == Change.REWORD:
            category = data["category"].strip() or chosen.category
            updated = replace(chosen, name=data["name"].strip(), category=category, responsible_unit=unit)
            return [updated if row is chosen else row for row in rows]
        kind = data["list_kind"]
        number = data["item_no"].strip() or _next_number(others, kind)
        moved = replace(chosen, list_kind=kind, item_no=number, responsible_unit=unit)
        return _insert_after_kind(others, moved)

    def _new_row(self, data, rows: list[ItemRow]) -> ItemRow:
        kind = data["list_kind"]
        return ItemRow(
            row=0,
            list_kind=kind,
            item_no=data["item_no"].strip() or _next_number(rows, kind),
            category=data["category"].strip(),
            name=data["name"].strip(),
            content="",
            basis="",
            responsible_unit=data["responsible_unit"].strip(),
            department_duty="",
            grassroots_duty="",
            working_method="",
            source="",
        )


def _item_key(row: ItemRow) -> str:
    return f"{row.list_kind}:{row.item_no}"


def _next_number(rows: list[ItemRow], kind: str) -> str:
    numbers = [int(row.item_no) for row in rows if row.list_kind == kind and row.item_no.isdigit()]
    return str(max(numbers, default=0) + 1)


def _insert_after_kind(rows: list[ItemRow], new: ItemRow) -> list[ItemRow]:
    """Place a row after the last row of its list kind (at the end when the kind is new)."""
    last = max((i for i, row in enumerate(rows) if row.list_kind == new.list_kind), default=len(rows) - 1)
    return [*rows[: last + 1], new, *rows[last + 1 :]]


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label=_("Opinion"), max_length=limits.REASON_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve: publish as the next version")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Reason for the decision"),
        max_length=limits.REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
