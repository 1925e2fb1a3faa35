"""The data dictionary: departments propose data elements, the catalog office approves, maps or rejects.

propose_element(...)            a department (or the office) proposes an element; it waits for the office
define_element(...)             the office adds an approved element at once (demo data, its own needs)
approve_element(element, code)  the proposal becomes an element forms may ask for, under a code
map_element(element, target)    the proposal is the same as an existing element: forms use that one
reject_element(element, reason) the proposal is not taken up
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.actiontools import clean_reason, clean_text, link, locked, require
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify

from .._support import clerks_of, dictionary_keepers_of
from ..choices import ElementKind, ElementStatus, FormStatus, Register
from ..models import DataElement, FormField

NAME_LENGTH = DataElement._meta.get_field("name").max_length or 100
CODE_LENGTH = DataElement._meta.get_field("code").max_length or 40
UNIT_LENGTH = DataElement._meta.get_field("unit").max_length or 20
MAX_CHOICES = 100
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
PROPOSAL_PREFIX = "P"  # proposals carry a provisional code, P0001 …
ELEMENT_PREFIX = "E"  # approved elements without a chosen code get E0001 …
NUMERIC_KINDS = (ElementKind.NUMBER, ElementKind.INTEGER)


def _next_code(county, prefix: str) -> str:
    """The next free code of the county with this prefix: P0001, P0002 …"""
    codes = DataElement.objects.filter(county=county, code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _bound(value, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ActionRefused(_("%(field)s must be a number.") % {"field": label}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e14"):
        raise ActionRefused(_("%(field)s is out of range.") % {"field": label})
    return number


def _choices(kind: str, choices: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for choice in choices or ():
        text = str(choice).strip()
        if text and text not in cleaned:
            cleaned.append(text)
    if kind != ElementKind.CHOICE:
        return []
    if len(cleaned) < 2:
        raise ActionRefused(_("A choice element needs at least two options."))
    if len(cleaned) > MAX_CHOICES:
        raise ActionRefused(
            _("A choice element may have at most %(limit)d options.") % {"limit": MAX_CHOICES}
        )
    return cleaned


def _checked(
    *,
    county,
    name: str,
    kind: str,
    unit: str,
    choices: Sequence[str],
    register: str,
    description: str,
    min_value,
    max_value,
) -> dict:
    """The element's fields, each checked, with a Chinese message naming what is wrong."""
    name = clean_text(name, label=_("The element name"), limit=NAME_LENGTH)
    if kind not in ElementKind.values:
        raise ActionRefused(_("Unknown element type: %(kind)s.") % {"kind": kind})
    if register not in Register.values:
        raise ActionRefused(_("Unknown register: %(register)s.") % {"register": register})
    low = _bound(min_value, _("The minimum"))
    high = _bound(max_value, _("The maximum"))
    if kind not in NUMERIC_KINDS:
        low = high = None
    if low is not None and high is not None and low > high:
        raise ActionRefused(
            _("The minimum %(low)s is above the maximum %(high)s.") % {"low": low, "high": high}
        )
    taken = (
        DataElement.objects.filter(county=county, name=name)
        .filter(status__in=(ElementStatus.APPROVED, ElementStatus.PROPOSED))
        .first()
    )
    if taken is not None:
        raise ActionRefused(
            _("The dictionary already has an element named %(name)s (code %(code)s); use that one.")
            % {"name": name, "code": taken.code}
        )
    return {
        "name": name,
        "kind": kind,
        "unit": clean_text(unit, label=_("The unit of measure"), required=False, limit=UNIT_LENGTH),
        "choices": _choices(kind, choices),
        "register": register,
        "description": clean_text(description, label=_("The description"), required=False),
        "min_value": low,
        "max_value": high,
    }


def _code(county, code: str | None) -> str:
    if code is None or not code.strip():
        return _next_code(county, ELEMENT_PREFIX)
    code = code.strip()
    if len(code) > CODE_LENGTH or not CODE_PATTERN.match(code):
        raise ActionRefused(
            _(
                "The code %(code)s is not valid: use up to %(limit)d letters, digits, dots, dashes or "
                "underscores, starting with a letter or digit."
            )
            % {"code": code, "limit": CODE_LENGTH}
        )
    if DataElement.objects.filter(county=county, code=code).exists():
        raise ActionRefused(_("The code %(code)s is already in use.") % {"code": code})
    return code


@transaction.atomic
def propose_element(
    *,
    user,
    name: str,
    kind: str,
    unit: str = "",
    choices: Sequence[str] = (),
    register: str = "",
    is_personal: bool = False,
    description: str = "",
    min_value=None,
    max_value=None,
    no_future_date: bool = False,
) -> DataElement:
    """A new element proposed by the user's unit, under a provisional code, for the office to decide."""
    access.require(user, Permission.PROPOSE_ELEMENT)
    county = user.unit.county_division()
    fields = _checked(
        county=county,
        name=name,
        kind=kind,
        unit=unit,
        choices=choices,
        register=register,
        description=description,
        min_value=min_value,
        max_value=max_value,
    )
    element = DataElement.objects.create(
        county=county,
        code=_next_code(county, PROPOSAL_PREFIX),
        status=ElementStatus.PROPOSED,
        proposed_by=user.unit,
        is_personal=bool(is_personal) or kind in (ElementKind.ID_NUMBER, ElementKind.PHONE),
        no_future_date=bool(no_future_date) and kind == ElementKind.DATE,
        **fields,
    )
    record(
        actor=user,
        action="forms.propose_element",
        obj=element,
        changes={"status": [None, element.status], "name": [None, element.name], "kind": [None, kind]},
    )
    notify(
        recipients=dictionary_keepers_of(county),
        verb="forms.element_proposed",
        text=_("%(unit)s proposes a new data element: %(name)s")
        % {"unit": user.unit.name, "name": element.name},
        url=link("forms:element_detail", element.pk),
    )
    return element


