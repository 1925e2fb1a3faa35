"""What every app's API module shares: the page size rules, error bodies and the uploaded-file limit.

The NinjaAPI object itself lives in qingdan/api.py, which imports the routers; this module imports
nothing of theirs, so the routers can import it.
"""

from typing import Any, TypeVar

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination

MEGABYTE = 1024 * 1024
T = TypeVar("T")


class Page(LimitOffsetPagination):
    """`?limit=&offset=`: 50 rows by default, at most 500; the answer is {"items": [...], "count": n}."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="rows per page (1-500)")
        offset: int = Field(0, ge=0, description="rows to skip")


class ErrorOut(Schema):
    detail: str


# The error answers every endpoint may give, for the OpenAPI document.
READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def attach(obj: T, **values: Any) -> T:
    """Put values computed for the answer (counts, related lists) on an object the schema reads."""
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def invalid(location: str, errors: dict[str, str]) -> ValidationError:
    """A 422 in the same shape as ninja's own validation errors: {"detail": [{"loc", "msg", "type"}]}.

    `location` is "query", "body" or "form"; `errors` maps each bad parameter to its message.
    """
    return ValidationError(
        [{"loc": [location, name], "msg": message, "type": "value_error"} for name, message in errors.items()]
    )


def upload_too_large(size: int) -> str | None:
    """The message for a file over the upload limit, or None when it fits."""
    limit = settings.QINGDAN_MAX_UPLOAD_BYTES
    if size <= limit:
        return None
    return _("The file is too large (%(size)s MB); the limit is %(limit)s MB.") % {
        "size": f"{size / MEGABYTE:.1f}",
        "limit": f"{limit / MEGABYTE:g}",
    }
