"""What the one-set-of-forms pages share: fetching within scope, paging, masking, file answers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from qingdan import access
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.registers import personal
from qingdan.web.paging import paginate  # noqa: F401  (this app's pages import it from here)

from ..choices import ElementStatus, Register
from ..models import DataElement, FormRequest, Submission

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def visible_division(user, code: str, level: str) -> Division:
    return access.get_visible_or_404(Division.objects.filter(level=level), user, code=code)


def visible_village(user, code: str) -> Division:
    return visible_division(user, code, Level.VILLAGE)


def visible_element(user, pk: int) -> DataElement:
    return access.get_visible_or_404(
        DataElement.objects.select_related("proposed_by", "mapped_to"), user, pk=pk
    )


def visible_form(user, pk: int) -> FormRequest:
    forms = FormRequest.objects.select_related("department", "created_by", "merged_into", "county")
    return access.get_visible_or_404(forms, user, pk=pk)


def visible_submission(user, pk: int) -> Submission:
    submissions = Submission.objects.select_related("form__department", "village__parent", "submitted_by")
    return access.get_visible_or_404(submissions, user, pk=pk)


def approved_elements(user, register: str | None = None) -> QuerySet[DataElement]:
    """The county's approved data elements the user sees, in code order."""
    elements = access.visible(DataElement.objects.filter(status=ElementStatus.APPROVED), user)
    if register is not None:
        elements = elements.filter(register=register)
    return elements.order_by("code")


def village_elements(user) -> QuerySet[DataElement]:
    return approved_elements(user, Register.VILLAGE)


shown = personal.shown  # one rule for every page, export and the API


def download(data: bytes, filename: str, content_type: str = XLSX) -> HttpResponse:
    """An attachment download; the file name may be Chinese (sent in RFC 5987 form as well)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
