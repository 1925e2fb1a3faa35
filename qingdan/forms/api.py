"""One set of forms over the API: the data dictionary, form requests and their review,
submissions (open, prefill, save, submit) and results (the registers' endpoints are qingdan.registers.api).

Same rules as the pages: rows come from access.visible (404 when out of scope), writes check the role with
access.require (403) and go through the actions (409 when the action refuses). ID numbers and phones are
masked in every answer except the reveal's, which is audited with its reason.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, filtered, invalid
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.registers.personal import shown

from . import overlap, prefill, queries
from .actions import admission, dictionary, submissions
from .choices import ElementStatus, FormStatus
from .filters import ElementFilter, FormRequestFilter
from .models import DataElement, FormRequest, Submission
from .periods import check_period, current_period
from .schemas import (
    ApproveElementIn,
    ElementIn,
    ElementOut,
    FormDetailOut,
    FormIn,
    FormOut,
    MapElementIn,
    MergeIn,
    NoteIn,
    OpenIn,
    PrefillOut,
    ReasonIn,
    ResultsOut,
    SubmissionOut,
    ValuesIn,
)

API_ROWS, MAX_API_ROWS = 100, 1000  # resident rows per page of a form

router = Router()


def _division_ref(division: Division) -> dict:
    return {"code": division.code, "name": division.name, "level": division.level}


def _village(user, code: str) -> Division:
    village = access.get_visible_or_404(Division.objects.filter(level=Level.VILLAGE), user, code=code)
    access.require(user, Permission.VIEW_REGISTERS, village)
    return village


# --- the data dictionary --------------------------------------------------------------------------


def _elements(user):
    return access.visible(DataElement.objects.select_related("proposed_by"), user)


@router.get("/elements", response={200: list[ElementOut], **READ_ERRORS}, summary="The data dictionary")
@paginate(Page)
def element_list(
    request,
    q: str = Query("", description="words in the name, code or description"),
    held_in: str = Query("", description="village or residents; empty: any register, as on the page"),
    kind: str = "",
    status: str = "",
):
    """The page's ElementFilter: an empty parameter filters nothing, an unknown value is a 422."""
    params = {"q": q, "register": held_in, "kind": kind, "status": status}
    filters = ElementFilter(params, queryset=_elements(request.auth).order_by("code"))
    if not filters.is_valid():  # each parameter named as the API names it
        names = {"register": "held_in"}
        raise invalid("query", {names.get(k, k): " ".join(m) for k, m in filters.errors.items()})
    return filters.qs


@router.post(
    "/elements", response={201: ElementOut, **WRITE_ERRORS}, summary="Propose a data element (department)"
)
def element_propose(request, payload: ElementIn):
    user = request.auth
    access.require(user, Permission.PROPOSE_ELEMENT)
    fields = payload.dict(exclude={"held_in"})
    element = dictionary.propose_element(user=user, register=payload.held_in, **fields)
    return Status(201, element)


def _element_to_decide(user, element_id: int) -> DataElement:
    element = access.get_visible_or_404(_elements(user), user, pk=element_id)
    access.require(user, Permission.MANAGE_DICTIONARY, element)
    return element


@router.post(
    "/elements/{int:element_id}/approve",
    response={200: ElementOut, **WRITE_ERRORS},
    summary="Approve a proposed element (catalog office)",
)
def element_approve(request, element_id: int, payload: ApproveElementIn):
    user = request.auth
    element = _element_to_decide(user, element_id)
    return dictionary.approve_element(user=user, element=element, code=payload.code or None)


@router.post(
    "/elements/{int:element_id}/map",
    response={200: ElementOut, **WRITE_ERRORS},
    summary="Map a proposal to an existing element (catalog office)",
)
def element_map(request, element_id: int, payload: MapElementIn):
    user = request.auth
    element = _element_to_decide(user, element_id)
    target = access.get_visible_or_404(
        _elements(user).filter(status=ElementStatus.APPROVED), user, pk=payload.target
    )
    return dictionary.map_element(user=user, element=element, target=target)


