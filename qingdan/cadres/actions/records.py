"""Records without new burdens, and the year-end assessment.

A work record is a date, a kind and a few lines; a file may be attached, never required. Attendance is
confirmed by the community once a month as days present and on leave: no check-in, no location, no
online time. At year end the community, the street and the sending unit each give a score (0–100); the
county's weights make the total and the grade; the organiser commends the excellent."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.admission.attachments import check_upload, display_name, removing_on_error, save_file
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

from ..choices import GRADE_FLOORS, Assessor, Grade, RecordKind
from ..models import Assessment, Attendance, Cadre, Commendation, Posting, WorkRecord
from .checks import a_date, choice, programme_of, require_organiser, text, whole


def _in_posting(posting: Posting, day: datetime.date, *, label: str) -> None:
    if not posting.starts_on <= day <= posting.last_day:
        raise ActionRefused(
            _("%(field)s (%(day)s) is outside the posting (%(start)s to %(end)s).")
            % {
                "field": label,
                "day": day.isoformat(),
                "start": posting.starts_on.isoformat(),
                "end": posting.last_day.isoformat(),
            }
        )


def record_work(
    *, user, posting: Posting, day: datetime.date, kind: str, text_: str, attachment=None
) -> WorkRecord:
    """A short note of work done, kept by the community the cadre serves. The attachment is optional."""
    access.require(user, Permission.CADRES_HOST, posting)
    access.require_seen(user, posting)
    day = a_date(day, label=_("The date"))
    if day > timezone.localdate():
        raise ActionRefused(_("The date is in the future."))
    _in_posting(posting, day, label=_("The date"))
    kind = choice(kind, RecordKind, label=_("the kind"))
    words = text(text_, label=_("Work done"), limit=limits.REASON_CHARS)
    checked = check_upload(attachment) if attachment is not None else None
    with transaction.atomic(), removing_on_error() as stored:
        work = WorkRecord(
            county=posting.county, posting=posting, day=day, kind=kind, text=words, recorded_by=user
        )
        if checked is not None:
            save_file(work.attachment, checked, stored)
            work.attachment_name = display_name(attachment)[:200]
        work.save()
        record(
            actor=user,
            action="cadres.record_work",
            obj=work,
            division=posting.community,
            changes={"kind": [None, kind]},
        )
    return work


def confirm_attendance(
    *, user, posting: Posting, month: datetime.date, days_present: int, days_leave: int = 0, note: str = ""
) -> Attendance:
    """The community confirms one month: days present and days on leave (confirming again corrects it)."""
    access.require(user, Permission.CADRES_HOST, posting)
    access.require_seen(user, posting)
    month = a_date(month, label=_("The month")).replace(day=1)
    if month > timezone.localdate():
        raise ActionRefused(_("A month can be confirmed once it has begun."))
    if not (posting.starts_on.replace(day=1) <= month <= posting.last_day):
        raise ActionRefused(_("The posting does not cover %(month)s.") % {"month": f"{month:%Y-%m}"})
    days = calendar.monthrange(month.year, month.month)[1]
    present = whole(days_present, label=_("Days present"), high=days)
    leave = whole(days_leave, label=_("Days on leave"), high=days)
    if present + leave > days:
        raise ActionRefused(
            _("%(present)d days present and %(leave)d on leave are more than the %(days)d days of the month.")
            % {"present": present, "leave": leave, "days": days}
        )
    note = text(note, label=_("The note"), required=False)
    with transaction.atomic():
        row, created = Attendance.objects.select_for_update().get_or_create(
            posting=posting,
            month=month,
            defaults={
                "county": posting.county,
                "days_present": present,
                "days_leave": leave,
                "note": note,
                "confirmed_by": user,
            },
        )
        before = None if created else [row.days_present, row.days_leave]
        if not created:
            row.days_present, row.days_leave, row.note, row.confirmed_by = present, leave, note, user
            row.save()
        record(
            actor=user,
            action="cadres.confirm_attendance",
            obj=row,
            division=posting.community,
            changes={"month": [None, f"{month:%Y-%m}"], "days": [before, [present, leave]]},
        )
    return row


ASSESSOR_PERMISSION = {
    Assessor.COMMUNITY: Permission.CADRES_HOST,
    Assessor.STREET: Permission.CADRES_ASSESS_STREET,
    Assessor.UNIT: Permission.CADRES_SEND,
}
SCORE_FIELD = {
    Assessor.COMMUNITY: "community_score",
    Assessor.STREET: "street_score",
    Assessor.UNIT: "unit_score",
}


def grade_of(total: Decimal) -> str:
    return next(grade for floor, grade in GRADE_FLOORS if total >= floor)


def score(*, user, posting: Posting, year: int, assessor: str, value: int) -> Assessment:
    """One of the three year-end scores. Once all three are in, the total (weighted as the county set)
    and the grade follow."""
    assessor = choice(assessor, Assessor, label=_("who assesses"))
    # The sending unit acts on its cadre; the community and the street on the posting in their scope.
    target = posting.cadre if assessor == Assessor.UNIT else posting
    access.require(user, ASSESSOR_PERMISSION[Assessor(assessor)], target)
    access.require_seen(user, posting)
    value = whole(value, label=_("The score"), high=100)
    if not isinstance(year, int) or not posting.starts_on.year <= year <= posting.last_day.year:
        raise ActionRefused(_("The posting did not run in %(year)s.") % {"year": year})
    programme = programme_of(posting.county)
    with transaction.atomic():
        row, _created = Assessment.objects.select_for_update().get_or_create(
            posting=posting, year=year, defaults={"county": posting.county}
        )
        field = SCORE_FIELD[Assessor(assessor)]
        before = getattr(row, field)
        setattr(row, field, value)
        scores = [row.community_score, row.street_score, row.unit_score]
        if all(s is not None for s in scores):
            weights = (programme.weight_community, programme.weight_street, programme.weight_unit)
            total = Decimal(sum(int(s or 0) * w for s, w in zip(scores, weights, strict=True))) / 100
            row.total = total.quantize(Decimal("0.1"))
            row.grade = grade_of(row.total)
        row.save()
        record(
            actor=user,
            action="cadres.score",
            obj=row,
            division=posting.community,
            changes={field: [before, value], "grade": [None, row.grade or None]},
        )
    return row


def commend(
    *, user, county: Division, title: str, year: int, issued_on: datetime.date, cadres: Iterable[Cadre]
) -> Commendation:
    """A commendation list (通报表扬) of cadres graded excellent that year (the organiser)."""
    require_organiser(user, county)
    title = text(title, label=_("The name"))
    issued_on = a_date(issued_on, label=_("The date issued"))
    chosen = list(dict.fromkeys(cadres))
    if not chosen:
        raise ActionRefused(_("Choose at least one cadre to commend."))
    excellent = set(
        Assessment.objects.filter(county=county, year=year, grade=Grade.EXCELLENT).values_list(
            "posting__cadre_id", flat=True
        )
    )
    already = set(
        Commendation.cadres.through.objects.filter(
            commendation__county=county, commendation__year=year
        ).values_list("cadre_id", flat=True)
    )
    for cadre in chosen:
        access.require_seen(user, cadre)
        if cadre.pk not in excellent:
            raise ActionRefused(
                _("%(name)s was not graded excellent in %(year)s and cannot be commended.")
                % {"name": cadre.name, "year": year}
            )
        if cadre.pk in already:
            raise ActionRefused(
                _("%(name)s is already commended for %(year)s.") % {"name": cadre.name, "year": year}
            )
    with transaction.atomic():
        commendation = Commendation.objects.create(county=county, title=title, year=year, issued_on=issued_on)
        commendation.cadres.set(chosen)
        record(
            actor=user,
            action="cadres.commend",
            obj=commendation,
            changes={"cadres": [None, len(chosen)], "year": [None, year]},
        )
    return commendation
