"""How the trail reads on screen: names for actions, object types and changed fields.

Actions are "<app>.<verb>" codes written by each app's actions.py. An action without a label here is
shown by its code; it can still be found through its app's "all events" choice.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

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
    """The changed field's own name on screen (its verbose name), or the raw name."""
    try:
        return str(_model(object_type)._meta.get_field(field).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        return field


def value_label(object_type: str, field: str, value) -> str:
    """A stored choice code shown as its label ("consulted" → 已会商); anything else as it is."""
    try:
        choices = dict(_model(object_type)._meta.get_field(field).flatchoices)
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        return str(value)
    return str(choices.get(value, value))
