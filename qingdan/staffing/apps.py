from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "qingdan.staffing"
    verbose_name = _("Township structure and staffing")

    def ready(self) -> None:
        from qingdan.audit.labels import ACTION_LABELS

        from .audit_labels import ACTION_LABELS as OURS

        ACTION_LABELS.update(OURS)
