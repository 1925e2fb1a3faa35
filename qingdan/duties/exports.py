"""The catalog's .xlsx export as a job (qingdan.jobs.exports): a county catalog may hold thousands of
items, so the worker writes the workbook and the person downloads it from the job's page."""

from __future__ import annotations

import io
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.jobs import exports

from .choices import VersionStatus
from .models import Catalog, CatalogVersion
from .queries import rows_of
from .sheet import write_xlsx


def exported_version(user, params: dict[str, Any]) -> CatalogVersion:
    """The published version named in params, of a catalog the user sees (404) and may export (403)."""
    catalog = access.get_visible_or_404(Catalog.objects.all(), user, pk=params.get("catalog"))
    access.require(user, Permission.EXPORT_CATALOG, catalog)
    version = catalog.versions.filter(number=params.get("version"), status=VersionStatus.PUBLISHED).first()
    if version is None:
        raise Http404
    return version


def authorize(user, params: dict[str, Any]) -> None:
    exported_version(user, params)


def build(job, progress) -> exports.File:
    user = job.created_by
    version = exported_version(user, job.params)
    rows = rows_of(version, items=access.visible(version.items.all(), user))
    progress(0, len(rows), _("Writing the workbook"))
    stream = io.BytesIO()
    write_xlsx(rows, stream)
    name = _("%(name)s (version %(number)s).xlsx") % {"name": version.catalog.name, "number": version.number}
    return exports.File(stream.getvalue(), name)


CATALOG = exports.Export(
    path="qingdan.duties.exports.CATALOG", kind="duties.export_catalog", authorize=authorize, build=build
)
