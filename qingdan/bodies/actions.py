"""Every change to coordination bodies. Each function is keyword-only, takes the acting user, runs in one
transaction, checks access and writes the audit trail.

Catalog office      set_up_body (optionally revoking another in the same act: 撤一设一), revoke_body,
                    update_body, set_cap, import_ledger (a ledger read by importer.read_ledger)
Lead unit's clerk   record_meeting, record_document (the catalog office and a township's office too)

The cap: a division may keep as many active bodies as its county's cap for its level (county 25,
township 0, village 0 unless the county changed them). Set-ups of one county and level are serialised
by a row lock on that cap row, so two people setting up at cap−1 at once leave the county at the cap.

Bad input or a wrong state raises qingdan.errors.ActionRefused with a Chinese message, and nothing is
written; acting outside one's role or scope raises PermissionDenied.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.actiontools import clean_text
from qingdan.admission.attachments import check_upload, removing_on_error, save_file
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division, Unit, User

from .choices import DEFAULT_CAPS, MAX_CAP, BasisClass, BodyKind, BodyStatus, CapLevel, Permanence
from .importer import LedgerRow
from .models import BodyCap, BodyDocument, BodyMeeting, CoordinationBody
from .queries import active_bodies, normalised_name

SHORT = 200  # characters of a name, a document number, a leader
LONG = 5_000  # characters of a basis, a list of deputies or attendees

# The fields of a body that set_up_body takes and update_body may change.
BODY_FIELDS = (
    "name",
    "kind",
    "permanence",
    "ends_on",
    "basis_class",
    "basis",
    "lead_unit",
    "office_unit",
    "office_location",
    "leader",
    "deputy",
    "set_up_on",
    "set_up_document",
)


# --- checks --------------------------------------------------------------------------------------


def _text(value: str | None, *, label: str, required: bool = False, limit: int = SHORT) -> str:
    """actiontools.clean_text with the bodies' defaults: optional, SHORT, and "Fill in …" when missing."""
    return clean_text(value, label=label, required=required, limit=limit, empty=_("Fill in %(field)s."))


def _date(value, *, label: str, required: bool = True, not_after: datetime.date | None = None):
    if value in (None, ""):
        if required:
            raise ActionRefused(_("Fill in %(field)s.") % {"field": label})
        return None
    if not isinstance(value, datetime.date):
        raise ActionRefused(_("%(field)s is not a date.") % {"field": label})
    if not_after is not None and value > not_after:
        raise ActionRefused(
            _("%(field)s (%(date)s) is in the future.") % {"field": label, "date": value.isoformat()}
        )
    return value


def _choice(value, choices, *, label: str, required: bool = True) -> str:
    if not value and not required:
        return ""
    if value not in choices.values:
        raise ActionRefused(
            _("Choose %(field)s: one of %(allowed)s.")
            % {"field": label, "allowed": "、".join(str(c.label) for c in choices)}
        )
    return str(value)


def _county_unit(unit: Unit | None, county: Division, *, label: str, required: bool) -> Unit | None:
    if unit is None:
        if required:
            raise ActionRefused(_("Choose %(field)s.") % {"field": label})
        return None
    if (unit.county_id or unit.division_id) != county.pk:
        raise ActionRefused(
            _("%(unit)s is not a unit of %(county)s.") % {"unit": unit.name, "county": county.name}
        )
    return unit


