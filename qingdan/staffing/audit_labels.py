"""The staffing actions as the audit trail names them, added to qingdan.audit.labels.ACTION_LABELS when
the app is ready, so the trail reads them in Chinese like every other app's."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "staffing.set_unit_quotas": _("Unit's quotas set"),
    "staffing.move_quotas": _("Quotas moved down"),
    "staffing.add_person": _("Person added to a roster"),
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
