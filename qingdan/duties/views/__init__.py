"""The duty catalog pages, split by area: catalogs, imports, amendments and diffs, the mirror view."""

from .amendments import (
    amendment_consult,
    amendment_create,
    amendment_decide,
    amendment_detail,
    amendment_list,
    version_diff,
)
from .catalogs import catalog_detail, catalog_export, catalog_list, template_adopt
from .imports import (
    catalog_import,
    catalog_import_cancel,
    catalog_import_commit,
    import_preview,
    template_publish,
)
from .mirror import mirror, mirror_export

__all__ = [
    "amendment_consult",
    "amendment_create",
    "amendment_decide",
    "amendment_detail",
    "amendment_list",
    "catalog_detail",
    "catalog_export",
    "catalog_import",
    "catalog_import_cancel",
    "catalog_import_commit",
    "catalog_list",
    "import_preview",
    "mirror",
    "mirror_export",
    "template_adopt",
    "template_publish",
    "version_diff",
]
