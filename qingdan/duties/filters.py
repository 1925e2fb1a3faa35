"""The filters of duty list pages: one definition per list, shared by the pages and their tests.

Filters narrow rows the user may already see (callers pass querysets from qingdan.access); they are
choices a person makes on the page, never a scope check.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from qingdan import access
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .choices import DEPARTMENT_KINDS, AmendmentStatus, ListKind


def visible_townships(user) -> QuerySet[Division]:
    return access.visible(Division.objects.filter(level=Level.TOWNSHIP), user).order_by("code")


def _in_township(path: str, township: Division) -> Q:
    """Rows of the township itself or of a village directly under it."""
    return Q(**{path: township}) | Q(**{f"{path}__parent": township})


class CatalogFilter(forms.Form):
    township = forms.ModelChoiceField(
        label=_("Township"), queryset=Division.objects.none(), required=False, empty_label=_("All townships")
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["township"].queryset = visible_townships(user)

    def apply(self, catalogs: QuerySet) -> QuerySet:
        if not self.is_valid():
            return catalogs
        if township := self.cleaned_data["township"]:
            catalogs = catalogs.filter(_in_township("division", township))
        if text := self.cleaned_data["q"].strip():
            catalogs = catalogs.filter(Q(name__icontains=text) | Q(division__name__icontains=text))
        return catalogs


class MirrorFilter(forms.Form):
    township = forms.ModelChoiceField(
        label=_("Township"), queryset=Division.objects.none(), required=False, empty_label=_("All townships")
    )
    list_kind = forms.ChoiceField(label=_("List kind"), required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["township"].queryset = visible_townships(user)
        self.fields["list_kind"].choices = [("", _("All list kinds"))] + [
            (kind.value, kind.label) for kind in DEPARTMENT_KINDS
        ]

    def apply(self, items: QuerySet) -> QuerySet:
        if not self.is_valid():
            return items
        if township := self.cleaned_data["township"]:
            items = items.filter(_in_township("version__catalog__division", township))
        if kind := self.cleaned_data["list_kind"]:
            items = items.filter(list_kind=ListKind(kind))
        return items


class AmendmentFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data):
        super().__init__(data)
        self.fields["status"].choices = [("", _("All statuses")), *AmendmentStatus.choices]

    def apply(self, amendments: QuerySet) -> QuerySet:
        if self.is_valid() and (status := self.cleaned_data["status"]):
            amendments = amendments.filter(status=status)
        return amendments
