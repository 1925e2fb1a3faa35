from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BurdenLedgerConfig(AppConfig):
    name = "qingdan.burden.ledger"
    label = "burden_ledger"
    verbose_name = _("Light ledger")
