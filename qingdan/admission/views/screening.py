"""Screening as the clerk writes: the order form asks (htmx, debounced) what the screener would say of
the draft — the items it matches for each target, the likely decision and what to change — before it is
submitted. The same screener as at submission (admission.screen); nothing is stored, and the decision
stays the reviewer's."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.orgs.models import Division

from .. import screen
from ..choices import Decision
from ..forms import OrderForm
from ..models import Screening
from .common import MatchLine, match_lines

# What the clerk can do about each likely decision.
ADVICE = {
    Decision.ALLOW: _("Within the duty list: the reviewer will usually approve it."),
    Decision.COOPERATE: _(
        "The list has the grassroots assist while a department leads: make clear what the department "
        "itself does and what support it gives."
    ),
    Decision.REFUSE: _(
        "The list says this work is not for the grassroots: do it in the department, or take these "
        "targets out. Otherwise the reviewer will usually refuse it."
    ),
    Decision.NOT_LISTED: _(
        "Nothing in the duty list matches: write the work in the list's own words if it is listed; work "
        "that is truly new reaches them only after the list is amended."
    ),
}


@dataclass
class ScreenedGroup:
    """Targets whose catalogs say the same of the draft (villages adopting one template, usually)."""

    decision: str
    lines: list[MatchLine]
    divisions: list[Division] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(Decision(self.decision).label)

    @property
    def advice(self) -> str:
        return str(ADVICE[Decision(self.decision)])


def _groups(screenings: list[Screening]) -> list[ScreenedGroup]:
    groups: dict[tuple, ScreenedGroup] = {}
    for one in screenings:
        key = (one.decision, tuple((m["list_kind"], m["item_no"]) for m in one.matches))
        if key not in groups:
            groups[key] = ScreenedGroup(decision=one.decision, lines=match_lines(one))
        groups[key].divisions.append(one.division)
    return list(groups.values())


def _targets(request, form: OrderForm) -> list[tuple[Division, bool]]:
    """The ticked townships and villages, only those the form offers the clerk (their scope)."""
    whole = set(request.POST.getlist("all_villages"))
    codes = set(request.POST.getlist("targets")) | whole
    return [(form.by_code[code], code in whole) for code in sorted(codes) if code in form.by_code]


@login_required
@require_POST
def order_screen(request):
    user = request.user
    access.require(user, Permission.SUBMIT_ORDER)
    form = OrderForm(request.POST, user=user)  # for the targets in scope; the draft is not validated
    targets = _targets(request, form)
    text = screen.text_to_screen(request.POST.get("title", "").strip(), request.POST.get("text", "").strip())
    context: dict = {"ready": bool(targets and text)}
    if context["ready"]:
        divisions = screen.divisions_reached(targets)
        versions = screen.current_versions(divisions)
        screenings = screen.screen_divisions(divisions, versions, text)
        context.update(
            groups=_groups(screenings),
            likely=screen.worst(s.decision for s in screenings) if screenings else "",
            missing=[d.name for d in divisions if d.pk not in versions],
        )
        if context["likely"]:
            context["likely_label"] = Decision(context["likely"]).label
    return render(request, "admission/_screen_preview.html", context)
