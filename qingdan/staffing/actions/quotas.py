"""Units and quotas: the catalog office sets a unit's approved quotas and moves quotas down; a unit
(township or county) keeps its roster. Moves lock every unit they touch in the order of their ids, so
concurrent moves never drift or go below zero."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division, Unit
from qingdan.registers import personal
from qingdan.registers.values import check_id_number, parse_phone

from ..choices import QUOTA_OF_IDENTITY, Identity, QuotaKind, Series
from ..models import QuotaMove, QuotaMoveLine, StaffedUnit, StaffPerson
from ..models.quotas import QUOTA_FIELD
from ..queries import filled
from ._support import choice, date, require, text, whole

MAX_QUOTA = 100_000


@transaction.atomic
def set_unit_quotas(
    *,
    user,
    unit: Unit,
    series: str,
    administrative_quota: int,
    institution_quota: int,
    leader_posts: int,
    is_enforcement_team: bool = False,
) -> StaffedUnit:
    """The catalog office records a unit's series, approved quotas and leadership posts."""
    require(user, Permission.MANAGE_QUOTAS, unit)
    values = {
        "series": choice(series, Series, label=_("the series")),
        "administrative_quota": whole(
            administrative_quota, label=_("the administrative quota"), high=MAX_QUOTA
        ),
        "institution_quota": whole(institution_quota, label=_("the institution quota"), high=MAX_QUOTA),
        "leader_posts": whole(leader_posts, label=_("the leadership posts"), high=MAX_QUOTA),
        "is_enforcement_team": bool(is_enforcement_team),
    }
    staffed = StaffedUnit.objects.select_for_update().filter(unit=unit).first()
    old = {} if staffed is None else {key: getattr(staffed, key) for key in values}
    if staffed is None:
        staffed = StaffedUnit.objects.create(unit=unit, county=unit.county_division(), **values)
    else:
        for kind in QuotaKind:
            count = filled(staffed, kind)
            approved = values[QUOTA_FIELD[kind]]
            if isinstance(approved, int) and approved < count:
                raise ActionRefused(
                    _("%(unit)s has %(count)d people in %(kind)s; the quota cannot be set below that.")
                    % {"unit": unit.name, "count": count, "kind": kind.label}
                )
        for key, value in values.items():
            setattr(staffed, key, value)
        staffed.save()
    record(
        actor=user,
        action="staffing.set_unit_quotas",
        obj=staffed,
        division=unit.division,
        changes={k: [old.get(k), v] for k, v in values.items() if old.get(k) != v},
    )
    return staffed


