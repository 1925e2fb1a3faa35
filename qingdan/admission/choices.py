from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting review")
    RETURNED = "returned", _("returned for clarification")
    REFUSED = "refused", _("refused")
    APPROVED = "approved", _("approved")
    CONVERTED = "converted", _("turned into a catalog amendment request")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Decision(models.TextChoices):
    """What the screener decides for a request against one catalog (see qingdan.screening)."""

    ALLOW = "allow", _("within the duty list")
    COOPERATE = "cooperate", _("department leads, grassroots cooperate")
    REFUSE = "refuse", _("not for the grassroots")
    NOT_LISTED = "not_listed", _("not in the duty list")


# The order's overall verdict is its worst target's: one refusal outweighs every allowance.
DECISION_SEVERITY = {Decision.ALLOW: 0, Decision.COOPERATE: 1, Decision.NOT_LISTED: 2, Decision.REFUSE: 3}


class ReviewStep(models.TextChoices):
    SUBMIT = "submit", _("submitted")
    RESUBMIT = "resubmit", _("resubmitted")
    RETURN = "return", _("returned")
    APPROVE = "approve", _("approved")
    REFUSE = "refuse", _("refused")
    CONVERT = "convert", _("turned into an amendment request")
    WITHDRAW = "withdraw", _("withdrawn")


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("awaiting dispatch")
    DISPATCHED = "dispatched", _("dispatched")


class TaskStatus(models.TextChoices):
    SENT = "sent", _("sent")
    RECEIVED = "received", _("received")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("progress")
    COMPLETION = "completion", _("completion")


class ComplaintKind(models.TextChoices):
    OVER_LIST = "over_list", _("beyond the duty list")
    SUPPORT_MISSING = "support_missing", _("promised support not delivered")
    BYPASS = "bypass", _("demand that bypassed the platform")


class BypassChannel(models.TextChoices):
    PHONE = "phone", _("phone call")
    CHAT = "chat", _("chat group")
    DOCUMENT = "document", _("document")
    MEETING = "meeting", _("meeting")
    IN_PERSON = "in_person", _("in person")
    OTHER = "other", _("other")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("open")
    UPHELD = "upheld", _("upheld")
    DISMISSED = "dismissed", _("dismissed")
