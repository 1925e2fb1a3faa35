"""How the trail reads on screen: names for actions, object types and changed fields.

Actions are "<app>.<verb>" codes written by each app's actions.py. Every app's actions are named here,
in this one table (tests/test_labels.py finds every action the code writes and fails on one without a
Chinese name). A changed field reads as its object's own field name, else as its name in FIELD_LABELS.
"""

from __future__ import annotations

import ast

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    "accounts.login": _("Signed in"),
    "accounts.logout": _("Signed out"),
    "accounts.idle_logout": _("Signed out after being idle"),
    "accounts.session_expired": _("Signed out: session older than its limit"),
    "accounts.locked_logout": _("Signed out: account locked"),
    "accounts.login_failed": _("Failed sign-in"),
    "accounts.locked": _("Account locked"),
    "accounts.password_change": _("Password changed"),
    "accounts.token_create": _("API token created"),
    "accounts.token_revoke": _("API token revoked"),
    "audit.export": _("Audit trail exported"),
    "duties.import_catalog": _("Duty catalog imported"),
    "duties.publish_template": _("Template catalog published"),
    "duties.adopt_template": _("Template adopted"),
    "duties.apply_amendment": _("Amendment applied for"),
    "duties.consult_amendment": _("Amendment consulted"),
    "duties.decide_amendment": _("Amendment decided"),
    "orgs.person_create": _("Account created"),
    "orgs.person_update": _("Account changed"),
    "orgs.person_deactivate": _("Account deactivated"),
    "orgs.person_reactivate": _("Account reactivated"),
    "orgs.person_unlock": _("Account unlocked"),
    "orgs.person_password_reset": _("Password reset"),
    "admission.create_order": _("Work order drafted"),
    "admission.update_order": _("Work order edited"),
    "admission.submit_order": _("Work order submitted"),
    "admission.withdraw_order": _("Work order withdrawn"),
    "admission.approve_order": _("Work order approved"),
    "admission.return_order": _("Work order returned"),
    "admission.refuse_order": _("Work order refused"),
    "admission.convert_order": _("Work order turned into an amendment request"),
    "admission.dispatch": _("Work order dispatched to villages"),
    "admission.receive_task": _("Task received"),
    "admission.report_progress": _("Task progress reported"),
    "admission.complete_task": _("Task completed"),
    "admission.file_complaint": _("Complaint filed"),
    "admission.handle_complaint": _("Complaint handled"),
    "notifications.set_delivery": _("Notification preference changed"),
    "notifications.send_digests": _("Daily digests sent"),
    "bodies.set_up_body": _("Coordination body set up"),
    "bodies.replace_body": _("Coordination body set up in place of a revoked one"),
    "bodies.revoke_body": _("Coordination body revoked"),
    "bodies.update_body": _("Coordination body corrected"),
    "bodies.set_cap": _("Cap on coordination bodies set"),
    "bodies.record_meeting": _("Coordination body meeting recorded"),
    "bodies.record_document": _("Coordination body document recorded"),
    "bodies.import_ledger": _("Ledger of coordination bodies imported"),
    "tasks.create_checklist": _("Task checklist created"),
    "tasks.update_checklist": _("Task checklist edited"),
    "tasks.issue_checklist": _("Task checklist issued"),
    "tasks.close_checklist": _("Task checklist closed"),
    "tasks.copy_checklist": _("Task checklist copied"),
    "tasks.import_rows": _("Checklist rows imported"),
    "tasks.add_row": _("Checklist row added"),
    "tasks.edit_row": _("Checklist row edited"),
    "tasks.remove_row": _("Checklist row removed"),
    "tasks.update_progress": _("Checklist progress reported"),
    "tasks.send_alerts": _("Checklist deadline alerts sent"),
    "forms.propose_element": _("Data element proposed"),
    "forms.define_element": _("Data element added to the dictionary"),
    "forms.approve_element": _("Data element approved"),
    "forms.map_element": _("Data element mapped to an existing one"),
    "forms.reject_element": _("Data element rejected"),
    "forms.load_demo_dictionary": _("Demo data dictionary loaded"),
    "forms.set_village_fact": _("Village figure recorded"),
    "forms.import_village_facts": _("Village figures imported"),
    "forms.add_resident": _("Resident registered"),
    "forms.update_resident": _("Resident changed"),
    "forms.set_resident_fact": _("Resident attribute recorded"),
    "forms.import_residents": _("Residents imported"),
    "forms.reveal_personal": _("Personal information revealed"),
    "forms.create_form": _("Form request drafted"),
    "forms.update_form": _("Form request edited"),
    "forms.submit_form": _("Form request submitted"),
    "forms.approve_form": _("Form approved"),
    "forms.return_form": _("Form request returned"),
    "forms.refuse_form": _("Form request refused"),
    "forms.merge_form": _("Form request merged into an approved form"),
    "forms.grow_form": _("Approved form extended by a merged request"),
    "forms.open_submission": _("Form opened for filling"),
    "forms.add_resident_row": _("Resident added to a form"),
    "forms.save_values": _("Form values saved"),
    "forms.submit_submission": _("Filled form submitted"),
    "orgs.load_demo": _("Demo organisations and accounts loaded"),
    "assessment.set_cap": _("Cap on assessment indicators set"),
    "assessment.create_scheme": _("Assessment scheme drafted"),
    "assessment.set_pay_rules": _("Pay link of an assessment scheme set"),
    "assessment.add_indicator": _("Assessment indicator added"),
    "assessment.update_indicator": _("Assessment indicator edited"),
    "assessment.remove_indicator": _("Assessment indicator removed"),
    "assessment.drop_indicator": _("Reason for dropping last year's indicator given"),
    "assessment.publish_scheme": _("Assessment scheme published"),
    "assessment.set_village_type": _("Village type for assessment set"),
    "assessment.form_team": _("Joint assessment team formed"),
    "assessment.report_value": _("Assessment value reported"),
    "assessment.record_visit": _("Assessment visit recorded"),
    "assessment.publish_results": _("Assessment results published"),
    "assessment.record_pay": _("Village cadres' pay recorded"),
    "assessment.file_appeal": _("Appeal against an assessment result filed"),
    "assessment.approve_appeal": _("Appeal upheld"),
    "assessment.refuse_appeal": _("Appeal dismissed"),
    "assessment.correct_score": _("Assessment score corrected"),
    "assessment.freeze_results": _("Assessment results frozen"),
    "burden.set_reform_date": _("Reform date of the burden figures set"),
    "burden.rebuild": _("Burden figures recomputed"),
    "burden_ledger.mark_point": _("Village marked as a monitoring point"),
    "burden_ledger.unmark_point": _("Monitoring point ended"),
    "burden_ledger.record_document": _("Document received recorded"),
    "burden_ledger.record_meeting": _("Meeting attended recorded"),
    "burden_ledger.record_inspection": _("Inspection recorded"),
    "burden_ledger.record_certificate": _("Certificate demand recorded"),
    "burden_ledger.record_borrowing": _("Cadre borrowing recorded"),
    "burden_ledger.remove_entry": _("Ledger entry removed"),
    "burden_ledger.submit_month": _("Ledger month submitted"),
    "burden_ledger.add_tool": _("Work group or app recorded"),
    "burden_ledger.drop_tool": _("Work group or app no longer used"),
    "burden_ledger.add_sign": _("Sign recorded"),
    "burden_ledger.dispose_sign": _("Sign disposed of"),
    "burden_ledger.find_violation": _("Violation found by the ledger check"),
    "burden_ledger.withdraw_violation": _("Violation withdrawn by the ledger check"),
    "burden_ledger.confirm_violation": _("Violation confirmed"),
    "burden_ledger.dismiss_violation": _("Violation dismissed"),
    "cadres.set_up_programme": _("Secondment programme set up"),
    "cadres.update_programme": _("Secondment rules changed"),
    "cadres.open_batch": _("Nomination batch opened"),
    "cadres.nominate": _("Cadre nominated"),
    "cadres.withdraw_nomination": _("Nomination withdrawn"),
    "cadres.submit_batch": _("Nomination batch submitted"),
    "cadres.approve_batch": _("Nomination batch approved"),
    "cadres.return_batch": _("Nomination batch returned"),
    "cadres.refuse_batch": _("Nomination batch refused"),
    "cadres.reveal_personal": _("Seconded cadre's personal data viewed"),
    "cadres.tag_community": _("Community need tagged"),
    "cadres.add_grid": _("Compound or grid added"),
    "cadres.post_cadre": _("Cadre posted to a community"),
    "cadres.set_grids": _("Compounds and grids of a posting set"),
    "cadres.rotate": _("Posting ended by rotation"),
    "cadres.offer_resource": _("Resource listed"),
    "cadres.list_need": _("Need listed"),
    "cadres.start_project": _("Project started"),
    "cadres.update_project": _("Project progress recorded"),
    "cadres.record_work": _("Work record added"),
    "cadres.confirm_attendance": _("Monthly attendance confirmed"),
    "cadres.score": _("Year-end score given"),
    "cadres.commend": _("Commendation list issued"),
    "staffing.set_unit_quotas": _("Unit's quotas set"),
    "staffing.move_quotas": _("Quotas moved down"),
    "staffing.add_person": _("Person added to a roster"),
    "staffing.reveal_personal": _("A staff member's personal data revealed"),
    "staffing.record_reform": _("Reform recorded"),
    "staffing.send_to_pool": _("Person sent to the turnover pool"),
    "staffing.leave_pool": _("Person left the turnover pool"),
    "staffing.set_template": _("Office template set"),
    "staffing.choose_template": _("Township template chosen"),
    "staffing.publish_modules": _("Module catalogue published"),
    "staffing.choose_modules": _("Sub-modules chosen"),
    "staffing.set_module_lead": _("Module lead set"),
    "staffing.create_position": _("Position created"),
    "staffing.place_person": _("Person placed in a position"),
    "staffing.remove_placement": _("Person taken out of a position"),
    "staffing.apply_for": _("Application for a position recorded"),
    "staffing.decide_application": _("Application decided"),
    "staffing.set_scoring_rule": _("Scoring rule set"),
    "staffing.record_score": _("Year's score recorded"),
    "staffing.approve_special": _("Special bonus approved"),
}

