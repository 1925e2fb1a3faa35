"""Account management (信息中心): every change a platform admin makes to the people of their scope.

Each action is keyword-only, takes the acting `user`, runs in one transaction and writes one audit row.
Passwords and their hashes never reach the audit trail: a password event says only that it happened.
"""

from __future__ import annotations

import secrets
import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused

from .choices import Level, Role, UnitKind
from .models import Unit, User

# Letters and digits that cannot be mistaken for one another when read out over the phone.
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "Il1O0o")
PASSWORD_GROUPS = 3
PASSWORD_GROUP_LENGTH = 4

COUNTY_OR_ABOVE = {Level.COUNTY, Level.CITY, Level.PROVINCE}
CLERK_UNIT_KINDS = {UnitKind.DEPARTMENT, UnitKind.INSTITUTION, UnitKind.AGENCY}
GRASSROOTS_UNIT_KINDS = {UnitKind.TOWNSHIP, UnitKind.VILLAGE}


def generate_password() -> str:
    """A strong password that is easy to pass on: three groups of four, e.g. "k7Xm-Pq3r-Tz9w" (~69 bits)."""
    while True:
        groups = [
            "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_GROUP_LENGTH))
            for _ in range(PASSWORD_GROUPS)
        ]
        password = "-".join(groups)
        has_all = (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        )
        if has_all:
            return password


def role_unit_problem(role: str, unit: Unit) -> str | None:
    """Why this role does not fit this unit (a message for the user), or None when it fits.

    village cadre → a village or community committee; township dispatcher → a township government;
    department clerk → a county department, public institution or dispatched agency; the county roles
    (catalog office, reviewer, supervisor, platform admin) → a unit at county level or above.
    """
    level = unit.division.level
    names = {"unit": unit.name, "role": Role(role).label}
    if role == Role.VILLAGE_CADRE:
        if unit.kind != UnitKind.VILLAGE or level != Level.VILLAGE:
            return (
                _("A village cadre must belong to a village or community committee; “%(unit)s” is not one.")
                % names
            )
    elif role == Role.TOWNSHIP_DISPATCHER:
        if unit.kind != UnitKind.TOWNSHIP or level != Level.TOWNSHIP:
            return (
                _(
                    "A township dispatcher must belong to a township or subdistrict government; "
                    "“%(unit)s” is not one."
                )
                % names
            )
    elif role == Role.DEPT_CLERK:
        if unit.kind not in CLERK_UNIT_KINDS or level != Level.COUNTY:
            return (
                _(
                    "A department clerk must belong to a county department, public institution or dispatched "
                    "agency; “%(unit)s” is not one."
                )
                % names
            )
    elif unit.kind in GRASSROOTS_UNIT_KINDS or level not in COUNTY_OR_ABOVE:
        return (
            _(
                "The role “%(role)s” needs a county-level (or higher) office or unit; “%(unit)s” is a "
                "township or village unit."
            )
            % names
        )
    return None


def password_problems(password: str, person: User) -> list[str]:
    """What the project's password rules (settings.AUTH_PASSWORD_VALIDATORS) say about a password."""
    try:
        password_validation.validate_password(password, user=person)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def _check_target(user, person: User) -> None:
    # 403 unless the person lies in the admin's scope; one without a unit is the server operator's only.
    access.require(user, Permission.MANAGE_ACCOUNTS, person)
    if person.is_superuser and not getattr(user, "is_superuser", user is access.SYSTEM):
        raise ActionRefused(_("Only the server operator manages superuser accounts."))


def _check_unit(role: str, unit: Unit) -> None:
    if role not in Role.values:
        raise ActionRefused(_("Choose a role from the list."))
    if not unit.is_active:
        raise ActionRefused(
            _("The unit “%(unit)s” is no longer active; choose another.") % {"unit": unit.name}
        )
    if problem := role_unit_problem(role, unit):
        raise ActionRefused(problem)


def _locked(person: User) -> User:
    return User.objects.select_for_update().get(pk=person.pk)


def _profile(person: User) -> dict:
    return {"full_name": person.full_name, "role": person.role, "unit": person.unit}


