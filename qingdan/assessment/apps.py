from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "qingdan.assessment"
    verbose_name = _("Village assessment")
