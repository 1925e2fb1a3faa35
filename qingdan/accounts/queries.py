"""Read helpers for sign-in."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from qingdan.orgs.models import User


def locked_until(username: str) -> datetime | None:
    """When the account's lock ends, or None when it is not locked (or does not exist)."""
    value = User.objects.filter(username=username).values_list("locked_until", flat=True).first()
    if value is None or value <= timezone.now():
        return None
    return value
