from django.db import models
from django.utils.translation import gettext_lazy as _

from qingdan.orgs.choices import Level


class BodyKind(models.TextChoices):
    LEADING_GROUP = "leading_group", _("leading group")
    COORDINATION_GROUP = "coordination_group", _("coordination group")
    COMMITTEE = "committee", _("committee")
    HEADQUARTERS = "headquarters", _("command headquarters")
    JOINT_MEETING = "joint_meeting", _("joint meeting")
    OFFICE = "office", _("office")
    TASK_FORCE = "task_force", _("task force")
    OTHER = "other", _("other")


class Permanence(models.TextChoices):
    PERMANENT = "permanent", _("permanent")
    PHASED = "phased", _("phased")
    TEMPORARY = "temporary", _("temporary")


class BasisClass(models.TextChoices):
    """Why a body is kept (seed 000: the three cases the county catalog office accepts)."""

    LAW = "law", _("required by law or regulation")
    MIRROR = "mirror", _("mirrors a central or provincial body")
    LOCAL = "local", _("local need")


class BodyStatus(models.TextChoices):
    ACTIVE = "active", _("active (kept)")
    REVOKED = "revoked", _("revoked")


class CapLevel(models.TextChoices):
    """The levels a county caps: its own bodies, each township's, each village's."""

    COUNTY = Level.COUNTY.value, _("county level")
    TOWNSHIP = Level.TOWNSHIP.value, _("township level")
    VILLAGE = Level.VILLAGE.value, _("village level")


# A county without a cap row of its own keeps these (seed 000: the county keeps 25, townships none).
DEFAULT_CAPS = {CapLevel.COUNTY: 25, CapLevel.TOWNSHIP: 0, CapLevel.VILLAGE: 0}
MAX_CAP = 500