# The names of changed fields that are no field of the event's object (counts, summaries, related
# things named in words). A field of the object is shown by the object's own field name first.
FIELD_LABELS = {
    "accounts_created": pgettext_lazy("changed field", "accounts created"),
    "accounts_updated": pgettext_lazy("changed field", "accounts updated"),
    "after": pgettext_lazy("changed field", "units after the reform"),
    "against": pgettext_lazy("changed field", "complained about"),
    "alerts": pgettext_lazy("changed field", "alerts sent"),
    "appeal_deadline": pgettext_lazy("changed field", "appeal deadline"),
    "attachments": pgettext_lazy("changed field", "attachments"),
    "attachments_added": pgettext_lazy("changed field", "attachments added"),
    "attachments_removed": pgettext_lazy("changed field", "attachments removed"),
    "attributes": pgettext_lazy("changed field", "attributes recorded"),
    "batch": pgettext_lazy("changed field", "nomination batch"),
    "before": pgettext_lazy("changed field", "units before the reform"),
    "cadres": pgettext_lazy("changed field", "cadres"),
    "cap": pgettext_lazy("changed field", "cap"),
    "cited_item": pgettext_lazy("changed field", "cited list item"),
    "code": pgettext_lazy("changed field", "code"),
    "community": pgettext_lazy("changed field", "community"),
    "copied_from": pgettext_lazy("changed field", "copied from"),
    "created_by": pgettext_lazy("changed field", "created by"),
    "created": pgettext_lazy("changed field", "added"),
    "days": pgettext_lazy("changed field", "days"),
    "delivery": pgettext_lazy("changed field", "delivery"),
    "digests": pgettext_lazy("changed field", "digests sent"),
    "disposed_on": pgettext_lazy("changed field", "disposed of on"),
    "disposition": pgettext_lazy("changed field", "disposition"),
    "divisions_created": pgettext_lazy("changed field", "divisions created"),
    "divisions_updated": pgettext_lazy("changed field", "divisions updated"),
    "elements": pgettext_lazy("changed field", "data elements"),
    "ended_on": pgettext_lazy("changed field", "ended on"),
    "ends_on": pgettext_lazy("changed field", "ends on"),
    "entry": pgettext_lazy("changed field", "entry"),
    "failed_logins": pgettext_lazy("changed field", "failed sign-ins"),
    "field": pgettext_lazy("changed field", "field"),
    "fields": pgettext_lazy("changed field", "fields"),
    "figures": pgettext_lazy("changed field", "figures"),
    "form_fields_moved": pgettext_lazy("changed field", "form fields moved to it"),
    "from": pgettext_lazy("changed field", "moved from"),
    "frozen": pgettext_lazy("changed field", "frozen"),
    "grade": pgettext_lazy("changed field", "grade"),
    "grids": pgettext_lazy("changed field", "compounds and grids"),
    "held_on": pgettext_lazy("changed field", "held on"),
    "hint": pgettext_lazy("changed field", "token hint"),
    "id_number": pgettext_lazy("changed field", "ID number"),
    "identity": pgettext_lazy("changed field", "identity"),
    "income": pgettext_lazy("changed field", "operating income"),
    "indicator": pgettext_lazy("changed field", "indicator"),
    "indicators": pgettext_lazy("changed field", "indicators"),
    "is_active": pgettext_lazy("changed field", "active"),
    "issued_on": pgettext_lazy("changed field", "issued on"),
    "items": pgettext_lazy("changed field", "items"),
    "kind": pgettext_lazy("changed field", "kind"),
    "lead": pgettext_lazy("changed field", "lead"),
    "left_pool_reason": pgettext_lazy("changed field", "reason for leaving the pool"),
    "level": pgettext_lazy("changed field", "level"),
    "locked_until": pgettext_lazy("changed field", "locked until"),
    "mapped_to": pgettext_lazy("changed field", "mapped to"),
    "masked": pgettext_lazy("changed field", "shown masked"),
    "member_units": pgettext_lazy("changed field", "member units"),
    "merged_in": pgettext_lazy("changed field", "merged in"),
    "merged_into": pgettext_lazy("changed field", "merged into"),
    "modules": pgettext_lazy("changed field", "modules"),
    "month": pgettext_lazy("changed field", "month"),
    "name": pgettext_lazy("changed field", "name"),
    "named": pgettext_lazy("changed field", "complainant named"),
    "needs": pgettext_lazy("changed field", "needs"),
    "number": pgettext_lazy("changed field", "number"),
    "offices": pgettext_lazy("changed field", "offices"),
    "organising_unit": pgettext_lazy("changed field", "organising unit"),
    "owner": pgettext_lazy("changed field", "owner"),
    "period": pgettext_lazy("changed field", "period"),
    "person": pgettext_lazy("changed field", "person"),
    "phone_masked": pgettext_lazy("changed field", "phone"),
    "points": pgettext_lazy("changed field", "points"),
    "pool_duty": pgettext_lazy("changed field", "duty in the pool"),
    "position": pgettext_lazy("changed field", "position"),
    "prefilled": pgettext_lazy("changed field", "values prefilled"),
    "primary": pgettext_lazy("changed field", "primary position"),
    "progress": pgettext_lazy("changed field", "progress"),
    "rank": pgettext_lazy("changed field", "rank"),
    "reform_date": pgettext_lazy("changed field", "reform date"),
    "reported": pgettext_lazy("changed field", "reported"),
    "resident": pgettext_lazy("changed field", "resident"),
    "resources": pgettext_lazy("changed field", "resources"),
    "responsible": pgettext_lazy("changed field", "responsible"),
    "revocation_document": pgettext_lazy("changed field", "revocation document"),
    "revoked_at": pgettext_lazy("changed field", "revoked at"),
    "revoked_on": pgettext_lazy("changed field", "revoked on"),
    "role": pgettext_lazy("changed field", "role"),
    "rows": pgettext_lazy("changed field", "rows"),
    "since": pgettext_lazy("changed field", "since"),
    "special_bonus": pgettext_lazy("changed field", "special bonus"),
    "starts_on": pgettext_lazy("changed field", "starts on"),
    "status": pgettext_lazy("changed field", "status"),
    "sub_modules": pgettext_lazy("changed field", "sub-modules"),
    "targets": pgettext_lazy("changed field", "targets"),
    "task": pgettext_lazy("changed field", "task"),
    "template": pgettext_lazy("changed field", "template"),
    "template_version": pgettext_lazy("changed field", "template version"),
    "title": pgettext_lazy("changed field", "title"),
    "to": pgettext_lazy("changed field", "moved to"),
    "topic": pgettext_lazy("changed field", "topic"),
    "total": pgettext_lazy("changed field", "total"),
    "township_weight": pgettext_lazy("changed field", "township weight"),
    "typed": pgettext_lazy("changed field", "values typed"),
    "units": pgettext_lazy("changed field", "units"),
    "units_created": pgettext_lazy("changed field", "units created"),
    "units_updated": pgettext_lazy("changed field", "units updated"),
    "updated": pgettext_lazy("changed field", "changed"),
    "used_until": pgettext_lazy("changed field", "used until"),
    "username": pgettext_lazy("changed field", "user name"),
    "values_saved": pgettext_lazy("changed field", "values saved"),
    "verdict": pgettext_lazy("changed field", "screening verdict"),
    "verified": pgettext_lazy("changed field", "values verified"),
    "version": pgettext_lazy("changed field", "version"),
    "village_type": pgettext_lazy("changed field", "village type"),
    "villages": pgettext_lazy("changed field", "villages"),
    "violation": pgettext_lazy("changed field", "violation"),
    "visited_on": pgettext_lazy("changed field", "visited on"),
    "weights": pgettext_lazy("changed field", "weights"),
    "written_to_registers": pgettext_lazy("changed field", "values written to the registers"),
    "year": pgettext_lazy("changed field", "year"),
}


