"""Nomination and selection: a sending unit opens a batch, nominates cadres (each checked against the
county's rules, refused naming the rule it fails), submits; the organiser approves, returns or refuses the
batch through qingdan.review."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.cn import ric

from qingdan import access
from qingdan.access import Permission
from qingdan.actiontools import locked
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.registers import personal
from qingdan.registers.values import check_id_number, parse_phone
from qingdan.review.workflow import APPROVE, REFUSE, RETURN, Outcome, Review, stamp_decided_at

from ..choices import RANK_ORDER, BatchStatus, BatchStep, CadreStatus, Education, Rank
from ..models import BatchReviewEntry, Cadre, NominationBatch, Programme
from .checks import choice, county_of, programme_of, text

OPEN_STATUSES = (BatchStatus.DRAFT, BatchStatus.RETURNED)

REVIEW = Review(
    model=NominationBatch,
    entries=BatchReviewEntry,
    subject="batch",
    permission=Permission.CADRES_ORGANISE,
    audit="cadres.{step}_batch",
    page="cadres:batch_detail",
    awaiting=BatchStatus.SUBMITTED,
    not_awaiting=gettext_lazy("This batch does not wait for a decision: it is %(status)s."),
    outcomes={
        APPROVE: Outcome(
            BatchStatus.APPROVED,
            "cadres.batch_approved",
            gettext_lazy("Nomination batch approved: %(title)s"),
        ),
        RETURN: Outcome(
            BatchStatus.RETURNED,
            "cadres.batch_returned",
            gettext_lazy("Nomination batch returned: %(title)s. Reason: %(reason)s"),
        ),
        REFUSE: Outcome(
            BatchStatus.REFUSED,
            "cadres.batch_refused",
            gettext_lazy("Nomination batch refused: %(title)s. Reason: %(reason)s"),
        ),
    },
    stamp=stamp_decided_at(BatchStatus.RETURNED),
)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def criteria_failed(programme: Programme, *, age: int, rank: str, full_time: bool) -> str | None:
    """The first county rule a nominee fails, as a sentence naming the rule; None when all are met.

    "45岁以下" and "副处级以下" include the limit itself (以下 includes the number, 民法典 第1259条)."""
    if age > programme.age_limit:
        return _("the age limit is %(limit)d (at most %(limit)d years old); the nominee is %(age)d.") % {
            "limit": programme.age_limit,
            "age": age,
        }
    if RANK_ORDER[rank] > RANK_ORDER[programme.rank_limit]:
        return _("the rank limit is %(limit)s or below; the nominee is %(rank)s.") % {
            "limit": Rank(programme.rank_limit).label,
            "rank": Rank(rank).label,
        }
    if programme.full_time_required and not full_time:
        return _("the secondment is full time (全脱产); the nominee would not be released full time.")
    return None


def open_batch(*, user, year: int) -> NominationBatch:
    """A new batch of the user's own unit for `year` (one open batch per unit and year)."""
    county = county_of(user)
    programme_of(county)
    batch = NominationBatch(county=county, sending_unit=user.unit, year=year, created_by=user)
    access.require(user, Permission.CADRES_SEND, batch)
    this_year = timezone.localdate().year
    if not isinstance(year, int) or not this_year - 1 <= year <= this_year + 1:
        raise ActionRefused(_("Choose the year of the batch: last year, this year or next year."))
    with transaction.atomic():
        if (
            NominationBatch.objects.select_for_update()
            .filter(sending_unit=user.unit, year=year, status__in=[*OPEN_STATUSES, BatchStatus.SUBMITTED])
            .exists()
        ):
            raise ActionRefused(_("Your unit already has an open batch for %(year)d.") % {"year": year})
        batch.save()
        record(actor=user, action="cadres.open_batch", obj=batch, changes={"year": [None, year]})
    return batch


def _open_for_changes(user, batch: NominationBatch) -> NominationBatch:
    access.require(user, Permission.CADRES_SEND, batch)
    batch = locked(batch)
    if batch.status not in OPEN_STATUSES:
        raise ActionRefused(
            _("The batch is %(status)s; nominations can change only while it is a draft or returned.")
            % {"status": batch.get_status_display()}
        )
    return batch


