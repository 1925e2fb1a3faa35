"""Form admission (表格准入): a department requests a form, the reviewer admits it or not.

create_form / update_form   the clerk drafts a request: purpose, fields (data elements), frequency, rows,
                            villages, deadline
submit_form                 the request goes to the county reviewer (the same reviewer as work orders)
approve_form                the form reaches its villages, who fill it pre-filled
return_form / refuse_form   back to the department to clarify / never reaches a village
merge_form                  the request is folded into an approved form already asking most of it

The decisions go through REVIEW, the form requests' qingdan.review.Review (state, history entry, audit
row and the clerk told in one place); merging uses its open() and decide() around what only forms do.

Before deciding, the reviewer reads qingdan.forms.overlap.analyse(form). No form reaches a village
unapproved: a village sees approved forms only (qingdan.access), and only those can be filled.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qingdan import access
from qingdan.access import Permission
from qingdan.actiontools import clean_reason, clean_text, link, locked, require
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.review.workflow import Outcome, Review

from .._support import cadres_of, clerks_of, reviewers_of
from ..choices import ElementKind, ElementStatus, FormStatus, FormStep, Frequency, Register, RowsKind
from ..models import DataElement, FormField, FormRequest, FormReviewEntry

TITLE_LENGTH = FormRequest._meta.get_field("title").max_length or 200
TAG_LENGTH = FormRequest._meta.get_field("resident_tag").max_length or 20
MAX_FIELDS = 200
EDITABLE = (FormStatus.DRAFT, FormStatus.RETURNED)


# ---- checking a request -------------------------------------------------------------------------------


def _deadline(value) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ActionRefused(_("The deadline is missing."))
    if value < timezone.localdate():
        raise ActionRefused(
            _("The deadline %(date)s is in the past; choose today or a later day.") % {"date": value}
        )
    return value


def _choice(value: str, allowed, message: str) -> str:
    if value not in allowed.values:
        raise ActionRefused(message % {"value": value})
    return value


def _elements(user, element_ids: Sequence[int], rows_kind: str) -> list[DataElement]:
    """The elements, in the order given, each once: approved elements of the county, or elements the
    clerk's own department proposed and the office has not decided yet. A mapped proposal stands for
    the element it was mapped to."""
    wanted: list[int] = []
    for pk in element_ids or ():
        try:
            number = int(pk)
        except (TypeError, ValueError):
            raise ActionRefused(_("Unknown data element: %(id)s.") % {"id": pk}) from None
        if number not in wanted:
            wanted.append(number)
    if not wanted:
        raise ActionRefused(_("A form needs at least one field."))
    if len(wanted) > MAX_FIELDS:
        raise ActionRefused(_("A form may have at most %(limit)d fields.") % {"limit": MAX_FIELDS})
    found = access.visible(DataElement.objects.select_related("mapped_to"), user).in_bulk(wanted)
    chosen: list[DataElement] = []
    for pk in wanted:
        element = found.get(pk)
        if element is None:
            raise ActionRefused(_("Unknown data element: %(id)s.") % {"id": pk})
        if element.status == ElementStatus.MAPPED and element.mapped_to is not None:
            element = element.mapped_to
        own_proposal = element.status == ElementStatus.PROPOSED and element.proposed_by_id == user.unit_id
        if element.status != ElementStatus.APPROVED and not own_proposal:
            raise ActionRefused(
                _("The data element %(name)s is %(status)s; a form may ask only for approved elements.")
                % {"name": element.name, "status": element.get_status_display()}
            )
        _fits_rows(element, rows_kind)
        if element not in chosen:
            chosen.append(element)
    return chosen


def _fits_rows(element: DataElement, rows_kind: str) -> None:
    if rows_kind == RowsKind.RESIDENTS and element.register == Register.VILLAGE:
        raise ActionRefused(
            _("%(name)s is a village figure; it cannot be a column of a form with one row per resident.")
            % {"name": element.name}
        )
    if rows_kind == RowsKind.RESIDENTS and element.kind == ElementKind.ID_NUMBER:
        raise ActionRefused(
            _("Each resident row already carries the name and ID number; remove the field %(name)s.")
            % {"name": element.name}
        )
    if rows_kind == RowsKind.VILLAGE and element.register == Register.RESIDENTS:
        raise ActionRefused(
            _("%(name)s is held per resident; ask for it in a form with one row per resident.")
            % {"name": element.name}
        )


def _villages(user, villages: Iterable[Division]) -> list[Division]:
    """Villages of the clerk's own county, each once; a township stands for all its villages."""
    county = user.unit.county_division()
    chosen: dict[int, Division] = {}
    townships: list[Division] = []
    for division in villages or ():
        if division.county_id != county.pk or division.level not in (Level.TOWNSHIP, Level.VILLAGE):
            raise ActionRefused(
                _(
                    "%(name)s is not a township or village of %(county)s; a form can only go to the "
                    "villages of its own county."
                )
                % {"name": division.name, "county": county.name}
            )
        if division.level == Level.TOWNSHIP:
            townships.append(division)
        else:
            chosen[division.pk] = division
    if townships:
        for village in Division.objects.filter(parent__in=townships, level=Level.VILLAGE):
            chosen[village.pk] = village
    if not chosen:
        raise ActionRefused(_("Choose at least one village to fill the form."))
    return sorted(chosen.values(), key=lambda d: d.code)


