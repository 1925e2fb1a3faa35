"""Duty catalogs over the API: catalogs, versions, items, diffs, imports, templates, amendments, and a
department's mirror view. Reads go through access.visible; writes through access.require and the actions."""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, ErrorOut, Page, attach, invalid, upload_too_large
from qingdan.catalogfile import Problem, ReadResult, read_catalog
from qingdan.orgs.models import Division, level_of_code, subtree_bounds

from . import actions, queries
from .choices import CatalogLevel, ListKind, VersionStatus
from .diff import VersionDiff, compare
from .models import Amendment, AmendmentStep, Catalog, CatalogVersion, DutyItem
from .schemas import (
    DIVISION_CODE,
    AdoptIn,
    AdoptOut,
    AmendmentDetailOut,
    AmendmentOut,
    CatalogDetailOut,
    CatalogOut,
    ConsultIn,
    DecideIn,
    DepartmentItemOut,
    DiffOut,
    FileResultOut,
    ItemOut,
    VersionOut,
)

router = Router()

FILE_ANSWERS = {200: FileResultOut, 422: FileResultOut, **WRITE_ERRORS}


# --- catalogs, versions, items -------------------------------------------------------------------


@router.get("/catalogs", response=list[CatalogOut], summary="Catalogs in scope")
@paginate(Page)
def catalog_list(
    request,
    division: str | None = Query(None, pattern=DIVISION_CODE, description="a division code: it and below"),
    level: CatalogLevel | None = None,
    template: bool | None = Query(None, description="true: templates only; false: division catalogs only"),
):
    catalogs = access.visible(Catalog.objects.select_related("division", "current_version"), request.auth)
    if division:
        low, high = subtree_bounds(division, level_of_code(division))
        catalogs = catalogs.filter(division__code__gte=low, division__code__lte=high)
    if level:
        catalogs = catalogs.filter(level=level)
    if template is not None:
        catalogs = catalogs.filter(is_template=template)
    return catalogs.order_by("division__code", "-is_template", "level", "pk")


def _catalog(request, catalog_id: int) -> Catalog:
    return access.get_visible_or_404(
        Catalog.objects.select_related("division", "current_version"), request.auth, pk=catalog_id
    )


def _visible_items(user, **lookup):
    return access.visible(DutyItem.objects.filter(**lookup), user)