def _checked_fields(values: dict[str, Any], county: Division, *, new: bool) -> dict[str, Any]:
    """The body's fields, stripped and checked; ActionRefused names the first thing wrong."""
    today = timezone.localdate()
    fields = {
        "name": _text(values.get("name"), label=_("the name"), required=True),
        "kind": _choice(values.get("kind"), BodyKind, label=_("the kind")),
        "permanence": _choice(values.get("permanence"), Permanence, label=_("the permanence")),
        "basis_class": _choice(
            values.get("basis_class"), BasisClass, label=_("why it is kept"), required=new
        ),
        "basis": _text(values.get("basis"), label=_("the basis"), required=new, limit=LONG),
        "lead_unit": _county_unit(values.get("lead_unit"), county, label=_("the lead unit"), required=new),
        "office_unit": _county_unit(
            values.get("office_unit"), county, label=_("the unit hosting the office"), required=False
        ),
        "office_location": _text(values.get("office_location"), label=_("the office location")),
        "leader": _text(values.get("leader"), label=_("the leader")),
        "deputy": _text(values.get("deputy"), label=_("the deputy leaders"), limit=LONG),
        "set_up_on": _date(values.get("set_up_on"), label=_("the set-up date"), not_after=today),
        "set_up_document": _text(
            values.get("set_up_document"), label=_("the set-up document number"), required=new
        ),
        "ends_on": _date(values.get("ends_on"), label=_("the end date"), required=False),
    }
    if fields["permanence"] == Permanence.TEMPORARY and fields["ends_on"] is None:
        raise ActionRefused(_("A temporary body needs an end date."))
    if fields["ends_on"] is not None and fields["ends_on"] < fields["set_up_on"]:
        raise ActionRefused(
            _("The end date (%(end)s) is before the set-up date (%(start)s).")
            % {"end": fields["ends_on"].isoformat(), "start": fields["set_up_on"].isoformat()}
        )
    return fields


def _members(units: Iterable[Unit] | None, county: Division) -> list[Unit]:
    members = list(dict.fromkeys(units or []))
    for unit in members:
        _county_unit(unit, county, label=_("a member unit"), required=True)
    return members


def _cap_level(division: Division) -> CapLevel:
    if division.level not in CapLevel.values:
        raise ActionRefused(
            _("Coordination bodies belong to a county, a township or a village, not to %(division)s.")
            % {"division": division.name}
        )
    return CapLevel(division.level)


def _locked_cap(county: Division, level: CapLevel) -> BodyCap:
    """The county's cap row for the level, locked until the transaction ends; made from the default
    when the county has none yet. Every set-up of this county and level waits here for the one before."""
    cap, _created = BodyCap.objects.select_for_update().get_or_create(
        county=county, level=level, defaults={"cap": DEFAULT_CAPS[level]}
    )
    return cap


def _locked(body: CoordinationBody) -> CoordinationBody:
    return CoordinationBody.objects.select_for_update().select_related("division", "county").get(pk=body.pk)


def _no_namesake(division: Division, name: str, *, besides: Sequence[int] = ()) -> None:
    wanted = normalised_name(name, division.county_division().name)
    for other in active_bodies(division).exclude(pk__in=besides).only("name"):
        if normalised_name(other.name, division.county_division().name) == wanted:
            raise ActionRefused(
                _("%(division)s already has an active body of that name: %(name)s.")
                % {"division": division.name, "name": other.name}
            )


def _revocation(document: str | None, revoked_on, body: CoordinationBody) -> tuple[str, datetime.date]:
    document = _text(document, label=_("the revocation document number"))
    if not document:
        raise ActionRefused(
            _("A revocation needs the number of the document that revokes %(name)s.") % {"name": body.name}
        )
    if revoked_on in (None, ""):
        raise ActionRefused(_("A revocation needs its date."))
    date = _date(revoked_on, label=_("the revocation date"), not_after=timezone.localdate())
    if date < body.set_up_on:
        raise ActionRefused(
            _("The revocation date (%(date)s) is before %(name)s was set up (%(start)s).")
            % {"date": date.isoformat(), "name": body.name, "start": body.set_up_on.isoformat()}
        )
    return document, date


def _person(user) -> User | None:
    """The user to name as recorder: none for the command-line operator (access.SYSTEM)."""
    return user if isinstance(user, User) else None


def _snapshot(body: CoordinationBody) -> dict[str, Any]:
    values = {name: getattr(body, name) for name in BODY_FIELDS}
    values["status"] = body.status
    return values


# --- set up, revoke, change ----------------------------------------------------------------------