@router.post(
    "/elements/{int:element_id}/reject",
    response={200: ElementOut, **WRITE_ERRORS},
    summary="Reject a proposal (catalog office)",
)
def element_reject(request, element_id: int, payload: ReasonIn):
    user = request.auth
    element = _element_to_decide(user, element_id)
    return dictionary.reject_element(user=user, element=element, reason=payload.reason)


# --- registers ----------------------------------------------------------------------------------


def _forms(user):
    return access.visible(FormRequest.objects.select_related("department"), user)


def _fields_out(fields) -> list[dict]:
    return [
        {
            "element": f.element_id,
            "code": f.element.code,
            "name": f.element.name,
            "kind": f.element.kind,
            "unit": f.element.unit,
            "required": f.required,
            "held": overlap.is_held(f.element),
        }
        for f in fields
    ]


def _overlap_out(analysis) -> dict:
    def ref(form):
        return {"id": form.pk, "title": form.title}

    return {
        "held": [e.pk for e in analysis.held],
        "asked_elsewhere": [
            {"element": element_id, "forms": [ref(f) for f in forms]}
            for element_id, forms in analysis.asked_elsewhere.items()
        ],
        "new": [e.pk for e in analysis.new],
        "merge_suggestions": [{"form": ref(f), "shared_fields": n} for f, n in analysis.merge_suggestions],
        "rows_per_village": analysis.rows_per_village,
        "times_a_year": analysis.times_a_year,
        "typing_per_village_per_year": analysis.typing_per_village_per_year,
        "typing_without_registers": analysis.typing_without_registers,
        "seconds_per_field": analysis.seconds_per_field,
    }


def _form_detail(user, form_id: int) -> dict:
    form = access.get_visible_or_404(_forms(user), user, pk=form_id)
    fields = prefill.form_fields(form)
    pending = form.status in (FormStatus.DRAFT, FormStatus.RETURNED, FormStatus.SUBMITTED)
    return {
        "id": form.pk,
        "title": form.title,
        "department": form.department.name,
        "frequency": form.frequency,
        "rows_kind": form.rows_kind,
        "resident_tag": form.resident_tag,
        "deadline": form.deadline,
        "status": form.status,
        "created_at": form.created_at,
        "approved_at": form.approved_at,
        "merged_into": form.merged_into_id,
        "purpose": form.purpose,
        "fields": _fields_out(fields),
        "villages": [_division_ref(v) for v in form.targets.order_by("code")],
        "history": [
            {"step": h.step, "actor": str(h.actor), "at": h.at, "reason": h.reason}
            for h in form.history.select_related("actor")
        ],
        "overlap": _overlap_out(overlap.analyse(form, user=user)) if pending else None,
    }


@router.get("/requests", response={200: list[FormOut], **READ_ERRORS}, summary="Form requests in scope")
@paginate(Page)
def form_list(request, status: str | None = None, q: str = ""):
    forms = _forms(request.auth).order_by("-created_at", "-id")
    return filtered(FormRequestFilter({"status": status, "q": q}, queryset=forms))


@router.get(
    "/requests/{int:form_id}",
    response={200: FormDetailOut, **READ_ERRORS},
    summary="One form request, with its overlap before a decision",
)
def form_detail(request, form_id: int):
    return _form_detail(request.auth, form_id)


def _targets(user, codes: list[str]) -> list[Division]:
    found = {
        d.code: d
        for d in access.visible(
            Division.objects.filter(code__in=codes, level__in=[Level.TOWNSHIP, Level.VILLAGE]), user
        )
    }
    unknown = [code for code in codes if code not in found]
    if unknown:
        message = _("No township or village in your scope has the code %(codes)s.") % {
            "codes": "、".join(unknown)
        }
        raise invalid("body", {"villages": message})
    return [found[code] for code in codes]


@router.post(
    "/requests",
    response={201: FormDetailOut, **WRITE_ERRORS},
    summary="Request a form (department clerk); submitted for review unless `submit` is false",
)
def form_create(request, payload: FormIn):
    user = request.auth
    access.require(user, Permission.REQUEST_FORM)
    villages = _targets(user, payload.villages)
    fields = payload.dict(exclude={"villages", "elements", "submit"})
    with transaction.atomic():  # a refused submission leaves no draft behind
        form = admission.create_form(user=user, element_ids=payload.elements, villages=villages, **fields)
        if payload.submit:
            admission.submit_form(user=user, form=form)
    return Status(201, _form_detail(user, form.pk))


