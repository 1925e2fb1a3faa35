"""The abstract review entry every app's review history inherits (no table of its own)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AbstractReviewEntry(models.Model):
    """One step of a review: who took it, which step (submit, return, approve …), when, and why.

    The app's entry adds its foreign key to what is reviewed (named in its Review's `subject`) and
    declares `step` again with its own choices.
    """

    step = models.CharField(_("step"), max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]