def set_up_body(
    *,
    user,
    division: Division,
    members: Iterable[Unit] | None = None,
    other_members: str = "",
    revoke: CoordinationBody | None = None,
    revocation_document: str = "",
    revocation_date: datetime.date | None = None,
    **values: Any,
) -> CoordinationBody:
    """Set up a body in `division` (the county, or a township or village of it).

    At the cap this is refused, unless `revoke` names an active body of the same division: then that
    body is revoked and the new one set up in one transaction with one audit entry (撤一设一); if the
    set-up fails, the revocation is undone with it. `values` are the fields in BODY_FIELDS.
    """
    access.require(user, Permission.MANAGE_BODIES, division)
    unknown = set(values) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"set_up_body() got unexpected fields: {', '.join(sorted(unknown))}")
    level = _cap_level(division)
    county = division.county_division()
    fields = _checked_fields(values, county, new=True)
    member_units = _members(members, county)
    other = _text(other_members, label=_("the other members"), limit=LONG)

    with transaction.atomic():
        cap = _locked_cap(county, level)
        if cap.cap == 0:
            raise ActionRefused(
                _(
                    "%(division)s may not set up coordination bodies: the cap at %(level)s is 0. "
                    "Hand the work to the unit responsible, with a task checklist."
                )
                % {"division": division.name, "level": CapLevel(level).label}
            )
        revoked = None
        if revoke is not None:
            access.require(user, Permission.MANAGE_BODIES, revoke)
            revoked = _locked(revoke)
            if revoked.division_id != division.pk:
                raise ActionRefused(
                    _("%(name)s belongs to %(other)s; revoke a body of %(division)s to set one up there.")
                    % {"name": revoked.name, "other": revoked.division.name, "division": division.name}
                )
            if revoked.status != BodyStatus.ACTIVE:
                raise ActionRefused(_("%(name)s is already revoked.") % {"name": revoked.name})
            document, date = _revocation(revocation_document, revocation_date, revoked)
            revoked.status = BodyStatus.REVOKED
            revoked.revocation_document = document
            revoked.revoked_on = date
            revoked.save(update_fields=["status", "revocation_document", "revoked_on", "updated_at"])

        active = active_bodies(division).count()
        if active >= cap.cap:
            if revoked is None:
                message = _(
                    "%(division)s has %(active)d active coordination bodies and its cap is %(cap)d: "
                    "the cap is reached, so one must be revoked to set one up (撤一设一)."
                )
            else:
                message = _(
                    "Even after revoking %(revoked)s, %(division)s has %(active)d active coordination "
                    "bodies and its cap is %(cap)d: revoke more before setting up a new one."
                )
            raise ActionRefused(
                message
                % {
                    "division": division.name,
                    "active": active,
                    "cap": cap.cap,
                    "revoked": revoked.name if revoked else "",
                }
            )
        _no_namesake(division, fields["name"], besides=[revoked.pk] if revoked else [])
        body = CoordinationBody.objects.create(
            county=county,
            division=division,
            status=BodyStatus.ACTIVE,
            lead_unit_name=fields["lead_unit"].name,
            other_members=other,
            **fields,
        )
        body.member_units.set(member_units)
        changes = diff({}, _snapshot(body))
        changes["member_units"] = [None, "、".join(u.name for u in member_units)]
        if revoked is None:
            record(actor=user, action="bodies.set_up_body", obj=body, changes=changes)
        else:
            # The new body is the event's object; the revoked one is named in the note.
            record(
                actor=user,
                action="bodies.replace_body",
                obj=body,
                changes=changes,
                note=_("Set up in place of %(name)s (id %(id)s), revoked on %(date)s by %(document)s.")
                % {
                    "name": revoked.name,
                    "id": revoked.pk,
                    "date": revoked.revoked_on,
                    "document": revoked.revocation_document,
                },
            )
    return body


def revoke_body(
    *, user, body: CoordinationBody, document: str, revoked_on: datetime.date | None, note: str = ""
) -> CoordinationBody:
    """Revoke an active body: the number and date of the revoking document are required. Its open work
    goes to its lead unit: see queries.handover_rows(body) for the rows of a task checklist."""
    access.require(user, Permission.MANAGE_BODIES, body)
    note = _text(note, label=_("the note"), limit=limits.REASON_CHARS)
    with transaction.atomic():
        body = _locked(body)
        if body.status != BodyStatus.ACTIVE:
            raise ActionRefused(_("%(name)s is already revoked.") % {"name": body.name})
        number, date = _revocation(document, revoked_on, body)
        body.status = BodyStatus.REVOKED
        body.revocation_document = number
        body.revoked_on = date
        body.save(update_fields=["status", "revocation_document", "revoked_on", "updated_at"])
        record(
            actor=user,
            action="bodies.revoke_body",
            obj=body,
            changes={
                "status": [BodyStatus.ACTIVE.value, BodyStatus.REVOKED.value],
                "revocation_document": [None, number],
                "revoked_on": [None, date.isoformat()],
            },
            note=note,
        )
    return body


