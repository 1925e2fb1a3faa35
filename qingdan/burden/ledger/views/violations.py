"""The caps of the 2024 rules: the violations found, each with its evidence, and the reviewer's decision
(through qingdan.review's one decision view)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.review.views import decision

from .. import actions
from ..filters import ViolationFilter
from ..forms import ConfirmForm, DismissForm
from ..models import Violation


def _visible(user):
    return access.visible(Violation.objects.select_related("division", "issuer"), user)


@login_required
def violation_list(request):
    filterset = ViolationFilter(request.GET, queryset=_visible(request.user), user=request.user)
    rows = filterset.qs if filterset.is_valid() else _visible(request.user).none()
    context = {"filter": filterset, "violations": rows[:500]}
    return render(
        request, "burden_ledger/violation_list.html", context, status=200 if filterset.is_valid() else 400
    )


def _detail(request, violation, confirm=None, dismiss=None, status=200):
    context = {
        "violation": violation,
        "entries": violation.entries.select_related("actor"),
        "may_decide": violation.status == "open"
        and access.can(request.user, Permission.REVIEW_VIOLATION, violation),
        "confirm_form": confirm or ConfirmForm(),
        "dismiss_form": dismiss or DismissForm(),
    }
    return render(request, "burden_ledger/violation_detail.html", context, status=status)


@login_required
def violation_detail(request, pk: int):
    return _detail(request, access.get_visible_or_404(_visible(request.user), request.user, pk=pk))


def _decide(request, pk: int, step: str):
    user = request.user
    violation = access.get_visible_or_404(_visible(user), user, pk=pk)
    page = reverse("burden_ledger:violation_detail", args=[pk])
    if step == "confirm":
        return decision(
            request,
            ConfirmForm(request.POST),
            act=lambda data: actions.confirm_violation(user=user, violation=violation, note=data["note"]),
            again=lambda f: _detail(request, violation, confirm=f, status=400),
            back=page,
            done=page,
            success=_("The violation is confirmed."),
        )
    return decision(
        request,
        DismissForm(request.POST),
        act=lambda data: actions.dismiss_violation(user=user, violation=violation, reason=data["reason"]),
        again=lambda f: _detail(request, violation, dismiss=f, status=400),
        back=page,
        done=page,
        success=_("The violation is dismissed."),
    )


@login_required
@require_POST
def violation_confirm(request, pk: int):
    return _decide(request, pk, "confirm")


@login_required
@require_POST
def violation_dismiss(request, pk: int):
    return _decide(request, pk, "dismiss")
