"""Form requests and their admission (表格准入): the department drafts and submits; the reviewer reads the
overlap with what the registers hold and other approved forms ask, then approves, returns, refuses or merges.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.forms import overlap
from qingdan.review import views as review_views

from ..actions import admission
from ..choices import ElementStatus, FormStatus, RowsKind
from ..filters import FormRequestFilter
from ..forms import FormRequestForm, MergeForm, NoteForm, ReasonForm
from ..models import DataElement, FormField, FormRequest, FormReviewEntry
from .common import paginate, visible_form

EDITABLE = (FormStatus.DRAFT, FormStatus.RETURNED)


def _forms(user):
    return access.visible(FormRequest.objects.select_related("department"), user)


@login_required
def form_list(request):
    user = request.user
    filters = FormRequestFilter(request.GET, queryset=_forms(user))
    page = paginate(request, filters.qs.order_by("-created_at", "-id"))
    context = {
        "page": page,
        "filters": filters.form,
        "may_request": access.can(user, Permission.REQUEST_FORM),
        "may_review": access.can(user, Permission.REVIEW_FORM),
    }
    return render(request, "forms/form_list.html", context)


@login_required
def review_queue(request):
    """Requests waiting for a decision, oldest first: anyone in scope may read it, reviewers act on it."""
    user = request.user
    waiting = _forms(user).filter(status=FormStatus.SUBMITTED).order_by("created_at", "id")
    page = paginate(request, waiting)
    context = {"page": page, "may_review": access.can(user, Permission.REVIEW_FORM)}
    return render(request, "forms/review_queue.html", context)


# --- drafting ----------------------------------------------------------------------------------


def _pickable_elements(user):
    """What a request may ask for: the dictionary's approved elements, and the ones the clerk's own
    department proposed that wait for a decision (the request cannot be approved before they are)."""
    pickable = Q(status=ElementStatus.APPROVED) | Q(
        status=ElementStatus.PROPOSED, proposed_by_id=user.unit_id
    )
    return access.visible(DataElement.objects.filter(pickable), user).order_by("status", "code")


def _edit_page(request, form, *, instance=None, status=200):
    context = {"form": form, "instance": instance, "rows_residents": RowsKind.RESIDENTS}
    return render(request, "forms/form_edit.html", context, status=status)


def _save(request, form: FormRequestForm, instance: FormRequest | None):
    """Create or update from a valid form; submit too when asked. Returns the request, or None (refused)."""
    user = request.user
    fields = form.action_fields()
    with refusal_shown(form=form) as shown, transaction.atomic():  # a refused submission leaves no draft
        if instance is None:
            saved = admission.create_form(user=user, **fields)
        else:
            saved = admission.update_form(user=user, form=instance, **fields)
        if "submit" in request.POST:
            saved = admission.submit_form(user=user, form=saved)
    return None if shown.refused else saved


def _saved_message(request, saved: FormRequest) -> None:
    if saved.status == FormStatus.SUBMITTED:
        messages.success(request, _("Submitted for review: “%(title)s”.") % {"title": saved.title})
    else:
        messages.success(request, _("Saved as a draft: “%(title)s”.") % {"title": saved.title})


@login_required
def form_create(request):
    user = request.user
    access.require(user, Permission.REQUEST_FORM)
    form = FormRequestForm(request.POST or None, user=user, elements=_pickable_elements(user))
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, None)
        if saved is not None:
            _saved_message(request, saved)
            return redirect("forms:form_detail", saved.pk)
    return _edit_page(request, form, status=400 if form.is_bound else 200)


@login_required
def form_edit(request, pk: int):
    user = request.user
    instance = visible_form(user, pk)
    access.require(user, Permission.REQUEST_FORM, instance)
    if instance.status not in EDITABLE:
        messages.error(request, _("This request can no longer be changed."))
        return redirect("forms:form_detail", instance.pk)
    elements = _pickable_elements(user)
    form = FormRequestForm(request.POST or None, user=user, elements=elements, form=instance)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, instance)
        if saved is not None:
            _saved_message(request, saved)
            return redirect("forms:form_detail", saved.pk)
    return _edit_page(request, form, instance=instance, status=400 if form.is_bound else 200)


@login_required
@require_POST
def form_submit(request, pk: int):
    user = request.user
    form = visible_form(user, pk)
    access.require(user, Permission.REQUEST_FORM, form)
    with refusal_shown(request) as shown:
        admission.submit_form(user=user, form=form)
    if not shown.refused:
        messages.success(request, _("Submitted for review: “%(title)s”.") % {"title": form.title})
    return redirect("forms:form_detail", form.pk)


# --- the request and its overlap ----------------------------------------------------------------


def _merge_targets(user, form: FormRequest):
    """Approved forms of the county with the same rows that the request may be merged into."""
    return (
        _forms(user)
        .filter(status=FormStatus.APPROVED, rows_kind=form.rows_kind, resident_tag=form.resident_tag)
        .exclude(pk=form.pk)
        .order_by("title")
    )


def detail_context(user, form: FormRequest, **forms) -> dict:
    fields = list(access.visible(FormField.objects.filter(form=form), user).select_related("element"))
    villages = list(form.targets.select_related("parent").order_by("code"))
    townships: dict[str, list] = {}
    for village in villages:
        townships.setdefault(village.parent.name if village.parent else "", []).append(village)
    may_review = form.status == FormStatus.SUBMITTED and access.can(user, Permission.REVIEW_FORM, form)
    analysis = overlap.analyse(form, user=user) if form.status in (*EDITABLE, FormStatus.SUBMITTED) else None
    merge_targets = _merge_targets(user, form) if may_review else FormRequest.objects.none()
    return {
        "form": form,
        "fields": fields,
        "townships": sorted(townships.items()),
        "village_count": len(villages),
        "history": access.visible(FormReviewEntry.objects.filter(form=form), user).select_related("actor"),
        "overlap": analysis,
        "overlap_rows": _overlap_rows(fields, analysis) if analysis else [],
        "typing_minutes": (
            round(analysis.typing_per_village_per_year * analysis.seconds_per_field / 60) if analysis else 0
        ),
        "may_edit": form.status in EDITABLE and access.can(user, Permission.REQUEST_FORM, form),
        "may_review": may_review,
        "may_see_results": form.status == FormStatus.APPROVED,
        "approve_form": forms.get("approve_form") or NoteForm(),
        "return_form": forms.get("return_form") or ReasonForm(),
        "refuse_form": forms.get("refuse_form") or ReasonForm(),
        "merge_form": forms.get("merge_form") or MergeForm(forms_to_merge_into=merge_targets),
        "has_merge_targets": may_review and merge_targets.exists(),
    }


def _overlap_rows(fields, analysis) -> list[dict]:
    """One line per field: held in a register (fills itself), asked by other approved forms, or new."""
    held = {element.pk for element in analysis.held}
    rows = []
    for field in fields:
        element = field.element
        elsewhere = analysis.asked_elsewhere.get(element.pk, [])
        if element.pk in held:
            verdict = "held"
        elif elsewhere:
            verdict = "elsewhere"
        else:
            verdict = "new"
        rows.append(
            {"element": element, "required": field.required, "verdict": verdict, "elsewhere": elsewhere}
        )
    return rows


@login_required
def form_detail(request, pk: int):
    form = visible_form(request.user, pk)
    return render(request, "forms/form_detail.html", detail_context(request.user, form))


@login_required
def form_review(request, pk: int):
    """Where a reviewer's notification points: the request, at its decision forms."""
    form = visible_form(request.user, pk)
    return redirect(reverse("forms:form_detail", args=[form.pk]) + "#review")