def update_body(
    *,
    user,
    body: CoordinationBody,
    members: Iterable[Unit] | None = None,
    other_members: str | None = None,
    **values: Any,
) -> CoordinationBody:
    """Correct a body's particulars (not its status: see set_up_body and revoke_body). Fields not given
    keep their values; `members`, when given, replaces the member units."""
    access.require(user, Permission.MANAGE_BODIES, body)
    unknown = set(values) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"update_body() got unexpected fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        body = _locked(body)
        before = _snapshot(body)
        fields = _checked_fields({**before, **values}, body.county, new=False)
        if body.is_active and normalised_name(fields["name"]) != normalised_name(body.name):
            _no_namesake(body.division, fields["name"], besides=[body.pk])
        for name, value in fields.items():
            setattr(body, name, value)
        if "lead_unit" in values and fields["lead_unit"] is not None:
            body.lead_unit_name = fields["lead_unit"].name
        if other_members is not None:
            body.other_members = _text(other_members, label=_("the other members"), limit=LONG)
        body.save()
        changes = diff(before, _snapshot(body))
        if members is not None:
            old = sorted(u.name for u in body.member_units.all())
            new_units = _members(members, body.county)
            body.member_units.set(new_units)
            if sorted(u.name for u in new_units) != old:
                changes["member_units"] = ["、".join(old), "、".join(sorted(u.name for u in new_units))]
        if changes:
            record(actor=user, action="bodies.update_body", obj=body, changes=changes)
    return body


def set_cap(*, user, county: Division, level: str, cap: int) -> BodyCap:
    """Set how many active bodies the county allows at a level (its own, or each township or village).

    Lowering a cap below the bodies already active revokes nothing: new set-ups wait until enough have
    been revoked, and the review page shows the excess."""
    if county.level != CapLevel.COUNTY:
        raise ActionRefused(_("Caps are set by a county for itself and the divisions below it."))
    access.require(user, Permission.MANAGE_BODIES, county)
    level = _choice(level, CapLevel, label=_("the level"))
    if not isinstance(cap, int) or isinstance(cap, bool) or not 0 <= cap <= MAX_CAP:
        raise ActionRefused(_("A cap is a whole number from 0 to %(max)d.") % {"max": MAX_CAP})
    with transaction.atomic():
        row = _locked_cap(county, CapLevel(level))
        old = row.cap
        if old != cap:
            row.cap = cap
            row.save(update_fields=["cap", "updated_at"])
        record(
            actor=user,
            action="bodies.set_cap",
            obj=row,
            division=county,
            changes={"level": [None, level], "cap": [old, cap]},
        )
    return row


# --- meetings and documents ----------------------------------------------------------------------


def _within_life(body: CoordinationBody, day: datetime.date, *, what: str) -> None:
    if day < body.set_up_on:
        raise ActionRefused(
            _("The %(what)s date (%(date)s) is before %(name)s was set up (%(start)s).")
            % {"what": what, "date": day.isoformat(), "name": body.name, "start": body.set_up_on.isoformat()}
        )
    if body.revoked_on is not None and day > body.revoked_on:
        raise ActionRefused(
            _("The %(what)s date (%(date)s) is after %(name)s was revoked (%(end)s).")
            % {"what": what, "date": day.isoformat(), "name": body.name, "end": body.revoked_on.isoformat()}
        )


