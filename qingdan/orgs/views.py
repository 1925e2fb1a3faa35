"""Division pages: the tree of the user's scope, and one division with its units and duty catalog."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from qingdan import access
from qingdan.duties.models import Catalog

from .choices import Level
from .models import Division, Unit, subtree_bounds
from .queries import ancestor_codes, division_tree, matches

MAX_SEARCH_RESULTS = 200
PICKER_RESULTS = 20  # divisions a picker offers at once; typing more of the name finds the others


@login_required
@require_GET
def division_list(request):
    """The division tree of the user's scope, built from one query; or the divisions a search finds."""
    query = request.GET.get("q", "").strip()[:50]
    divisions = list(
        access.visible_divisions(request.user)
        .only("code", "name", "level", "kind", "parent_id")
        .order_by("code")
    )
    tree = division_tree(divisions)
    by_pk = {d.pk: d for d in divisions}
    found = [d for d in divisions if matches(d, query)] if query else []
    results = [(d, by_pk.get(d.parent_id)) for d in found[:MAX_SEARCH_RESULTS]]
    context = {
        "tree": tree,
        "query": query,
        "results": results,
        "result_count": len(found),
        "truncated": len(found) > MAX_SEARCH_RESULTS,
        "townships": sum(d.level == Level.TOWNSHIP for d in divisions),
        "villages": sum(n.villages for n in tree),
        "communities": sum(n.communities for n in tree),
        "single_root_open": len(tree) == 1,
    }
    return render(request, "orgs/division_list.html", context)


@login_required
@require_GET
def division_detail(request, code: str):
    """One division: where it sits, what lies below it, who works there, and its duty catalog."""
    user = request.user
    division = access.get_visible_or_404(Division, user, code=code)
    ancestors = access.visible_divisions(user).filter(code__in=ancestor_codes(division)).order_by("code")
    children = (
        access.visible_divisions(user)
        .filter(parent=division)
        .annotate(child_count=Count("children"))
        .order_by("code")
    )
    units = access.visible(Unit.objects.filter(division=division), user).order_by("kind", "name")
    catalogs = access.visible(
        Catalog.objects.filter(division=division).select_related("current_version"), user
    ).order_by("-is_template", "level")
    context = {
        "division": division,
        "ancestors": list(ancestors),
        "children": list(children),
        "units": list(units),
        "catalogs": list(catalogs),
    }
    return render(request, "orgs/division_detail.html", context)


@login_required
@require_GET
def division_search(request):
    """The divisions in the user's scope whose name holds the typed words (or whose code starts with the
    typed digits), for the division pickers: JSON {"results": [{code, name, parent}], "more": bool}.

    `levels` (e.g. "township,village") limits the levels offered; `within` (a division's code) limits
    them to that division's subtree, a 404 when it is not in the user's scope, like every page."""
    user = request.user
    query = request.GET.get("q", "").strip()[:50]
    divisions = access.visible_divisions(user)
    if within := request.GET.get("within", "").strip():
        root = access.get_visible_or_404(Division, user, code=within)
        low, high = subtree_bounds(root.code, root.level)
        divisions = divisions.filter(code__gt=root.code, code__gte=low, code__lte=high)
    levels = [level for level in request.GET.get("levels", "").split(",") if level in Level.values]
    if levels:
        divisions = divisions.filter(level__in=levels)
    for word in query.split():
        divisions = divisions.filter(Q(name__icontains=word) | Q(code__startswith=word))
    found = list(
        divisions.select_related("parent")
        .only("code", "name", "level", "parent__name")
        .order_by("code")[: PICKER_RESULTS + 1]
    )
    results = [
        {"code": d.code, "name": d.name, "parent": d.parent.name if d.parent else None}
        for d in found[:PICKER_RESULTS]
    ]
    return JsonResponse({"results": results, "more": len(found) > PICKER_RESULTS})
