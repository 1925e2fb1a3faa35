"""The light ledger as a source of burden figures (the contract of qingdan/burden/sources.py).

Only monitoring points keep the ledger, so these figures exist for them alone: nothing here estimates
the rest of the county. Each Count is one village's figure for one issuer and month.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db.models import Count as Rows
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qingdan.burden.sources import Count, Measure, taken_up
from qingdan.orgs.models import Division

from . import choices as c
from .models import (
    CadreBorrowing,
    CertificateDemand,
    DigitalTool,
    DocumentReceived,
    Inspection,
    MeetingCalled,
    Sign,
)

MEASURES: list[Measure] = [
    Measure(
        "documents_received",
        _("documents received"),
        _("Documents a monitoring point received in the month, by the unit that issued them (light ledger)."),
    ),
    Measure(
        "document_characters",
        _("characters of documents received"),
        _("The characters of those documents added up."),
        unit="characters",
    ),
    Measure(
        "meetings_called",
        _("meetings called"),
        _("Meetings the village's cadres were called to in the month, by the unit that called them."),
    ),
    Measure(
        "meeting_hours", _("hours in meetings"), _("The hours of those meetings added up."), unit="hours"
    ),
    Measure(
        "inspections",
        _("inspections, checks and assessments"),
        _("督查、检查、考核 the village received in the month, by the unit that held them."),
    ),
    Measure(
        "chat_groups",
        _("work chat groups"),
        _(
            "Work chat groups the village's cadres had to be in, by who set them up. A month's figure: the "
            "groups in force that month. A period's (before, after, a year): each group in force at any "
            "time in the period, counted once, not once a month."
        ),
        in_force=True,
    ),
    Measure(
        "apps_required",
        _("government apps required"),
        _(
            "Government apps the village's cadres had to use, by who required them. A month's figure: the "
            "apps in force that month. A period's (before, after, a year): each app in force at any time "
            "in the period, counted once, not once a month."
        ),
        in_force=True,
    ),
    Measure(
        "certificates_demanded",
        _("certificates demanded"),
        _("Certificates demanded of the village in the month (by banks, courts, departments …)."),
    ),
    Measure(
        "certificates_forbidden",
        _("certificates demanded that the lists forbid"),
        _("Of those, the ones the village's negative list says it may not issue."),
        prevented=False,
    ),
    Measure(
        "cadres_borrowed",
        _("cadres borrowed"),
        _("Village cadres borrowed (借调) in the month, by the unit that borrowed them."),
    ),
    Measure(
        "borrowed_cadre_days",
        _("days of borrowed cadres"),
        _("Cadres borrowed times the days they were away, added up."),
    ),
    Measure(
        "signs_removed",
        _("signs removed"),
        _("Signs at the village service centre removed or merged away, in the month of the decision."),
    ),
    Measure("signs_kept", _("signs kept"), _("Signs kept or changed, in the month of the decision.")),
]


def _rows(model, county: Division, villages: list[int] | None) -> QuerySet:
    rows = model.objects.filter(county=county)
    return rows if villages is None else rows.filter(village_id__in=villages)


def _grouped(model, county, villages, measures: dict[str, object], **filters) -> Iterable[Count]:
    """One Count per (village, issuer, month) and measure: measures map a code to an aggregate."""
    rows = _rows(model, county, villages).filter(**filters).values("village_id", "issuer_id", "month")
    for row in rows.annotate(**measures).order_by():
        for code in measures:
            value = row[code]
            if value:
                yield Count(
                    row["village_id"],
                    row["issuer_id"],
                    row["month"],
                    code,
                    float(value) if code == "meeting_hours" else int(value),
                )


def _months(start: datetime.date, stop: datetime.date | None, last: datetime.date) -> Iterable[datetime.date]:
    month = start
    while month <= last and (stop is None or month < stop):
        yield month
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _tools(county, villages, last: datetime.date) -> Iterable[Count]:
    """Per month, the apps (chat groups) in force; and, as taken_up(code), those that began that month."""
    tally: Counter[tuple[int, int, datetime.date, str]] = Counter()
    rows = _rows(DigitalTool, county, villages).values_list(
        "village_id", "issuer_id", "kind", "used_from", "used_until"
    )
    for village_id, issuer_id, kind, used_from, used_until in rows:
        code = "apps_required" if kind == c.ToolKind.APP else "chat_groups"
        if used_from <= last:
            tally[(village_id, issuer_id, used_from, taken_up(code))] += 1
        for month in _months(used_from, used_until, last):
            tally[(village_id, issuer_id, month, code)] += 1
    for (village_id, issuer_id, month, code), value in tally.items():
        yield Count(village_id, issuer_id, month, code, value)


def _signs(county, villages) -> Iterable[Count]:
    tally: Counter[tuple[int, datetime.date, str]] = Counter()
    rows = (
        _rows(Sign, county, villages)
        .exclude(disposition="")
        .values_list("village_id", "disposition", "disposed_on")
    )
    for village_id, disposition, on in rows:
        code = "signs_kept" if disposition in c.HANGING else "signs_removed"
        tally[(village_id, on.replace(day=1), code)] += 1
    for (village_id, month, code), value in tally.items():
        yield Count(village_id, None, month, code, value)


def counts(county: Division, villages: list[int] | None = None) -> Iterable[Count]:
    """Every light-ledger figure of the county's monitoring points (or of `villages` only)."""
    found: list[Count] = []
    found += _grouped(
        DocumentReceived,
        county,
        villages,
        {"documents_received": Rows("id"), "document_characters": Sum("characters")},
    )
    found += _grouped(
        MeetingCalled, county, villages, {"meetings_called": Rows("id"), "meeting_hours": Sum("hours")}
    )
    found += _grouped(Inspection, county, villages, {"inspections": Rows("id")})
    found += _grouped(CadreBorrowing, county, villages, {"cadres_borrowed": Sum("cadres")})
    for row in _rows(CadreBorrowing, county, villages).values_list(
        "village_id", "issuer_id", "month", "cadres", "days"
    ):
        found.append(Count(row[0], row[1], row[2], "borrowed_cadre_days", row[3] * row[4]))
    found += _grouped(CertificateDemand, county, villages, {"certificates_demanded": Rows("id")})
    found += _grouped(
        CertificateDemand,
        county,
        villages,
        {"certificates_forbidden": Rows("id")},
        screening=c.Screening.FORBIDDEN,
    )
    found += _tools(county, villages, timezone.localdate().replace(day=1))
    found += _signs(county, villages)
    return found
