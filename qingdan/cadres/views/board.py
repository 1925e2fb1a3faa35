"""The board both sides read: resources the sending units offer, needs the communities list, and the
projects that link them, with what they achieved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown

from .. import actions
from ..choices import NeedStatus
from ..filters import NeedFilter, ProjectFilter
from ..forms import NeedForm, ProjectForm, ProjectProgressForm, ResourceForm
from ..models import Need, Project, Resource
from .common import programme_for, visible_communities


def _own_community(user):
    """The community a community's cadre works for (None for everyone else)."""
    county = access.require_county(user)
    if not access.can(user, Permission.CADRES_HOST):
        return None
    return visible_communities(user, county).filter(pk=user.unit.division_id).first()


@login_required
def board(request):
    user = request.user
    programme = programme_for(user)
    needs = access.visible(Need.objects.select_related("community"), user)
    projects = access.visible(Project.objects.select_related("community"), user).prefetch_related(
        "needs", "resources"
    )
    need_filter = NeedFilter(request.GET or None, queryset=needs, prefix="need")
    project_filter = ProjectFilter(request.GET or None, queryset=projects, prefix="project")
    community = _own_community(user)
    context = {
        "programme": programme,
        "resources": access.visible(Resource.objects.select_related("sending_unit"), user),
        "needs": need_filter.qs if need_filter.is_valid() else needs,
        "projects": project_filter.qs if project_filter.is_valid() else projects,
        "need_filters": need_filter.form,
        "project_filters": project_filter.form,
        "may_offer": programme is not None and access.can(user, Permission.CADRES_SEND),
        "community": community,
        "may_match": programme is not None and access.can(user, Permission.CADRES_MATCH),
        "resource_form": ResourceForm(),
        "need_form": NeedForm(),
    }
    return render(request, "cadres/board.html", context)


@login_required
@require_POST
def resource_create(request):
    user = request.user
    access.require(user, Permission.CADRES_SEND)
    form = ResourceForm(request.POST)
    if form.is_valid():
        with refusal_shown(request) as shown:
            actions.offer_resource(user=user, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("The resource was listed."))
    else:
        messages.error(request, _("Name the resource."))
    return redirect("cadres:board")


@login_required
@require_POST
def need_create(request):
    user = request.user
    access.require(user, Permission.CADRES_HOST)
    community = _own_community(user)
    form = NeedForm(request.POST)
    if community is None or not form.is_valid():
        messages.error(request, _("Name the need."))
        return redirect("cadres:board")
    with refusal_shown(request) as shown:
        actions.list_need(user=user, community=community, **form.cleaned_data)
    if not shown.refused:
        messages.success(request, _("The need was listed."))
    return redirect("cadres:board")


@login_required
def project_create(request):
    """A project of one community: the community's cadre starts it for their own community; a sending
    unit's clerk picks the community (?community=) whose needs their resources answer."""
    user = request.user
    access.require(user, Permission.CADRES_MATCH)
    county = access.require_county(user)
    community = _own_community(user)
    if community is None:
        community = access.get_visible_or_404(
            visible_communities(user, county), user, pk=request.GET.get("community") or 0
        )
    needs = access.visible(Need.objects.filter(community=community, status=NeedStatus.OPEN), user)
    resources = access.visible(Resource.objects.filter(county=county).select_related("sending_unit"), user)
    form = ProjectForm(request.POST or None, needs=needs, resources=resources)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form=form) as shown:
            project = actions.start_project(user=user, community=community, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("The project was started."))
            return redirect("cadres:project_detail", project.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "cadres/project_create.html", {"form": form, "community": community}, status=status
    )


@login_required
def project_detail(request, pk: int):
    user = request.user
    project = access.get_visible_or_404(Project.objects.select_related("community"), user, pk=pk)
    form = ProjectProgressForm(
        request.POST or None,
        initial={
            "status": project.status,
            "outcome": project.outcome,
            "problems_solved": project.problems_solved,
            "services_held": project.services_held,
        },
    )
    if request.method == "POST":
        access.require(user, Permission.CADRES_MATCH, project)
        if form.is_valid():
            with refusal_shown(form=form) as shown:
                actions.update_project(user=user, project=project, **form.cleaned_data)
            if not shown.refused:
                messages.success(request, _("Saved."))
                return redirect("cadres:project_detail", project.pk)
    context = {
        "project": project,
        "needs": project.needs.all(),
        "resources": project.resources.select_related("sending_unit"),
        "form": form,
        "may_update": access.can(user, Permission.CADRES_MATCH, project),
    }
    return render(
        request, "cadres/project_detail.html", context, status=400 if request.method == "POST" else 200
    )
