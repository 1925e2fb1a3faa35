"""The fixed vocabularies of the light ledger, and the caps of the 2024 rules
(整治形式主义为基层减负若干规定)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingdan import limits

# The 2024 rules: a document to the grassroots runs to at most 5,000 characters; one comprehensive
# meeting per system a year; at most one grassroots-facing app per department.
DOCUMENT_CHARS_CAP = 5_000
COMPREHENSIVE_MEETINGS_CAP = 1
APPS_PER_DEPARTMENT_CAP = 1

# Bounds on what a village types: generous beyond anything real, tight enough to catch a slip.
MAX_CHARACTERS = 1_000_000
MAX_PAGES = 2_000
MAX_HOURS = 24
MAX_CADRES = 200
MAX_DAYS = 366
PURPOSE_CHARS = 200  # what a certificate was demanded for: one line
NAME_CHARS = 100
NUMBER_CHARS = 100
EARLIEST_YEAR = 2015
REASON_CHARS = limits.REASON_CHARS


class MeetingLevel(models.TextChoices):
    COUNTY = "county", _("county level")
    TOWNSHIP = "township", _("township level")
    ABOVE = "above", _("city level or above")


class InspectionKind(models.TextChoices):
    SUPERVISION = "supervision", _("supervision (督查)")
    CHECK = "check", _("check (检查)")
    ASSESSMENT = "assessment", _("assessment (考核)")


class DemanderKind(models.TextChoices):
    BANK = "bank", _("bank")
    COURT = "court", _("court")
    DEPARTMENT = "department", _("government department")
    OTHER = "other", _("other body")


class Screening(models.TextChoices):
    """What the village's lists say of a certificate demanded of it."""

    FORBIDDEN = "forbidden", _("the lists forbid it")
    ALLOWED = "allowed", _("on the certificate list")
    NOT_LISTED = "not_listed", _("not on the lists")
    NO_CATALOG = "no_catalog", _("no published list to check")


class ToolKind(models.TextChoices):
    APP = "app", _("government app")
    CHAT_GROUP = "chat_group", _("work chat group")


class SignKind(models.TextChoices):
    MARK = "mark", _("identification (标识)")
    RULES = "rules", _("rules on the wall (制度)")
    PUBLICITY = "publicity", _("publicity (宣传)")
    SERVICE = "service", _("service (服务)")
    TRAIL = "trail", _("work trail (留痕)")
    INSPECTION = "inspection", _("for inspections (迎检)")


class SignPlace(models.TextChoices):
    """Where a sign hangs: outside the centre (as a horizontal, vertical or square plate) or in a room."""

    HORIZONTAL = "horizontal", _("outside, horizontal")
    VERTICAL = "vertical", _("outside, vertical")
    SQUARE = "square", _("outside, square")
    ROOM = "room", _("inside a room")


OUTSIDE = (SignPlace.HORIZONTAL, SignPlace.VERTICAL, SignPlace.SQUARE)
# The Jingmen standard "一横四竖一方": outside, at most one horizontal, four vertical and one square sign.
OUTSIDE_CAPS = {SignPlace.HORIZONTAL: 1, SignPlace.VERTICAL: 4, SignPlace.SQUARE: 1}
SIGNS_PER_ROOM = 1


class Disposition(models.TextChoices):
    UNDECIDED = "", _("not decided")
    KEEP = "keep", _("keep (保留)")
    MERGE = "merge", _("merge (整合)")
    CHANGE = "change", _("change (变更)")
    REMOVE = "remove", _("remove (撤销)")


# Signs still hanging after their disposition: kept, changed, or not decided yet.
HANGING = (Disposition.UNDECIDED, Disposition.KEEP, Disposition.CHANGE)


class Rule(models.TextChoices):
    DOCUMENTS_UP = "documents_up", _("more documents to villages than last year")
    DOCUMENT_TOO_LONG = "document_too_long", _("a document over 5,000 characters")
    MEETINGS = "comprehensive_meetings", _("more than one comprehensive meeting a year")
    APPS = "apps_per_department", _("more than one app per department for the grassroots")


class ViolationStatus(models.TextChoices):
    OPEN = "open", _("waiting for review")
    CONFIRMED = "confirmed", _("confirmed")
    DISMISSED = "dismissed", pgettext_lazy("violation", "dismissed")


class ReviewStep(models.TextChoices):
    CONFIRM = "confirm", _("confirmed")
    DISMISS = "dismiss", pgettext_lazy("violation", "dismissed")