@transaction.atomic
def define_element(
    *,
    user,
    name: str,
    kind: str,
    code: str | None = None,
    unit: str = "",
    choices: Sequence[str] = (),
    register: str = "",
    is_personal: bool = False,
    description: str = "",
    min_value=None,
    max_value=None,
    no_future_date: bool = False,
    county=None,
) -> DataElement:
    """The catalog office adds an approved element directly (`county` only for the command-line
    operator, access.SYSTEM; a person adds to their own county's dictionary)."""
    access.require(user, Permission.MANAGE_DICTIONARY)
    if user is not access.SYSTEM:
        county = user.unit.county_division()
    if county is None:
        raise ActionRefused(_("Name the county whose data dictionary this element joins."))
    fields = _checked(
        county=county,
        name=name,
        kind=kind,
        unit=unit,
        choices=choices,
        register=register,
        description=description,
        min_value=min_value,
        max_value=max_value,
    )
    element = DataElement.objects.create(
        county=county,
        code=_code(county, code),
        status=ElementStatus.APPROVED,
        is_personal=bool(is_personal) or kind in (ElementKind.ID_NUMBER, ElementKind.PHONE),
        no_future_date=bool(no_future_date) and kind == ElementKind.DATE,
        **fields,
    )
    record(
        actor=user,
        action="forms.define_element",
        obj=element,
        changes={
            "status": [None, element.status],
            "code": [None, element.code],
            "name": [None, element.name],
        },
    )
    return element


def _proposal(user, element: DataElement) -> DataElement:
    """The element, locked, once the office may decide it and it still waits for a decision."""
    require(user, Permission.MANAGE_DICTIONARY, element)
    element = locked(element)
    if element.status != ElementStatus.PROPOSED:
        raise ActionRefused(
            _("%(name)s is not awaiting a decision any more; it is %(status)s.")
            % {"name": element.name, "status": element.get_status_display()}
        )
    return element


def _tell_proposer(element: DataElement, verb: str, text: str) -> None:
    if element.proposed_by_id is None:
        return
    notify(
        recipients=clerks_of(element.proposed_by),
        verb=verb,
        text=text,
        url=link("forms:element_detail", element.pk),
    )


@transaction.atomic
def approve_element(*, user, element: DataElement, code: str | None = None) -> DataElement:
    """The proposal becomes an element forms may ask for, under `code` (or the next E0001 …)."""
    element = _proposal(user, element)
    before = element.code
    element.code = _code(element.county, code)
    element.status = ElementStatus.APPROVED
    element.save(update_fields=["code", "status"])
    record(
        actor=user,
        action="forms.approve_element",
        obj=element,
        changes={"status": [ElementStatus.PROPOSED, element.status], "code": [before, element.code]},
    )
    _tell_proposer(
        element,
        "forms.element_approved",
        _("The data element %(name)s was approved as %(code)s.")
        % {"name": element.name, "code": element.code},
    )
    return element


def _repoint_fields(element: DataElement, target: DataElement) -> int:
    """Forms not yet approved that ask for `element` ask for `target` instead (once per form)."""
    open_forms = Q(form__status__in=(FormStatus.DRAFT, FormStatus.SUBMITTED, FormStatus.RETURNED))
    fields = FormField.objects.filter(open_forms, element=element)
    having_target = FormField.objects.filter(element=target).values("form_id")
    fields.filter(form_id__in=having_target).delete()
    return fields.update(element=target)


@transaction.atomic
def map_element(*, user, element: DataElement, target: DataElement) -> DataElement:
    """The proposal is an element the dictionary already has: it is closed as mapped to `target`, and
    the forms still being requested that ask for it ask for `target` instead."""
    element = _proposal(user, element)
    if target.pk == element.pk or target.county_id != element.county_id:
        raise ActionRefused(_("Map the proposal to another element of the same county's dictionary."))
    if target.status != ElementStatus.APPROVED:
        raise ActionRefused(
            _("%(name)s is not an approved element; map only to an approved one.") % {"name": target.name}
        )
    element.status = ElementStatus.MAPPED
    element.mapped_to = target
    element.save(update_fields=["status", "mapped_to"])
    moved = _repoint_fields(element, target)
    record(
        actor=user,
        action="forms.map_element",
        obj=element,
        changes={
            "status": [ElementStatus.PROPOSED, element.status],
            "mapped_to": [None, f"{target.code} {target.name}"],
            **({"form_fields_moved": [None, moved]} if moved else {}),
        },
    )
    _tell_proposer(
        element,
        "forms.element_mapped",
        _("The proposed data element %(name)s is the same as %(target)s (%(code)s); forms use that one.")
        % {"name": element.name, "target": target.name, "code": target.code},
    )
    return element


@transaction.atomic
def reject_element(*, user, element: DataElement, reason: str) -> DataElement:
    """The proposal is not taken up; forms asking for it cannot be approved until they drop it."""
    element = _proposal(user, element)
    reason = clean_reason(reason, label=_("The reason for rejecting"))
    element.status = ElementStatus.REJECTED
    element.save(update_fields=["status"])
    record(
        actor=user,
        action="forms.reject_element",
        obj=element,
        note=reason,
        changes={"status": [ElementStatus.PROPOSED, element.status]},
    )
    _tell_proposer(
        element,
        "forms.element_rejected",
        _("The proposed data element %(name)s was rejected. Reason: %(reason)s")
        % {"name": element.name, "reason": reason},
    )
    return element
