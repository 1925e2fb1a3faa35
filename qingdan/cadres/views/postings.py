"""Postings: the list (incomplete ones flagged), posting a cadre, one posting's page (its compounds and
grids, work records, monthly attendance, year-end scores, rotation) and a community's page (its need
tags, compounds and grids, and every cadre it has had)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from .. import actions
from ..choices import Assessor, CadreStatus
from ..filters import PostingFilter
from ..forms import (
    AttendanceForm,
    GridForm,
    GridsForm,
    PostingForm,
    RotateForm,
    ScoreForm,
    TagForm,
    WorkRecordForm,
)
from ..models import Assessment, Attendance, Cadre, CommunityTag, Grid, Posting, Programme, WorkRecord
from ..queries import community_history
from .common import is_organiser, paginate, programme_for, visible_communities


def _postings(user):
    return access.visible(
        Posting.objects.select_related("cadre", "community", "community__parent"), user
    ).annotate(grid_count=Count("grids"))


@login_required
def posting_list(request):
    user = request.user
    programme = programme_for(user)
    filters = PostingFilter(request.GET or None, queryset=_postings(user))
    rows = filters.qs if filters.is_valid() else _postings(user)
    context = {
        "filters": filters.form,
        "page": paginate(request, rows.order_by("community__code", "-starts_on", "id")),
        "may_organise": is_organiser(user, programme),
    }
    return render(request, "cadres/posting_list.html", context)


@login_required
def posting_create(request):
    user = request.user
    programme = programme_for(user)
    if programme is None:
        raise Http404
    access.require(user, Permission.CADRES_ORGANISE, programme)
    cadres = access.visible(Cadre.objects.filter(status=CadreStatus.SELECTED), user).order_by("name")
    form = PostingForm(
        request.POST or None, cadres=cadres, communities=visible_communities(user, programme.county)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_shown(form=form) as shown:
            posting = actions.post_cadre(user=user, **data)
        if not shown.refused:
            messages.success(request, _("The cadre was posted."))
            return redirect("cadres:posting_detail", posting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cadres/posting_create.html", {"form": form}, status=status)


def _posting_page(request, posting, forms=None, status=200):
    user = request.user
    programme = programme_for(user)
    organiser = is_organiser(user, programme)
    hosting = access.can(user, Permission.CADRES_HOST, posting)
    grids = Grid.objects.filter(community=posting.community)
    scorer = (
        hosting
        or access.can(user, Permission.CADRES_ASSESS_STREET, posting)
        or access.can(user, Permission.CADRES_SEND, posting.cadre)
    )
    forms = forms or {}
    today = timezone.localdate()
    context = {
        "posting": posting,
        "grids_covered": posting.grids.all(),
        "records": access.visible(WorkRecord.objects.filter(posting=posting), user)[:50],
        "attendance": access.visible(Attendance.objects.filter(posting=posting), user),
        "assessments": access.visible(Assessment.objects.filter(posting=posting), user),
        "may_host": hosting,
        "may_keep_grids": hosting or organiser,
        "may_score": scorer,
        "may_rotate": organiser and posting.ended_on is None,
        "grids_form": forms.get("grids")
        or GridsForm(grids=grids, initial={"grids": list(posting.grids.all())}),
        "record_form": forms.get("record") or WorkRecordForm(initial={"day": today}),
        "attendance_form": forms.get("attendance")
        or AttendanceForm(initial={"month": today.strftime("%Y-%m")}),
        "score_form": forms.get("score")
        or ScoreForm(initial={"year": today.year, "assessor": _assessor(user, posting)}),
        "rotate_form": forms.get("rotate")
        or RotateForm(cadres=_free_cadres(user), initial={"ended_on": today}),
    }
    return render(request, "cadres/posting_detail.html", context, status=status)


def _assessor(user, posting: Posting) -> str:
    """Who the person scores as, to preselect on the form: the community, the street or the sending unit."""
    if access.can(user, Permission.CADRES_HOST, posting):
        return Assessor.COMMUNITY
    if access.can(user, Permission.CADRES_ASSESS_STREET, posting):
        return Assessor.STREET
    return Assessor.UNIT


def _free_cadres(user):
    return access.visible(Cadre.objects.filter(status=CadreStatus.SELECTED), user).order_by("name")


STEPS = ("grids", "record", "attendance", "score", "rotate")


def _require_step(user, posting: Posting, step: str) -> None:
    """403 unless the user may take this step on the posting: the organiser rotates (and keeps grids with
    the community); the community records work and confirms attendance; the three assessors score."""
    hosting = access.can(user, Permission.CADRES_HOST, posting)
    if step == "rotate" or (step == "grids" and not hosting):
        access.require(user, Permission.CADRES_ORGANISE, Programme.objects.get(county=posting.county))
    elif step == "score":
        if not (
            hosting
            or access.can(user, Permission.CADRES_ASSESS_STREET, posting)
            or access.can(user, Permission.CADRES_SEND, posting.cadre)
        ):
            access.require(user, Permission.CADRES_HOST, posting)
    else:
        access.require(user, Permission.CADRES_HOST, posting)


@login_required
def posting_detail(request, pk: int):
    user = request.user
    posting = access.get_visible_or_404(
        Posting.objects.select_related(
            "cadre", "cadre__sending_unit", "community", "community__parent", "county"
        ),
        user,
        pk=pk,
    )
    if request.method != "POST":
        return _posting_page(request, posting)
    step = request.POST.get("do", "")
    if step not in STEPS:
        return _posting_page(request, posting, status=400)
    _require_step(user, posting, step)
    form = _bound(step, request, posting, user)
    if not form.is_valid():
        return _posting_page(request, posting, {step: form}, status=400)
    data = form.cleaned_data
    with refusal_shown(form=form) as shown:
        _act(step, user, posting, data)
    if shown.refused:
        return _posting_page(request, posting, {step: form}, status=400)
    messages.success(request, _("Saved."))
    return redirect("cadres:posting_detail", posting.pk)


def _bound(step, request, posting, user):
    if step == "grids":
        return GridsForm(request.POST, grids=Grid.objects.filter(community=posting.community))
    if step == "rotate":
        return RotateForm(request.POST, cadres=_free_cadres(user))
    if step == "record":
        return WorkRecordForm(request.POST, request.FILES)
    return {"attendance": AttendanceForm, "score": ScoreForm}[step](request.POST)


def _act(step, user, posting, data):
    if step == "grids":
        actions.set_grids(user=user, posting=posting, grids=data["grids"])
    elif step == "record":
        actions.record_work(
            user=user,
            posting=posting,
            day=data["day"],
            kind=data["kind"],
            text_=data["text"],
            attachment=data["attachment"],
        )
    elif step == "attendance":
        actions.confirm_attendance(user=user, posting=posting, **data)
    elif step == "score":
        actions.score(user=user, posting=posting, **data)
    else:
        actions.rotate(user=user, posting=posting, **data)


@login_required
def community_detail(request, pk: int):
    user = request.user
    programme = programme_for(user)
    county = access.require_county(user)
    community = access.get_visible_or_404(visible_communities(user, county), user, pk=pk)
    organiser = is_organiser(user, programme)
    may_keep_grids = organiser or access.can(user, Permission.CADRES_HOST, community)
    tag = CommunityTag.objects.filter(community=community).first()
    tag_form = TagForm(
        initial={"is_large": tag.is_large, "is_weak": tag.is_weak, "is_new": tag.is_new, "note": tag.note}
        if tag
        else None
    )
    grid_form = GridForm()
    status = 200
    if request.method == "POST":
        form: forms.Form
        if request.POST.get("do") == "tag":
            access.require(user, Permission.CADRES_ORGANISE, programme)
            tag_form = TagForm(request.POST)
            form = tag_form
        else:
            if not may_keep_grids:
                access.require(user, Permission.CADRES_HOST, community)
            grid_form = GridForm(request.POST)
            form = grid_form
        if form.is_valid():
            with refusal_shown(form=form) as shown:
                if form is tag_form:
                    actions.tag_community(user=user, community=community, **form.cleaned_data)
                else:
                    actions.add_grid(user=user, community=community, **form.cleaned_data)
            if not shown.refused:
                messages.success(request, _("Saved."))
                return redirect("cadres:community_detail", community.pk)
        status = 400
    history = access.visible(community_history(community), user)
    context = {
        "community": community,
        "tag": tag,
        "grids": Grid.objects.filter(community=community),
        "history": history,
        "may_tag": organiser,
        "may_keep_grids": may_keep_grids,
        "tag_form": tag_form,
        "grid_form": grid_form,
    }
    return render(request, "cadres/community_detail.html", context, status=status)
