from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "qingdan.staffing"
    verbose_name = _("Township structure and staffing")
