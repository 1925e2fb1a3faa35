from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class VillageType(models.TextChoices):
    """The four types 罗家桥街道 assesses differently (seed 004)."""

    URBAN_COMMUNITY = "urban_community", _("urban community")
    PERI_URBAN = "peri_urban", _("peri-urban village")
    PARK = "park", _("village inside an industrial park")
    AGRICULTURAL = "agricultural", _("agricultural village")


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class RuleKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("quantitative")
    QUALITATIVE = "qualitative", _("qualitative")


class Formula(models.TextChoices):
    """How a quantitative value becomes points (points × a share between 0 and 1)."""

    PROPORTIONAL = "proportional", _("in proportion to the target")
    ALL_OR_NOTHING = "all_or_nothing", _("full points when the target is reached")
    AT_MOST = "at_most", _("full points when at most the target, none above")


class Evidence(models.TextChoices):
    """What an indicator relies on. A photo is never enough, so it is no choice here."""

    PLATFORM_RECORD = "platform_record", _("platform record")
    FORM = "form", _("form of the one set of forms")
    DOCUMENT = "document", _("document")


class Source(models.TextChoices):
    """Platform records an indicator can score itself from; the village never reports these."""

    NONE = "", _("reported and verified")
    ORDERS_ON_TIME = "orders_on_time", _("work orders completed on time (%)")
    FORMS_SUBMITTED = "forms_submitted", _("forms submitted (%)")
    COMPLAINTS_UPHELD = "complaints_upheld", _("complaints upheld (count)")
    CHECKLIST_ROWS_DONE = "checklist_rows_done", _("checklist rows done (%)")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    PASS = "pass", _("pass")
    FAIL = "fail", _("fail")


class AppealStatus(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting decision")
    UPHELD = "upheld", _("appeal upheld")
    DISMISSED = "dismissed", _("appeal dismissed")


class AppealStep(models.TextChoices):
    SUBMIT = "submit", _("filed")
    APPROVE = "approve", _("appeal upheld")
    REFUSE = "refuse", _("appeal dismissed")


# A total of at least this many points earns the grade (out of 100).
GRADE_FLOORS = ((Grade.EXCELLENT, Decimal(90)), (Grade.GOOD, Decimal(80)), (Grade.PASS, Decimal(60)))

# Share of the performance part paid at each grade (梯次奖励), in per cent.
DEFAULT_TIERS = {Grade.EXCELLENT: 100, Grade.GOOD: 90, Grade.PASS: 70, Grade.FAIL: 0}

# Seed 004 (Daye): 30 % of personal pay as performance; 10–20 % of the increase in collective operating
# income as the development bonus.
DEFAULT_PERFORMANCE_SHARE = Decimal("0.30")
BONUS_RATE_MIN, BONUS_RATE_MAX = Decimal("0.10"), Decimal("0.20")
DEFAULT_BONUS_RATE = Decimal("0.15")
DEFAULT_APPEAL_DAYS = 15
MAX_CAP = 200

# Indicators of these kinds judge paperwork, not work: refused whatever they are linked to (the 2024 rules:
# photo trails, hanging signs and ledgers may not be used to judge work).
FORBIDDEN_WORDS = {
    "拍照": _("photo trails (拍照留痕) may not be assessed"),
    "留痕": _("photo trails (拍照留痕) may not be assessed"),
    "照片": _("photo trails (拍照留痕) may not be assessed"),
    "挂牌": _("hanging signs (挂牌) may not be assessed"),
    "牌子": _("hanging signs (挂牌) may not be assessed"),
    "台账": _("paper ledgers (材料台账) may not be assessed"),
    "台帐": _("paper ledgers (材料台账) may not be assessed"),
}