def nominate(
    *,
    user,
    batch: NominationBatch,
    name: str,
    id_number: str,
    rank: str,
    education: str,
    phone: str = "",
    position: str = "",
    specialty: str = "",
    full_time: bool = True,
    birth_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Cadre:
    """Nominate one cadre into the batch. The county's rules are checked on the day of nomination; a
    nominee who fails one is refused with the rule named, and nothing is written."""
    access.require(user, Permission.CADRES_SEND, batch)
    today = today or timezone.localdate()
    name = text(name, label=_("The full name"), limit=50)
    try:
        number = check_id_number(id_number or "", today=today)
        clear_phone = parse_phone(phone) if (phone or "").strip() else ""
    except ValueError as problem:
        raise ActionRefused(str(problem)) from None
    born = ric.get_birth_date(number)
    if birth_date is not None and birth_date != born:
        raise ActionRefused(_("The birth date does not agree with the ID number."))
    rank = choice(rank, Rank, label=_("the rank"))
    education = choice(education, Education, label=_("the education"))
    position = text(position, label=_("The position"), required=False, limit=100)
    specialty = text(specialty, label=_("The specialty"), required=False)
    programme = programme_of(batch.county)
    failed = criteria_failed(programme, age=age_on(born, today), rank=rank, full_time=bool(full_time))
    if failed:
        raise ActionRefused(_("%(name)s cannot be nominated: %(rule)s") % {"name": name, "rule": failed})
    id_hash = personal.lookup_hash(number)
    with transaction.atomic():
        batch = _open_for_changes(user, batch)
        elsewhere = (
            Cadre.objects.filter(county=batch.county, id_hash=id_hash, batch__year=batch.year)
            .exclude(status=CadreStatus.NOT_SELECTED)
            .exists()
        )
        if elsewhere:
            raise ActionRefused(
                _("%(name)s is already nominated for %(year)d.") % {"name": name, "year": batch.year}
            )
        try:
            with transaction.atomic():
                cadre = Cadre.objects.create(
                    county=batch.county,
                    batch=batch,
                    sending_unit=batch.sending_unit,
                    name=name,
                    birth_date=born,
                    rank=rank,
                    education=education,
                    position=position,
                    specialty=specialty,
                    full_time=bool(full_time),
                    id_cipher=personal.encrypt(number),
                    id_hash=id_hash,
                    id_masked=personal.mask_id(number),
                    phone_cipher=personal.encrypt(clear_phone) if clear_phone else "",
                    phone_masked=personal.mask_phone(clear_phone),
                    nominated_at=today,
                )
        except IntegrityError:
            raise ActionRefused(_("%(name)s is already in this batch.") % {"name": name}) from None
        record(
            actor=user,
            action="cadres.nominate",
            obj=cadre,
            changes={"id_number": [None, cadre.id_masked], "rank": [None, rank], "batch": [None, str(batch)]},
        )
    return cadre


def withdraw_nomination(*, user, cadre: Cadre) -> None:
    with transaction.atomic():
        _open_for_changes(user, cadre.batch)
        record(actor=user, action="cadres.withdraw_nomination", obj=cadre, division=cadre.county)
        cadre.delete()


def submit_batch(*, user, batch: NominationBatch) -> NominationBatch:
    with transaction.atomic():
        batch = _open_for_changes(user, batch)
        if not batch.cadres.exists():
            raise ActionRefused(_("The batch has no nominee yet."))
        before = batch.status
        batch.status = BatchStatus.SUBMITTED
        batch.save(update_fields=["status"])
        REVIEW.entry(batch, user=user, step=BatchStep.SUBMIT)
        record(
            actor=user, action="cadres.submit_batch", obj=batch, changes={"status": [before, batch.status]}
        )
    return batch


def approve_batch(*, user, batch: NominationBatch, note: str = "") -> NominationBatch:
    """The organiser approves: every nominee of the batch is selected."""
    with transaction.atomic():
        batch = REVIEW.approve(user=user, obj=batch, note=note)
        batch.cadres.update(status=CadreStatus.SELECTED)
    return batch


def return_batch(*, user, batch: NominationBatch, reason: str) -> NominationBatch:
    with transaction.atomic():
        return REVIEW.send_back(user=user, obj=batch, reason=reason)


def refuse_batch(*, user, batch: NominationBatch, reason: str) -> NominationBatch:
    with transaction.atomic():
        batch = REVIEW.refuse(user=user, obj=batch, reason=reason)
        batch.cadres.update(status=CadreStatus.NOT_SELECTED)
    return batch


def reveal_cadre(*, user, cadre: Cadre, field: str, reason: str) -> str:
    """A cadre's clear ID number or phone, exactly as a resident's is revealed (registers.personal)."""
    return personal.reveal(
        user=user,
        holder=cadre,
        field=field,
        reason=reason,
        permission=Permission.CADRES_REVEAL,
        action="cadres.reveal_personal",
        missing=_("No %(field)s is recorded for this cadre."),
    )
