"""The register: the list with its cap badge, one body, set-up (撤一设一 at the cap), edit, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.orgs.models import Division, Unit

from .. import actions
from ..filters import BodyFilter
from ..forms import BodyForm, RevokeForm, SetUpForm
from ..models import BodyDocument, BodyMeeting, CoordinationBody
from ..queries import active_bodies, cap_of, county_cap_status, handover_rows
from .common import body_divisions, checklist_link, county_units, paginate, visible_body

RECENT = 50  # meetings and documents shown on a body's page


@login_required
def body_list(request):
    user = request.user
    county = access.user_county(user)
    bodies = access.visible(CoordinationBody.objects.select_related("division", "lead_unit"), user)
    units = county_units(user, county) if county else Unit.objects.none()
    # only the units that lead a body here, and the divisions named by name (the picker)
    units = units.filter(pk__in=bodies.values("lead_unit_id"))
    filters = BodyFilter(request.GET, queryset=bodies, units=units, user=user)
    page = paginate(request, filters.qs)
    context = {
        "page": page,
        "filters": filters.form,
        "cap": county_cap_status(user, county) if county else None,
        "county": county,
        "may_manage": access.can(user, Permission.MANAGE_BODIES, county),
    }
    return render(request, "bodies/body_list.html", context)


@login_required
def body_detail(request, pk: int):
    user = request.user
    body = visible_body(user, pk)
    meetings = access.visible(BodyMeeting.objects.filter(body=body), user)
    documents = access.visible(BodyDocument.objects.filter(body=body), user)
    may_manage = access.can(user, Permission.MANAGE_BODIES, body)
    context = {
        "body": body,
        "members": body.member_units.order_by("name"),
        "meetings": meetings[:RECENT],
        "meeting_count": meetings.count(),
        "documents": documents[:RECENT],
        "document_count": documents.count(),
        "may_manage": may_manage,
        "may_record": access.can(user, Permission.RECORD_BODY_WORK, body),
        "handover": handover_rows(body) if not body.is_active else [],
        "checklist_url": checklist_link(body) if not body.is_active else "",
    }
    return render(request, "bodies/body_detail.html", context)


def _chosen_division(request, divisions, county: Division) -> Division:
    code = request.POST.get("division") or request.GET.get("division")
    if code and code.isdigit():
        found = divisions.filter(pk=code).first()
        if found is not None:
            return found
    return county


def _set_up_page(request, form, division: Division, status=200):
    active = active_bodies(division).count()
    cap = cap_of(division)
    context = {
        "form": form,
        "division": division,
        "active": active,
        "cap": cap,
        "at_cap": cap > 0 and active >= cap,
        "no_bodies": cap == 0,
    }
    return render(request, "bodies/body_create.html", context, status=status)


@login_required
def body_create(request):
    user = request.user
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_BODIES, county)
    divisions = body_divisions(user, county)
    division = _chosen_division(request, divisions, county)
    revocable = access.visible(active_bodies(division), user).order_by("name")
    kwargs = {"units": county_units(user, county), "divisions": divisions, "revocable": revocable}
    if request.method != "POST":
        form = SetUpForm(initial={"division": division.pk}, **kwargs)
        return _set_up_page(request, form, division)
    form = SetUpForm(request.POST, **kwargs)
    if form.is_valid():
        with refusal_shown(form=form) as shown:
            body = actions.set_up_body(
                user=user,
                division=form.cleaned_data["division"],
                **form.replacement(),
                **form.values(),
            )
        if not shown.refused:
            replaced = form.replacement().get("revoke")
            if replaced is not None:
                messages.success(
                    request,
                    _("%(new)s was set up and %(old)s revoked in the same act.")
                    % {"new": body.name, "old": replaced.name},
                )
            else:
                messages.success(request, _("%(name)s was set up.") % {"name": body.name})
            return redirect("bodies:body_detail", body.pk)
    return _set_up_page(request, form, division, status=400)


def _initial(body: CoordinationBody) -> dict:
    initial = {name: getattr(body, name) for name in actions.BODY_FIELDS}
    initial["members"] = list(body.member_units.all())
    initial["other_members"] = body.other_members
    return initial


@login_required
def body_edit(request, pk: int):
    user = request.user
    body = visible_body(user, pk)
    access.require(user, Permission.MANAGE_BODIES, body)
    units = county_units(user, body.county)
    if request.method != "POST":
        form = BodyForm(initial=_initial(body), units=units)
        return render(request, "bodies/body_edit.html", {"form": form, "body": body})
    form = BodyForm(request.POST, units=units)
    if form.is_valid():
        values = form.values()
        members = values.pop("members")
        other_members = values.pop("other_members")
        with refusal_shown(form=form) as shown:
            actions.update_body(user=user, body=body, members=members, other_members=other_members, **values)
        if not shown.refused:
            messages.success(request, _("The changes to %(name)s were saved.") % {"name": body.name})
            return redirect("bodies:body_detail", body.pk)
    return render(request, "bodies/body_edit.html", {"form": form, "body": body}, status=400)


@login_required
def body_revoke(request, pk: int):
    user = request.user
    body = visible_body(user, pk)
    access.require(user, Permission.MANAGE_BODIES, body)
    if not body.is_active:
        return redirect("bodies:body_detail", body.pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form=form) as shown:
            actions.revoke_body(
                user=user,
                body=body,
                document=form.cleaned_data["document"],
                revoked_on=form.cleaned_data["revoked_on"],
                note=form.cleaned_data["note"],
            )
        if not shown.refused:
            messages.success(
                request,
                _("%(name)s was revoked. Its open work goes to %(unit)s: see the handover below.")
                % {"name": body.name, "unit": body.lead_unit_label or _("its lead unit")},
            )
            return redirect("bodies:body_detail", body.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "body": body, "handover": handover_rows(body)}
    return render(request, "bodies/body_revoke.html", context, status=status)