def _qingdan_apps():
    """Our apps that keep data (an app without models writes no events)."""
    return [
        config
        for config in apps.get_app_configs()
        if config.name.startswith("qingdan.") and any(True for _model in config.get_models())
    ]


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def action_choices() -> list[tuple[str, str]]:
    """One "all events of this app" choice per app, then every labelled action."""
    choices = [(config.label, _("All: %(app)s") % {"app": config.verbose_name}) for config in _qingdan_apps()]
    choices += [(code, str(label)) for code, label in ACTION_LABELS.items()]
    return choices


def object_type_choices() -> list[tuple[str, str]]:
    return [
        (model._meta.label_lower, str(model._meta.verbose_name))
        for config in _qingdan_apps()
        for model in config.get_models()
    ]


# Models that moved to another app keep their tables; events written before the move name the old app.
# The trail is append-only, so the old names are read through this table instead of being rewritten.
MOVED_MODELS = {
    "forms.resident": "registers.resident",
    "forms.residentfact": "registers.residentfact",
    "forms.villagefact": "registers.villagefact",
}


def _model(object_type: str):
    return apps.get_model(MOVED_MODELS.get(object_type, object_type))


def object_type_label(object_type: str) -> str:
    try:
        return str(_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def field_label(object_type: str, field: str) -> str:
    """The changed field's own name on screen (its verbose name), else its name in FIELD_LABELS, else
    the raw name. A model field given no name of its own (Django then makes "created by" of created_by)
    reads as its name in FIELD_LABELS."""
    try:
        verbose_name = _model(object_type)._meta.get_field(field).verbose_name
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        return str(FIELD_LABELS.get(field, field))
    if not isinstance(verbose_name, Promise) and field in FIELD_LABELS:
        return str(FIELD_LABELS[field])
    return str(verbose_name)


def _plain_value(value) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, (list, tuple)):
        return " / ".join(_plain_value(part) for part in value)
    if isinstance(value, dict):  # a row of a JSON field, e.g. a grade and its share
        return " ".join(_plain_value(part) for part in value.values())
    return str(value)


# Stored codes that are no choices but have words of their own: (object type, field) → the function.
VALUE_WORDS = {
    ("forms.submission", "period"): "qingdan.forms.periods.period_label",
}


def value_label(object_type: str, field: str, value) -> str:
    """A stored choice code shown as its label ("consulted" → 已会商), yes/no as 是/否 (also when a yes/no
    field was written as the text "True"); anything else as it is."""
    if (object_type, field) in VALUE_WORDS and isinstance(value, str):
        return str(import_string(VALUE_WORDS[object_type, field])(value))
    try:
        model_field = _model(object_type)._meta.get_field(field)
        choices = dict(model_field.flatchoices)
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        return _plain_value(value)
    if model_field.get_internal_type() == "BooleanField" and value in ("True", "False"):
        return _plain_value(value == "True")
    if model_field.get_internal_type() == "JSONField" and isinstance(value, str):
        # actions.diff keeps a JSON field's rows as Python's text of them: read them back as data.
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    if isinstance(value, (list, tuple, dict)) or not choices:
        return _plain_value(value)
    return str(choices.get(value, value))
