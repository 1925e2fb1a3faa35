"""A township's structure: its template check, modules with their leads, positions with their people
and duty items, the placement (100 % or the unplaced named), who does an item, and the A4 chart."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.duties.models import DutyItem
from qingdan.errors import refusal_shown
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from .. import actions, pdf, queries
from ..forms import PlaceForm
from ..models import Placement, Position, TownModule


def _town(user, code: str) -> Division:
    return access.get_visible_or_404(Division.objects.filter(level=Level.TOWNSHIP), user, code=code)


def _positions(user, town: Division):
    return access.visible(Position.objects.filter(town_module__township=town), user).select_related(
        "town_module__module"
    )


def chart(user, town: Division) -> list[TownModule]:
    """The town's modules, each with its positions and their people (primary first)."""
    modules = list(access.visible(queries.town_modules(town), user))
    placements = access.visible(Placement.objects.filter(position__town_module__township=town), user)
    people: dict[int, list[Placement]] = {}
    for placement in placements.select_related("person"):
        people.setdefault(placement.position_id, []).append(placement)
    positions: dict[int, list[Position]] = {}
    for position in _positions(user, town).prefetch_related("items"):
        position.people = people.get(position.pk, [])
        positions.setdefault(position.town_module_id, []).append(position)
    for module in modules:
        module.position_list = positions.get(module.pk, [])
    return modules


def _form(user, town, data=None) -> PlaceForm:
    people = access.visible(queries.township_people(town), user).order_by("name")
    return PlaceForm(data, people=people, positions=_positions(user, town).order_by("name"))


@login_required
def town_detail(request, code: str, form: PlaceForm | None = None, status: int = 200):
    user = request.user
    town = _town(user, code)
    sees_people = access.visible(TownModule.objects.filter(township=town), user).exists()
    item = None
    if (item_pk := request.GET.get("item", "").strip()) and item_pk.isdigit():
        item = queries.township_items(town).filter(pk=int(item_pk)).first()
    context = {
        "town": town,
        "modules": chart(user, town),
        "status": queries.placement_status(town) if sees_people else None,
        "uncarried": queries.uncarried_items(town) if sees_people else DutyItem.objects.none(),
        "template": queries.template_check(town),
        "item": item,
        "who": queries.who_does(town, item) if item is not None and sees_people else [],
        "may_manage": access.can(user, Permission.MANAGE_STAFFING, town),
        "form": form or _form(user, town),
    }
    return render(request, "staffing/town_detail.html", context, status=status)


@login_required
@require_POST
def place(request, code: str):
    user = request.user
    town = _town(user, code)
    access.require(user, Permission.MANAGE_STAFFING, town)
    form = _form(user, town, request.POST)
    if form.is_valid():
        with refusal_shown(form=form) as shown:
            actions.place_person(
                user=user,
                person=form.cleaned_data["person"],
                position=form.cleaned_data["position"],
                primary=form.cleaned_data["primary"],
            )
        if not shown.refused:
            messages.success(request, _("%(name)s is placed.") % {"name": form.cleaned_data["person"].name})
            return redirect("staffing:town_detail", code)
    return town_detail(request, code, form=form, status=400)


@login_required
@require_POST
def unplace(request, pk: int):
    """Take a person out of a position (the placement goes; the audit trail keeps who and where)."""
    user = request.user
    placement = access.get_visible_or_404(
        Placement.objects.select_related("person", "position__town_module__township"), user, pk=pk
    )
    code = placement.position.town_module.township.code
    with refusal_shown(request) as shown:
        actions.remove_placement(user=user, placement=placement)
    if not shown.refused:
        messages.success(
            request,
            _("%(name)s is no longer in %(position)s.")
            % {"name": placement.person.name, "position": placement.position.name},
        )
    return redirect("staffing:town_detail", code)


@login_required
def town_print(request, code: str):
    user = request.user
    town = _town(user, code)
    try:
        document = pdf.chart_pdf(town, chart(user, town))
    except pdf.PrintUnavailable:
        return HttpResponse(_("Printing is not available on this server."), status=503)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = "inline; filename*=UTF-8''staffing-chart.pdf"
    return response
