"""The base registers: a village's profile and its residents, every value kept with the date it was true as
of and who set it (history: a new value never overwrites an old one).

    set_village_fact(*, user, village, element, value, as_of, source)    one figure of the village profile
    set_village_facts(*, user, village, values, as_of, source)           many at once, one audit row
    upsert_resident(*, user, village, name, id_number, household, phone, tags)    add or update a person
    update_residents(*, user, village, changes)                          name, household, phone, tags
    set_resident_fact(*, user, resident, element, value, as_of, source)  one attribute of a resident
    set_resident_facts(*, user, village, values, as_of, source)          many at once, one audit row

A resident's name, ID number, household, phone and tags live on the Resident itself (the ID number and
phone encrypted; see personal.py); data elements of kind ID number or phone are therefore never kept as
resident attributes. queries.BASE_FIELDS names the resident fields by the dictionary's element names;
the current values are read by queries.current_village_facts and queries.current_resident_facts.

Audit rows never hold a clear ID number or phone: values of those kinds are masked, and the values of
other personal elements are left out (the row says that they changed, not what to).
"""

from __future__ import annotations

import datetime
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from qingdan import access
from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.forms.choices import ElementKind, ElementStatus, Register, ValueSource
from qingdan.forms.models import DataElement
from qingdan.orgs.models import Division

from . import personal
from .models import Resident, ResidentFact, VillageFact
from .queries import current_village_facts, resident_field
from .values import check_id_number, parse_phone, parse_value

ON_RESIDENT_KINDS = (ElementKind.ID_NUMBER, ElementKind.PHONE)
MAX_NAME, MAX_HOUSEHOLD, MAX_TAG, MAX_TAGS = 50, 40, 20, 200
TAG_SEPARATORS = re.compile(r"[\s、，,；;/|]+")


def _village(division: Division) -> Division:
    if not division.is_village:
        raise ActionRefused(_("%(name)s is not a village or community.") % {"name": division.name})
    return division


def check_element(element: DataElement, county: Division, register: str) -> None:
    """The element may hold values of this register in this county (ActionRefused if not)."""
    if element.county_id != county.pk or element.status != ElementStatus.APPROVED:
        raise ActionRefused(
            _("%(name)s is not an approved data element of %(county)s.")
            % {"name": element.name, "county": county.name}
        )
    if element.register != register:
        raise ActionRefused(
            _("%(name)s is not held in the %(register)s.")
            % {"name": element.name, "register": Register(register).label}
        )
    if register == Register.RESIDENTS and resident_field(element):
        raise ActionRefused(
            _("%(name)s is kept on the resident itself, not as an attribute.") % {"name": element.name}
        )


def audited_value(element: DataElement, value: str | None) -> str | None:
    """What the audit trail may show of a value: ID numbers and phones masked, other personal data never."""
    if value in (None, ""):
        return value
    if element.kind == ElementKind.ID_NUMBER:
        return personal.mask_id(value)
    if element.kind == ElementKind.PHONE:
        return personal.mask_phone(value)
    if element.is_personal:
        return "***"
    return value


def _clean(element: DataElement, raw: str, today: datetime.date) -> str:
    try:
        value = parse_value(element, raw, today=today)
    except ValueError as exc:
        raise ActionRefused(f"{element.name}：{exc}") from exc
    if not value:
        raise ActionRefused(_("%(name)s: the value is empty.") % {"name": element.name})
    return value


def _as_of(as_of: datetime.date, today: datetime.date) -> datetime.date:
    if as_of > today:
        raise ActionRefused(
            _("The date a value is true as of (%(date)s) cannot be in the future.") % {"date": as_of}
        )
    return as_of


# --- the village profile -------------------------------------------------------------------------


def set_village_fact(
    *, user, village, element, value: str, as_of: datetime.date, source=ValueSource.MANUAL
) -> VillageFact:
    """Record one figure of the village as true on `as_of`; the earlier values stay as history."""
    facts = set_village_facts(user=user, village=village, values={element: value}, as_of=as_of, source=source)
    return facts[0]


