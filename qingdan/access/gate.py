"""Scope rules. A person's scope is their unit's division and every division below it.

Departments are the exception: they sit in the county but see, of the duty catalogs, only what names
them as 责任单位. A county's templates are visible to everyone in that county, because they adopt them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from qingdan.orgs.choices import CODE_PREFIX_LENGTH, Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, subtree_bounds

from .permissions import ROLE_PERMISSIONS, Permission

NOTHING = Q(pk__in=[])
M = TypeVar("M", bound=Model)


class SystemActor:
    """The operator at the server's command line, who already holds the database: acts everywhere.

    Only management commands use it; nothing reachable from the web can produce one.
    """

    is_system = True
    is_authenticated = True
    is_active = True
    pk = None
    role = "system"

    def get_username(self) -> str:
        return "system"

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()


def scope_root(user) -> Division | None:
    """The division at the top of the user's scope, or None when they have no scope at all."""
    if user is SYSTEM:
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not user.role or user.unit_id is None or not user.unit.is_active:
        return None
    return user.unit.division


def _within(path: str, root: Division) -> Q:
    low, high = subtree_bounds(root.code, root.level)
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}code__gte": low, f"{prefix}code__lte": high})


def _county_of(root: Division) -> Division:
    return root.county or root


# Each rule answers, for one model, the Q of rows the user may see; `p` prefixes a relation path so
# that rules compose (a version is visible when its catalog is).


def _division_rule(user, root: Division, p: str = "") -> Q:
    return _within(p.removesuffix("__"), root)


def _unit_rule(user, root: Division, p: str = "") -> Q:
    return _within(f"{p}division", root)


def _user_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.PLATFORM_ADMIN:
        return _within(f"{p}unit__division", root)
    return Q(**{f"{p}pk": user.pk})


def _concerning_unit(user, p: str) -> Q:
    from qingdan.duties.models import DutyItem

    catalogs = DutyItem.objects.filter(responsible_unit_id=user.unit_id).values("version__catalog_id")
    return Q(**{f"{p}pk__in": catalogs})


def _catalog_rule(user, root: Division, p: str = "") -> Q:
    templates = Q(**{f"{p}is_template": True, f"{p}county_id": _county_of(root).pk})
    if user.role == Role.DEPT_CLERK:
        return _concerning_unit(user, p) | templates
    return _within(f"{p}division", root) | templates


def _version_rule(user, root: Division, p: str = "") -> Q:
    return _catalog_rule(user, root, f"{p}catalog__")


def _item_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        templates = Q(
            **{
                f"{p}version__catalog__is_template": True,
                f"{p}version__catalog__county_id": _county_of(root).pk,
            }
        )
        return Q(**{f"{p}responsible_unit_id": user.unit_id}) | templates
    return _version_rule(user, root, f"{p}version__")


def _amendment_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return NOTHING
    return _within(f"{p}catalog__division", root)


def _audit_rule(user, root: Division, p: str = "") -> Q:
    if user.role not in ROLE_PERMISSIONS[Permission.VIEW_AUDIT]:
        return NOTHING
    scoped = _within(f"{p}division", root)
    if user.role == Role.PLATFORM_ADMIN:
        # Events tied to no division (sign-in attempts with unknown usernames) belong to the operators.
        return scoped | Q(**{f"{p}division__isnull": True})
    return scoped


# Work admission. Departments see their own orders; county-level roles the county's; a township sees
# what was assigned to it and a village what was sent to it — nothing before a reviewer approved it.


def _is_grassroots(root: Division) -> bool:
    return root.level in (Level.TOWNSHIP, Level.VILLAGE)


def _order_rule(user, root: Division, p: str = "") -> Q:
    from qingdan.admission.models import Assignment, VillageTask

    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}department_id": user.unit_id})
    if root.level == Level.TOWNSHIP:
        assigned = Assignment.objects.filter(_within("township", root)).values("order_id")
        return Q(**{f"{p}pk__in": assigned})
    if root.level == Level.VILLAGE:
        sent = VillageTask.objects.filter(_within("village", root)).values("order_id")
        return Q(**{f"{p}pk__in": sent})
    return _within(f"{p}county", root)


def _order_part_rule(division_field: str) -> Callable[..., Q]:
    """Parts of an order that concern one division: a township or village sees only its own."""

    def rule(user, root: Division, p: str = "") -> Q:
        visible_order = _order_rule(user, root, f"{p}order__")
        if _is_grassroots(root):
            return visible_order & _within(f"{p}{division_field}", root)
        return visible_order

    return rule


