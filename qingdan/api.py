"""The REST API under /api/v1/: each app adds its router; the same access gate as the pages.

Errors answer {"detail": message} (Chinese):
    401  neither a signed-in session nor a valid bearer token
    403  the role may not do this here (access.require), or a session write without a CSRF token
    404  missing, or outside the caller's scope (the same answer, so nothing can be probed)
    409  the action refused: the data's state does not allow it (qingdan.errors.ActionRefused)
    400  a request body that is not JSON
    422  bad parameters: {"detail": [{"loc", "msg", "type"}]}, every message in Chinese; an integer
         beyond 64 bits is bad too; a bad catalog file answers its rows' errors
An address under /api/v1/ that names no endpoint answers 404 in JSON like the rest.

The interactive documentation at /api/v1/docs uses the Swagger UI files shipped with django-ninja,
served as static files: it needs no internet access.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from qingdan.accounts.api import router as accounts_router
from qingdan.accounts.api_auth import SessionOrToken
from qingdan.admission.api import router as admission_router
from qingdan.apitools import apply_common_rules, chinese_errors
from qingdan.assessment.api import router as assessment_router
from qingdan.audit.api import router as audit_router
from qingdan.bodies.api import router as bodies_router
from qingdan.burden.ledger.api import router as burden_ledger_router
from qingdan.cadres.api import router as cadres_router
from qingdan.duties.api import router as duties_router
from qingdan.errors import ActionRefused
from qingdan.forms.api import router as forms_router
from qingdan.orgs.api import router as orgs_router
from qingdan.registers.api import router as registers_router
from qingdan.staffing.api import router as staffing_router
from qingdan.tasks.api import router as tasks_router


class ReadableJSON(JSONRenderer):
    """Chinese text as itself rather than \\u escapes: still valid JSON, readable with curl."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Qingdan API",
    version="1",
    description=(
        "Duty catalogs, divisions and audit trail, under the same scope rules as the pages. "
        "Authenticate with the browser session (writes need the CSRF token) or with "
        "`Authorization: Bearer <token>`."
    ),
    auth=SessionOrToken(),
    urls_namespace="api",
    renderer=ReadableJSON(),
    # validatorUrl None: Swagger UI would otherwise send the document to validator.swagger.io.
    docs=Swagger(
        settings={"validatorUrl": None, "persistAuthorization": False, "defaultModelsExpandDepth": 0}
    ),
)

api.add_router("", accounts_router, tags=["accounts"])
api.add_router("", orgs_router, tags=["divisions and units"])
api.add_router("", duties_router, tags=["duty catalogs"])
api.add_router("/audit", audit_router, tags=["audit"])
api.add_router("", admission_router, tags=["admission"])
api.add_router("", bodies_router, tags=["coordination bodies"])
api.add_router("/assessment", assessment_router, tags=["village assessment"])
api.add_router("", cadres_router, tags=["seconded cadres"])
api.add_router("", burden_ledger_router, tags=["burden ledger"])
api.add_router("", tasks_router, tags=["task checklists"])
api.add_router("", staffing_router, tags=["staffing"])
api.add_router("/forms", forms_router, tags=["forms"])
api.add_router("/forms", registers_router, tags=["forms"])  # the addresses and tag they had in forms
apply_common_rules(api)


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc):
    message = _("Sign in, or send an API token as “Authorization: Bearer <token>”.")
    return api.create_response(request, {"detail": message}, status=401)


@api.exception_handler(PermissionDenied)
def not_allowed(request, exc):
    return api.create_response(request, {"detail": _("You are not allowed to do this.")}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ActionRefused)
def refused(request, exc: ActionRefused):
    return api.create_response(request, {"detail": exc.message}, status=409)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc: ValidationError):
    return api.create_response(request, {"detail": chinese_errors(exc.errors)}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        message = _("The request body is not valid JSON.")
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@csrf_exempt  # it changes nothing, and a refused POST would answer an HTML page
def no_such_endpoint(request, rest: str = ""):
    """Any address under /api/v1/ that no endpoint serves (qingdan/urls.py routes them here last)."""
    return JsonResponse({"detail": _("Not found.")}, status=404, json_dumps_params={"ensure_ascii": False})