def _request_fields(user, *, title, purpose, frequency, rows_kind, resident_tag, deadline) -> dict:
    rows_kind = _choice(rows_kind, RowsKind, _("Unknown kind of rows: %(value)s."))
    tag = clean_text(resident_tag, label=_("The resident tag"), required=False, limit=TAG_LENGTH)
    if " " in tag:
        raise ActionRefused(_("The resident tag is one word, such as 低保; it may not contain spaces."))
    return {
        "title": clean_text(title, label=_("The title"), limit=TITLE_LENGTH),
        "purpose": clean_text(purpose, label=_("The purpose")),
        "frequency": _choice(frequency, Frequency, _("Unknown frequency: %(value)s.")),
        "rows_kind": rows_kind,
        "resident_tag": tag if rows_kind == RowsKind.RESIDENTS else "",
        "deadline": _deadline(deadline),
    }


def _set_fields(form: FormRequest, elements: list[DataElement], optional: set[int]) -> None:
    form.fields.all().delete()
    FormField.objects.bulk_create(
        FormField(form=form, element=element, position=i, required=element.pk not in optional)
        for i, element in enumerate(elements, start=1)
    )


def _names(items: Iterable) -> str:
    return "、".join(str(item) for item in items)


# ---- the department -----------------------------------------------------------------------------------


@transaction.atomic
def create_form(
    *,
    user,
    title: str,
    purpose: str,
    frequency: str,
    rows_kind: str = RowsKind.VILLAGE,
    resident_tag: str = "",
    element_ids: Sequence[int],
    villages: Iterable[Division],
    deadline: datetime.date,
    optional_element_ids: Iterable[int] = (),
) -> FormRequest:
    """A new draft request of the clerk's department. Everything is checked before anything is written."""
    access.require(user, Permission.REQUEST_FORM)
    fields = _request_fields(
        user,
        title=title,
        purpose=purpose,
        frequency=frequency,
        rows_kind=rows_kind,
        resident_tag=resident_tag,
        deadline=deadline,
    )
    elements = _elements(user, element_ids, fields["rows_kind"])
    targets = _villages(user, villages)
    form = FormRequest.objects.create(
        county=user.unit.county_division(), department=user.unit, created_by=user, **fields
    )
    _set_fields(form, elements, {int(pk) for pk in optional_element_ids})
    form.targets.set(targets)
    record(
        actor=user,
        action="forms.create_form",
        obj=form,
        changes={
            "status": [None, form.status],
            "fields": [None, _names(e.name for e in elements)],
            "villages": [None, _names(v.name for v in targets)],
        },
    )
    return form


