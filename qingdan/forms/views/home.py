"""The start page of one set of forms: what this person can do here, with the counts that matter."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from qingdan import access
from qingdan.access import Permission

from ..choices import ElementStatus, FormStatus
from ..models import DataElement, FormRequest


@login_required
def home(request):
    user = request.user
    forms = access.visible(FormRequest.objects.all(), user)
    may_manage = access.can(user, Permission.MANAGE_DICTIONARY)
    context = {
        "may_fill": access.can(user, Permission.FILL_FORM),
        "may_request": access.can(user, Permission.REQUEST_FORM),
        "may_review": access.can(user, Permission.REVIEW_FORM),
        "may_view_registers": access.can(user, Permission.VIEW_REGISTERS),
        "may_manage_dictionary": may_manage,
        "waiting": forms.filter(status=FormStatus.SUBMITTED).count(),
        "approved": forms.filter(status=FormStatus.APPROVED).count(),
        "proposals": (
            access.visible(DataElement.objects.filter(status=ElementStatus.PROPOSED), user).count()
            if may_manage
            else 0
        ),
    }
    return render(request, "forms/home.html", context)
