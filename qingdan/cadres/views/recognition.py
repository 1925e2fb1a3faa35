"""The organiser's pages: the county's rules (age, rank, full time, weights) and the commendation lists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from .. import actions
from ..actions.programme import RULE_FIELDS
from ..choices import Grade
from ..forms import CommendationForm, ProgrammeForm
from ..models import Cadre, Commendation
from .common import is_organiser, programme_for


@login_required
def programme_edit(request):
    user = request.user
    programme = programme_for(user)
    if programme is None:
        raise Http404
    access.require(user, Permission.CADRES_ORGANISE, programme)
    form = ProgrammeForm(
        request.POST or None, initial={name: getattr(programme, name) for name in RULE_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form=form) as shown:
            actions.update_programme(user=user, county=programme.county, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("Saved."))
            return redirect("cadres:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "cadres/programme_edit.html", {"form": form}, status=status)


@login_required
def commendation_list(request):
    user = request.user
    programme = programme_for(user)
    organiser = is_organiser(user, programme)
    year = timezone.localdate().year - 1
    excellent = access.visible(
        Cadre.objects.filter(postings__assessments__grade=Grade.EXCELLENT).distinct().order_by("name"), user
    )
    form = CommendationForm(request.POST or None, cadres=excellent, initial={"year": year})
    if request.method == "POST":
        access.require(user, Permission.CADRES_ORGANISE, programme)
        if form.is_valid():
            with refusal_shown(form=form) as shown:
                actions.commend(user=user, county=programme.county, **form.cleaned_data)
            if not shown.refused:
                messages.success(request, _("The commendation list was issued."))
                return redirect("cadres:commendation_list")
    context = {
        "commendations": access.visible(Commendation.objects.all(), user).prefetch_related(
            "cadres__sending_unit"
        ),
        "form": form,
        "may_commend": organiser,
    }
    return render(
        request, "cadres/commendation_list.html", context, status=400 if request.method == "POST" else 200
    )
