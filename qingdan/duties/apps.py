from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutiesConfig(AppConfig):
    name = "qingdan.duties"
    verbose_name = _("Duty catalogs")
