"""A village fills its forms: the due list, the fill page (everything known already filled, 已预填), a check
of each value as it is typed (htmx), saving a draft and submitting.

Cells are posted as c-<resident id, 0 for the village row>-<element id>. ID numbers and phones are never
put back into a page in clear: such a cell shows its masked value as a placeholder and an empty answer
leaves it as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import ActionRefused, refusal_shown
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.registers.queries import FULL_ID
from qingdan.registers.values import parse_value

from ..actions import submissions
from ..choices import ElementKind, FormStatus, RowsKind, SubmissionStatus
from ..models import FormRequest, Submission
from ..periods import current_period
from .common import shown, visible_form, visible_submission, visible_village

CELL = re.compile(r"^c-(\d+)-(\d+)$")
PERSONAL_KINDS = (ElementKind.ID_NUMBER, ElementKind.PHONE)


def cell_name(resident_id: int | None, element_id: int) -> str:
    return f"c-{resident_id or 0}-{element_id}"


def parse_cell(name: str) -> tuple[int | None, int] | None:
    match = CELL.match(name)
    if match is None:
        return None
    resident, element = int(match[1]), int(match[2])
    return (resident or None, element)


# --- the due list -----------------------------------------------------------------------------


@dataclass
class Due:
    form: FormRequest
    village: Division
    period: str
    submission: Submission | None

    @property
    def overdue(self) -> bool:
        done = self.submission is not None and self.submission.status == SubmissionStatus.SUBMITTED
        return not done and self.form.deadline < timezone.localdate()


def _fillable_villages(user) -> list[Division]:
    villages = access.visible(Division.objects.filter(level=Level.VILLAGE), user)
    return [v for v in villages.order_by("code") if access.can(user, Permission.FILL_FORM, v)]


@login_required
def due_list(request):
    """The approved forms a village must fill this period, with how far each is."""
    user = request.user
    access.require(user, Permission.FILL_FORM)
    villages = _fillable_villages(user)
    today = timezone.localdate()
    forms = list(
        access.visible(FormRequest.objects.filter(status=FormStatus.APPROVED), user)
        .filter(targets__in=villages)
        .select_related("department")
        .prefetch_related("targets")
        .distinct()
        .order_by("deadline", "id")
    )
    found = {
        (s.form_id, s.village_id, s.period): s
        for s in access.visible(Submission.objects.filter(form__in=forms, village__in=villages), user)
    }
    wanted = {v.pk for v in villages}
    rows: list[Due] = []
    for form in forms:
        period = current_period(form.frequency, today)
        for village in form.targets.all():
            if village.pk in wanted:
                rows.append(Due(form, village, period, found.get((form.pk, village.pk, period))))
    return render(request, "forms/due_list.html", {"rows": rows})


@login_required
@require_POST
def submission_open(request, pk: int, code: str):
    """Open (or find again) this period's submission of a form for a village, pre-filled."""
    user = request.user
    form = visible_form(user, pk)
    village = visible_village(user, code)
    access.require(user, Permission.FILL_FORM, village)
    with refusal_shown(request) as shown:
        submission = submissions.open_submission(user=user, form=form, village=village)
    if shown.refused:
        return redirect("forms:due_list")
    return redirect("forms:submission_detail", submission.pk)


# --- the fill page ------------------------------------------------------------------------------


@dataclass
class Cell:
    name: str
    field: object  # FormField
    value: str  # what the input holds ("" for a personal value, shown masked as its placeholder)
    shown: str  # what a reader sees
    prefilled: bool
    error: str = ""


def _table(request, submission: Submission, finding: Finding, *, posted=None, errors=None):
    """The rows of this page (a resident form is paged) with their cells, ready to draw."""
    number = request.GET.get("page") or request.POST.get("page")
    table = submissions.filled(submission, page=number or 1, find=finding.name, who=finding.who)
    posted = posted or {}
    errors = errors or {}
    lines = []
    for row in table.rows:
        cells = []
        for field in table.fields:
            key = (row.resident_id, field.element_id)
            name = cell_name(*key)
            value, was_prefilled = table.values.get(key, ("", False))
            personal = field.element.kind in PERSONAL_KINDS
            in_input = "" if personal else value
            if name in posted:
                in_input = posted[name]
            cells.append(
                Cell(
                    name=name,
                    field=field,
                    value=in_input,
                    shown=shown(field.element, value),
                    prefilled=was_prefilled and bool(value),
                    error=errors.get(key, ""),
                )
            )
        lines.append((row, cells))
    # A form of one page is counted at once; a longer one (a whole village) counts its values in a
    # request of its own (submission_progress), so that the page shows without waiting for it.
    one_page = table.page is None or table.page.paginator.num_pages == 1
    return table, table.page, lines, submissions.progress(submission, table.fields) if one_page else None


@dataclass
class Finding:
    """What the rows of a resident form are narrowed to (查找): a part of a name (q), or one resident (row,
    the id a full ID number was found as: an ID number never goes into an address, where logs keep it)."""

    name: str = ""
    who: int | None = None

    @classmethod
    def of(cls, request) -> Finding:
        data = request.GET if request.method == "GET" else request.POST
        name = (data.get("q") or "").strip()[:50]
        row = data.get("row") or ""
        return cls("" if FULL_ID.match(name) else name, int(row) if row.isdigit() else None)

    @property
    def query(self) -> dict:
        """The address parameters that find the same rows again."""
        return {"row": self.who} if self.who is not None else {"q": self.name} if self.name else {}


