"""The registers' pages: village profiles, residents, and the bulk import with a preview."""

from .imports import import_cancel, import_commit, import_preview, import_upload
from .registers import (
    register_home,
    resident_detail,
    resident_list,
    resident_reveal,
    village_fact,
    village_profile,
)

__all__ = [
    "import_cancel",
    "import_commit",
    "import_preview",
    "import_upload",
    "register_home",
    "resident_detail",
    "resident_list",
    "resident_reveal",
    "village_fact",
    "village_profile",
]