def _form_to(user, form_id: int, permission: Permission) -> FormRequest:
    form = access.get_visible_or_404(_forms(user), user, pk=form_id)
    access.require(user, permission, form)
    return form


@router.post(
    "/requests/{int:form_id}/submit",
    response={200: FormDetailOut, **WRITE_ERRORS},
    summary="Submit a draft or returned request for review",
)
def form_submit(request, form_id: int):
    user = request.auth
    admission.submit_form(user=user, form=_form_to(user, form_id, Permission.REQUEST_FORM))
    return _form_detail(user, form_id)


@router.post(
    "/requests/{int:form_id}/approve",
    response={200: FormDetailOut, **WRITE_ERRORS},
    summary="Approve: the form reaches its villages (reviewer)",
)
def form_approve(request, form_id: int, payload: NoteIn):
    user = request.auth
    admission.approve_form(user=user, form=_form_to(user, form_id, Permission.REVIEW_FORM), note=payload.note)
    return _form_detail(user, form_id)


@router.post(
    "/requests/{int:form_id}/return",
    response={200: FormDetailOut, **WRITE_ERRORS},
    summary="Return for clarification (reviewer)",
)
def form_return(request, form_id: int, payload: ReasonIn):
    user = request.auth
    admission.return_form(
        user=user, form=_form_to(user, form_id, Permission.REVIEW_FORM), reason=payload.reason
    )
    return _form_detail(user, form_id)


@router.post(
    "/requests/{int:form_id}/refuse",
    response={200: FormDetailOut, **WRITE_ERRORS},
    summary="Refuse: the form never reaches a village (reviewer)",
)
def form_refuse(request, form_id: int, payload: ReasonIn):
    user = request.auth
    admission.refuse_form(
        user=user, form=_form_to(user, form_id, Permission.REVIEW_FORM), reason=payload.reason
    )
    return _form_detail(user, form_id)


@router.post(
    "/requests/{int:form_id}/merge",
    response={200: FormDetailOut, **WRITE_ERRORS},
    summary="Merge the request into an approved form (reviewer)",
)
def form_merge(request, form_id: int, payload: MergeIn):
    user = request.auth
    form = _form_to(user, form_id, Permission.REVIEW_FORM)
    into = access.get_visible_or_404(_forms(user), user, pk=payload.into)
    admission.merge_form(user=user, form=form, into=into, reason=payload.reason)
    return _form_detail(user, form_id)


@router.get(
    "/requests/{int:form_id}/results",
    response={200: ResultsOut, **READ_ERRORS},
    summary="The submitted values across the caller's scope; personal values masked",
)
def form_results(request, form_id: int):
    user = request.auth
    form = access.get_visible_or_404(_forms(user), user, pk=form_id)
    table = queries.results_table(form, user)
    return {"form": form.pk, "columns": table.columns, "rows": table.rows}


# --- submissions ---------------------------------------------------------------------------------------


def _rows_out(rows) -> list[dict]:
    return [
        {"resident": r.resident_id, "name": r.name, "id_number": r.id_masked, "household": r.household}
        for r in rows
    ]


@router.get(
    "/requests/{int:form_id}/prefill/{code}",
    response={200: PrefillOut, **READ_ERRORS},
    summary="What the registers would fill in a form for a village, without opening it",
)
def form_prefill(
    request,
    form_id: int,
    code: str,
    period: str | None = None,
    page: int = Query(1, ge=1),
    per_page: int = Query(API_ROWS, ge=1, le=MAX_API_ROWS),
):
    user = request.auth
    form = access.get_visible_or_404(_forms(user), user, pk=form_id)
    village = _village(user, code)
    if not form.targets.filter(pk=village.pk).exists():
        raise invalid(
            "path", {"code": _("This form was not sent to %(village)s.") % {"village": village.name}}
        )
    period = (
        check_period(form.frequency, period)
        if period
        else current_period(form.frequency, timezone.localdate())
    )
    filled = prefill.prefill(form, village, period, page=page, per_page=per_page)
    elements = {f.element_id: f.element for f in filled.fields}
    return {
        **_paging(filled.page, filled.rows),
        "form": form.pk,
        "village": _division_ref(village),
        "period": period,
        "fields": _fields_out(filled.fields),
        "rows": _rows_out(filled.rows),
        "cells": [
            {"resident": r, "element": e, "value": shown(elements[e], v), "prefilled": True}
            for (r, e), v in filled.cells.items()
        ],
        "prefilled": filled.prefilled,
        "to_type": filled.to_type,
    }