def _order_history_rule(user, root: Division, p: str = "") -> Q:
    return _order_rule(user, root, f"{p}order__")


def _task_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}order__department_id": user.unit_id})
    if _is_grassroots(root):
        return _within(f"{p}village", root)
    return _within(f"{p}county", root)


def _complaint_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}against_unit_id": user.unit_id})
    if _is_grassroots(root):
        return _within(f"{p}division", root)
    return _within(f"{p}county", root)


# One set of forms. The dictionary is the county's, read by all of it; registers are read down the tree
# (not by departments: they see the results of their own forms); a village sees approved forms sent to it.


def _element_rule(user, root: Division, p: str = "") -> Q:
    return Q(**{f"{p}county_id": _county_of(root).pk})


def _register_rule(village_path: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        if user.role == Role.DEPT_CLERK:
            return NOTHING
        return _within(f"{p}{village_path}", root)

    return rule


def _form_rule(user, root: Division, p: str = "") -> Q:
    from qingdan.forms.choices import FormStatus
    from qingdan.forms.models import FormRequest

    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}department_id": user.unit_id})
    if _is_grassroots(root):
        sent = FormRequest.targets.through.objects.filter(_within("division", root)).values("formrequest_id")
        return Q(**{f"{p}status": FormStatus.APPROVED, f"{p}pk__in": sent})
    return _within(f"{p}county", root)


def _submission_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}form__department_id": user.unit_id})
    return _within(f"{p}village", root) if _is_grassroots(root) else _within(f"{p}county", root)


def _own_rule(field: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        return Q(**{f"{p}{field}": user.pk})

    return rule


# Task checklists (任务清单): read by everyone whose scope holds the checklist's division (a department
# clerk: their own unit's only), and by everyone named on one of its rows, who sees the whole table.


def _checklist_rule(user, root: Division, p: str = "") -> Q:
    from qingdan.tasks.models import ChecklistRow

    named = ChecklistRow.objects.filter(
        Q(lead_leader_id=user.pk) | Q(responsible_id=user.pk) | Q(cooperating_leaders__id=user.pk)
    ).values("checklist_id")
    on_a_row = Q(**{f"{p}pk__in": named})
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}owner_unit_id": user.unit_id}) | on_a_row
    return _within(f"{p}division", root) | on_a_row


# Coordination bodies (议事协调机构): a body is read by everyone whose scope holds its division, and by
# everyone below it (the whole county reads the county's register; a village its township's).


def _above(root: Division) -> list[str]:
    """The codes of the divisions above the root: its township, county, city and province."""
    own = CODE_PREFIX_LENGTH[Level(root.level)]
    return [root.code[:n].ljust(12, "0") for n in CODE_PREFIX_LENGTH.values() if n < own]