@router.get(
    "/catalogs/{int:catalog_id}",
    response={200: CatalogDetailOut, **READ_ERRORS},
    summary="One catalog, with its current version and counts per list kind",
)
def catalog_detail(request, catalog_id: int):
    catalog = _catalog(request, catalog_id)
    per_kind = dict(
        _visible_items(request.auth, version_id=catalog.current_version_id)
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
    catalog = _catalog(request, catalog_id)
    versions = list(
        catalog.versions.filter(status=VersionStatus.PUBLISHED)
        .select_related("published_by", "adopted_from__catalog")
        .order_by("-number")
    )
    counts = dict(
        _visible_items(request.auth, version__catalog=catalog)
        .order_by()
        .values_list("version_id")
        .annotate(n=Count("id"))
    )
    return [attach(version, item_count=counts.get(version.pk, 0)) for version in versions]


def _version(request, catalog_id: int, number: int) -> CatalogVersion:
    published = CatalogVersion.objects.filter(catalog_id=catalog_id, status=VersionStatus.PUBLISHED)
    return access.get_visible_or_404(published, request.auth, number=number)


@router.get(
    "/catalogs/{int:catalog_id}/versions/{int:number}/items",
    response={200: list[ItemOut], **READ_ERRORS},
    summary="The items of one version, in published order",
)
@paginate(Page)
def item_list(request, catalog_id: int, number: int, list_kind: ListKind | None = None):
    version = _version(request, catalog_id, number)
    items = _visible_items(request.auth, version=version)
    if list_kind:
        items = items.filter(list_kind=list_kind)
    return items.order_by("position")


def _summary(item) -> dict | None:
    if item is None:
        return None
    return {"list_kind": item.list_kind, "item_no": item.item_no, "name": item.name}


def _changes(diff: VersionDiff) -> list[dict]:
    return [
        {
            "kind": change.kind,
            "old": _summary(change.old),
            "new": _summary(change.new),
            "fields": {name: list(values) for name, values in change.fields.items()},
        }
        for change in diff.changes
    ]


def _compare(user, old: CatalogVersion | None, new: CatalogVersion) -> VersionDiff:
    old_items = _visible_items(user, version=old).order_by("position") if old else []
    return compare(old_items, _visible_items(user, version=new).order_by("position"))


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
    catalog = _catalog(request, catalog_id)
    new = _version(request, catalog_id, to) if to else catalog.current_version
    if new is None:
        raise invalid("query", {"to": _("The catalog has no published version yet.")})
    if from_version is None:
        earlier = catalog.versions.filter(status=VersionStatus.PUBLISHED, number__lt=new.number)
        old = earlier.order_by("-number").first()
    else:
        old = _version(request, catalog_id, from_version)
    diff = _compare(request.auth, old, new)
    return {
        "from_version": old.number if old else None,
        "to_version": new.number,
        "counts": diff.counts,
        "changes": _changes(diff),
    }


# --- files: import, templates --------------------------------------------------------------------


def _read(upload: UploadedFile) -> ReadResult:
    if message := upload_too_large(upload.size or 0):
        return ReadResult(errors=[Problem(row=0, column="", message=message)])
    return read_catalog(upload.read(), upload.name or "")


def _problems(problems: list[Problem]) -> list[dict]:
    return [{"row": p.row, "column": p.column, "message": p.message} for p in problems]


def _file_result(result: ReadResult, version: CatalogVersion | None = None) -> dict:
    counts = Counter(row.list_kind for row in result.rows)
    return {
        "ok": result.ok,
        "rows": len(result.rows),
        "counts": {kind: counts[kind] for kind in ListKind if counts[kind]},
        "errors": _problems(result.errors),
        "warnings": _problems(result.warnings),
        "version": version.number if version else None,
        "catalog": version.catalog_id if version else None,
    }


@router.post(
    "/catalogs/import",
    response=FILE_ANSWERS,
    summary="Import a division's published list from a file (.xlsx or .tsv)",
    description=(
        "The file becomes the division's next published version. One bad row refuses the whole file "
        "(422, with every error by row and column). With dry_run nothing is saved."
    ),
)
def import_catalog(
    request,
    division: Form[str],
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
):
    user = request.auth
    target = access.get_visible_or_404(Division.objects.all(), user, code=division)
    access.require(user, Permission.IMPORT_CATALOG, target)
    result = _read(file)
    if not result.ok:
        return Status(422, _file_result(result))
    version: CatalogVersion | None
    with transaction.atomic():
        # A dry run does everything the import does, then undoes it: the same refusals, nothing kept.
        version = actions.import_catalog(
            user=user, division=target, rows=result.rows, filename=file.name or ""
        )
        if dry_run:
            transaction.set_rollback(True)
            version = None
    return Status(200, _file_result(result, version))


@router.post(
    "/templates",
    response=FILE_ANSWERS,
    summary="Publish the county's template catalog for townships or villages from a file",
)
def publish_template(
    request,
    level: Form[CatalogLevel],
    file: File[UploadedFile],
    name: str = Form(..., min_length=1, max_length=200),
):
    user = request.auth
    county = access.scope_root(user)
    if county is None:
        raise PermissionDenied
    access.require(user, Permission.PUBLISH_TEMPLATE, county)
    if not (name := name.strip()):
        raise invalid("form", {"name": _("Give the template a name.")})
    result = _read(file)
    if not result.ok:
        return Status(422, _file_result(result))
    version = actions.publish_template(
        user=user, county=county, level=level, name=name, rows=result.rows, filename=file.name or ""
    )
    return Status(200, _file_result(result, version))


@router.post(
    "/catalogs/{int:catalog_id}/adopt",
    response={200: AdoptOut, **WRITE_ERRORS},
    summary="Townships or villages adopt a template's current version",
)
def adopt_template(request, catalog_id: int, payload: AdoptIn):
    user = request.auth
    template = _catalog(request, catalog_id)
    codes = list(dict.fromkeys(code.strip() for code in payload.divisions))
    found = {d.code: d for d in access.visible(Division.objects.filter(code__in=codes), user)}
    if missing := [code for code in codes if code not in found]:
        message = _("No division with the code %(codes)s.") % {"codes": "、".join(missing)}
        raise invalid("body", {"divisions": message})
    for division in found.values():
        access.require(user, Permission.ADOPT_TEMPLATE, division)
    adopted = actions.adopt_template(user=user, template=template, divisions=[found[code] for code in codes])
    done = {catalog.division.code: catalog for catalog in adopted}
    return {
        "adopted": [
            {"division": code, "catalog": c.pk, "version": getattr(c.current_version, "number", None)}
            for code, c in done.items()
        ],
        "unchanged": [code for code in codes if code not in done],
    }


# --- amendments ----------------------------------------------------------------------------------


def _amendments(user):
    return access.visible(
        Amendment.objects.select_related(
            "catalog__division", "base_version", "proposed_version", "applicant"
        ),
        user,
    )


def _amendment_detail(user, amendment_id: int) -> Amendment:
    """One amendment with its steps and the changes it proposes, ready for AmendmentDetailOut."""
    steps = Prefetch("steps", queryset=AmendmentStep.objects.select_related("actor"))
    amendment = access.get_visible_or_404(_amendments(user).prefetch_related(steps), user, pk=amendment_id)
    diff = _compare(user, amendment.base_version, amendment.proposed_version)
    return attach(amendment, counts=diff.counts, changes=_changes(diff))


@router.get(
    "/catalogs/{int:catalog_id}/amendments",
    response={200: list[AmendmentOut], **READ_ERRORS},
    summary="The amendments of a catalog, newest first",
)
@paginate(Page)
def amendment_list(request, catalog_id: int):
    catalog = _catalog(request, catalog_id)
    return _amendments(request.auth).filter(catalog=catalog).order_by("-created_at", "-id")


@router.post(
    "/catalogs/{int:catalog_id}/amendments",
    response={201: AmendmentDetailOut, 422: FileResultOut, **WRITE_ERRORS},
    summary="Apply for an amendment (申请): the whole proposed item set as a file",
)
def amendment_apply(
    request,
    catalog_id: int,
    file: File[UploadedFile],
    title: str = Form(..., min_length=1, max_length=200),
    reason: str = Form(..., min_length=1, max_length=5000),
):
    user = request.auth
    catalog = _catalog(request, catalog_id)
    access.require(user, Permission.APPLY_AMENDMENT, catalog)
    result = _read(file)
    if not result.ok:
        return Status(422, _file_result(result))
    amendment = actions.apply_amendment(
        user=user, catalog=catalog, title=title, reason=reason, rows=result.rows, filename=file.name or ""
    )
    return Status(201, _amendment_detail(user, amendment.pk))


@router.get(
    "/amendments/{int:amendment_id}",
    response={200: AmendmentDetailOut, **READ_ERRORS},
    summary="One amendment, with its steps and the changes it proposes",
)
def amendment_detail(request, amendment_id: int):
    return _amendment_detail(request.auth, amendment_id)


@router.post(
    "/amendments/{int:amendment_id}/consult",
    response={200: AmendmentDetailOut, **WRITE_ERRORS},
    summary="Record a consultation opinion (会商)",
)
def amendment_consult(request, amendment_id: int, payload: ConsultIn):
    user = request.auth
    amendment = access.get_visible_or_404(_amendments(user), user, pk=amendment_id)
    access.require(user, Permission.CONSULT_AMENDMENT, amendment.catalog)
    actions.consult_amendment(user=user, amendment=amendment, opinion=payload.opinion)
    return _amendment_detail(user, amendment_id)


@router.post(
    "/amendments/{int:amendment_id}/decide",
    response={200: AmendmentDetailOut, **WRITE_ERRORS},
    summary="Approve or reject an amendment (审定)",
)
def amendment_decide(request, amendment_id: int, payload: DecideIn):
    user = request.auth
    amendment = access.get_visible_or_404(_amendments(user), user, pk=amendment_id)
    access.require(user, Permission.DECIDE_AMENDMENT, amendment.catalog)
    actions.decide_amendment(user=user, amendment=amendment, approve=payload.approve, opinion=payload.opinion)
    return _amendment_detail(user, amendment_id)


# --- a department's mirror view ------------------------------------------------------------------


@router.get(
    "/departments/{int:unit_id}/items",
    response={200: list[DepartmentItemOut], 403: ErrorOut, **READ_ERRORS},
    summary="A department's mirror view: every current item naming it as the responsible unit",
)
@paginate(Page)
def department_items(request, unit_id: int, list_kind: ListKind | None = None):
    user = request.auth
    access.require(user, Permission.VIEW_MIRROR)
    unit = access.get_visible_or_404(access.mirror_units(user), user, pk=unit_id)
    items = queries.department_items(access.visible(DutyItem.objects.all(), user), unit)
    if list_kind:
        items = items.filter(list_kind=list_kind)
    return items
