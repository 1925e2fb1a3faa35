"""Catalog pages: the list, one catalog with its versions, the .xlsx export, adopting a template."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.jobs import exports as jobs_exports
from qingdan.orgs.models import Division

from .. import actions, exports, queries
from ..choices import VersionStatus
from ..filters import CatalogFilter
from ..forms import AdoptForm
from ..models import Amendment, Catalog, DutyItem
from .common import KIND_LABELS, KIND_ORDER, parse_number, published_version
from .item_list import item_list_html, render_items

PAGE_SIZE = 50
ITEMS_FOUND = 50  # items shown by a search on the catalog list; more are counted, and the words narrowed


def _kind_counts(version_ids: list[int], user) -> dict[int, list[tuple[str, int]]]:
    """Item counts per list kind of each version, in one aggregate query."""
    rows = (
        access.visible(DutyItem.objects.filter(version_id__in=version_ids), user)
        .values("version_id", "list_kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["version_id"], {})[row["list_kind"]] = row["n"]
    return {
        version_id: [(str(KIND_LABELS[k]), by_kind[k]) for k in KIND_ORDER if k in by_kind]
        for version_id, by_kind in counts.items()
    }


@login_required
def catalog_list(request):
    user = request.user
    catalogs = (
        access.visible(Catalog.objects.all(), user)
        .select_related("division__parent", "current_version")
        .order_by("-is_template", "division__code", "level")
    )
    filters = CatalogFilter(request.GET, queryset=catalogs, user=user)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = _kind_counts([c.current_version_id for c in page if c.current_version_id], user)
    for catalog in page:
        catalog.kind_counts = counts.get(catalog.current_version_id, [])
        catalog.item_total = sum(n for _, n in catalog.kind_counts)
    cleaned = filters.form.cleaned_data if filters.is_valid() else {}
    words = queries.search_words(cleaned.get("q"))
    context = {
        "page": page,
        "filters": filters.form,
        "words": " ".join(words),
        "may_import": access.can(user, Permission.IMPORT_CATALOG),
        "may_publish_template": access.can(user, Permission.PUBLISH_TEMPLATE),
    }
    if words:
        found = _items_found(filters.catalogs_searched(), user, words)
        shown = list(found[: ITEMS_FOUND + 1])
        context["items_found"] = shown[:ITEMS_FOUND]
        context["items_total"] = len(shown) if len(shown) <= ITEMS_FOUND else found.count()
    return render(request, "duties/catalog_list.html", context)


def _items_found(catalogs, user, words: list[str]):
    """The current items the user may see, in these catalogs, whose name or content holds the words."""
    items = access.visible(DutyItem.objects.filter(version__catalog__in=catalogs.values("pk")), user)
    return (
        queries.matching_items(queries.current_items(items), words)
        .select_related("version__catalog__division__parent")
        .order_by("version__catalog__is_template", "version__catalog__division__code", "position")
    )


def _visible_catalog(user, pk: int) -> Catalog:
    return access.get_visible_or_404(
        Catalog.objects.select_related("division__parent", "current_version", "template"), user, pk=pk
    )


def _adopt_candidates(template: Catalog, user):
    """The townships or villages in the user's scope that may adopt this template."""
    if not template.is_template or template.current_version_id is None:
        return Division.objects.none()
    if not access.can(user, Permission.ADOPT_TEMPLATE):
        return Division.objects.none()
    return access.visible(
        Division.objects.filter(level=template.level, county_id=template.county_id), user
    ).order_by("code")


