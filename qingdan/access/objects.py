"""Object rules: what a permission asks of one existing object, beyond the role the table allows.

Each rule is a named yes/no question about (user, object, scope root) and rules compose with `&` and `|`,
so a permission's rule reads as a sentence in OBJECT_RULES below. The default, for every permission not
named there, is `in_scope`: the object lies in the person's scope. Acting on a division (creating
something in it) asks DIVISION_RULES instead.

    in_scope            the object's division lies in the scope (an object without a division passes)
    seen                the object is one of the rows the person sees (rules.RULES); one query, none when
                        it was fetched for this person by get_visible_or_404
    placed              the object has a division at all (a person without a unit has none)
    own_unit(field)     the object's `field` is the person's unit
    the_person(field)   the object's `field` is the person
    role_is_not(role)   the person's role is not `role`
    at_level(*levels)   the division is at one of these levels
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qingdan.orgs.choices import Level, Role
from qingdan.orgs.models import Division

from .permissions import Permission
from .rules import RULES

# get_visible_or_404 marks what it fetched with the id of the person it was fetched for, so that `seen`
# need not ask the database again for the same person in the same request.
SEEN_BY = "_access_seen_by"

Test = Callable[[Any, Any, Division], bool]


class ObjectRule:
    """One named question about an object; `a & b` and `a | b` make new rules."""

    def __init__(self, name: str, test: Test):
        self.name = name
        self._test = test

    def __call__(self, user, obj, root: Division) -> bool:
        return self._test(user, obj, root)

    def __and__(self, other: ObjectRule) -> ObjectRule:
        return ObjectRule(f"({self.name} & {other.name})", lambda u, o, r: self(u, o, r) and other(u, o, r))

    def __or__(self, other: ObjectRule) -> ObjectRule:
        return ObjectRule(f"({self.name} | {other.name})", lambda u, o, r: self(u, o, r) or other(u, o, r))

    def __repr__(self) -> str:
        return f"<ObjectRule {self.name}>"


def division_of(obj) -> Division | None:
    if obj is None or isinstance(obj, Division):
        return obj
    return getattr(obj, "division", None)


def _in_scope(user, obj, root: Division) -> bool:
    division = division_of(obj)
    return division is None or root.contains(division)


def _seen(user, obj, root: Division) -> bool:
    if getattr(obj, SEEN_BY, None) == user.pk:
        return True
    model = type(obj)
    rows = model._default_manager.filter(pk=obj.pk)
    return rows.filter(RULES[model._meta.label_lower](user, root)).exists()


in_scope = ObjectRule("in_scope", _in_scope)
seen = ObjectRule("seen", _seen)
placed = ObjectRule("placed", lambda user, obj, root: division_of(obj) is not None)


def own_unit(field: str) -> ObjectRule:
    return ObjectRule(f"own_unit({field})", lambda user, obj, root: getattr(obj, field) == user.unit_id)


def the_person(field: str) -> ObjectRule:
    return ObjectRule(f"the_person({field})", lambda user, obj, root: getattr(obj, field) == user.pk)


def role_is_not(role: Role) -> ObjectRule:
    return ObjectRule(f"role_is_not({role})", lambda user, obj, root: user.role != role)


def at_level(*levels: Level) -> ObjectRule:
    def test(user, obj, root: Division) -> bool:
        division = division_of(obj)
        return division is not None and division.level in set(levels)

    return ObjectRule(f"at_level({','.join(levels)})", test)


# A workflow step needs the object inside the scope *and* visible: a department clerk's scope is the
# whole county, but they see only their own department's orders and forms.
_seen_in_scope = in_scope & seen

OBJECT_RULES: dict[Permission, ObjectRule] = {
    # A checklist is changed by its own unit only.
    Permission.MANAGE_CHECKLIST: in_scope & own_unit("owner_unit_id"),
    # A department records the meetings and documents of the bodies it leads.
    Permission.RECORD_BODY_WORK: in_scope & (role_is_not(Role.DEPT_CLERK) | own_unit("lead_unit_id")),
    # Progress on a checklist row is reported by the person it names, wherever their unit sits.
    Permission.REPORT_PROGRESS: the_person("responsible_id"),
    # A person's API tokens are theirs alone.
    Permission.MANAGE_TOKENS: the_person("user_id"),
    # An account without a unit has no division; only the server operator (SYSTEM) manages it.
    Permission.MANAGE_ACCOUNTS: placed & in_scope,
    Permission.SUBMIT_ORDER: _seen_in_scope,
    Permission.REVIEW_ORDER: _seen_in_scope,
    Permission.DISPATCH_ORDER: _seen_in_scope,
    Permission.WORK_TASK: _seen_in_scope,
    Permission.HANDLE_COMPLAINT: _seen_in_scope,
    Permission.REQUEST_FORM: _seen_in_scope,
    Permission.REVIEW_FORM: _seen_in_scope,
    Permission.FILL_FORM: _seen_in_scope,
    Permission.MANAGE_DICTIONARY: _seen_in_scope,
    # Seconded cadres: the programme is organised by the unit it names (the 组织部); a sending unit
    # works on its own batches, cadres and resources; a project is changed by its community or by a unit
    # that offers one of its resources.
    Permission.CADRES_ORGANISE: in_scope & own_unit("organising_unit_id"),
    Permission.CADRES_SEND: in_scope & own_unit("sending_unit_id"),
    Permission.CADRES_MATCH: in_scope
    & (
        role_is_not(Role.DEPT_CLERK)
        | ObjectRule(
            "offers_a_resource",
            lambda user, obj, root: obj.resources.filter(sending_unit_id=user.unit_id).exists(),
        )
    ),
    Permission.CADRES_REVEAL: _seen_in_scope,
}

# Acting on a division: creating something in it. The default is `in_scope`.
DIVISION_RULES: dict[Permission, ObjectRule] = {
    # Checklists are kept by county and township units (a village has none of its own).
    Permission.MANAGE_CHECKLIST: in_scope & at_level(Level.COUNTY, Level.TOWNSHIP),
}
