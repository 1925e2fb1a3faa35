"""Helpers the duty catalog endpoints share: fetching within scope, diffs and catalog files as answers."""

from collections import Counter

from ninja import UploadedFile

from qingdan import access
from qingdan.apitools import WRITE_ERRORS, ValidationErrorOut, upload_too_large
from qingdan.duties.sheet import Problem, ReadResult, read_catalog

from ..choices import ListKind, VersionStatus
from ..diff import VersionDiff, compare
from ..models import Catalog, CatalogVersion, DutyItem
from ..schemas import FileResultOut

# A file upload answers 200 or 422 with the same shape: the rows read, and every error by row and column;
# a request missing a part (no file, no division) answers the usual 422 of bad parameters.
FILE_REFUSED = FileResultOut | ValidationErrorOut
FILE_ANSWERS = {200: FileResultOut, 422: FILE_REFUSED, **WRITE_ERRORS}


def catalog_or_404(request, catalog_id: int) -> Catalog:
    return access.get_visible_or_404(
        Catalog.objects.select_related("division", "current_version"), request.auth, pk=catalog_id
    )


def visible_items(user, **lookup):
    return access.visible(DutyItem.objects.filter(**lookup), user)


def version_or_404(request, catalog_id: int, number: int) -> CatalogVersion:
    published = CatalogVersion.objects.filter(catalog_id=catalog_id, status=VersionStatus.PUBLISHED)
    return access.get_visible_or_404(published, request.auth, number=number)


def _summary(item) -> dict | None:
    if item is None:
        return None
    return {"list_kind": item.list_kind, "item_no": item.item_no, "name": item.name}


def changes_of(diff: VersionDiff) -> list[dict]:
    return [
        {
            "kind": change.kind,
            "old": _summary(change.old),
            "new": _summary(change.new),
            "fields": {name: list(values) for name, values in change.fields.items()},
        }
        for change in diff.changes
    ]


def compare_versions(user, old: CatalogVersion | None, new: CatalogVersion) -> VersionDiff:
    old_items = visible_items(user, version=old).order_by("position") if old else []
    return compare(old_items, visible_items(user, version=new).order_by("position"))


def read_upload(upload: UploadedFile) -> ReadResult:
    if message := upload_too_large(upload.size or 0):
        return ReadResult(errors=[Problem(row=0, column="", message=message)])
    return read_catalog(upload.read(), upload.name or "")


def _problems(problems: list[Problem]) -> list[dict]:
    return [{"row": p.row, "column": p.column, "message": p.message} for p in problems]


def file_result(result: ReadResult, version: CatalogVersion | None = None) -> dict:
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