@transaction.atomic
def move_quotas(
    *,
    user,
    source: StaffedUnit,
    kind: str,
    lines: list[tuple[StaffedUnit, int]],
    document: str,
    moved_on: datetime.date,
) -> QuotaMove:
    """Move vacant quotas of one kind from a unit to township units, in one act with its document.

    The county's total never changes: what the source gives is what the townships get. Every unit is
    locked in the order of its id before anything is read, so two moves at once queue instead of racing."""
    require(user, Permission.MANAGE_QUOTAS, source)
    kind = choice(kind, QuotaKind, label=_("the quota kind"))
    document = text(document, label=_("the document number"))
    moved_on = date(moved_on, label=_("the date"))
    if not lines:
        raise ActionRefused(_("Name at least one township unit to receive quotas."))
    county = source.county
    targets: dict[int, int] = {}
    for target, amount in lines:
        whole(
            amount,
            label=_("the quotas moved to %(unit)s") % {"unit": target.unit.name},
            low=1,
            high=MAX_QUOTA,
        )
        if not target.is_township:
            raise ActionRefused(
                _("%(unit)s is not a township unit; quotas move down to townships only.")
                % {"unit": target.unit.name}
            )
        if target.county_id != county.pk:
            raise ActionRefused(_("%(unit)s is in another county.") % {"unit": target.unit.name})
        if target.pk == source.pk or target.pk in targets:
            raise ActionRefused(_("%(unit)s is named twice.") % {"unit": target.unit.name})
        targets[target.pk] = amount
    total = sum(targets.values())
    ids = sorted([source.pk, *targets])
    rows = {row.pk: row for row in StaffedUnit.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    source = rows[source.pk]
    vacant = source.quota(kind) - filled(source, kind)
    if total > vacant:
        raise ActionRefused(
            _("%(unit)s has %(vacant)d vacant %(kind)s; %(total)d cannot be moved.")
            % {"unit": source.unit.name, "vacant": vacant, "kind": QuotaKind(kind).label, "total": total}
        )
    field = QUOTA_FIELD[QuotaKind(kind)]
    StaffedUnit.objects.filter(pk=source.pk).update(**{field: F(field) - total})
    move = QuotaMove.objects.create(
        county=county, source=source, kind=kind, document=document, moved_on=moved_on, made_by=user
    )
    for pk, amount in targets.items():
        StaffedUnit.objects.filter(pk=pk).update(**{field: F(field) + amount})
        QuotaMoveLine.objects.create(
            move=move, target=rows[pk], township=rows[pk].unit.division, amount=amount
        )
    record(
        actor=user,
        action="staffing.move_quotas",
        obj=move,
        division=county,
        changes={
            "from": [None, source.unit.name],
            "kind": [None, kind],
            "total": [None, total],
            "to": [None, "、".join(f"{rows[pk].unit.name} {n}" for pk, n in targets.items())],
        },
        note=document,
    )
    return move


def _identity_fields(works_in: StaffedUnit, identity: str, quota_unit, sending_unit):
    identity = choice(identity, Identity, label=_("the identity"))
    kind = QUOTA_OF_IDENTITY.get(Identity(identity))
    if kind is None:
        quota_unit = None
    else:
        quota_unit = quota_unit or works_in
        if quota_unit.county_id != works_in.county_id:
            raise ActionRefused(_("The quota must be one of the same county."))
        if quota_unit.is_township and not works_in.is_township:
            raise ActionRefused(
                _("%(unit)s is a county unit and may not occupy a township quota (专编专用).")
                % {"unit": works_in.unit.name}
            )
    if identity == Identity.DISPATCHED:
        if sending_unit is None:
            raise ActionRefused(_("Name the unit that sends this person."))
        if sending_unit.division.is_township or sending_unit.county_division().pk != works_in.county_id:
            raise ActionRefused(_("The sending unit must be a county unit of the same county."))
    else:
        sending_unit = None
    return identity, quota_unit, sending_unit


def _take_vacant_quota(works_in: StaffedUnit, quota_unit: StaffedUnit | None, identity: str) -> None:
    """Lock the units a new person touches, in the order of their ids as move_quotas locks them, then
    check the quota they occupy still has a vacancy: a move and an addition at once queue, so the people
    in a quota never exceed what either check saw (no one is taken on above the quota, 严禁超编进人)."""
    ids = sorted({works_in.pk, *([quota_unit.pk] if quota_unit is not None else [])})
    locked = {u.pk: u for u in StaffedUnit.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    kind = QUOTA_OF_IDENTITY.get(Identity(identity))
    if kind is None or quota_unit is None:
        return
    unit = locked[quota_unit.pk]
    taken = filled(unit, kind)
    if taken >= unit.quota(kind):
        raise ActionRefused(
            _(
                "%(refusal)s Staff already over the quota may be recorded into the turnover pool, with "
                "the date they entered it and what they now do."
            )
            % {"refusal": no_vacancy(unit, kind, taken)}
        )


def no_vacancy(unit: StaffedUnit, kind: QuotaKind, taken: int) -> str:
    """The refusal when a unit's quota of `kind` is full with `taken` people (the roster import says the
    same of the row that would go over, naming its pool columns instead of add_person's fields)."""
    return _(
        "%(unit)s has no vacant %(kind)s (%(taken)d of %(approved)d filled); nobody is taken on "
        "above the quota."
    ) % {"unit": unit.unit.name, "kind": kind.label, "taken": taken, "approved": unit.quota(kind)}


def _pool_entry(pool_since, pool_duty: str) -> tuple[datetime.date, str] | None:
    """The optional entry into the turnover pool: both the date and what they now do, or neither."""
    if pool_since is None and not (pool_duty or "").strip():
        return None
    if pool_since is None:
        raise ActionRefused(_("Give the date the person entered the turnover pool."))
    since = date(pool_since, label=_("the date"))
    return since, text(pool_duty, label=_("what they now do"))


@transaction.atomic
def add_person(
    *,
    user,
    works_in: StaffedUnit,
    name: str,
    identity: str,
    id_number: str,
    phone: str = "",
    quota_unit: StaffedUnit | None = None,
    sending_unit: Unit | None = None,
    is_leader: bool = False,
    pool_since: datetime.date | None = None,
    pool_duty: str = "",
) -> StaffPerson:
    """A person joins a unit's roster. The ID number and phone are checked as the registers check
    residents' and kept encrypted; staff in quota occupy their unit's quota unless another is named, and
    only a vacant one. A person recorded straight into the turnover pool (pool_since and pool_duty, as
    send_to_pool takes them: the county's staff already over the quota) occupies none, so needs none."""
    require(user, Permission.MANAGE_STAFFING, works_in)
    name = text(name, label=_("the person's name"), limit=50)
    identity, quota_unit, sending_unit = _identity_fields(works_in, identity, quota_unit, sending_unit)
    try:
        number = check_id_number((id_number or "").strip())
        phone = parse_phone(phone) if (phone or "").strip() else ""
    except ValueError as exc:
        raise ActionRefused(str(exc)) from None
    pool = _pool_entry(pool_since, pool_duty)
    if pool is None:
        _take_vacant_quota(works_in, quota_unit, identity)
    try:
        with transaction.atomic():
            person = StaffPerson.objects.create(
                county=works_in.county,
                works_in=works_in,
                quota_unit=quota_unit,
                identity=identity,
                sending_unit=sending_unit,
                name=name,
                id_cipher=personal.encrypt(number),
                id_hash=personal.lookup_hash(number),
                id_masked=personal.mask_id(number),
                phone_cipher=personal.encrypt(phone) if phone else "",
                phone_masked=personal.mask_phone(phone),
                is_leader=bool(is_leader),
                in_pool=pool is not None,
                pool_since=pool[0] if pool else None,
                pool_duty=pool[1] if pool else "",
            )
    except IntegrityError:
        raise ActionRefused(_("A person with this ID number is already on the county's rosters.")) from None
    record(
        actor=user,
        action="staffing.add_person",
        obj=person,
        changes={"name": [None, name], "identity": [None, identity], "id_number": [None, person.id_masked]},
    )
    if pool is not None:
        record(actor=user, action="staffing.send_to_pool", obj=person, changes={"pool_duty": [None, pool[1]]})
    return person


def reveal_person(*, user, person: StaffPerson, field: str, reason: str) -> str:
    """A person's clear ID number or phone, for a reason, audited: the registers' one reveal. The township
    reveals its own people, the catalog office (编办) the county's, a supervisor those in scope."""
    return personal.reveal(
        user=user,
        holder=person,
        field=field,
        reason=reason,
        permission=Permission.STAFFING_REVEAL,
        action="staffing.reveal_personal",
        missing=_("No %(field)s is recorded for this person."),
    )


def township_units(township: Division):
    return StaffedUnit.objects.filter(unit__division=township)