@transaction.atomic
def set_village_facts(
    *, user, village, values: dict[DataElement, str], as_of: datetime.date, source=ValueSource.MANUAL
) -> list[VillageFact]:
    """Record several figures of one village at once (all or none), with one audit row."""
    access.require(user, Permission.MANAGE_REGISTERS, village)
    _village(village)
    county = village.county_division()
    today = timezone.localdate()
    _as_of(as_of, today)
    if not values:
        raise ActionRefused(_("There is no value to record."))
    cleaned = []
    for element, raw in values.items():
        check_element(element, county, Register.VILLAGE)
        cleaned.append((element, _clean(element, raw, today)))
    before = current_village_facts(village, [element for element, _value in cleaned])
    facts = VillageFact.objects.bulk_create(
        VillageFact(
            village=village,
            county=county,
            element=element,
            value=value,
            as_of=as_of,
            source=source,
            set_by=user if user.pk else None,
        )
        for element, value in cleaned
    )
    old = {e.name: audited_value(e, before[e.pk].value) if e.pk in before else None for e, _v in cleaned}
    new = {e.name: audited_value(e, value) for e, value in cleaned}
    record(
        actor=user,
        action="forms.set_village_fact",
        obj=village,
        changes={name: [old[name], new[name]] for name in new},
        note=_("true as of %(date)s") % {"date": as_of.isoformat()},
    )
    return facts


# --- residents -----------------------------------------------------------------------------------


def clean_tags(text: str) -> str:
    """Tags as one space-separated text: "低保、残疾" → "低保 残疾" (each once, in the order given)."""
    tags: list[str] = []
    for tag in TAG_SEPARATORS.split(text or ""):
        if tag and tag not in tags:
            if len(tag) > MAX_TAG:
                raise ValueError(
                    _("The tag %(tag)s is longer than %(limit)d characters.") % {"tag": tag, "limit": MAX_TAG}
                )
            tags.append(tag)
    joined = " ".join(tags)
    if len(joined) > MAX_TAGS:
        raise ValueError(_("The tags are longer than %(limit)d characters in all.") % {"limit": MAX_TAGS})
    return joined


def clean_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise ValueError(_("The person's name is empty."))
    if len(name) > MAX_NAME:
        raise ValueError(_("The person's name is longer than %(limit)d characters.") % {"limit": MAX_NAME})
    return name


def clean_household(text: str) -> str:
    household = (text or "").strip()
    if len(household) > MAX_HOUSEHOLD:
        raise ValueError(
            _("The household number is longer than %(limit)d characters.") % {"limit": MAX_HOUSEHOLD}
        )
    return household


def already_elsewhere() -> str:
    return _("This ID number is already registered in another village or community of the county.")


@transaction.atomic
def upsert_resident(*, user, village, name, id_number, household="", phone="", tags="") -> Resident:
    """Add a person to the village's register, or update them when their ID number is already there.
    The same ID number in another village of the county is refused: one person, one entry."""
    access.require(user, Permission.MANAGE_REGISTERS, village)
    _village(village)
    county = village.county_division()
    try:
        name = clean_name(name)
        number = check_id_number(id_number)
        phone = parse_phone(phone) if (phone or "").strip() else ""
        household = clean_household(household)
        tags = clean_tags(tags)
    except ValueError as exc:
        raise ActionRefused(str(exc)) from exc
    id_hash = personal.lookup_hash(number)
    existing = Resident.objects.select_for_update().filter(county=county, id_hash=id_hash).first()
    if existing is not None and existing.village_id != village.pk:
        raise ActionRefused(already_elsewhere())
    wanted = {
        "name": name,
        "household": household,
        "phone_masked": personal.mask_phone(phone),
        "tags": tags,
        "is_active": True,
    }
    if existing is None:
        resident = Resident(
            village=village,
            county=county,
            id_cipher=personal.encrypt(number),
            id_hash=id_hash,
            id_masked=personal.mask_id(number),
            phone_cipher=personal.encrypt(phone) if phone else "",
            **wanted,
        )
        try:
            with transaction.atomic():
                resident.save()
        except IntegrityError as exc:  # the same person added at the same moment elsewhere
            raise ActionRefused(already_elsewhere()) from exc
        record(
            actor=user,
            action="forms.add_resident",
            obj=resident,
            changes={key: [None, value] for key, value in wanted.items() if value not in ("", True)},
        )
        return resident
    phone_changed = bool(phone) != bool(existing.phone_cipher) or (
        phone and personal.decrypt(existing.phone_cipher) != phone
    )
    changes = {k: [getattr(existing, k), v] for k, v in wanted.items() if getattr(existing, k) != v}
    if phone_changed and "phone_masked" not in changes:
        changes["phone_masked"] = [existing.phone_masked, wanted["phone_masked"]]
    if not changes:
        return existing
    for key, value in wanted.items():
        setattr(existing, key, value)
    if phone_changed:
        existing.phone_cipher = personal.encrypt(phone) if phone else ""
    existing.save()
    record(actor=user, action="forms.update_resident", obj=existing, changes=changes)
    return existing


