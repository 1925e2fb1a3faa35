"""The amendment procedure (动态调整): apply (申请) → consult (会商) → decide (审定)."""

from django.db.models import Prefetch
from ninja import File, Form, Router, Status, UploadedFile
from ninja.pagination import paginate

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, attach

from .. import actions
from ..models import Amendment, AmendmentStep
from ..schemas import AmendmentDetailOut, AmendmentOut, ConsultIn, DecideIn
from .common import FILE_REFUSED, catalog_or_404, changes_of, compare_versions, file_result, read_upload

router = Router()


def _amendments(user):
    return access.visible(
        Amendment.objects.select_related(
            "catalog__division", "base_version", "proposed_version", "applicant"
        ),
        user,
    )


def _amendment_detail(user, amendment_id: int) -> Amendment:
    """One amendment with its steps and the changes it proposes, ready for AmendmentDetailOut."""
    steps = Prefetch("steps", queryset=AmendmentStep.objects.select_related("actor"))
    amendment = access.get_visible_or_404(_amendments(user).prefetch_related(steps), user, pk=amendment_id)
    diff = compare_versions(user, amendment.base_version, amendment.proposed_version)
    return attach(amendment, counts=diff.counts, changes=changes_of(diff))


@router.get(
    "/catalogs/{int:catalog_id}/amendments",
    response={200: list[AmendmentOut], **READ_ERRORS},
    summary="The amendments of a catalog, newest first",
)
@paginate(Page)
def amendment_list(request, catalog_id: int):
    catalog = catalog_or_404(request, catalog_id)
    return _amendments(request.auth).filter(catalog=catalog).order_by("-created_at", "-id")


@router.post(
    "/catalogs/{int:catalog_id}/amendments",
    response={201: AmendmentDetailOut, 422: FILE_REFUSED, **WRITE_ERRORS},
    summary="Apply for an amendment (申请): the whole proposed item set as a file",
)
def amendment_apply(
    request,
    catalog_id: int,
    file: File[UploadedFile],
    title: str = Form(..., min_length=1, max_length=limits.TITLE_CHARS),
    reason: str = Form(..., min_length=1, max_length=limits.REASON_CHARS),
):
    user = request.auth
    catalog = catalog_or_404(request, catalog_id)
    access.require(user, Permission.APPLY_AMENDMENT, catalog)
    result = read_upload(file)
    if not result.ok:
        return Status(422, file_result(result))
    amendment = actions.apply_amendment(
        user=user, catalog=catalog, title=title, reason=reason, rows=result.rows, filename=file.name or ""
    )
    return Status(201, _amendment_detail(user, amendment.pk))


@router.get(
    "/amendments/{int:amendment_id}",
    response={200: AmendmentDetailOut, **READ_ERRORS},
    summary="One amendment, with its steps and the changes it proposes",
)
def amendment_detail(request, amendment_id: int):
    return _amendment_detail(request.auth, amendment_id)


@router.post(
    "/amendments/{int:amendment_id}/consult",
    response={200: AmendmentDetailOut, **WRITE_ERRORS},
    summary="Record a consultation opinion (会商)",
)
def amendment_consult(request, amendment_id: int, payload: ConsultIn):
    user = request.auth
    amendment = access.get_visible_or_404(_amendments(user), user, pk=amendment_id)
    access.require(user, Permission.CONSULT_AMENDMENT, amendment.catalog)
    actions.consult_amendment(user=user, amendment=amendment, opinion=payload.opinion)
    return _amendment_detail(user, amendment_id)


@router.post(
    "/amendments/{int:amendment_id}/decide",
    response={200: AmendmentDetailOut, **WRITE_ERRORS},
    summary="Approve or reject an amendment (审定)",
)
def amendment_decide(request, amendment_id: int, payload: DecideIn):
    user = request.auth
    amendment = access.get_visible_or_404(_amendments(user), user, pk=amendment_id)
    access.require(user, Permission.DECIDE_AMENDMENT, amendment.catalog)
    actions.decide_amendment(user=user, amendment=amendment, approve=payload.approve, opinion=payload.opinion)
    return _amendment_detail(user, amendment_id)
