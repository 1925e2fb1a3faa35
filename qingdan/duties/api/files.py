"""Writing catalogs from files: import a division's list, publish a county template, adopt a template."""

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status, UploadedFile

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import WRITE_ERRORS, invalid
from qingdan.orgs.models import Division

from .. import actions
from ..choices import CatalogLevel
from ..models import CatalogVersion
from ..schemas import AdoptIn, AdoptOut
from .common import FILE_ANSWERS, catalog_or_404, file_result, read_upload

router = Router()


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
    result = read_upload(file)
    if not result.ok:
        return Status(422, file_result(result))
    version: CatalogVersion | None
    with transaction.atomic():
        # A dry run does everything the import does, then undoes it: the same refusals, nothing kept.
        version = actions.import_catalog(
            user=user, division=target, rows=result.rows, filename=file.name or ""
        )
        if dry_run:
            transaction.set_rollback(True)
            version = None
    return Status(200, file_result(result, version))


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
    county = access.require_own_division(user, Permission.PUBLISH_TEMPLATE)  # the action refuses a non-county
    if not (name := name.strip()):
        raise invalid("form", {"name": _("Give the template a name.")})
    result = read_upload(file)
    if not result.ok:
        return Status(422, file_result(result))
    version = actions.publish_template(
        user=user, county=county, level=level, name=name, rows=result.rows, filename=file.name or ""
    )
    return Status(200, file_result(result, version))


@router.post(
    "/catalogs/{int:catalog_id}/adopt",
    response={200: AdoptOut, **WRITE_ERRORS},
    summary="Townships or villages adopt a template's current version",
)
def adopt_template(request, catalog_id: int, payload: AdoptIn):
    user = request.auth
    template = catalog_or_404(request, catalog_id)
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
