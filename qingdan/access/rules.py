"""Who may see which rows, one rule per model. Each rule answers the Q of the rows the user may see;
`p` prefixes a relation path so that rules compose (a version is visible when its catalog is).

Departments are the exception to "your division and below": they sit in the county but see, of the duty
catalogs, only what names them as 责任单位. A county's templates are visible to everyone in that county,
because they adopt them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from qingdan.orgs.choices import Level, Role
from qingdan.orgs.models import Division

from .permissions import ROLE_PERMISSIONS, Permission
from .scope import NOTHING, counties_within, divisions_above, is_grassroots, within


def _division_rule(user, root: Division, p: str = "") -> Q:
    return within(p.removesuffix("__"), root)


def _unit_rule(user, root: Division, p: str = "") -> Q:
    return within(f"{p}division", root)


def _user_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.PLATFORM_ADMIN:
        return within(f"{p}unit__division", root)
    return Q(**{f"{p}pk": user.pk})


def _concerning_unit(user, p: str) -> Q:
    from qingdan.duties.models import DutyItem

    catalogs = DutyItem.objects.filter(responsible_unit_id=user.unit_id).values("version__catalog_id")
    return Q(**{f"{p}pk__in": catalogs})


def _catalog_rule(user, root: Division, p: str = "") -> Q:
    templates = Q(**{f"{p}is_template": True, f"{p}county_id": root.county_division().pk})
    if user.role == Role.DEPT_CLERK:
        return _concerning_unit(user, p) | templates
    return within(f"{p}division", root) | templates


def _version_rule(user, root: Division, p: str = "") -> Q:
    return _catalog_rule(user, root, f"{p}catalog__")


def _item_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        templates = Q(
            **{
                f"{p}version__catalog__is_template": True,
                f"{p}version__catalog__county_id": root.county_division().pk,
            }
        )
        return Q(**{f"{p}responsible_unit_id": user.unit_id}) | templates
    return _version_rule(user, root, f"{p}version__")


def _amendment_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return NOTHING
    return within(f"{p}catalog__division", root)


def _audit_rule(user, root: Division, p: str = "") -> Q:
    if user.role not in ROLE_PERMISSIONS[Permission.VIEW_AUDIT]:
        return NOTHING
    scoped = within(f"{p}division", root)
    if user.role == Role.PLATFORM_ADMIN:
        # Events tied to no division (sign-in attempts with unknown usernames) belong to the operators.
        return scoped | Q(**{f"{p}division__isnull": True})
    return scoped


# Work admission. Departments see their own orders; county-level roles the county's; a township sees
# what was assigned to it and a village what was sent to it — nothing before a reviewer approved it.


def _order_rule(user, root: Division, p: str = "") -> Q:
    from qingdan.admission.models import Assignment, VillageTask

    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}department_id": user.unit_id})
    if root.level == Level.TOWNSHIP:
        assigned = Assignment.objects.filter(within("township", root)).values("order_id")
        return Q(**{f"{p}pk__in": assigned})
    if root.level == Level.VILLAGE:
        sent = VillageTask.objects.filter(within("village", root)).values("order_id")
        return Q(**{f"{p}pk__in": sent})
    return counties_within(f"{p}county", root)


def _order_part_rule(division_field: str) -> Callable[..., Q]:
    """Parts of an order that concern one division: a township or village sees only its own."""

    def rule(user, root: Division, p: str = "") -> Q:
        visible_order = _order_rule(user, root, f"{p}order__")
        if is_grassroots(root):
            return visible_order & within(f"{p}{division_field}", root)
        return visible_order

    return rule


def _order_history_rule(user, root: Division, p: str = "") -> Q:
    return _order_rule(user, root, f"{p}order__")


def _task_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}order__department_id": user.unit_id})
    if is_grassroots(root):
        return within(f"{p}village", root)
    return within(f"{p}county", root)


def _complaint_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}against_unit_id": user.unit_id})
    if is_grassroots(root):
        return within(f"{p}division", root)
    return within(f"{p}county", root)


# One set of forms. The dictionary is the county's, read by all of it; registers are read down the tree
# (not by departments: they see the results of their own forms); a village sees approved forms sent to it.


def _element_rule(user, root: Division, p: str = "") -> Q:
    return Q(**{f"{p}county_id": root.county_division().pk})


def _register_rule(village_path: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        if user.role == Role.DEPT_CLERK:
            return NOTHING
        return within(f"{p}{village_path}", root)

    return rule


def _form_rule(user, root: Division, p: str = "") -> Q:
    from qingdan.forms.choices import FormStatus
    from qingdan.forms.models import FormRequest

    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}department_id": user.unit_id})
    if is_grassroots(root):
        sent = FormRequest.targets.through.objects.filter(within("division", root)).values("formrequest_id")
        return Q(**{f"{p}status": FormStatus.APPROVED, f"{p}pk__in": sent})
    return within(f"{p}county", root)


def _submission_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}form__department_id": user.unit_id})
    return within(f"{p}village", root) if is_grassroots(root) else within(f"{p}county", root)


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
    return within(f"{p}division", root) | on_a_row


# Coordination bodies (议事协调机构): a body is read by everyone whose scope holds its division, and by
# everyone below it (the whole county reads the county's register; a village its township's).


def _body_rule_on(field: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        return within(f"{p}{field}", root) | Q(**{f"{p}{field}__code__in": divisions_above(root)})

    return rule


def _division_rule_on(field: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        return within(f"{p}{field}", root)

    return rule


# Burden figures carry a copy of their division's code, so scope is a range on their own column (no join).


def _burden_figure_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}issuer_id": user.unit_id})
    return within(p.removesuffix("__"), root)


def _burden_area_rule(user, root: Division, p: str = "") -> Q:
    # A township's sums mix every issuer's load: a department clerk reads only their own (the rule above).
    return NOTHING if user.role == Role.DEPT_CLERK else within(p.removesuffix("__"), root)


# Cadres seconded to communities: a sending unit's clerk sees its own cadres, the clerks of the unit the
# county's programme names as organiser (the 组织部) the county's; a community or street sees the cadres
# posted to it; other county roles and supervisors the county. The programme, the resource list and the
# commendations are read by the whole county; needs and projects (the board) down the tree.


def _county_wide(user, root: Division, p: str = "") -> Q:
    return Q(**{f"{p}county_id": root.county_division().pk}) | within(f"{p}county", root)


def _organised_counties(user):
    from qingdan.cadres.models import Programme

    return Programme.objects.filter(organising_unit_id=user.unit_id).values("county_id")


def _secondment_rule(user, root: Division, p: str = "") -> Q:
    """Batches: the sending unit and the organiser; never the grassroots."""
    if user.role == Role.DEPT_CLERK:
        organised = Q(**{f"{p}county_id__in": _organised_counties(user)})
        return Q(**{f"{p}sending_unit_id": user.unit_id}) | organised
    if is_grassroots(root):
        return NOTHING
    return within(f"{p}county", root)


def _cadre_rule(user, root: Division, p: str = "") -> Q:
    from qingdan.cadres.models import Posting

    if is_grassroots(root) and user.role != Role.DEPT_CLERK:
        posted = Posting.objects.filter(within("community", root)).values("cadre_id")
        return Q(**{f"{p}pk__in": posted})
    return _secondment_rule(user, root, p)


def _posting_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return _cadre_rule(user, root, f"{p}cadre__")
    if is_grassroots(root):
        return within(f"{p}community", root)
    return within(f"{p}county", root)


def _board_rule(user, root: Division, p: str = "") -> Q:
    return within(f"{p}community", root) if is_grassroots(root) else within(f"{p}county", root)


# Staffing (机构编制). A department clerk's scope is the whole county, but they read only their own unit.


def _staffing_unit_rule(unit_path: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        if user.role == Role.DEPT_CLERK:
            return Q(**{f"{p}{unit_path}unit_id": user.unit_id})
        return within(f"{p}{unit_path}unit__division", root)

    return rule


def _quota_move_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}source__unit_id": user.unit_id})
    if is_grassroots(root):
        from qingdan.staffing.models import QuotaMoveLine

        touching = QuotaMoveLine.objects.filter(within("township", root)).values("move_id")
        return Q(**{f"{p}pk__in": touching}) | within(f"{p}source__unit__division", root)
    return within(f"{p}county", root)


def _county_wide_rule(county_path: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        return Q(**{f"{p}{county_path}_id": root.county_division().pk})

    return rule


def _template_rule(user, root: Division, p: str = "") -> Q:
    return Q(**{f"{p}county__isnull": True}) | Q(**{f"{p}county_id": root.county_division().pk})


def _town_rule(township_path: str) -> Callable[..., Q]:
    def rule(user, root: Division, p: str = "") -> Q:
        if user.role == Role.DEPT_CLERK:
            return NOTHING
        return within(f"{p}{township_path}", root)

    return rule


# Village assessment (村级考核): a scheme is read down the tree from the division that drew it up (a village
# reads the county's and its township's); a department reads only its own indicators; a village reads the
# indicators of its own type, and its own scores, results and appeals.


def _scheme_rule(user, root: Division, p: str = "") -> Q:
    from qingdan.assessment.models import Indicator

    if user.role == Role.DEPT_CLERK:
        owned = Indicator.objects.filter(department_id=user.unit_id).values("scheme_id")
        return Q(**{f"{p}pk__in": owned})
    return within(f"{p}division", root) | Q(**{f"{p}division__code__in": divisions_above(root)})


def _indicator_rule(user, root: Division, p: str = "") -> Q:
    from qingdan.assessment.models import VillageKind

    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}department_id": user.unit_id})
    rule = _scheme_rule(user, root, f"{p}scheme__")
    if root.level == Level.VILLAGE:
        own_type = VillageKind.objects.filter(village=root).values("village_type")
        rule &= Q(**{f"{p}village_type__in": own_type})
    return rule


def _assessed_village_rule(village_path: str) -> Callable[..., Q]:
    """Rows about one village (visits, results, pay, appeals): read down the tree, not by departments."""

    def rule(user, root: Division, p: str = "") -> Q:
        if user.role == Role.DEPT_CLERK:
            return NOTHING
        return within(f"{p}{village_path}", root)

    return rule


def _score_rule(user, root: Division, p: str = "") -> Q:
    if user.role == Role.DEPT_CLERK:
        return Q(**{f"{p}indicator__department_id": user.unit_id})
    return within(f"{p}village", root)


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
    "registers.villagefact": _register_rule("village"),
    "registers.resident": _register_rule("village"),
    "registers.residentfact": _register_rule("resident__village"),
    "forms.formrequest": _form_rule,
    "forms.formfield": lambda user, root, p="": _form_rule(user, root, f"{p}form__"),
    "forms.formreviewentry": lambda user, root, p="": _form_rule(user, root, f"{p}form__"),
    "forms.submission": _submission_rule,
    "forms.submissionvalue": lambda user, root, p="": _submission_rule(user, root, f"{p}submission__"),
    "forms.addedrow": lambda user, root, p="": _submission_rule(user, root, f"{p}submission__"),
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
    # An alert already sent is its recipient's, like a notification.
    "tasks.rowalert": _own_rule("recipient"),
    "assessment.assessmentcap": _body_rule_on("county"),
    "assessment.scheme": _scheme_rule,
    "assessment.indicator": _indicator_rule,
    "assessment.droppedindicator": lambda user, root, p="": _scheme_rule(user, root, f"{p}scheme__"),
    "assessment.villagekind": lambda user, root, p="": within(f"{p}village", root),
    "assessment.jointteam": _body_rule_on("county"),
    "assessment.visit": _assessed_village_rule("village"),
    "assessment.score": _score_rule,
    "assessment.result": _assessed_village_rule("village"),
    "assessment.cadrepay": _assessed_village_rule("result__village"),
    "assessment.appeal": _assessed_village_rule("result__village"),
    "assessment.appealentry": _assessed_village_rule("appeal__result__village"),
    # Staffing (机构编制): a township reads its own units, roster and positions; a department its own
    # unit; county roles the county. The county's catalogue, reforms, templates and rules are read by
    # everyone in the county.
    "staffing.staffedunit": _staffing_unit_rule(""),
    "staffing.staffperson": _staffing_unit_rule("works_in__"),
    "staffing.placement": _staffing_unit_rule("person__works_in__"),
    "staffing.score": _staffing_unit_rule("person__works_in__"),
    "staffing.quotamove": _quota_move_rule,
    "staffing.quotamoveline": lambda user, root, p="": _quota_move_rule(user, root, f"{p}move__"),
    "staffing.reform": _county_wide_rule("county"),
    "staffing.reformunit": _county_wide_rule("reform__county"),
    "staffing.reformmapping": _county_wide_rule("reform__county"),
    "staffing.officetemplate": _template_rule,
    "staffing.templateoffice": lambda user, root, p="": _template_rule(user, root, f"{p}template__"),
    "staffing.townshiptemplate": _town_rule("township"),
    "staffing.module": _county_wide_rule("county"),
    "staffing.scoringrule": _county_wide_rule("county"),
    "staffing.townmodule": _town_rule("township"),
    "staffing.position": _town_rule("town_module__township"),
    "staffing.positionitem": _town_rule("position__town_module__township"),
    "staffing.application": _town_rule("position__town_module__township"),
    "cadres.programme": _county_wide,
    "cadres.nominationbatch": _secondment_rule,
    "cadres.batchreviewentry": lambda user, root, p="": _secondment_rule(user, root, f"{p}batch__"),
    "cadres.cadre": _cadre_rule,
    "cadres.communitytag": _board_rule,
    "cadres.grid": _board_rule,
    "cadres.posting": _posting_rule,
    "cadres.resource": _county_wide,
    "cadres.need": _board_rule,
    "cadres.project": _board_rule,
    "cadres.workrecord": lambda user, root, p="": _posting_rule(user, root, f"{p}posting__"),
    "cadres.attendance": lambda user, root, p="": _posting_rule(user, root, f"{p}posting__"),
    "cadres.assessment": lambda user, root, p="": _posting_rule(user, root, f"{p}posting__"),
    "cadres.commendation": _county_wide,
    # The light ledger (burden.ledger): a village's rows are read by its village, its township and the
    # county (a department's scope is the county too); supervisors read them all.
    **{
        f"burden_ledger.{name}": lambda user, root, p="": within(f"{p}village", root)
        for name in (
            "monitoringpoint",
            "ledgermonth",
            "documentreceived",
            "meetingcalled",
            "inspection",
            "certificatedemand",
            "cadreborrowing",
            "digitaltool",
            "sign",
        )
    },
    "burden_ledger.violation": _division_rule_on("division"),
    # The burden figures (burden): a division's figures are read by everyone whose scope holds it; a
    # department clerk reads only the load their own unit put on villages.
    "burden.monthlyfigure": _burden_figure_rule,
    "burden.areafigure": _burden_area_rule,
    "burden.dirtyvillage": lambda user, root, p="": within(f"{p}division", root),
    "burden.burdensettings": lambda user, root, p="": Q(**{f"{p}county_id": root.county_division().pk}),
    "burden_ledger.violationreviewentry": lambda user, root, p="": within(f"{p}violation__division", root),
}