@transaction.atomic
def update_form(
    *,
    user,
    form: FormRequest,
    title: str | None = None,
    purpose: str | None = None,
    frequency: str | None = None,
    rows_kind: str | None = None,
    resident_tag: str | None = None,
    element_ids: Sequence[int] | None = None,
    villages: Iterable[Division] | None = None,
    deadline: datetime.date | None = None,
    optional_element_ids: Iterable[int] | None = None,
) -> FormRequest:
    """Change a draft or returned request; what is not given stays as it was."""
    require(user, Permission.REQUEST_FORM, form)
    form = locked(form)
    if form.status not in EDITABLE:
        raise ActionRefused(
            _("This form request can no longer be changed; it is %(status)s.")
            % {"status": form.get_status_display()}
        )
    given = {
        "title": form.title if title is None else title,
        "purpose": form.purpose if purpose is None else purpose,
        "frequency": form.frequency if frequency is None else frequency,
        "rows_kind": form.rows_kind if rows_kind is None else rows_kind,
        "resident_tag": form.resident_tag if resident_tag is None else resident_tag,
        "deadline": form.deadline if deadline is None else deadline,
    }
    fields = _request_fields(user, **given)
    old_fields = list(form.fields.select_related("element"))
    if element_ids is None:
        element_ids = [field.element_id for field in old_fields]
    if optional_element_ids is None:
        optional_element_ids = [field.element_id for field in old_fields if not field.required]
    elements = _elements(user, element_ids, fields["rows_kind"])
    old_targets = list(form.targets.order_by("code"))
    targets = old_targets if villages is None else _villages(user, villages)

    changes = {
        name: [str(getattr(form, name)), str(value)]
        for name, value in fields.items()
        if getattr(form, name) != value
    }
    for name, value in fields.items():
        setattr(form, name, value)
    form.save()
    optional = {int(pk) for pk in optional_element_ids}
    layout = [(f.element_id, f.required) for f in old_fields]
    if layout != [(e.pk, e.pk not in optional) for e in elements]:
        _set_fields(form, elements, optional)
        changes["fields"] = [_names(f.element.name for f in old_fields), _names(e.name for e in elements)]
    if [v.pk for v in old_targets] != [v.pk for v in targets]:
        form.targets.set(targets)
        changes["villages"] = [_names(v.name for v in old_targets), _names(v.name for v in targets)]
    if changes:
        record(actor=user, action="forms.update_form", obj=form, changes=changes)
    return form


@transaction.atomic
def submit_form(*, user, form: FormRequest) -> FormRequest:
    """Send a draft (or a returned request, once clarified) to the county reviewer."""
    require(user, Permission.REQUEST_FORM, form)
    form = locked(form)
    if form.status not in EDITABLE:
        raise ActionRefused(
            _("This form request cannot be submitted; it is %(status)s.")
            % {"status": form.get_status_display()}
        )
    _deadline(form.deadline)
    if not form.fields.exists():
        raise ActionRefused(_("A form needs at least one field."))
    if not form.targets.exists():
        raise ActionRefused(_("Choose at least one village to fill the form."))
    before = form.status
    form.status = FormStatus.SUBMITTED
    form.save(update_fields=["status"])
    REVIEW.entry(form, user=user, step=FormStep.SUBMIT)
    record(actor=user, action="forms.submit_form", obj=form, changes={"status": [before, form.status]})
    notify(
        recipients=reviewers_of(form.county),
        verb="forms.form_submitted",
        text=_("%(department)s requests a form for review: %(title)s")
        % {"department": form.department.name, "title": form.title},
        url=link("forms:form_detail", form.pk),
    )
    return form


# ---- the reviewer -------------------------------------------------------------------------------------


def _stamp_approved(form: FormRequest, status: str) -> list[str]:
    """An approval keeps when it happened; a merge keeps the form it was merged into."""
    if status == FormStatus.APPROVED:
        form.approved_at = timezone.now()
    return ["approved_at", "merged_into"]


# How a request is reviewed: the county reviewer decides a submitted request; the clerk who filed it is told.
REVIEW = Review(
    model=FormRequest,
    entries=FormReviewEntry,
    subject="form",
    permission=Permission.REVIEW_FORM,
    audit="forms.{step}_form",
    page="forms:form_detail",
    awaiting=FormStatus.SUBMITTED,
    not_awaiting=gettext_lazy("This form request is not awaiting review any more; it is %(status)s."),
    outcomes={
        FormStep.APPROVE: Outcome(
            FormStatus.APPROVED,
            "forms.form_approved",
            gettext_lazy("Your form request was approved: %(title)s"),
        ),
        FormStep.RETURN: Outcome(
            FormStatus.RETURNED,
            "forms.form_returned",
            gettext_lazy("Your form request was returned for clarification: %(title)s. Reason: %(reason)s"),
        ),
        FormStep.REFUSE: Outcome(
            FormStatus.REFUSED,
            "forms.form_refused",
            gettext_lazy("Your form request was refused: %(title)s. Reason: %(reason)s"),
        ),
        FormStep.MERGE: Outcome(
            FormStatus.MERGED,
            "forms.form_merged",
            gettext_lazy(
                "Your form request %(title)s was merged into the approved form %(into)s. Reason: %(reason)s"
            ),
        ),
    },
    stamp=_stamp_approved,
)


def _tell_villages(form: FormRequest, text: str) -> None:
    notify(
        recipients=cadres_of(form.targets.all()),
        verb="forms.form_to_fill",
        text=text,
        url=link("forms:form_detail", form.pk),
    )


