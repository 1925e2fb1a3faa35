"""Reading catalogs: the list, one catalog, its versions, a version's items, and diffs between versions."""

from django.db.models import Count
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from qingdan import access
from qingdan.apitools import READ_ERRORS, Page, attach, filtered, invalid

from ..choices import CatalogLevel, ListKind, VersionStatus
from ..filters import CatalogFilter, DutyItemFilter
from ..models import Catalog
from ..schemas import DIVISION_CODE, CatalogDetailOut, CatalogOut, DiffOut, ItemOut, VersionOut
from .common import catalog_or_404, changes_of, compare_versions, version_or_404, visible_items

router = Router()


@router.get("/catalogs", response=list[CatalogOut], summary="Catalogs in scope")
@paginate(Page)
def catalog_list(
    request,
    division: str | None = Query(None, pattern=DIVISION_CODE, description="a division code: it and below"),
    level: CatalogLevel | None = None,
    template: bool | None = Query(None, description="true: templates only; false: division catalogs only"),
):
    catalogs = access.visible(Catalog.objects.select_related("division", "current_version"), request.auth)
    params = {"division": division, "level": level, "template": template}
    catalogs = filtered(CatalogFilter(params, queryset=catalogs))
    return catalogs.order_by("division__code", "-is_template", "level", "pk")


@router.get(
    "/catalogs/{int:catalog_id}",
    response={200: CatalogDetailOut, **READ_ERRORS},
    summary="One catalog, with its current version and counts per list kind",
)
def catalog_detail(request, catalog_id: int):
    catalog = catalog_or_404(request, catalog_id)
    per_kind = dict(
        visible_items(request.auth, version_id=catalog.current_version_id)
        .order_by()
        .values_list("list_kind")
        .annotate(n=Count("id"))
    )
    return attach(
        catalog,
        counts={kind: per_kind[kind] for kind in ListKind if kind in per_kind},
        item_count=sum(per_kind.values()),
        version_count=catalog.versions.filter(status=VersionStatus.PUBLISHED).count(),
    )


@router.get(
    "/catalogs/{int:catalog_id}/versions",
    response={200: list[VersionOut], **READ_ERRORS},
    summary="The published versions of a catalog, newest first",
)
def version_list(request, catalog_id: int):
    catalog = catalog_or_404(request, catalog_id)
    versions = list(
        catalog.versions.filter(status=VersionStatus.PUBLISHED)
        .select_related("published_by", "adopted_from__catalog")
        .order_by("-number")
    )
    counts = dict(
        visible_items(request.auth, version__catalog=catalog)
        .order_by()
        .values_list("version_id")
        .annotate(n=Count("id"))
    )
    return [attach(version, item_count=counts.get(version.pk, 0)) for version in versions]


@router.get(
    "/catalogs/{int:catalog_id}/versions/{int:number}/items",
    response={200: list[ItemOut], **READ_ERRORS},
    summary="The items of one version, in published order",
)
@paginate(Page)
def item_list(request, catalog_id: int, number: int, list_kind: ListKind | None = None):
    version = version_or_404(request, catalog_id, number)
    items = visible_items(request.auth, version=version)
    return filtered(DutyItemFilter({"list_kind": list_kind}, queryset=items)).order_by("position")


@router.get(
    "/catalogs/{int:catalog_id}/diff",
    response={200: DiffOut, **READ_ERRORS},
    summary="What changed between two versions",
)
def catalog_diff(
    request,
    catalog_id: int,
    from_version: int | None = Query(
        None, alias="from", ge=1, description="default: the version before `to`"
    ),
    to: int | None = Query(None, ge=1, description="default: the current version"),
):
    catalog = catalog_or_404(request, catalog_id)
    new = version_or_404(request, catalog_id, to) if to else catalog.current_version
    if new is None:
        raise invalid("query", {"to": _("The catalog has no published version yet.")})
    if from_version is None:
        earlier = catalog.versions.filter(status=VersionStatus.PUBLISHED, number__lt=new.number)
        old = earlier.order_by("-number").first()
    else:
        old = version_or_404(request, catalog_id, from_version)
    diff = compare_versions(request.auth, old, new)
    return {
        "from_version": old.number if old else None,
        "to_version": new.number,
        "counts": diff.counts,
        "changes": changes_of(diff),
    }
