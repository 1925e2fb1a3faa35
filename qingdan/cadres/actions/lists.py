"""The three lists (资源清单、需求清单、项目清单): a sending unit offers resources, a community lists its
needs, and a project links one or more resources to one or more needs of one community."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.actiontools import locked
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role
from qingdan.orgs.models import Division

from ..choices import NeedStatus, ProjectStatus
from ..models import Need, Project, Resource
from .checks import a_date, choice, community_of, county_of, programme_of, text, whole


def offer_resource(*, user, title: str, description: str = "") -> Resource:
    """A resource the user's unit offers communities (a venue, expertise, funds, volunteers)."""
    county = county_of(user)
    programme_of(county)
    resource = Resource(county=county, sending_unit=user.unit)
    access.require(user, Permission.CADRES_SEND, resource)
    resource.title = text(title, label=_("The name"))
    resource.description = text(
        description, label=_("The description"), required=False, limit=limits.REASON_CHARS
    )
    with transaction.atomic():
        resource.save()
        record(
            actor=user,
            action="cadres.offer_resource",
            obj=resource,
            changes={"title": [None, resource.title]},
        )
    return resource


def list_need(*, user, community: Division, title: str, description: str = "") -> Need:
    """A need of the community (a lift, parking spaces, care for the elderly)."""
    access.require(user, Permission.CADRES_HOST, community)
    county = community.county_division()
    community_of(county, community)
    need = Need(
        county=county,
        community=community,
        title=text(title, label=_("The name")),
        description=text(description, label=_("The description"), required=False, limit=limits.REASON_CHARS),
    )
    with transaction.atomic():
        need.save()
        record(actor=user, action="cadres.list_need", obj=need, changes={"title": [None, need.title]})
    return need


def start_project(
    *,
    user,
    community: Division,
    title: str,
    needs: Iterable[Need],
    resources: Iterable[Resource],
    owner: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> Project:
    """A project of one community answering at least one of its needs with at least one resource. The
    community starts it, or a sending unit that offers one of the resources."""
    access.require(user, Permission.CADRES_MATCH, community)
    county = community.county_division()
    community_of(county, community)
    title = text(title, label=_("The name"))
    owner = text(owner, label=_("The owner"), limit=50)
    needs = list(dict.fromkeys(needs))
    resources = list(dict.fromkeys(resources))
    if not needs:
        raise ActionRefused(_("A project answers at least one need of the community; choose one."))
    if not resources:
        raise ActionRefused(_("A project uses at least one resource of a sending unit; choose one."))
    for need in needs:
        access.require_seen(user, need)
        if need.community_id != community.pk:
            raise ActionRefused(
                _("The need “%(need)s” is not of %(community)s.")
                % {"need": need.title, "community": community.name}
            )
        if need.status != NeedStatus.OPEN:
            raise ActionRefused(_("The need “%(need)s” is already met.") % {"need": need.title})
    for resource in resources:
        access.require_seen(user, resource)
        if resource.county_id != county.pk:
            raise ActionRefused(
                _("The resource “%(title)s” is not of this county.") % {"title": resource.title}
            )
    if user.role == Role.DEPT_CLERK and not any(r.sending_unit_id == user.unit_id for r in resources):
        raise ActionRefused(_("Choose at least one resource your own unit offers."))
    starts_on = a_date(starts_on, label=_("The start date"))
    ends_on = a_date(ends_on, label=_("The end date"))
    if ends_on < starts_on:
        raise ActionRefused(_("The end date is before the start date."))
    with transaction.atomic():
        project = Project.objects.create(
            county=county,
            community=community,
            title=title,
            owner=owner,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        project.needs.set(needs)
        project.resources.set(resources)
        record(
            actor=user,
            action="cadres.start_project",
            obj=project,
            changes={
                "needs": [None, "、".join(n.title for n in needs)],
                "resources": [None, "、".join(r.title for r in resources)],
                "owner": [None, owner],
            },
        )
    return project


def update_project(
    *,
    user,
    project: Project,
    status: str,
    outcome: str = "",
    problems_solved: int = 0,
    services_held: int = 0,
) -> Project:
    """Progress and outcome. A project done meets its needs; it needs an outcome said in words."""
    access.require(user, Permission.CADRES_MATCH, project)
    access.require_seen(user, project)
    status = choice(status, ProjectStatus, label=_("the status"))
    outcome = text(
        outcome,
        label=_("The results achieved"),
        required=status == ProjectStatus.DONE,
        limit=limits.REASON_CHARS,
    )
    values = {
        "status": status,
        "outcome": outcome,
        "problems_solved": whole(problems_solved, label=_("Problems solved")),
        "services_held": whole(services_held, label=_("Services held")),
    }
    with transaction.atomic():
        project = locked(project)
        before = {name: getattr(project, name) for name in values}
        for name, value in values.items():
            setattr(project, name, value)
        project.save(update_fields=list(values))
        if status == ProjectStatus.DONE:
            project.needs.update(status=NeedStatus.MET)
        record(actor=user, action="cadres.update_project", obj=project, changes=diff(before, values))
    return project
