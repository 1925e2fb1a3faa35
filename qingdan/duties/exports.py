"""The duty exports as jobs (qingdan.jobs.exports): a catalog's .xlsx (a county catalog may hold thousands
of items) and a department's mirror .xlsx (one row per item naming it in every township and village), so
the worker writes the workbook and the person downloads it from the job's page."""

from __future__ import annotations

import io
from typing import Any

from django.http import Http404, QueryDict
from django.utils import timezone
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


def _mirror(user, params: dict[str, Any]):
    from .views.mirror import chosen_unit, mirror_filters

    query = QueryDict(params.get("query", ""))
    unit, _choices = chosen_unit(user, query)  # 403 without the right, 404 for a department out of scope
    if unit is None:
        raise Http404
    return unit, mirror_filters(user, query, unit)


def authorize_mirror(user, params: dict[str, Any]) -> None:
    _mirror(user, params)


def build_mirror(job, progress) -> exports.File:
    from .views.mirror import mirror_workbook

    unit, filters = _mirror(job.created_by, job.params)
    items = list(filters.qs)
    progress(0, len(items), _("Writing the workbook"))
    name = _("Mirror list of %(unit)s (%(date)s).xlsx") % {
        "unit": unit.name,
        "date": timezone.localdate().isoformat(),
    }
    return exports.File(mirror_workbook(items), name)


MIRROR = exports.Export(
    path="qingdan.duties.exports.MIRROR",
    kind="duties.export_mirror",
    authorize=authorize_mirror,
    build=build_mirror,
)
CATALOG = exports.Export(
    path="qingdan.duties.exports.CATALOG", kind="duties.export_catalog", authorize=authorize, build=build
)
