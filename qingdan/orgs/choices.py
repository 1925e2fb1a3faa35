from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("province")
    CITY = "city", _("city")
    COUNTY = "county", _("county")
    TOWNSHIP = "township", _("township")
    VILLAGE = "village", _("village")


# How many leading digits of a 12-digit statistical code name a division of each level.
CODE_PREFIX_LENGTH = {
    Level.PROVINCE: 2,
    Level.CITY: 4,
    Level.COUNTY: 6,
    Level.TOWNSHIP: 9,
    Level.VILLAGE: 12,
}


class DivisionKind(models.TextChoices):
    PROVINCE = "province", _("province")
    CITY = "city", _("city")
    COUNTY = "county", _("county")
    XIANG = "xiang", _("xiang (乡)")
    ZHEN = "zhen", _("zhen (镇)")
    JIEDAO = "jiedao", _("subdistrict (街道)")
    VILLAGE = "village", _("village (村)")
    COMMUNITY = "community", _("community (社区)")


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("county department")
    OFFICE = "office", _("party or government office")
    INSTITUTION = "institution", _("public institution")
    AGENCY = "agency", _("dispatched agency")
    TOWNSHIP = "township", _("township government")
    VILLAGE = "village", _("village committee")


class Role(models.TextChoices):
    CATALOG_OFFICE = "catalog_office", _("catalog office")
    REVIEWER = "reviewer", _("reviewer")
    DEPT_CLERK = "dept_clerk", _("department clerk")
    TOWNSHIP_DISPATCHER = "township_dispatcher", _("township dispatcher")
    VILLAGE_CADRE = "village_cadre", _("village cadre")
    SUPERVISOR = "supervisor", _("supervisor")
    PLATFORM_ADMIN = "platform_admin", _("platform admin")