def _detail_again(request, form, **forms):
    return render(request, "forms/form_detail.html", detail_context(request.user, form, **forms), status=400)


def _form_to_review(request, pk: int) -> FormRequest:
    form = visible_form(request.user, pk)
    access.require(request.user, Permission.REVIEW_FORM, form)
    return form


def _decision(request, form: FormRequest, decision_form, *, name: str, act, success: str):
    """One reviewer decision through the shared review page handling (qingdan.review.views)."""
    return review_views.decision(
        request,
        decision_form,
        act=act,
        again=lambda invalid: _detail_again(request, form, **{name: invalid}),
        back=reverse("forms:form_detail", args=[form.pk]),
        done=reverse("forms:review_queue"),
        success=success % {"title": form.title},
    )


@login_required
@require_POST
def form_approve(request, pk: int):
    form = _form_to_review(request, pk)
    return _decision(
        request,
        form,
        NoteForm(request.POST),
        name="approve_form",
        act=lambda data: admission.approve_form(user=request.user, form=form, note=data["note"]),
        success=_("Approved: “%(title)s” goes to its villages, filled in advance."),
    )


@login_required
@require_POST
def form_return(request, pk: int):
    form = _form_to_review(request, pk)
    return _decision(
        request,
        form,
        ReasonForm(request.POST),
        name="return_form",
        act=lambda data: admission.return_form(user=request.user, form=form, reason=data["reason"]),
        success=_("Returned to the department for clarification: “%(title)s”."),
    )


@login_required
@require_POST
def form_refuse(request, pk: int):
    form = _form_to_review(request, pk)
    return _decision(
        request,
        form,
        ReasonForm(request.POST),
        name="refuse_form",
        act=lambda data: admission.refuse_form(user=request.user, form=form, reason=data["reason"]),
        success=_("Refused: “%(title)s” will not reach any village."),
    )


@login_required
@require_POST
def form_merge(request, pk: int):
    user = request.user
    form = _form_to_review(request, pk)
    return _decision(
        request,
        form,
        MergeForm(request.POST, forms_to_merge_into=_merge_targets(user, form)),
        name="merge_form",
        act=lambda data: admission.merge_form(user=user, form=form, into=data["into"], reason=data["reason"]),
        success=_("Merged: “%(title)s” is now part of an approved form."),
    )
