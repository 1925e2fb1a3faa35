"""What the ledger pages share: fetching a village, a month or an entry within the person's scope."""

from __future__ import annotations

import datetime

from django.http import Http404

from qingdan import access
from qingdan.access import Permission
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from ..actions import ENTRY_MODELS
from ..models import MonitoringPoint
from ..validation import this_month


def visible_village(user, pk: int) -> Division:
    villages = Division.objects.filter(level=Level.VILLAGE).select_related("parent", "county")
    return access.get_visible_or_404(villages, user, pk=pk)


def month_or_404(year: int, month: int) -> datetime.date:
    """The month named in the address; 404 for no month at all or one that has not begun."""
    try:
        found = datetime.date(year, month, 1)
    except ValueError:
        raise Http404 from None
    if found > this_month():
        raise Http404
    return found


def visible_entry(user, kind: str, pk: int):
    model = ENTRY_MODELS.get(kind)
    if model is None:
        raise Http404
    return access.get_visible_or_404(model._default_manager.select_related("village", "issuer"), user, pk=pk)


def may_record(user, village: Division) -> bool:
    return access.can(user, Permission.RECORD_LEDGER, village)


def point_of(village: Division) -> MonitoringPoint | None:
    return MonitoringPoint.objects.filter(village=village, is_active=True).first()


def next_month(month: datetime.date) -> datetime.date:
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(month: datetime.date) -> datetime.date:
    return (
        datetime.date(month.year, month.month - 1, 1)
        if month.month > 1
        else datetime.date(month.year - 1, 12, 1)
    )
