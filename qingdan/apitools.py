"""What every app's API module shares: the page size rules, error bodies and the uploaded-file limit,
and the rules every operation follows (`apply_common_rules`, called once by qingdan/api.py):

- every integer the API reads (path, query, form or body, ids and counts alike) lies in the 64-bit
  range the databases store, so a larger one answers 422 instead of overflowing in the database;
  no text it reads holds a NUL character, which PostgreSQL cannot store;
- every operation documents the answers any operation may give: 400 (a body that is not JSON),
  401 (not signed in) and 422 (bad parameters, in the shape of ValidationErrorOut);
- `chinese_errors` words pydantic's validation errors in Chinese.

The NinjaAPI object itself lives in qingdan/api.py, which imports the routers; this module imports
nothing of theirs, so the routers can import it.
"""

import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, TypeVar, get_args, get_origin

import pydantic
from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination

MEGABYTE = 1024 * 1024
T = TypeVar("T")

# The range of a 64-bit signed integer: ids (BigAutoField) and every integer column fit in it.
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


class Page(LimitOffsetPagination):
    """`?limit=&offset=`: 50 rows by default, at most 500; the answer is {"items": [...], "count": n}."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="rows per page (1-500)")
        offset: int = Field(0, ge=0, description="rows to skip")


class ErrorOut(Schema):
    detail: str


class ValidationProblemOut(Schema):
    loc: list[str | int] = Field(description='where: ["query" | "path" | "body" | "form" | "file", name, …]')
    msg: str = Field(description="what is wrong, in Chinese")
    type: str


class ValidationErrorOut(Schema):
    """The 422 answer to bad parameters: each problem with where it is."""

    detail: list[ValidationProblemOut]


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


def filtered(filterset: Any) -> Any:
    """The rows a django-filter FilterSet keeps, the same one the page uses; a 422 naming each
    parameter it refused (a choice that does not exist, a department that is not there)."""
    if not filterset.is_valid():
        raise invalid("query", {name: " ".join(messages) for name, messages in filterset.errors.items()})
    return filterset.qs


def upload_too_large(size: int) -> str | None:
    """The message for a file over the upload limit, or None when it fits."""
    limit = settings.QINGDAN_MAX_UPLOAD_BYTES
    if size <= limit:
        return None
    return _("The file is too large (%(size)s MB); the limit is %(limit)s MB.") % {
        "size": f"{size / MEGABYTE:.1f}",
        "limit": f"{limit / MEGABYTE:g}",
    }


# --- rules every operation follows ----------------------------------------------------------------


def apply_common_rules(api: NinjaAPI) -> None:
    """Bound every integer each operation reads to 64 bits, and document the common error answers.

    Run once, after every router has been added. The parameter models are shared by the operations
    and their clones, so bounding them (and the schemas they hold) in place bounds every request."""
    seen: dict[type, bool] = {}
    for operation in _operations(api):
        for model in operation.models:
            _bound_model(model, seen)
        has_input = any(model.model_fields for model in operation.models)
        reads_body = any(
            getattr(model, "__ninja_param_source__", "") in ("body", "form", "file")
            for model in operation.models
        )
        common: dict[int, Any] = {401: ErrorOut}
        if has_input:
            common[422] = ValidationErrorOut
        if reads_body:
            common[400] = ErrorOut
        for status, schema in common.items():
            operation.response_models.setdefault(status, operation._create_response_model(schema))


def _operations(api: NinjaAPI) -> Iterator[Any]:
    # The bound routers hold the operations the URLs serve (django-ninja clones them per mount).
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            yield from path_view.operations


def bounded_int_annotation(annotation: Any, strict: bool = False) -> Any:
    """The annotation with every plain `int` in it (also inside Optional, list, dict …) limited to the
    64-bit range; the same object when it holds none. With `strict` (a JSON body), an integer or a
    boolean must be sent as one: `false` is no 0 and `1` is no true, and an object as an object. Text
    may not hold the NUL character (PostgreSQL cannot store it; Django's form fields refuse it too)."""
    if annotation is int:
        if strict:
            return Annotated[int, pydantic.Strict(), Field(ge=INT64_MIN, le=INT64_MAX)]
        return Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
    if annotation is bool:
        return Annotated[bool, pydantic.Strict()] if strict else annotation
    if annotation is str:
        return Annotated[str, pydantic.AfterValidator(_no_nul_character)]
    if strict and isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        # django-ninja's Schema reads any object by its attributes: `[null]` would pass as an empty one.
        return Annotated[annotation, pydantic.BeforeValidator(_json_object)]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is None or not args or origin is typing.Literal:
        return annotation
    if origin is Annotated:
        inner = bounded_int_annotation(args[0], strict)
        return annotation if inner is args[0] else Annotated[(inner, *annotation.__metadata__)]
    new_args = tuple(bounded_int_annotation(arg, strict) for arg in args)
    if all(new is old for new, old in zip(new_args, args, strict=True)):
        return annotation
    if origin in (typing.Union, types.UnionType):
        return typing.Union[new_args]  # noqa: UP007 (a Union built from a tuple of types)
    return origin[new_args]


def _json_object(value: Any) -> Any:
    if not isinstance(value, dict | pydantic.BaseModel):
        raise ValueError(_("Enter an object."))
    return value


def _no_nul_character(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_("Text may not contain the NUL character (\\x00)."))
    return value


def _models_in(annotation: Any) -> Iterator[type[pydantic.BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


def _bound_model(model: type[pydantic.BaseModel], seen: dict[type, bool], strict: bool = False) -> bool:
    """Bound the integer fields of `model` and of the models it holds; rebuild what changed.
    Returns whether `model` changed (its parents must then be rebuilt too)."""
    if model in seen:
        return seen[model]
    seen[model] = False  # a model that holds itself
    strict = strict or getattr(model, "__ninja_param_source__", "") == "body"
    changed = False
    for field in model.model_fields.values():
        for inner in _models_in(field.annotation):
            changed |= _bound_model(inner, seen, strict)
        annotation = bounded_int_annotation(field.annotation, strict)
        if annotation is not field.annotation:
            field.annotation = annotation
            changed = True
    if changed:
        model.model_rebuild(force=True)
    seen[model] = changed
    return changed


# --- validation errors in Chinese ------------------------------------------------------------------


def _error_messages() -> dict[str, str]:
    """pydantic's error types, worded in Chinese; %(name)s placeholders come from the error's context."""
    return {
        "missing": _("This field is required."),
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "int_from_float": _("Enter a whole number."),
        "float_parsing": _("Enter a number."),
        "float_type": _("Enter a number."),
        "decimal_parsing": _("Enter a number."),
        "decimal_type": _("Enter a number."),
        "decimal_max_digits": _("Enter a number of at most %(max_digits)s digits."),
        "decimal_max_places": _("Enter a number with at most %(decimal_places)s decimal places."),
        "decimal_whole_digits": _("Enter a number of at most %(whole_digits)s digits before the point."),
        "finite_number": _("Enter a finite number."),
        "bool_parsing": _("Enter true or false."),
        "bool_type": _("Enter true or false."),
        "string_type": _("Enter text."),
        "string_too_short": _("Enter at least %(min_length)s characters."),
        "string_too_long": _("Enter at most %(max_length)s characters."),
        "string_pattern_mismatch": _("The value is not in the expected form."),
        "string_unicode": _("Enter text."),
        "greater_than": _("Enter a value greater than %(gt)s."),
        "greater_than_equal": _("Enter a value of at least %(ge)s."),
        "less_than": _("Enter a value less than %(lt)s."),
        "less_than_equal": _("Enter a value of at most %(le)s."),
        "multiple_of": _("Enter a multiple of %(multiple_of)s."),
        "enum": _("Choose one of: %(expected)s."),
        "literal_error": _("Choose one of: %(expected)s."),
        "date_parsing": _("Enter a date such as 2025-03-31."),
        "date_from_datetime_parsing": _("Enter a date such as 2025-03-31."),
        "date_from_datetime_inexact": _("Enter a date such as 2025-03-31."),
        "date_type": _("Enter a date such as 2025-03-31."),
        "datetime_parsing": _("Enter a date and time such as 2025-03-31T08:30:00."),
        "datetime_from_date_parsing": _("Enter a date and time such as 2025-03-31T08:30:00."),
        "datetime_type": _("Enter a date and time such as 2025-03-31T08:30:00."),
        "list_type": _("Enter a list."),
        "dict_type": _("Enter an object."),
        "model_type": _("Enter an object."),
        "model_attributes_type": _("Enter an object."),
        "too_short": _("Give at least %(min_length)s."),
        "too_long": _("Give at most %(max_length)s."),
        "json_invalid": _("The request body is not valid JSON."),
        "json_type": _("The request body is not valid JSON."),
        "extra_forbidden": _("This field is not expected."),
        "uuid_parsing": _("The value is not in the expected form."),
    }


def chinese_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors with their messages in Chinese; the location and type stay as they are.
    A message the project wrote itself (type "value_error", from `invalid` or a validator) is kept."""
    messages = _error_messages()
    worded = []
    for error in errors:
        kind = error.get("type", "")
        message = str(error.get("msg", ""))
        if kind == "value_error":
            message = message.removeprefix("Value error, ")
        elif kind in messages:
            context = {key: _readable(value) for key, value in (error.get("ctx") or {}).items()}
            try:
                message = messages[kind] % context
            except (KeyError, TypeError, ValueError):
                message = messages[kind].split("%(")[0].rstrip("：: ")
        else:
            message = _("This value is not valid.")
        worded.append({"loc": list(error.get("loc", [])), "msg": message, "type": kind})
    return worded


def _readable(value: Any) -> str:
    if isinstance(value, str):
        return value.replace("'", "")
    return str(value)
