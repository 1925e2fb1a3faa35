"""Read helpers for notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from qingdan import access

from .models import Delivery, Notification, Preference


def inbox(user) -> QuerySet[Notification]:
    """What the person's notification list shows: only their digests if they chose one daily digest
    (`qingdan send-digests` makes them), else every single notification. Newest first."""
    mine = access.visible(Notification.objects.all(), user)
    daily = Preference.objects.filter(user_id=user.pk, delivery=Delivery.DAILY).exists()
    if daily:
        return mine.filter(is_digest=True)
    return mine.filter(is_digest=False)


def unread_count(user) -> int:
    return inbox(user).filter(read_at__isnull=True).count()
