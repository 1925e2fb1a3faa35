"""Duty catalogs over the API. Reads go through access.visible; writes through access.require and the actions.

catalogs     the list, one catalog, its versions, a version's items, diffs
files        import a division's list, publish a template, adopt a template
amendments   apply → consult → decide
mirror       a department's mirror view
screen       screen a request against a division's current catalog
"""

from ninja import Router

from . import amendments, catalogs, files, mirror, screen

router = Router()
for part in (catalogs, files, amendments, mirror, screen):
    router.add_router("", part.router)
