from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Series(models.TextChoices):
    PARTY = "party", _("party committee series")
    GOVERNMENT = "government", _("government series")
    MASS = "mass", _("mass organisation series")
    INSTITUTION = "institution", _("public institution series")


class QuotaKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("administrative quota")
    INSTITUTION = "institution", _("institution quota")


class Identity(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("administrative staff")
    INSTITUTION = "institution", _("institution staff")
    CONTRACT = "contract", _("staff outside the quota")
    DISPATCHED = "dispatched", _("dispatched staff")


# Which quota an identity occupies; contract and dispatched staff occupy none in the township.
QUOTA_OF_IDENTITY = {
    Identity.ADMINISTRATIVE: QuotaKind.ADMINISTRATIVE,
    Identity.INSTITUTION: QuotaKind.INSTITUTION,
}


class ReformUnitKind(models.TextChoices):
    DEPARTMENT = "department", _("party or government department")
    INSTITUTION = "institution", _("public institution")
    ENFORCEMENT = "enforcement", _("enforcement team")
    TOWNSHIP = "township", _("township")


class Side(models.TextChoices):
    BEFORE = "before", _("before the reform")
    AFTER = "after", _("after the reform")


class MappingKind(models.TextChoices):
    KEPT = "kept", _("kept")
    MERGED = "merged", _("merged into")
    SPLIT = "split", _("split into")
    ABOLISHED = "abolished", _("abolished")


class PoolExit(models.TextChoices):
    RETIRED = "retired", _("retired")
    MOVED = "moved", _("moved to a post")


class OfficeKind(models.TextChoices):
    OFFICE = "office", pgettext_lazy("staffing", "office")
    CENTRE = "centre", _("centre")


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


MIN_SUBMODULES, MAX_SUBMODULES = 3, 5
MIN_TOWNSHIP_WEIGHT = 70  # per cent of a dispatched person's result decided by the township
