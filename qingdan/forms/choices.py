from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ElementKind(models.TextChoices):
    # "number" and "text" name data types here, not a row's number or a message's text: hence the context.
    NUMBER = "number", pgettext_lazy("data type", "number")
    INTEGER = "integer", _("whole number")
    TEXT = "text", pgettext_lazy("data type", "text")
    DATE = "date", _("date")
    CHOICE = "choice", _("choice")
    BOOLEAN = "boolean", _("yes or no")
    ID_NUMBER = "id_number", _("ID number")
    PHONE = "phone", _("phone number")


class Register(models.TextChoices):
    """Which base register holds an element's values, so forms asking for it fill themselves."""

    NONE = "", _("not held")
    VILLAGE = "village", _("village profile")
    RESIDENTS = "residents", _("residents register")


class ElementStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    APPROVED = "approved", _("approved")
    MAPPED = "mapped", _("mapped to an existing element")
    REJECTED = "rejected", _("rejected")


class Frequency(models.TextChoices):
    ONCE = "once", _("once")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")


# How many times a year a form of each frequency is filled.
TIMES_A_YEAR = {Frequency.ONCE: 1, Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4, Frequency.YEARLY: 1}


class RowsKind(models.TextChoices):
    """What one submission holds: the village's own figures, or one row per resident."""

    VILLAGE = "village", _("village figures")
    RESIDENTS = "residents", _("one row per resident")


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting review")
    RETURNED = "returned", _("returned for clarification")
    REFUSED = "refused", _("refused")
    APPROVED = "approved", _("approved")
    MERGED = "merged", _("merged into another form")


class FormStep(models.TextChoices):
    SUBMIT = "submit", _("submitted")
    RETURN = "return", _("returned")
    APPROVE = "approve", _("approved")
    REFUSE = "refuse", _("refused")
    MERGE = "merge", _("merged")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("being filled")
    SUBMITTED = "submitted", _("submitted")


class ValueSource(models.TextChoices):
    IMPORT = "import", _("imported")
    FORM = "form", _("from a form")
    MANUAL = "manual", _("entered")