def _detail_context(request, catalog: Catalog, adopt_form=None) -> dict[str, Any]:
    user = request.user
    version = published_version(catalog, parse_number(request.GET.get("version")))
    versions = list(
        catalog.versions.filter(status=VersionStatus.PUBLISHED)
        .select_related("published_by", "adopted_from__catalog")
        .order_by("-number")
    )
    amendments = access.visible(Amendment.objects.filter(catalog=catalog).select_related("applicant"), user)[
        :20
    ]
    context: dict[str, Any] = {
        **_items_context(request, catalog, version),
        "is_current": version is not None and version.pk == catalog.current_version_id,
        "versions": versions,
        "amendments": amendments,
        "may_export": version is not None and access.can(user, Permission.EXPORT_CATALOG, catalog),
        "may_import": not catalog.is_template and access.can(user, Permission.IMPORT_CATALOG, catalog),
        "may_publish": catalog.is_template and access.can(user, Permission.PUBLISH_TEMPLATE, catalog),
        "may_amend": catalog.current_version_id is not None
        and access.can(user, Permission.APPLY_AMENDMENT, catalog),
    }
    if catalog.is_template:
        candidates = _adopt_candidates(catalog, user)
        if adopt_form is None and candidates.exists():
            adopt_form = AdoptForm(candidates=candidates)
        context["adopt_form"] = adopt_form
        context["adopted_ids"] = set(
            Catalog.objects.filter(
                template=catalog, current_version__adopted_from_id=catalog.current_version_id
            ).values_list("division_id", flat=True)
        )
    return context


def _items_context(request, catalog: Catalog, version) -> dict[str, Any]:
    """The version's items the user may see, narrowed to those holding the words of the search box."""
    words = queries.search_words(request.GET.get("q"))
    context: dict[str, Any] = {"catalog": catalog, "version": version, "words": " ".join(words)}
    context["item_list"], context["item_total"] = ("", 0)
    if version is not None:
        shown = access.visible(version.items.order_by("position"), request.user)
        if words:  # drawn afresh: a search's few items are quick to draw and not worth a cache entry
            found = list(queries.matching_items(shown, words))
            context["item_list"], context["found_total"] = render_items(found), len(found)
            context["item_total"] = shown.count()
        else:
            context["item_list"], context["item_total"] = item_list_html(version, shown)
    return context


@login_required
def catalog_detail(request, pk: int):
    catalog = _visible_catalog(request.user, pk)
    if request.htmx and request.htmx.target == "catalog-items":  # the search box asks for the items only
        version = published_version(catalog, parse_number(request.GET.get("version")))
        return render(request, "duties/_catalog_search.html", _items_context(request, catalog, version))
    return render(request, "duties/catalog_detail.html", _detail_context(request, catalog))


@login_required
def catalog_export(request, pk: int):
    """The chosen (default: current) version as an .xlsx in the import layout, made by a job (a county
    catalog may hold thousands of items): the job's page offers the file when it is ready."""
    user = request.user
    catalog = _visible_catalog(user, pk)
    access.require(user, Permission.EXPORT_CATALOG, catalog)
    version = published_version(catalog, parse_number(request.GET.get("version")))
    if version is None:
        messages.error(request, _("This catalog has no published version yet."))
        return redirect("duties:catalog_detail", catalog.pk)
    params = {"catalog": catalog.pk, "version": version.number}
    return jobs_exports.begin(request, exports.CATALOG, params=params)


@login_required
@require_POST
def template_adopt(request, pk: int):
    user = request.user
    template = _visible_catalog(user, pk)
    access.require(user, Permission.ADOPT_TEMPLATE, None)
    candidates = _adopt_candidates(template, user)
    form = AdoptForm(request.POST, candidates=candidates)
    if not form.is_valid():
        context = _detail_context(request, template, adopt_form=form)
        return render(request, "duties/catalog_detail.html", context, status=400)
    with refusal_shown(request) as shown:
        adopted = actions.adopt_template(
            user=user, template=template, divisions=form.cleaned_data["divisions"]
        )
    if not shown.refused:
        chosen = len(form.cleaned_data["divisions"])
        messages.success(
            request,
            _("%(adopted)s of %(chosen)s chosen divisions adopted the template; the others already had it.")
            % {"adopted": len(adopted), "chosen": chosen},
        )
    return redirect("duties:catalog_detail", template.pk)
