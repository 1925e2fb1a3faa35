"""Notifications: written after the change they tell about has committed, never before.

notify(recipients, verb, text, url)   one Notification per person, created on commit
mark_read(user, notifications)        the person has seen them (their own only)
set_delivery(user, delivery)          each event, or one daily digest (audited)
send_digests(now, hours)              fold each daily reader's recent notifications into one digest

Everyone gets a row for every event; a daily reader's list shows their digests instead (queries.inbox).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused

from .models import Delivery, Notification, Preference

TEXT_LENGTH = Notification._meta.get_field("text").max_length or 300
URL_LENGTH = Notification._meta.get_field("url").max_length or 300
DIGEST_VERB = "notifications.digest"


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def notify(*, recipients: Iterable, verb: str, text: str, url: str = "") -> None:
    """Tell each recipient (active people, each once) about an event, once the transaction commits."""
    ids = sorted({person.pk for person in recipients if person is not None and person.pk is not None})
    if not ids:
        return
    text, url = _clip(text, TEXT_LENGTH), url[:URL_LENGTH]

    def create() -> None:
        Notification.objects.bulk_create(
            Notification(recipient_id=pk, verb=verb, text=text, url=url) for pk in ids
        )

    transaction.on_commit(create)


def mark_read(*, user, notifications: QuerySet[Notification] | None = None) -> int:
    """Mark the user's unread notifications (all, or those given) read; a digest takes its parts along.

    Not audited: reading one's own messages changes nothing anyone else sees.
    """
    mine = access.visible(Notification.objects.all(), user).filter(read_at__isnull=True)
    if notifications is not None:
        chosen = notifications.values("pk")
        mine = mine.filter(pk__in=chosen) | mine.filter(digest__in=chosen)
    return mine.update(read_at=timezone.now())


@transaction.atomic
def set_delivery(*, user, delivery: str) -> Preference:
    """Choose between a notification for each event and one daily digest."""
    if delivery not in Delivery.values:
        raise ActionRefused(_("Unknown delivery choice: %(value)s.") % {"value": delivery})
    preference = Preference.objects.select_for_update().filter(user=user).first()
    before = preference.delivery if preference else Delivery.EACH
    if preference is None:
        preference = Preference(user=user, delivery=delivery)
    elif before == delivery:
        return preference
    preference.delivery = delivery
    preference.save()
    record(
        actor=user,
        action="notifications.set_delivery",
        obj=preference,
        division=user.division,
        changes={"delivery": [before, delivery]},
    )
    return preference


def delivery_of(user) -> str:
    preference = Preference.objects.filter(user=user).first()
    return preference.delivery if preference else Delivery.EACH


def _digest_text(parts: list[Notification]) -> str:
    head = _("%(count)d notifications in the last day:") % {"count": len(parts)}
    return _clip(" ".join([head, *("· " + part.text for part in parts)]), TEXT_LENGTH)


@transaction.atomic
def send_digests(*, now: datetime.datetime | None = None, hours: int = 24, url: str = "") -> int:
    """For every daily reader, fold the notifications of the last `hours` that are in no digest yet into
    one digest notification. Running it twice folds nothing twice. Returns the number of digests made."""
    now = now or timezone.now()
    since = now - datetime.timedelta(hours=hours)
    readers = Preference.objects.filter(delivery=Delivery.DAILY, user__is_active=True).values_list(
        "user_id", flat=True
    )
    pending = (
        Notification.objects.select_for_update()
        .filter(
            recipient_id__in=list(readers),
            is_digest=False,
            digest__isnull=True,
            created_at__gte=since,
            created_at__lte=now,
        )
        .order_by("recipient_id", "created_at", "id")
    )
    by_person: dict[int, list[Notification]] = {}
    for notification in pending:
        by_person.setdefault(notification.recipient_id, []).append(notification)
    for person_id, parts in by_person.items():
        digest = Notification.objects.create(
            recipient_id=person_id,
            verb=DIGEST_VERB,
            text=_digest_text(parts),
            url=url[:URL_LENGTH],
            is_digest=True,
            # A digest is unread while any of its parts is.
            read_at=now if all(part.read_at for part in parts) else None,
        )
        Notification.objects.filter(pk__in=[part.pk for part in parts]).update(digest=digest)
    if by_person:
        record(
            actor=None,
            actor_name="qingdan send-digests",
            action="notifications.send_digests",
            changes={"digests": [None, len(by_person)]},
        )
    return len(by_person)
