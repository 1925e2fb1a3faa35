from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "qingdan.cadres"
    verbose_name = _("Cadres seconded to communities")

    def ready(self) -> None:
        from qingdan.audit.labels import ACTION_LABELS

        from .audit_labels import ACTION_LABELS as OURS

        ACTION_LABELS.update(OURS)
