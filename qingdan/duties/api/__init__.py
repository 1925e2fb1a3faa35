"""Duty catalogs over the API. Reads go through access.visible; writes through access.require and the actions.

catalogs     the list, one catalog, its versions, a version's items, diffs
files        import a division's list, publish a template, adopt a template
amendments   apply → consult → decide
mirror       a department's mirror view
"""

from ninja import Router

from . import amendments, catalogs, files, mirror

router = Router()
for part in (catalogs, files, amendments, mirror):
    router.add_router("", part.router)
