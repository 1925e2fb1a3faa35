from django.db import models
from django.utils.translation import gettext_lazy as _


class Rank(models.TextChoices):
    """Ranks in ascending order: the order of RANK_ORDER decides "at or below the limit"."""

    CLERK = "clerk", _("clerk (办事员)")
    STAFF = "staff", _("staff member (科员)")
    DEPUTY_SECTION = "deputy_section", _("deputy section level (副科级)")
    SECTION = "section", _("section level (正科级)")
    DEPUTY_DIVISION = "deputy_division", _("deputy division level (副处级)")
    DIVISION = "division", _("division level (正处级)")
    ABOVE = "above", _("above division level")


RANK_ORDER = {value: n for n, value in enumerate(Rank.values)}


class Education(models.TextChoices):
    SECONDARY = "secondary", _("secondary school or below")
    COLLEGE = "college", _("college (大专)")
    BACHELOR = "bachelor", _("bachelor")
    MASTER = "master", _("master")
    DOCTOR = "doctor", _("doctor")


GRADUATE = (Education.MASTER, Education.DOCTOR)


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting approval")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("turned down")


class BatchStep(models.TextChoices):
    SUBMIT = "submit", _("submitted")
    RETURN = "return", _("returned")
    APPROVE = "approve", _("approved")
    REFUSE = "refuse", _("turned down")


class CadreStatus(models.TextChoices):
    NOMINATED = "nominated", _("nominated")
    SELECTED = "selected", _("selected")
    NOT_SELECTED = "not_selected", _("not selected")


class GridKind(models.TextChoices):
    COMPOUND = "compound", _("residential compound (小区)")
    GRID = "grid", _("grid (网格)")


class PostRole(models.TextChoices):
    DEPUTY_SECRETARY = "deputy_secretary", _("full-time deputy party secretary (专职副书记)")
    ASSISTANT_DIRECTOR = "assistant_director", _("assistant director (主任助理)")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("not yet met")
    MET = "met", _("met")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    UNDER_WAY = "under_way", _("under way")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class RecordKind(models.TextChoices):
    VISIT = "visit", _("home visit")
    MEDIATION = "mediation", _("dispute mediation")
    SERVICE = "service", _("volunteer service")
    MEETING = "meeting", _("residents' meeting")
    OTHER = "other", _("other work")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    COMPETENT = "competent", _("competent")
    BASIC = "basic", _("basically competent")
    INCOMPETENT = "incompetent", _("incompetent")


# The lowest weighted score of each grade, best first.
GRADE_FLOORS = ((90, Grade.EXCELLENT), (75, Grade.COMPETENT), (60, Grade.BASIC), (0, Grade.INCOMPETENT))


class Assessor(models.TextChoices):
    COMMUNITY = "community", _("the community")
    STREET = "street", _("the street (township)")
    UNIT = "unit", _("the sending unit")
