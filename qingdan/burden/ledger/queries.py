"""Read helpers for the ledger pages and API: completeness of monitoring points, one month's entries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from qingdan import access
from qingdan.orgs.models import Division, Unit

from .models import (
    CadreBorrowing,
    CertificateDemand,
    DigitalTool,
    DocumentReceived,
    Inspection,
    LedgerMonth,
    MeetingCalled,
    MonitoringPoint,
)
from .validation import this_month

COMPLETENESS_MONTHS = 12

ENTERED, STARTED, MISSING, NOT_YET = "entered", "started", "missing", "not_yet"


def months_back(last: datetime.date, n: int) -> list[datetime.date]:
    """The first days of the `n` months up to and including `last`'s, oldest first."""
    found = []
    year, month = last.year, last.month
    for _ in range(n):
        found.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


@dataclass
class PointRow:
    point: MonitoringPoint
    cells: list[tuple[datetime.date, str]]  # (month, ENTERED | STARTED | MISSING | NOT_YET)

    @property
    def entered(self) -> int:
        return sum(1 for _, state in self.cells if state == ENTERED)

    @property
    def missing(self) -> list[datetime.date]:
        return [month for month, state in self.cells if state in (MISSING, STARTED)]

    @property
    def due(self) -> int:
        return sum(1 for _, state in self.cells if state != NOT_YET)


def completeness(points: QuerySet[MonitoringPoint], months: list[datetime.date]) -> list[PointRow]:
    """Each point's months: entered (submitted), started (entries but not submitted), missing, or before
    it became a point. The current month is never counted missing: it is not over yet."""
    found = list(points.select_related("village", "village__parent"))
    ledgers = LedgerMonth.objects.filter(village__in=[p.village_id for p in found], month__in=months)
    state = {
        (row.village_id, row.month): ENTERED if row.submitted_at else STARTED
        for row in ledgers.only("village_id", "month", "submitted_at")
    }
    current = this_month()
    rows = []
    for point in found:
        cells = []
        for month in months:
            if month < point.since.replace(day=1):
                cells.append((month, NOT_YET))
            else:
                fallback = NOT_YET if month == current else MISSING
                cells.append((month, state.get((point.village_id, month), fallback)))
        rows.append(PointRow(point, cells))
    return rows


@dataclass
class MonthEntries:
    village: Division
    month: datetime.date
    ledger: LedgerMonth | None
    documents: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    inspections: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    borrowings: list = field(default_factory=list)
    tools: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(
            len(rows)
            for rows in (self.documents, self.meetings, self.inspections, self.certificates, self.borrowings)
        )


def month_entries(user, village: Division, month: datetime.date) -> MonthEntries:
    def rows(model):
        found = access.visible(model.objects.filter(village=village, month=month), user)
        return list(found.select_related("issuer").order_by("id"))

    tools = access.visible(DigitalTool.objects.filter(village=village), user).select_related("issuer")
    return MonthEntries(
        village=village,
        month=month,
        ledger=access.visible(LedgerMonth.objects.filter(village=village, month=month), user).first(),
        documents=rows(DocumentReceived),
        meetings=rows(MeetingCalled),
        inspections=rows(Inspection),
        certificates=rows(CertificateDemand),
        borrowings=rows(CadreBorrowing),
        tools=[tool for tool in tools if tool.in_use(month)],
    )


def issuers(county: Division) -> QuerySet[Unit]:
    """The units a village may name as the sender: the county's active units, county level first."""
    return (
        Unit.objects.filter(county=county, is_active=True)
        .select_related("division")
        .order_by("division__code", "name")
    )
