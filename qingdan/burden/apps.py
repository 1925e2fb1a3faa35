from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BurdenConfig(AppConfig):
    name = "qingdan.burden"
    label = "burden"
    verbose_name = _("Burden ledger")

    def ready(self) -> None:
        from . import signals

        signals.connect()