DETAIL_LABELS = {
    "name": lambda: pgettext("person", "Name"),
    "household": lambda: _("household number"),
    "tags": lambda: _("tags"),
}


def _detail(field: str, raw: str) -> str:
    if field == "name":
        return clean_name(raw)
    if field == "household":
        return clean_household(raw)
    if field == "phone":
        return parse_phone(raw) if (raw or "").strip() else ""
    return clean_tags(raw)


@transaction.atomic
def update_residents(*, user, village, changes: dict[Resident, dict[str, str]]) -> int:
    """Change the name, household, phone or tags of residents of one village at once (all or none), with
    one audit row (phones masked). Returns how many residents changed."""
    access.require(user, Permission.MANAGE_REGISTERS, village)
    _village(village)
    audited: dict[str, list] = {}
    changed: list[Resident] = []
    for resident, wanted in changes.items():
        if resident.village_id != village.pk:
            raise ActionRefused(
                _("%(name)s is not a resident of %(village)s.") % {"name": resident, "village": village.name}
            )
        who = f"{resident.name}（{resident.id_masked}）"
        before = {"name": resident.name, "household": resident.household, "tags": resident.tags}
        for field, raw in wanted.items():
            try:
                value = _detail(field, raw)
            except ValueError as exc:
                raise ActionRefused(f"{who}{exc}") from exc
            if field == "phone":
                masked = personal.mask_phone(value)
                if value and resident.phone_cipher and personal.decrypt(resident.phone_cipher) == value:
                    continue
                audited[f"{who}{_('phone')}"] = [resident.phone_masked, masked]
                resident.phone_cipher, resident.phone_masked = (
                    (personal.encrypt(value) if value else ""),
                    masked,
                )
            elif before[field] != value:
                audited[f"{who}{DETAIL_LABELS[field]()}"] = [before[field], value]
                setattr(resident, field, value)
            else:
                continue
            if not changed or changed[-1] is not resident:
                changed.append(resident)
    if not changed:
        return 0
    now = timezone.now()
    for resident in changed:
        resident.updated_at = now
    Resident.objects.bulk_update(
        changed, ["name", "household", "phone_cipher", "phone_masked", "tags", "updated_at"]
    )
    record(
        actor=user,
        action="forms.update_resident",
        obj=changed[0] if len(changed) == 1 else village,
        division=village,
        changes=dict(list(audited.items())[:200]),
    )
    return len(changed)


def set_resident_fact(
    *, user, resident, element, value: str, as_of: datetime.date, source=ValueSource.MANUAL
) -> ResidentFact:
    """Record one attribute of a resident as true on `as_of`; earlier values stay as history."""
    facts = set_resident_facts(
        user=user, village=resident.village, values={(resident, element): value}, as_of=as_of, source=source
    )
    return facts[0]


@transaction.atomic
def set_resident_facts(
    *,
    user,
    village,
    values: dict[tuple[Resident, DataElement], str],
    as_of: datetime.date,
    source=ValueSource.MANUAL,
) -> list[ResidentFact]:
    """Record attributes of residents of one village at once (all or none), with one audit row."""
    access.require(user, Permission.MANAGE_REGISTERS, village)
    _village(village)
    county = village.county_division()
    today = timezone.localdate()
    _as_of(as_of, today)
    if not values:
        raise ActionRefused(_("There is no value to record."))
    cleaned = []
    checked: set[int] = set()
    for (resident, element), raw in values.items():
        if resident.village_id != village.pk:
            raise ActionRefused(
                _("%(name)s is not a resident of %(village)s.") % {"name": resident, "village": village.name}
            )
        if element.pk not in checked:
            check_element(element, county, Register.RESIDENTS)
            checked.add(element.pk)
        try:
            value = _clean(element, raw, today)
        except ActionRefused as exc:
            raise ActionRefused(f"{resident.name}（{resident.id_masked}）{exc.message}") from exc
        cleaned.append((resident, element, value))
    facts = ResidentFact.objects.bulk_create(
        ResidentFact(
            resident=resident,
            element=element,
            value=value,
            as_of=as_of,
            source=source,
            set_by=user if user.pk else None,
        )
        for resident, element, value in cleaned
    )
    single = len(cleaned) == 1
    record(
        actor=user,
        action="forms.set_resident_fact",
        obj=cleaned[0][0] if single else village,
        division=village,
        changes={
            f"{resident.name}（{resident.id_masked}）{element.name}": [None, audited_value(element, value)]
            for resident, element, value in cleaned[:200]
        },
        note=_("true as of %(date)s; %(count)d values") % {"date": as_of.isoformat(), "count": len(cleaned)},
    )
    return facts