def _body_rule_on(field: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        return _within(f"{p}{field}", root) | Q(**{f"{p}{field}__code__in": _above(root)})

    return rule


RULES: dict[str, Callable[..., Q]] = {
    "orgs.division": _division_rule,
    "orgs.unit": _unit_rule,
    "orgs.user": _user_rule,
    "duties.catalog": _catalog_rule,
    "duties.catalogversion": _version_rule,
    "duties.dutyitem": _item_rule,
    "duties.amendment": _amendment_rule,
    "duties.amendmentstep": lambda user, root, p="": _amendment_rule(user, root, f"{p}amendment__"),
    "audit.auditevent": _audit_rule,
    "admission.workorder": _order_rule,
    "admission.ordertarget": _order_part_rule("division"),
    "admission.screening": _order_part_rule("division"),
    "admission.reviewentry": _order_history_rule,
    "admission.attachment": _order_history_rule,
    "admission.assignment": _order_part_rule("township"),
    "admission.villagetask": _task_rule,
    "admission.taskreport": lambda user, root, p="": _task_rule(user, root, f"{p}task__"),
    "admission.complaint": _complaint_rule,
    "forms.dataelement": _element_rule,
    "forms.villagefact": _register_rule("village"),
    "forms.resident": _register_rule("village"),
    "forms.residentfact": _register_rule("resident__village"),
    "forms.formrequest": _form_rule,
    "forms.formfield": lambda user, root, p="": _form_rule(user, root, f"{p}form__"),
    "forms.formreviewentry": lambda user, root, p="": _form_rule(user, root, f"{p}form__"),
    "forms.submission": _submission_rule,
    "forms.submissionvalue": lambda user, root, p="": _submission_rule(user, root, f"{p}submission__"),
    "notifications.notification": _own_rule("recipient"),
    "notifications.preference": _own_rule("user"),
    "jobs.job": _own_rule("created_by"),
    "accounts.apitoken": _own_rule("user"),
    "bodies.coordinationbody": _body_rule_on("division"),
    "bodies.bodymeeting": _body_rule_on("body__division"),
    "bodies.bodydocument": _body_rule_on("body__division"),
    "bodies.bodycap": _body_rule_on("county"),
    "tasks.checklist": _checklist_rule,
    "tasks.checklistrow": lambda user, root, p="": _checklist_rule(user, root, f"{p}checklist__"),
    "tasks.rowupdate": lambda user, root, p="": _checklist_rule(user, root, f"{p}row__checklist__"),
}


def visible(queryset: QuerySet, user) -> QuerySet:
    """The rows of `queryset` the user may see. Unknown models are refused, not passed through."""
    if user is SYSTEM:
        return queryset
    root = scope_root(user)
    if root is None:
        return queryset.none()
    rule = RULES[queryset.model._meta.label_lower]
    return queryset.filter(rule(user, root))


def visible_divisions(user) -> QuerySet[Division]:
    return visible(Division.objects.all(), user)


def get_visible_or_404(queryset: QuerySet[M] | type[M], user, **lookup) -> M:
    """One row the user may see; the same 404 whether it is missing or outside their scope."""
    qs: QuerySet[M] = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    found = visible(qs, user).filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def _division_of(obj) -> Division | None:
    if obj is None or isinstance(obj, Division):
        return obj
    return getattr(obj, "division", None)


def _in_scope(user, obj, root: Division) -> bool:
    division = _division_of(obj)
    return division is None or root.contains(division)


# Permissions that ask more of an existing object than lying inside the scope (the default rule).
OBJECT_RULES: dict[Permission, Callable[[Any, Any, Division], bool]] = {
    # A checklist is changed by its own unit only.
    Permission.MANAGE_CHECKLIST: lambda user, obj, root: (
        _in_scope(user, obj, root) and obj.owner_unit_id == user.unit_id
    ),
    # A department records the meetings and documents of the bodies it leads.
    Permission.RECORD_BODY_WORK: lambda user, obj, root: (
        _in_scope(user, obj, root) and (user.role != Role.DEPT_CLERK or obj.lead_unit_id == user.unit_id)
    ),
    # Progress on a checklist row is reported by the person it names, wherever their unit sits.
    Permission.REPORT_PROGRESS: lambda user, obj, root: obj.responsible_id == user.pk,
}


def can(user, permission: Permission, obj=None) -> bool:
    """May the user do this? Their role must allow it, and the object must lie inside their scope (or
    meet the permission's own rule in OBJECT_RULES)."""
    if user is SYSTEM:
        return True
    root = scope_root(user)
    if root is None or user.role not in ROLE_PERMISSIONS[permission]:
        return False
    if obj is None:
        return True
    # Acting on a division (creating something in it) needs only the scope.
    rule = _in_scope if isinstance(obj, Division) else OBJECT_RULES.get(permission, _in_scope)
    return rule(user, obj, root)


def require(user, permission: Permission, obj=None) -> None:
    if not can(user, permission, obj):
        raise PermissionDenied


def mirror_units(user) -> QuerySet[Unit]:
    """The units whose mirror view (the catalog items naming them as 责任单位) the user may read:
    a department clerk their own unit only, everyone else every unit in scope."""
    units = visible(Unit.objects.all(), user)
    if user is not SYSTEM and getattr(user, "role", None) == Role.DEPT_CLERK:
        units = units.filter(pk=user.unit_id)
    return units


def county_departments(user) -> QuerySet[Unit]:
    """The county departments a person may name, e.g. in a complaint about a demand that bypassed the
    platform: every active department of their county, whichever part of it they see."""
    departments = Unit.objects.filter(kind=UnitKind.DEPARTMENT, is_active=True).order_by("name")
    if user is SYSTEM:
        return departments
    root = scope_root(user)
    if root is None:
        return departments.none()
    return departments.filter(county=_county_of(root))