def _fill_page(request, submission: Submission, *, posted=None, errors=None, problems=(), status=200):
    user = request.user
    finding = Finding.of(request)
    table, page, lines, counts = _table(request, submission, finding, posted=posted, errors=errors)
    editable = _may_edit(user, submission)
    context = {
        "submission": submission,
        "form": submission.form,
        "village": submission.village,
        "fields": table.fields,
        "lines": lines,
        "page": page,
        "find": finding.name,
        "finding": finding.query,
        "query": urlencode(finding.query),
        "counts": counts,
        "editable": editable,
        "is_residents": submission.form.rows_kind == RowsKind.RESIDENTS,
        "problems": problems,
    }
    return render(request, "forms/submission_detail.html", context, status=status)


@login_required
def submission_detail(request, pk: int):
    return _fill_page(request, visible_submission(request.user, pk))


def _submission_to_fill(request, pk: int) -> Submission:
    submission = visible_submission(request.user, pk)
    access.require(request.user, Permission.FILL_FORM, submission)
    return submission


def _posted_cells(request, submission: Submission) -> dict[str, str]:
    return {name: value for name, value in request.POST.items() if CELL.match(name)}


def _changes(submission: Submission, posted: dict[str, str]) -> dict:
    """The posted cells, less the personal ones left empty (their inputs never hold the value); what is
    unchanged is left alone by submissions.save_values."""
    kinds = dict(submission.form.fields.values_list("element_id", "element__kind"))
    changes = {}
    for name, raw in posted.items():
        key = parse_cell(name)
        if key is None:
            continue
        raw = raw.strip()
        if kinds.get(key[1]) in PERSONAL_KINDS and not raw:
            continue
        changes[key] = raw
    return changes


@login_required
@require_POST
def submission_save(request, pk: int):
    """Save the typed values as a draft, or save and submit ("submit" in the post)."""
    user = request.user
    submission = _submission_to_fill(request, pk)
    posted = _posted_cells(request, submission)
    submitting = "submit" in request.POST
    try:
        with transaction.atomic():  # a refused submission keeps nothing of this post
            changes = _changes(submission, posted)
            if changes:
                submissions.save_values(user=user, submission=submission, values=changes)
            if submitting:
                submissions.submit(user=user, submission=submission)
    except ActionRefused as exc:
        errors = {
            (p.get("resident_id"), p.get("element_id")): p.get("message", "")
            for p in exc.problems
            if isinstance(p, dict)
        }
        submission.refresh_from_db()
        keep = posted if not submitting or errors else {}
        return _fill_page(request, submission, posted=keep, errors=errors, problems=[exc.message], status=400)
    if submitting:
        messages.success(
            request, _("Submitted. Thank you: the new values are kept in the registers for next time.")
        )
    else:
        messages.success(request, _("Saved. You can go on later."))
    return _back_to(submission, request.POST.get("page"), Finding.of(request).query)


def _back_to(submission: Submission, page: str | None = None, finding: dict | None = None):
    url = reverse("forms:submission_detail", args=[submission.pk])
    query = {"page": int(page)} if page and page.isdigit() else {}
    query.update(finding or {})
    return redirect(f"{url}?{urlencode(query)}" if query else url)


def _may_edit(user, submission: Submission) -> bool:
    return submission.status == SubmissionStatus.DRAFT and access.can(user, Permission.FILL_FORM, submission)


@login_required
def submission_progress(request, pk: int):
    """The counts of the whole form (htmx, once a long form's page has shown)."""
    submission = visible_submission(request.user, pk)
    context = {"counts": submissions.progress(submission), "editable": _may_edit(request.user, submission)}
    return render(request, "forms/_fill_summary.html", context)


@login_required
@require_POST
def submission_find(request, pk: int):
    """Find a resident on a resident form (POST, so that a full ID number stays out of addresses): a full
    ID number shows that person's row; a name shows the rows whose name holds it."""
    submission = visible_submission(request.user, pk)
    text = (request.POST.get("q") or "").strip()[:50]
    if not FULL_ID.match(text):
        return _back_to(submission, finding={"q": text} if text else {})
    table = submissions.filled(submission, page=1, find=text)
    if not table.rows:
        messages.error(request, _("No resident on this form has this ID number."))
        return _back_to(submission)
    return _back_to(submission, finding={"row": table.rows[0].resident_id})


@login_required
@require_POST
def submission_add_row(request, pk: int):
    """A resident found by ID number or name joins a resident form's rows, filled from the register."""
    user = request.user
    submission = _submission_to_fill(request, pk)
    with refusal_shown(request) as shown:
        submissions.add_resident_row(user=user, submission=submission, who=request.POST.get("who", ""))
    if not shown.refused:
        messages.success(request, _("The resident was added to the form."))
    return _back_to(submission)


@login_required
@require_POST
def submission_check(request, pk: int):
    """Check one typed value as it is entered (htmx): an empty answer when it is fine, else the message."""
    submission = _submission_to_fill(request, pk)
    name = request.headers.get("HX-Trigger-Name") or next((n for n in request.POST if CELL.match(n)), "")
    key = parse_cell(name)
    if key is None or name not in request.POST:
        return HttpResponse("")
    fields = submission.form.fields.select_related("element")
    field = access.get_visible_or_404(fields, request.user, element_id=key[1])  # a cell not on the form
    raw = request.POST[name].strip()
    if not raw:
        message = _("Required.") if field.required else ""
        return render(request, "forms/_cell_check.html", {"message": message, "ok": False})
    try:
        parse_value(field.element, raw)
    except ValueError as error:
        return render(request, "forms/_cell_check.html", {"message": str(error), "ok": False})
    return render(request, "forms/_cell_check.html", {"message": "", "ok": True})
