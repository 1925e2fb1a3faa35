"""The review toolkit is tested through an app that uses it: work orders and their review entries."""

from qingdan.admission.tests.conftest import (  # noqa: F401  (fixtures pytest finds by name)
    approved,
    catalogs,
    draft,
    make_order,
    submitted,
)