def _approvable(form: FormRequest, note: str) -> None:
    """A form is admitted only once every element it asks for is approved in the dictionary."""
    undecided = [
        f.element.name
        for f in form.fields.select_related("element")
        if f.element.status != ElementStatus.APPROVED
    ]
    if undecided:
        raise ActionRefused(
            _(
                "The data elements %(names)s are not approved in the dictionary yet; approve or map them "
                "first, or return the request."
            )
            % {"names": _names(undecided)}
        )


@transaction.atomic
def approve_form(*, user, form: FormRequest, note: str = "") -> FormRequest:
    """Admit the form: it reaches its villages, who fill it with what the registers hold pre-filled."""
    form = REVIEW.approve(user=user, obj=form, note=note, check=_approvable)
    _tell_villages(
        form,
        _("A new form from %(department)s is due by %(deadline)s: %(title)s")
        % {"department": form.department.name, "deadline": form.deadline, "title": form.title},
    )
    return form


@transaction.atomic
def return_form(*, user, form: FormRequest, reason: str) -> FormRequest:
    """Send the request back to the department to clarify; it edits and resubmits, the history stays."""
    return REVIEW.send_back(user=user, obj=form, reason=reason)


@transaction.atomic
def refuse_form(*, user, form: FormRequest, reason: str) -> FormRequest:
    """Refuse the request: the form never reaches a village and cannot be submitted again."""
    return REVIEW.refuse(user=user, obj=form, reason=reason)


@transaction.atomic
def merge_form(*, user, form: FormRequest, into: FormRequest, reason: str) -> FormRequest:
    """Fold the request into an approved form that already asks much of it: the fields and villages it
    lacks are added to that form, and the request is closed as merged. Both histories say so."""
    form = REVIEW.open(user, form)
    require(user, Permission.REVIEW_FORM, into)
    into = locked(into)
    reason = clean_reason(reason, label=_("The reason for merging"))
    if into.pk == form.pk or into.county_id != form.county_id or into.status != FormStatus.APPROVED:
        raise ActionRefused(_("A request can only be merged into another approved form of the same county."))
    if (into.rows_kind, into.resident_tag) != (form.rows_kind, form.resident_tag):
        raise ActionRefused(
            _("%(title)s has other rows (%(rows)s); merge only into a form with the same rows.")
            % {"title": into.title, "rows": into.get_rows_kind_display()}
        )
    fields = list(form.fields.select_related("element"))
    undecided = [f.element.name for f in fields if f.element.status != ElementStatus.APPROVED]
    if undecided:
        raise ActionRefused(
            _(
                "The data elements %(names)s are not approved in the dictionary yet; approve or map "
                "them first."
            )
            % {"names": _names(undecided)}
        )
    has = set(into.fields.values_list("element_id", flat=True))
    added = [f for f in fields if f.element_id not in has]
    last = max((f.position for f in into.fields.all()), default=0)
    FormField.objects.bulk_create(
        FormField(form=into, element=f.element, position=last + i, required=f.required)
        for i, f in enumerate(added, start=1)
    )
    new_villages = list(form.targets.exclude(pk__in=into.targets.values("pk")).order_by("code"))
    into.targets.add(*new_villages)

    form.merged_into = into
    grown = {
        **({"fields_added": [None, _names(f.element.name for f in added)]} if added else {}),
        **({"villages_added": [None, _names(v.name for v in new_villages)]} if new_villages else {}),
    }
    REVIEW.decide(
        form,
        user=user,
        step=FormStep.MERGE,
        reason=reason,
        changes={"merged_into": [None, into.title], **grown},
        said={"into": into.title},
    )
    REVIEW.entry(
        into,
        user=user,
        step=FormStep.MERGE,
        reason=_("Merged in: %(title)s (%(department)s). %(reason)s")
        % {"title": form.title, "department": form.department.name, "reason": reason},
    )
    record(
        actor=user,
        action="forms.grow_form",
        obj=into,
        note=reason,
        changes={"merged_in": [None, form.title], **grown},
    )
    notify(
        recipients=clerks_of(into.department),
        verb="forms.form_grown",
        text=_("The request %(title)s of %(department)s was merged into your form %(into)s.")
        % {"title": form.title, "department": form.department.name, "into": into.title},
        url=link("forms:form_detail", into.pk),
    )
    if added or new_villages:
        _tell_villages(
            into,
            _("The form %(title)s now also asks what %(department)s needs; no separate form will come.")
            % {"title": into.title, "department": form.department.name},
        )
    return form