def _paging(page, rows) -> dict:
    """Where these rows sit among all of them: a resident form is read a page at a time."""
    if page is None:
        return {"row_count": len(rows), "page": 1, "pages": 1}
    return {"row_count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages}


def _submission_out(submission: Submission, page: int = 1, per_page: int = API_ROWS) -> dict:
    table = submissions.filled(submission, page=page, per_page=per_page)
    elements = {f.element_id: f.element for f in table.fields}
    return {
        **_paging(table.page, table.rows),
        "id": submission.pk,
        "form": submission.form_id,
        "village": _division_ref(submission.village),
        "period": submission.period,
        "status": submission.status,
        "prefilled_count": submission.prefilled_count,
        "typed_count": submission.typed_count,
        "submitted_at": submission.submitted_at,
        "fields": _fields_out(table.fields),
        "rows": _rows_out(table.rows),
        "cells": [
            {"resident": r, "element": e, "value": shown(elements[e], v), "prefilled": was}
            for (r, e), (v, was) in table.values.items()
            if e in elements
        ],
    }


def _submission(user, submission_id: int) -> Submission:
    rows = Submission.objects.select_related("form", "village")
    return access.get_visible_or_404(rows, user, pk=submission_id)


@router.post(
    "/requests/{int:form_id}/submissions",
    response={200: SubmissionOut, **WRITE_ERRORS},
    summary="Open this period's submission for a village (village cadre), pre-filled; again: the same one",
)
def submission_open(request, form_id: int, payload: OpenIn):
    user = request.auth
    form = access.get_visible_or_404(_forms(user), user, pk=form_id)
    village = access.get_visible_or_404(
        Division.objects.filter(level=Level.VILLAGE), user, code=payload.village
    )
    access.require(user, Permission.FILL_FORM, village)
    submission = submissions.open_submission(user=user, form=form, village=village, period=payload.period)
    return _submission_out(_submission(user, submission.pk))


@router.get(
    "/submissions/{int:submission_id}",
    response={200: SubmissionOut, **READ_ERRORS},
    summary="One submission with its rows and values (masked)",
)
def submission_detail(
    request,
    submission_id: int,
    page: int = Query(1, ge=1),
    per_page: int = Query(API_ROWS, ge=1, le=MAX_API_ROWS),
):
    return _submission_out(_submission(request.auth, submission_id), page, per_page)


@router.post(
    "/submissions/{int:submission_id}/values",
    response={200: SubmissionOut, **WRITE_ERRORS},
    summary="Save typed values; one bad value saves nothing (409 naming each)",
)
def submission_save(request, submission_id: int, payload: ValuesIn):
    user = request.auth
    submission = _submission(user, submission_id)
    access.require(user, Permission.FILL_FORM, submission)
    values = {(cell.resident, cell.element): cell.value for cell in payload.values}
    submissions.save_values(user=user, submission=submission, values=values)
    return _submission_out(_submission(user, submission_id))


@router.post(
    "/submissions/{int:submission_id}/submit",
    response={200: SubmissionOut, **WRITE_ERRORS},
    summary="Submit: every required value present; new values flow back into the registers",
)
def submission_submit(request, submission_id: int):
    user = request.auth
    submission = _submission(user, submission_id)
    access.require(user, Permission.FILL_FORM, submission)
    submissions.submit(user=user, submission=submission)
    return _submission_out(_submission(user, submission_id))
