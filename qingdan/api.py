"""The REST API under /api/v1/: each app adds its router; the same access gate as the pages."""

from ninja import NinjaAPI

from qingdan.accounts.api_auth import SessionOrToken

api = NinjaAPI(
    title="Qingdan API",
    version="1",
    description="Duty catalogs, divisions and audit trail, under the same scope rules as the pages.",
    auth=SessionOrToken(),
    urls_namespace="api",
)
