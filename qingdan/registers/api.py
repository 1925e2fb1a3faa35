"""The registers over the API: village profiles and residents, under /api/forms/ as before the split.

Same rules as the pages: rows come from access.visible (404 when out of scope), writes check the role with
access.require (403) and go through the actions (409 when the action refuses). ID numbers and phones are
masked in every answer except the reveal's, which is audited with its reason.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, filtered, invalid
from qingdan.forms.api import _division_ref, _village
from qingdan.forms.choices import ElementStatus, Register
from qingdan.forms.models import DataElement
from qingdan.forms.schemas import (
    FigureIn,
    FigureOut,
    FindIn,
    ResidentDetailOut,
    ResidentOut,
    RevealIn,
    RevealOut,
)
from qingdan.orgs.models import User

from . import actions as registers
from . import personal, queries
from .filters import ResidentFilter
from .models import Resident, ResidentFact
from .personal import shown
from .queries import FULL_ID, matching

router = Router()


def _village_elements(user):
    return access.visible(
        DataElement.objects.filter(status=ElementStatus.APPROVED, register=Register.VILLAGE), user
    ).order_by("code")


def _figures(village) -> list[dict]:
    elements = list(
        DataElement.objects.filter(
            county_id=village.county_id, status=ElementStatus.APPROVED, register=Register.VILLAGE
        ).order_by("code")
    )
    current = queries.current_village_facts(village, elements)
    setters = User.objects.in_bulk({f.set_by_id for f in current.values() if f.set_by_id})
    figures = []
    for element in elements:
        fact = current.get(element.pk)
        figures.append(
            {
                "element": element.pk,
                "code": element.code,
                "name": element.name,
                "unit": element.unit,
                "value": shown(element, fact.value) if fact else "",
                "as_of": fact.as_of if fact else None,
                "source": fact.source if fact else "",
                "set_by": str(setters.get(fact.set_by_id, "")) if fact and fact.set_by_id else "",
            }
        )
    return figures


@router.get(
    "/villages/{code}/profile",
    response={200: list[FigureOut], **READ_ERRORS},
    summary="A village's current figures, each with the date it is true as of",
)
def village_profile(request, code: str):
    return _figures(_village(request.auth, code))


@router.post(
    "/villages/{code}/profile",
    response={201: list[FigureOut], **WRITE_ERRORS},
    summary="Set one figure of a village (its earlier values stay as history)",
)
def village_profile_set(request, code: str, payload: FigureIn):
    user = request.auth
    village = _village(user, code)
    access.require(user, Permission.MANAGE_REGISTERS, village)
    element = access.get_visible_or_404(_village_elements(user), user, pk=payload.element)
    registers.set_village_fact(
        user=user, village=village, element=element, value=payload.value, as_of=payload.as_of
    )
    return Status(201, _figures(village))


def _residents_of(user, code: str):
    village = _village(user, code)
    return access.visible(
        Resident.objects.filter(village=village, is_active=True).select_related("village"), user
    )


@router.get(
    "/villages/{code}/residents",
    response={200: list[ResidentOut], **READ_ERRORS},
    summary="A village's residents, masked; q= a part of a name, tag= a tag",
)
@paginate(Page)
def resident_list(request, code: str, q: str = "", tag: str = ""):
    if FULL_ID.match(q.strip()):  # an address is written to logs: ID numbers go in a body
        raise invalid(
            "query",
            {"q": _("Search by ID number with POST /villages/{code}/residents/find; not in an address.")},
        )
    return filtered(ResidentFilter({"q": q, "tag": tag}, queryset=_residents_of(request.auth, code)))


@router.post(
    "/villages/{code}/residents/find",
    response={200: list[ResidentOut], **READ_ERRORS},
    summary="The resident with this full ID number, or those whose name holds the text (at most 50), masked",
)
def resident_find(request, code: str, payload: FindIn):
    return list(matching(_residents_of(request.auth, code), payload.q)[:50])


def _resident(user, resident_id: int) -> Resident:
    resident = access.get_visible_or_404(Resident.objects.select_related("village"), user, pk=resident_id)
    access.require(user, Permission.VIEW_REGISTERS, resident)
    return resident


@router.get(
    "/residents/{int:resident_id}",
    response={200: ResidentDetailOut, **READ_ERRORS},
    summary="One resident with the history of their attributes (masked)",
)
def resident_detail(request, resident_id: int):
    user = request.auth
    resident = _resident(user, resident_id)
    facts = access.visible(ResidentFact.objects.filter(resident=resident), user).select_related("element")
    seen: set[int] = set()
    facts_out = []
    for fact in facts.order_by("element__code", "-as_of", "-id"):
        facts_out.append(
            {
                "element": fact.element_id,
                "name": fact.element.name,
                "value": shown(fact.element, fact.value),
                "as_of": fact.as_of,
                "source": fact.source,
                "current": fact.element_id not in seen,
            }
        )
        seen.add(fact.element_id)
    return {
        "id": resident.pk,
        "village": _division_ref(resident.village),
        "name": resident.name,
        "id_number": resident.id_masked,
        "phone": resident.phone_masked,
        "household": resident.household,
        "tags": resident.tags.split(),
        "facts": facts_out,
    }


@router.post(
    "/residents/{int:resident_id}/reveal",
    response={200: RevealOut, **WRITE_ERRORS},
    summary="The clear ID number or phone of one resident, once, for a reason kept in the audit trail",
)
def resident_reveal(request, resident_id: int, payload: RevealIn):
    user = request.auth
    resident = _resident(user, resident_id)
    access.require(user, Permission.REVEAL_PERSONAL, resident)
    value = personal.reveal_resident(user=user, resident=resident, field=payload.field, reason=payload.reason)
    return {"field": payload.field, "value": value}


# --- form requests ----------------------------------------------------------------------------------
