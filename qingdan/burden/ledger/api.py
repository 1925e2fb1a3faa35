"""The light ledger's API under /api/v1/burden/ledger/: the same gate, actions and filters as the pages."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from qingdan import access
from qingdan.apitools import READ_ERRORS, WRITE_ERRORS, Page, filtered
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.review.schemas import DecisionNoteIn, DecisionReasonIn

from . import actions, queries, signs
from .filters import ViolationFilter
from .models import DigitalTool, MonitoringPoint, Sign, Violation
from .schemas import (
    LedgerBorrowingIn,
    LedgerCertificateIn,
    LedgerDispositionIn,
    LedgerDocumentIn,
    LedgerDropIn,
    LedgerEntryOut,
    LedgerInspectionIn,
    LedgerMeetingIn,
    LedgerMonthOut,
    LedgerPointIn,
    LedgerPointOut,
    LedgerSignIn,
    LedgerSignOut,
    LedgerSignsOut,
    LedgerToolIn,
    LedgerToolOut,
    LedgerViolationOut,
)

router = Router()
BASE = "/burden/ledger"


def _village(request: HttpRequest, pk: int) -> Division:
    return access.get_visible_or_404(Division.objects.filter(level=Level.VILLAGE), request.user, pk=pk)


def _entry_out(kind: str, entry) -> LedgerEntryOut:
    return LedgerEntryOut(
        id=entry.pk,
        kind=kind,
        month=entry.month,
        issuer=entry.issuer.name if entry.issuer_id else None,
        summary=str(entry),
        screening=getattr(entry, "screening", None),
        matched_item=getattr(entry, "matched_item", None),
    )


@router.get(f"{BASE}/points", response={200: list[LedgerPointOut], **READ_ERRORS})
@paginate(Page)
def list_points(request):
    return access.visible(MonitoringPoint.objects.select_related("village"), request.user)


@router.post(f"{BASE}/points", response={201: LedgerPointOut, **WRITE_ERRORS})
def mark_point(request, data: LedgerPointIn):
    village = _village(request, data.village)
    return Status(201, actions.mark_point(user=request.user, village=village, since=data.since))


@router.post(f"{BASE}/points/{{pk}}/unmark", response={200: LedgerPointOut, **WRITE_ERRORS})
def unmark_point(request, pk: int):
    point = access.get_visible_or_404(MonitoringPoint.objects.select_related("village"), request.user, pk=pk)
    return actions.unmark_point(user=request.user, point=point)


@router.get(f"{BASE}/villages/{{pk}}/months/{{month}}", response={200: LedgerMonthOut, **READ_ERRORS})
def month_detail(request, pk: int, month: datetime.date):
    village = _village(request, pk)
    found = queries.month_entries(request.user, village, month.replace(day=1))
    entries = [
        _entry_out(kind, entry)
        for kind, rows in (
            ("document", found.documents),
            ("meeting", found.meetings),
            ("inspection", found.inspections),
            ("certificate", found.certificates),
            ("borrowing", found.borrowings),
        )
        for entry in rows
    ]
    submitted = bool(found.ledger and found.ledger.submitted_at)
    return LedgerMonthOut(village_id=village.pk, month=found.month, submitted=submitted, entries=entries)


@router.post(
    f"{BASE}/villages/{{pk}}/months/{{month}}/submit", response={200: LedgerMonthOut, **WRITE_ERRORS}
)
def submit_month(request, pk: int, month: datetime.date):
    village = _village(request, pk)
    actions.submit_month(user=request.user, village=village, month=month)
    return month_detail(request, pk, month)


def _record(request, pk: int, kind: str, data) -> Status:
    village = _village(request, pk)
    entry = actions.RECORDERS[kind](user=request.user, village=village, **data.dict())
    return Status(201, _entry_out(kind, entry))


@router.post(f"{BASE}/villages/{{pk}}/documents", response={201: LedgerEntryOut, **WRITE_ERRORS})
def record_document(request, pk: int, data: LedgerDocumentIn):
    return _record(request, pk, "document", data)


@router.post(f"{BASE}/villages/{{pk}}/meetings", response={201: LedgerEntryOut, **WRITE_ERRORS})
def record_meeting(request, pk: int, data: LedgerMeetingIn):
    return _record(request, pk, "meeting", data)


@router.post(f"{BASE}/villages/{{pk}}/inspections", response={201: LedgerEntryOut, **WRITE_ERRORS})
def record_inspection(request, pk: int, data: LedgerInspectionIn):
    return _record(request, pk, "inspection", data)


@router.post(f"{BASE}/villages/{{pk}}/certificates", response={201: LedgerEntryOut, **WRITE_ERRORS})
def record_certificate(request, pk: int, data: LedgerCertificateIn):
    return _record(request, pk, "certificate", data)


@router.post(f"{BASE}/villages/{{pk}}/borrowings", response={201: LedgerEntryOut, **WRITE_ERRORS})
def record_borrowing(request, pk: int, data: LedgerBorrowingIn):
    return _record(request, pk, "borrowing", data)


@router.delete(f"{BASE}/entries/{{kind}}/{{pk}}", response={204: None, **WRITE_ERRORS})
def remove_entry(request, kind: str, pk: int):
    """Take back an entry typed by mistake (kind: document, meeting, inspection, certificate, borrowing)."""
    model = actions.ENTRY_MODELS.get(kind)
    if model is None:
        raise Http404
    entry = access.get_visible_or_404(model._default_manager.select_related("village"), request.user, pk=pk)
    actions.remove_entry(user=request.user, entry=entry)
    return Status(204, None)


@router.get(f"{BASE}/villages/{{pk}}/apps", response={200: list[LedgerToolOut], **READ_ERRORS})
def list_tools(request, pk: int):
    village = _village(request, pk)
    return access.visible(DigitalTool.objects.filter(village=village).select_related("issuer"), request.user)


@router.post(f"{BASE}/villages/{{pk}}/apps", response={201: LedgerToolOut, **WRITE_ERRORS})
def add_tool(request, pk: int, data: LedgerToolIn):
    village = _village(request, pk)
    return Status(201, actions.add_tool(user=request.user, village=village, **data.dict()))


@router.post(f"{BASE}/apps/{{pk}}/drop", response={200: LedgerToolOut, **WRITE_ERRORS})
def drop_tool(request, pk: int, data: LedgerDropIn):
    tool = access.get_visible_or_404(
        DigitalTool.objects.select_related("village", "issuer"), request.user, pk=pk
    )
    return actions.drop_tool(user=request.user, tool=tool, month=data.month)


@router.get(f"{BASE}/villages/{{pk}}/signs", response={200: LedgerSignsOut, **READ_ERRORS})
def list_signs(request, pk: int):
    village = _village(request, pk)
    rows = list(access.visible(Sign.objects.filter(village=village), request.user))
    report = signs.report(rows)
    return LedgerSignsOut(
        before=report.before,
        after=report.after,
        breaches=[str(breach) for breach in report.breaches],
        signs=[LedgerSignOut.model_validate(sign) for sign in rows],
    )


@router.post(f"{BASE}/villages/{{pk}}/signs", response={201: LedgerSignOut, **WRITE_ERRORS})
def add_sign(request, pk: int, data: LedgerSignIn):
    village = _village(request, pk)
    return Status(201, actions.add_sign(user=request.user, village=village, **data.dict()))


@router.post(f"{BASE}/signs/{{pk}}/disposition", response={200: LedgerSignOut, **WRITE_ERRORS})
def dispose_sign(request, pk: int, data: LedgerDispositionIn):
    sign = access.get_visible_or_404(Sign.objects.select_related("village"), request.user, pk=pk)
    return actions.dispose_sign(user=request.user, sign=sign, disposition=data.disposition, on=data.on)


@router.get(f"{BASE}/violations", response={200: list[LedgerViolationOut], **READ_ERRORS})
@paginate(Page)
def list_violations(request, status: str = "", rule: str = "", year: int | None = None):
    rows = access.visible(Violation.objects.select_related("division", "issuer"), request.user)
    params = {key: value for key, value in {"status": status, "rule": rule, "year": year}.items() if value}
    return filtered(ViolationFilter(params, queryset=rows))


def _violation(request, pk: int) -> Violation:
    rows = Violation.objects.select_related("division", "issuer")
    return access.get_visible_or_404(rows, request.user, pk=pk)


@router.post(f"{BASE}/violations/{{pk}}/confirm", response={200: LedgerViolationOut, **WRITE_ERRORS})
def confirm_violation(request, pk: int, data: DecisionNoteIn):
    violation = _violation(request, pk)
    actions.confirm_violation(user=request.user, violation=violation, note=data.note)
    return _violation(request, pk)


@router.post(f"{BASE}/violations/{{pk}}/dismiss", response={200: LedgerViolationOut, **WRITE_ERRORS})
def dismiss_violation(request, pk: int, data: DecisionReasonIn):
    violation = _violation(request, pk)
    actions.dismiss_violation(user=request.user, violation=violation, reason=data.reason)
    return _violation(request, pk)
