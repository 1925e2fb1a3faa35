"""The append-only audit trail: every change, login, logout and failed login."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    # Set by qingdan.audit.actions.record before the insert, since the chain hash covers it.
    at = models.DateTimeField(_("time"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Kept as text too, so the trail still reads when an account is renamed.
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    # The division the event concerns, so supervisors read the trail of their own scope only.
    division = models.ForeignKey(
        "orgs.Division",
        verbose_name=_("division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The hash chain (qingdan.audit.chain): the previous event's hash, and this one's over both.
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["division", "at"], name="audit_division_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")


class AuditChainHead(models.Model):
    """One row: the last event of the chain. Writers lock it just before they insert an event."""

    last_id = models.BigIntegerField(null=True)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.last_id} {self.last_hash[:12]}"
