"""Amendments (动态调整): apply (申请) → consult (会商) → decide (审定), and the comparison of versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.duties.sheet import read_catalog
from qingdan.errors import refusal_shown

from .. import actions
from ..choices import AmendmentStatus, StepKind, VersionStatus
from ..diff import compare
from ..filters import AmendmentFilter
from ..forms import AmendmentForm, DecisionForm, OpinionForm
from ..models import Amendment, Catalog
from ..queries import rows_of
from .common import describe, diff_counts, parse_number, published_version, visible_items

OPEN = (AmendmentStatus.APPLIED, AmendmentStatus.CONSULTED)


@login_required
def version_diff(request, pk: int):
    """Item-by-item comparison of two published versions (default: the one before the current one)."""
    user = request.user
    catalog = access.get_visible_or_404(Catalog.objects.select_related("current_version"), user, pk=pk)
    numbers: list[int] = [
        n
        for n in catalog.versions.filter(status=VersionStatus.PUBLISHED)
        .order_by("number")
        .values_list("number", flat=True)
        if n is not None
    ]
    context = {"catalog": catalog, "numbers": numbers, "lines": None}
    if len(numbers) >= 2:
        new_number = parse_number(request.GET.get("to")) or numbers[-1]
        old_number = parse_number(request.GET.get("from")) or max(
            (n for n in numbers if n < new_number), default=numbers[0]
        )
        old, new = published_version(catalog, old_number), published_version(catalog, new_number)
        diff = compare(visible_items(old, user), visible_items(new, user))
        context.update(old=old, new=new, lines=describe(diff), counts=diff_counts(diff))
    return render(request, "duties/version_diff.html", context)


@login_required
def amendment_list(request):
    amendments = access.visible(
        Amendment.objects.select_related("catalog__division", "applicant", "base_version"), request.user
    )
    filters = AmendmentFilter(request.GET, queryset=amendments)
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(request, "duties/amendment_list.html", {"page": page, "filters": filters.form})


def _create_page(request, catalog, form, problems=(), status=200):
    context = {"catalog": catalog, "form": form, "problems": problems}
    return render(request, "duties/amendment_create.html", context, status=status)


@login_required
def amendment_create(request, pk: int):
    user = request.user
    catalog = access.get_visible_or_404(
        Catalog.objects.select_related("division", "current_version"), user, pk=pk
    )
    access.require(user, Permission.APPLY_AMENDMENT, catalog)
    if catalog.current_version is None:
        messages.error(request, _("The catalog has no published version to amend."))
        return redirect("duties:catalog_detail", catalog.pk)
    current_rows = rows_of(catalog.current_version)
    if request.method != "POST":
        return _create_page(request, catalog, AmendmentForm(rows=current_rows))
    form = AmendmentForm(request.POST, request.FILES, rows=current_rows)
    if not form.is_valid():
        return _create_page(request, catalog, form, status=400)
    filename = ""
    if form.cleaned_data["how"] == AmendmentForm.FILE:
        upload = form.cleaned_data["file"]
        result = read_catalog(upload.read(), upload.name)
        if not result.ok:
            return _create_page(request, catalog, form, problems=result.errors, status=400)
        rows, filename = result.rows, upload.name
    else:
        rows = form.proposed_rows()
    with refusal_shown(form=form) as shown:
        amendment = actions.apply_amendment(
            user=user,
            catalog=catalog,
            title=form.cleaned_data["title"],
            reason=form.cleaned_data["reason"],
            rows=rows,
            filename=filename,
        )
    if shown.refused:
        return _create_page(request, catalog, form, status=400)
    messages.success(request, _("The amendment has been filed; it now waits for consultation."))
    return redirect("duties:amendment_detail", amendment.pk)


def _visible_amendment(user, pk: int) -> Amendment:
    return access.get_visible_or_404(
        Amendment.objects.select_related(
            "catalog__division", "base_version", "proposed_version", "applicant"
        ),
        user,
        pk=pk,
    )


def _timeline(amendment: Amendment) -> list[dict]:
    """The three stages with the steps done in each; a stage with no step yet is pending."""
    steps = list(amendment.steps.select_related("actor"))
    stages = [
        (StepKind.APPLY, _("Apply")),
        (StepKind.CONSULT, _("Consult")),
        (StepKind.DECIDE, _("Decide")),
    ]
    return [
        {"kind": kind, "label": label, "steps": [s for s in steps if s.step == kind]}
        for kind, label in stages
    ]


def _detail_page(request, amendment: Amendment, consult_form=None, decide_form=None, status=200):
    user = request.user
    catalog = amendment.catalog
    is_open = amendment.status in OPEN
    may_consult = is_open and access.can(user, Permission.CONSULT_AMENDMENT, catalog)
    may_decide = amendment.status == AmendmentStatus.CONSULTED and access.can(
        user, Permission.DECIDE_AMENDMENT, catalog
    )
    diff = compare(
        visible_items(amendment.base_version, user), visible_items(amendment.proposed_version, user)
    )
    context = {
        "amendment": amendment,
        "catalog": catalog,
        "timeline": _timeline(amendment),
        "lines": describe(diff),
        "counts": diff_counts(diff),
        "consult_form": (consult_form or OpinionForm()) if may_consult else None,
        "decide_form": (decide_form or DecisionForm()) if may_decide else None,
        "waiting_for_consultation": amendment.status == AmendmentStatus.APPLIED
        and access.can(user, Permission.DECIDE_AMENDMENT, catalog),
    }
    return render(request, "duties/amendment_detail.html", context, status=status)


@login_required
def amendment_detail(request, pk: int):
    return _detail_page(request, _visible_amendment(request.user, pk))


@login_required
@require_POST
def amendment_consult(request, pk: int):
    user = request.user
    amendment = _visible_amendment(user, pk)
    access.require(user, Permission.CONSULT_AMENDMENT, amendment.catalog)
    form = OpinionForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, amendment, consult_form=form, status=400)
    with refusal_shown(request) as shown:
        actions.consult_amendment(user=user, amendment=amendment, opinion=form.cleaned_data["opinion"])
    if not shown.refused:
        messages.success(request, _("Your consultation opinion has been recorded."))
    return redirect("duties:amendment_detail", amendment.pk)


@login_required
@require_POST
def amendment_decide(request, pk: int):
    user = request.user
    amendment = _visible_amendment(user, pk)
    access.require(user, Permission.DECIDE_AMENDMENT, amendment.catalog)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, amendment, decide_form=form, status=400)
    approve = form.cleaned_data["decision"] == DecisionForm.APPROVE
    with refusal_shown(request) as shown:
        amendment = actions.decide_amendment(
            user=user, amendment=amendment, approve=approve, opinion=form.cleaned_data["opinion"]
        )
    if shown.refused:
        return redirect("duties:amendment_detail", amendment.pk)
    if approve:
        number = amendment.proposed_version.number
        messages.success(
            request, _("Approved: the catalog is now at version %(number)s.") % {"number": number}
        )
    else:
        messages.success(request, _("The amendment has been rejected."))
    return redirect("duties:amendment_detail", amendment.pk)
