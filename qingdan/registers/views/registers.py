"""The base registers: a village's profile (figures with history) and its residents (masked by default)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.forms.views.common import paginate, shown, village_elements, visible_village
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, User
from qingdan.registers import actions as registers
from qingdan.registers import personal, queries

from ..filters import ResidentFilter
from ..forms import RevealForm, VillageFactForm
from ..models import Resident, ResidentFact, VillageFact
from ..queries import FULL_ID, matching

RESIDENT_PAGE = 50


def registered_village(user, code: str) -> Division:
    """A village the user sees (404 if not) and whose registers they may read (403 if not)."""
    village = visible_village(user, code)
    access.require(user, Permission.VIEW_REGISTERS, village)
    return village


@login_required
def register_home(request):
    """Where the registers start: a village cadre's own village, or a choice of townships and villages."""
    user = request.user
    access.require(user, Permission.VIEW_REGISTERS)
    root = access.scope_root(user)
    if root is not None and root.level == Level.VILLAGE:
        return redirect("forms:village_screen", root.code)
    if root is not None and root.level == Level.TOWNSHIP:
        return redirect("forms:township_screen", root.code)
    townships = access.visible(Division.objects.filter(level=Level.TOWNSHIP), user)
    villages = access.visible(Division.objects.filter(level=Level.VILLAGE), user)
    by_township: dict[int, list[Division]] = {}
    for village in villages.order_by("code"):
        by_township.setdefault(village.parent_id, []).append(village)
    tree = [(t, by_township.get(t.pk, [])) for t in townships.order_by("code")]
    return render(request, "registers/register_home.html", {"tree": tree})


# --- village profile ---------------------------------------------------------------------------


@login_required
def village_profile(request, code: str):
    user = request.user
    village = registered_village(user, code)
    elements = list(village_elements(user))
    current = queries.current_village_facts(village, elements)
    setters = User.objects.in_bulk({fact.set_by_id for fact in current.values() if fact.set_by_id})
    # (element, its current fact or None, who set it): the setters fetched in one query.
    rows = []
    for element in elements:
        fact = current.get(element.pk)
        setter = setters.get(fact.set_by_id) if fact is not None and fact.set_by_id else None
        rows.append((element, fact, setter))
    context = {
        "village": village,
        "rows": rows,
        "held": sum(1 for _element, fact, _setter in rows if fact is not None),
        "may_edit": access.can(user, Permission.MANAGE_REGISTERS, village),
    }
    return render(request, "registers/village_profile.html", context)


def _fact_page(request, village, element, form, *, status=200):
    user = request.user
    history = access.visible(
        VillageFact.objects.filter(village=village, element=element).select_related("set_by"), user
    ).order_by("-as_of", "-id")
    context = {
        "village": village,
        "element": element,
        "history": history,
        "form": form,
        "may_edit": access.can(user, Permission.MANAGE_REGISTERS, village),
    }
    return render(request, "registers/village_fact.html", context, status=status)


@login_required
def village_fact(request, code: str, element_pk: int):
    """One figure of a village: its history, and (for those who keep the register) a new value."""
    user = request.user
    village = registered_village(user, code)
    element = access.get_visible_or_404(village_elements(user), user, pk=element_pk)
    if request.method != "POST":
        return _fact_page(request, village, element, VillageFactForm(initial={"as_of": timezone.localdate()}))
    access.require(user, Permission.MANAGE_REGISTERS, village)
    form = VillageFactForm(request.POST)
    if form.is_valid():
        with refusal_shown(form=form, field="value") as shown:
            registers.set_village_fact(
                user=user,
                village=village,
                element=element,
                value=form.cleaned_data["value"],
                as_of=form.cleaned_data["as_of"],
            )
        if not shown.refused:
            messages.success(request, _("%(name)s was updated.") % {"name": element.name})
            return redirect("registers:village_profile", village.code)
    return _fact_page(request, village, element, form, status=400)


# --- residents ---------------------------------------------------------------------------------


def _found_by_post(request, village, residents):
    """The search form posts, so that a full ID number never goes into an address (logs keep those): a
    full ID number opens that resident's page; anything else comes back as an ordinary search."""
    filters = ResidentFilter(request.POST, queryset=residents).form
    if not filters.is_valid():
        return redirect("registers:resident_list", village.code)
    text, tag = filters.cleaned_data["q"].strip(), filters.cleaned_data["tag"].strip()
    if FULL_ID.match(text):
        found = matching(residents, text).first()
        if found is not None:
            return redirect("registers:resident_detail", found.pk)
        messages.error(
            request, _("No resident of %(village)s has this ID number.") % {"village": village.name}
        )
        text = ""
    query = urlencode({key: value for key, value in (("q", text), ("tag", tag)) if value})
    url = reverse("registers:resident_list", args=[village.code])
    return redirect(f"{url}?{query}" if query else url)


@login_required
def resident_list(request, code: str):
    user = request.user
    village = registered_village(user, code)
    residents = access.visible(Resident.objects.filter(village=village, is_active=True), user)
    if request.method == "POST":
        return _found_by_post(request, village, residents)
    filters = ResidentFilter(request.GET, queryset=residents)
    page = paginate(request, filters.qs, RESIDENT_PAGE)
    context = {
        "village": village,
        "page": page,
        "filters": filters.form,
        "total": residents.count(),
        "may_import": access.can(user, Permission.MANAGE_REGISTERS, village),
    }
    return render(request, "registers/resident_list.html", context)


def _resident(user, pk: int) -> Resident:
    return access.get_visible_or_404(Resident.objects.select_related("village__parent"), user, pk=pk)


def _resident_page(request, resident, *, reveal_form=None, revealed=None, status=200):
    user = request.user
    facts = list(
        access.visible(ResidentFact.objects.filter(resident=resident), user)
        .select_related("element", "set_by")
        .order_by("element__code", "-as_of", "-id")
    )
    seen: set[int] = set()
    for fact in facts:
        fact.is_current = fact.element_id not in seen
        fact.shown_value = shown(fact.element, fact.value)
        seen.add(fact.element_id)
    context = {
        "resident": resident,
        "village": resident.village,
        "facts": facts,
        "may_reveal": access.can(user, Permission.REVEAL_PERSONAL, resident),
        "reveal_form": reveal_form or RevealForm(),
        "revealed": revealed,
    }
    if request.htmx and request.method == "POST":
        # htmx swaps only 2xx answers: the form with its Chinese message comes back as 200.
        return render(request, "registers/_reveal.html", context)
    return render(request, "registers/resident_detail.html", context, status=status)


@login_required
def resident_detail(request, pk: int):
    user = request.user
    resident = _resident(user, pk)
    access.require(user, Permission.VIEW_REGISTERS, resident)
    return _resident_page(request, resident)


@login_required
@require_POST
def resident_reveal(request, pk: int):
    """Show the clear ID number or phone once, for a reason that goes into the audit trail."""
    user = request.user
    resident = _resident(user, pk)
    access.require(user, Permission.REVEAL_PERSONAL, resident)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return _resident_page(request, resident, reveal_form=form, status=400)
    field = form.cleaned_data["field"]
    with refusal_shown(form=form, field="reason") as shown:
        value = personal.reveal_resident(
            user=user, resident=resident, field=field, reason=form.cleaned_data["reason"]
        )
    if shown.refused:
        return _resident_page(request, resident, reveal_form=form, status=400)
    revealed = {"field": field, "label": personal.field_label(field), "value": value}
    response = _resident_page(request, resident, revealed=revealed)
    response["Cache-Control"] = "no-store"
    return response