def record_meeting(
    *,
    user,
    body: CoordinationBody,
    held_on: datetime.date,
    topic: str,
    attendees_count: int | None = None,
    attendees: str = "",
    minutes=None,
) -> BodyMeeting:
    """Record a meeting the body held, with its minutes file if there is one."""
    access.require(user, Permission.RECORD_BODY_WORK, body)
    held_on = _date(held_on, label=_("the meeting date"), not_after=timezone.localdate())
    _within_life(body, held_on, what=_("meeting"))
    topic = _text(topic, label=_("the topic"), required=True, limit=300)
    attendees = _text(attendees, label=_("the attendees"), limit=LONG)
    if attendees_count is not None and not 0 < attendees_count <= 10_000:
        raise ActionRefused(_("The number of attendees must be between 1 and 10000."))
    checked = check_upload(minutes) if minutes else None
    with removing_on_error() as stored, transaction.atomic():
        meeting = BodyMeeting(
            body=body,
            county=body.county,
            held_on=held_on,
            topic=topic,
            attendees_count=attendees_count,
            attendees=attendees,
            recorded_by=_person(user),
        )
        if checked is not None:
            save_file(meeting.minutes, checked, stored)
            meeting.minutes_name = checked.name
        meeting.save()
        record(
            actor=user,
            action="bodies.record_meeting",
            obj=meeting,
            division=body.division,
            changes={"held_on": [None, held_on.isoformat()], "topic": [None, topic]},
        )
    return meeting


def record_document(
    *, user, body: CoordinationBody, number: str, title: str, issued_on: datetime.date
) -> BodyDocument:
    """Record a document the body issued."""
    access.require(user, Permission.RECORD_BODY_WORK, body)
    number = _text(number, label=_("the document number"), required=True, limit=100)
    title = _text(title, label=_("the title"), required=True, limit=300)
    issued_on = _date(issued_on, label=_("the issue date"), not_after=timezone.localdate())
    _within_life(body, issued_on, what=_("issue"))
    if BodyDocument.objects.filter(body=body, number=number).exists():
        raise ActionRefused(
            _("Document %(number)s of %(name)s is already recorded.") % {"number": number, "name": body.name}
        )
    try:
        with transaction.atomic():
            document = BodyDocument.objects.create(
                body=body,
                county=body.county,
                number=number,
                title=title,
                issued_on=issued_on,
                recorded_by=_person(user),
            )
            record(
                actor=user,
                action="bodies.record_document",
                obj=document,
                division=body.division,
                changes={
                    "number": [None, number],
                    "title": [None, title],
                    "issued_on": [None, issued_on.isoformat()],
                },
            )
    except IntegrityError:
        raise ActionRefused(
            _("Document %(number)s of %(name)s is already recorded.") % {"number": number, "name": body.name}
        ) from None
    return document


# --- the existing ledger ---------------------------------------------------------------------------


def import_ledger(*, user, division: Division, rows: Sequence[LedgerRow], filename: str = "") -> int:
    """Enter the rows of a checked ledger (importer.read_ledger) for `division`, all in one transaction
    with one audit entry; the number of bodies entered. The ledger records what exists, so its active
    bodies may exceed the cap: the review page then shows how many must go."""
    access.require(user, Permission.MANAGE_BODIES, division)
    _cap_level(division)
    if not rows:
        raise ActionRefused(_("The ledger has no new body to import."))
    county = division.county_division()
    with transaction.atomic():
        bodies = CoordinationBody.objects.bulk_create(
            CoordinationBody(
                county=county,
                division=division,
                name=row.name,
                kind=row.kind,
                permanence=row.permanence,
                ends_on=row.ends_on,
                basis_class=row.basis_class,
                basis=row.basis,
                lead_unit=row.lead_unit,
                lead_unit_name=row.lead_unit_name,
                office_unit=row.office_unit,
                office_location=row.office_location,
                leader=row.leader,
                deputy=row.deputy,
                other_members=row.other_members,
                set_up_on=row.set_up_on,
                set_up_document=row.set_up_document,
                status=row.status,
                revoked_on=row.revoked_on,
                revocation_document=row.revocation_document,
            )
            for row in rows
        )
        Membership = CoordinationBody.member_units.through
        Membership.objects.bulk_create(
            Membership(coordinationbody_id=body.pk, unit_id=unit.pk)
            for body, row in zip(bodies, rows, strict=True)
            for unit in row.members
        )
        active = sum(row.status == BodyStatus.ACTIVE for row in rows)
        record(
            actor=user,
            action="bodies.import_ledger",
            obj=division,
            division=division,
            note=_("%(file)s: %(total)d bodies, %(active)d active, %(revoked)d revoked.")
            % {
                "file": filename[:200],
                "total": len(bodies),
                "active": active,
                "revoked": len(bodies) - active,
            },
        )
    return len(bodies)