def create_person(
    *, user, username: str, full_name: str, unit: Unit, role: str, password: str = ""
) -> tuple[User, str]:
    """A new account in `unit`. Without a typed `password` a strong one is generated.

    Returns the person and the password to hand over (shown once, never stored in clear).
    """
    access.require(user, Permission.MANAGE_ACCOUNTS, unit.division)
    username = username.strip()
    full_name = full_name.strip()
    _check_unit(role, unit)
    try:
        User.username_validator(username)
    except ValidationError:
        raise ActionRefused(
            _("A user name may contain only letters, digits and the characters @ . + - _")
        ) from None
    person = User(username=username, full_name=full_name, unit=unit, role=role)
    if password:
        if problems := password_problems(password, person):
            raise ActionRefused(" ".join(problems))
    else:
        password = generate_password()
    person.set_password(password)
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ActionRefused(_("The user name “%(name)s” is already taken.") % {"name": username})
        person.save()
        record(
            actor=user,
            action="orgs.person_create",
            obj=person,
            division=unit.division,
            changes=diff({}, {"username": username, **_profile(person)}),
            note="initial password set; the person is to change it at first sign-in",
        )
    return person, password


def update_person(*, user, person: User, full_name: str, unit: Unit, role: str) -> User:
    """Change a person's full name, unit or role. Nobody changes their own role."""
    _check_target(user, person)
    access.require(user, Permission.MANAGE_ACCOUNTS, unit.division)
    _check_unit(role, unit)
    if person.pk == getattr(user, "pk", None) and role != person.role:
        raise ActionRefused(_("You cannot change your own role; ask another platform admin to do it."))
    with transaction.atomic():
        current = _locked(person)
        old = _profile(current)
        current.full_name, current.unit, current.role = full_name.strip(), unit, role
        changes = diff(old, _profile(current))
        if not changes:
            return current
        current.save(update_fields=["full_name", "unit", "role"])
        # The audit row belongs to the division the person now works in.
        record(actor=user, action="orgs.person_update", obj=current, division=unit.division, changes=changes)
    return current


def _set_active(user, person: User, active: bool) -> User:
    _check_target(user, person)
    if not active and person.pk == getattr(user, "pk", None):
        raise ActionRefused(_("You cannot deactivate your own account."))
    with transaction.atomic():
        current = _locked(person)
        if current.is_active == active:
            return current
        current.is_active = active
        current.save(update_fields=["is_active"])
        record(
            actor=user,
            action="orgs.person_reactivate" if active else "orgs.person_deactivate",
            obj=current,
            changes=diff({"is_active": not active}, {"is_active": active}),
        )
    return current


def deactivate_person(*, user, person: User) -> User:
    """Stop an account: it can no longer sign in, and its sessions and API tokens stop working."""
    return _set_active(user, person, False)


def reactivate_person(*, user, person: User) -> User:
    return _set_active(user, person, True)


def unlock_person(*, user, person: User) -> User:
    """End a lock after failed sign-ins, and forget the failures counted so far."""
    _check_target(user, person)
    with transaction.atomic():
        current = _locked(person)
        if current.failed_logins == 0 and current.locked_until is None:
            return current
        old = {"failed_logins": current.failed_logins, "locked_until": _moment(current.locked_until)}
        current.failed_logins, current.locked_until = 0, None
        current.save(update_fields=["failed_logins", "locked_until"])
        record(
            actor=user,
            action="orgs.person_unlock",
            obj=current,
            changes=diff(old, {"failed_logins": 0, "locked_until": None}),
        )
    return current


def reset_password(*, user, person: User) -> str:
    """Give a person a new generated password and return it; it is shown once and stored only hashed."""
    _check_target(user, person)
    password = generate_password()
    with transaction.atomic():
        current = _locked(person)
        current.set_password(password)
        current.save(update_fields=["password"])
        record(
            actor=user,
            action="orgs.person_password_reset",
            obj=current,
            note="new password generated; the person is to change it at next sign-in",
        )
    return password


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None
