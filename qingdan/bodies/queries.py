"""Read helpers for coordination bodies: caps and counts, the handover of a revoked body's work, the
clean-up review and the year-on-year report. Everything a user sees comes through qingdan.access.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, Unit
from qingdan.screening import normalize

from .choices import DEFAULT_CAPS, BodyKind, BodyStatus, CapLevel
from .models import BodyCap, BodyDocument, BodyMeeting, CoordinationBody

STALE_DAYS = 365  # a body with no meeting or document in this long is worth a look
HANDOVER_DAYS = 365  # the meetings and documents a revoked body's open work is read from
HANDOVER_ROWS = 20


def active_bodies(division: Division) -> QuerySet[CoordinationBody]:
    return CoordinationBody.objects.filter(division=division, status=BodyStatus.ACTIVE)


def caps_of(county: Division) -> dict[str, int]:
    """The county's cap per level: its own rows, the defaults where it has none."""
    caps = {str(level): cap for level, cap in DEFAULT_CAPS.items()}
    caps.update(BodyCap.objects.filter(county=county).values_list("level", "cap"))
    return caps


def cap_of(division: Division) -> int:
    return caps_of(division.county_division()).get(division.level, 0)


@dataclass
class CapStatus:
    """How full one level of a county is: the county itself, or every township (village) at once."""

    level: str
    label: str
    cap: int  # per division of this level
    active: int  # active bodies at this level, all divisions together
    divisions: int = 1  # divisions of this level in the view
    over: list[tuple[Division, int]] = field(default_factory=list)  # divisions above the cap, with counts

    @property
    def at_cap(self) -> bool:
        return self.level == CapLevel.COUNTY and self.active >= self.cap

    @property
    def is_over(self) -> bool:
        return bool(self.over)


def cap_status(user, county: Division) -> list[CapStatus]:
    """One line per level of the county: active bodies (those the user may see) against the cap."""
    caps = caps_of(county)
    counts = (
        access.visible(CoordinationBody.objects.filter(county=county, status=BodyStatus.ACTIVE), user)
        .values("division_id", "division__level")
        .annotate(n=Count("id"))
    )
    per_level: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in counts:
        per_level[row["division__level"]].append((row["division_id"], row["n"]))
    over_ids = {pk: n for level, rows in per_level.items() for pk, n in rows if n > caps.get(level, 0)}
    divisions = {d.pk: d for d in Division.objects.filter(pk__in=over_ids)} if over_ids else {}
    result = []
    for level in CapLevel:
        rows = per_level.get(level.value, [])
        over = sorted(((divisions[pk], n) for pk, n in rows if pk in over_ids), key=lambda pair: pair[0].code)
        result.append(
            CapStatus(
                level=level.value,
                label=str(level.label),
                cap=caps[level.value],
                active=sum(n for _pk, n in rows),
                divisions=len(rows),
                over=over,
            )
        )
    return result


def county_cap_status(user, county: Division) -> CapStatus:
    return cap_status(user, county)[0]


# --- names ---------------------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"[\s()\[\]{}<>《》“”\"'‘’、,，.。·・:：;；!！?？/\\|_—–-]+")
_SUFFIXES = (
    "领导小组",
    "协调小组",
    "工作小组",
    "委员会",
    "指挥部",
    "联席会议",
    "办公室",
    "工作专班",
    "专班",
    "小组",
)
_PREFIXES = ("中国共产党", "中共", "县委", "区委", "县人民政府", "区人民政府", "县政府", "区政府", "县", "区")


def normalised_name(name: str, county_name: str = "") -> str:
    """The name as compared for duplicates: simplified, no spaces or punctuation, without the county's
    name or a leading 县委/县政府/县 (通榆县安全生产委员会 = 县安全生产委员会 = 安全生产委员会)."""
    text = _PUNCTUATION.sub("", normalize(name))
    short = county_name.removesuffix("县").removesuffix("区").removesuffix("市")
    prefixes = (short, *_PREFIXES) if short else _PREFIXES
    stripped = True
    while stripped:  # 中共通榆县委… → 通榆县委… → 县委… → …
        stripped = False
        for prefix in prefixes:
            if text.startswith(prefix) and len(text) > len(prefix) + 2:
                text = text[len(prefix) :]
                stripped = True
                break
    return text


def work_area(body: CoordinationBody) -> str:
    """The field of work a body covered, for a checklist's 工作方面: 县防汛抗旱指挥部 → 防汛抗旱."""
    text = normalised_name(body.name, body.county.name if body.county_id else "")
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text.removesuffix("工作") or body.name


def kind_from_name(name: str) -> str:
    """A likely kind for a body the ledger gives no 类型 for, read from how its name ends."""
    endings = [
        ("领导小组", BodyKind.LEADING_GROUP),
        ("协调小组", BodyKind.COORDINATION_GROUP),
        ("工作小组", BodyKind.COORDINATION_GROUP),
        ("委员会", BodyKind.COMMITTEE),
        ("指挥部", BodyKind.HEADQUARTERS),
        ("联席会议", BodyKind.JOINT_MEETING),
        ("办公室", BodyKind.OFFICE),
        ("专班", BodyKind.TASK_FORCE),
    ]
    text = name.strip().rstrip("）)")
    for ending, kind in endings:
        if text.endswith(ending):
            return kind.value
    return BodyKind.OTHER.value


# --- the handover of a revoked body's work -------------------------------------------------------


@dataclass(frozen=True)
class HandoverRow:
    """One suggested row of a task checklist (任务清单) for the unit that takes over a body's work."""

    area: str  # 工作方面
    task: str  # 工作任务
    measures: str  # 工作措施 (a suggestion to edit)
    lead_unit: Unit | None  # 牵头单位: the body's lead unit, when the register knows it
    lead_unit_name: str
    source: str  # where the row comes from: a meeting or a document of the body
    due: datetime.date | None = None


def handover_rows(body: CoordinationBody, *, today: datetime.date | None = None) -> list[HandoverRow]:
    """Suggested checklist rows from the body's meetings and documents of the last year, newest first;
    one general row when it recorded none. For the lead unit to take over once the body is revoked."""
    until = body.revoked_on or today or timezone.localdate()
    since = until - datetime.timedelta(days=HANDOVER_DAYS)
    area = work_area(body)
    lead_name = body.lead_unit_label

    def row(task: str, measures: str, source: str) -> HandoverRow:
        return HandoverRow(
            area=area,
            task=task,
            measures=measures,
            lead_unit=body.lead_unit,
            lead_unit_name=lead_name,
            source=source,
        )

    found: list[tuple[datetime.date, HandoverRow]] = []
    for meeting in body.meetings.filter(held_on__gte=since, held_on__lte=until):
        date = meeting.held_on.isoformat()
        found.append(
            (
                meeting.held_on,
                row(
                    meeting.topic,
                    _("Carry out what the meeting of %(date)s decided") % {"date": date},
                    _("meeting of %(date)s") % {"date": date},
                ),
            )
        )
    for document in body.documents.filter(issued_on__gte=since, issued_on__lte=until):
        found.append(
            (
                document.issued_on,
                row(
                    document.title,
                    _("Carry out document %(number)s") % {"number": document.number},
                    _("document %(number)s") % {"number": document.number},
                ),
            )
        )
    found.sort(key=lambda pair: pair[0], reverse=True)
    rows: list[HandoverRow] = []
    seen: set[str] = set()
    for _date, suggestion in found:
        key = normalised_name(suggestion.task)
        if key in seen:
            continue
        seen.add(key)
        rows.append(suggestion)
        if len(rows) == HANDOVER_ROWS:
            break
    if not rows:
        task = _("Take over the coordination work of the former %(body)s") % {"body": body.name}
        rows.append(row(task, "", body.name))
    return rows


# --- the clean-up review -------------------------------------------------------------------------


@dataclass
class Review:
    past_end: list[CoordinationBody]
    stale: list[CoordinationBody]
    lead_gone: list[CoordinationBody]
    duplicates: list[list[CoordinationBody]]

    @property
    def total(self) -> int:
        return len(self.past_end) + len(self.stale) + len(self.lead_gone) + len(self.duplicates)


def _last(model, date_field: str):
    rows = model.objects.filter(body=OuterRef("pk")).order_by(f"-{date_field}").values(date_field)[:1]
    return Subquery(rows)


def review(user, *, today: datetime.date | None = None) -> Review:
    """Active bodies worth cleaning up, among those the user may see."""
    today = today or timezone.localdate()
    year_ago = today - datetime.timedelta(days=STALE_DAYS)
    bodies = list(
        access.visible(CoordinationBody.objects.filter(status=BodyStatus.ACTIVE), user)
        .select_related("division", "county", "lead_unit")
        .annotate(
            last_meeting=_last(BodyMeeting, "held_on"),
            last_document=_last(BodyDocument, "issued_on"),
        )
    )
    last_activity: dict[int, datetime.date | None] = {}
    for body in bodies:
        dates = [d for d in (body.last_meeting, body.last_document) if d is not None]  # type: ignore[attr-defined]
        last_activity[body.pk] = max(dates) if dates else None
        body.last_activity = last_activity[body.pk]  # type: ignore[attr-defined]  # shown on the page

    past_end = [b for b in bodies if b.ends_on is not None and b.ends_on < today]
    stale = [
        b
        for b in bodies
        if b.set_up_on <= year_ago and ((last_activity[b.pk] or datetime.date.min) < year_ago)
    ]
    lead_gone = [b for b in bodies if b.lead_unit is None or not b.lead_unit.is_active]
    groups: dict[tuple[int, str], list[CoordinationBody]] = defaultdict(list)
    for body in bodies:
        groups[(body.division_id, normalised_name(body.name, body.county.name))].append(body)
    duplicates = [group for group in groups.values() if len(group) > 1]
    return Review(
        past_end=sorted(past_end, key=lambda b: b.ends_on or datetime.date.min),
        stale=sorted(stale, key=lambda b: (last_activity[b.pk] or datetime.date.min, b.set_up_on)),
        lead_gone=lead_gone,
        duplicates=sorted(duplicates, key=lambda group: group[0].name),
    )


# --- the year-on-year report ---------------------------------------------------------------------


@dataclass
class ReportLine:
    division: Division | None  # None for the total
    meetings: int = 0
    meetings_before: int = 0
    documents: int = 0
    documents_before: int = 0
    meetings_last_year: int = 0
    documents_last_year: int = 0

    @property
    def meetings_change(self) -> int:
        return self.meetings - self.meetings_before

    @property
    def documents_change(self) -> int:
        return self.documents - self.documents_before


@dataclass
class Report:
    year: int
    period_end: datetime.date  # this year's figures run from 1 January to here
    before_end: datetime.date  # and are compared with last year's up to this day
    to_date: bool  # True when the year is not over: "the same period last year"
    lines: list[ReportLine]
    total: ReportLine


def _same_day_last_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _counts(rows: QuerySet, date_field: str, windows: dict[str, tuple[datetime.date, datetime.date]]):
    aggregates = {
        name: Count("id", filter=Q(**{f"{date_field}__range": window})) for name, window in windows.items()
    }
    earliest = min(window[0] for window in windows.values())
    latest = max(window[1] for window in windows.values())
    return (
        rows.filter(**{f"{date_field}__range": (earliest, latest)})
        .values("body__division_id")
        .annotate(**aggregates)
    )


def year_report(user, *, year: int | None = None, today: datetime.date | None = None) -> Report:
    """Meetings and documents of the coordination bodies per county and township, this year against
    last year: up to today while the year runs (the same period last year), whole years after."""
    today = today or timezone.localdate()
    year = year or today.year
    to_date = year == today.year
    period_end = today if to_date else datetime.date(year, 12, 31)
    before_end = _same_day_last_year(period_end) if to_date else datetime.date(year - 1, 12, 31)
    windows = {
        "now": (datetime.date(year, 1, 1), period_end),
        "before": (datetime.date(year - 1, 1, 1), before_end),
        "last_year": (datetime.date(year - 1, 1, 1), datetime.date(year - 1, 12, 31)),
    }
    lines: dict[int, ReportLine] = {}
    # Every county and township the user sees, and those whose bodies they read (a village's township).
    with_bodies = access.visible(CoordinationBody.objects.all(), user).values("division_id")
    seen = access.visible(Division.objects.all(), user).values("pk")
    divisions = Division.objects.filter(
        Q(pk__in=with_bodies) | Q(pk__in=seen), level__in=[Level.COUNTY, Level.TOWNSHIP]
    ).order_by("code")
    for division in divisions:
        lines[division.pk] = ReportLine(division=division)

    def add(row: dict, prefix: str) -> None:
        line = lines.get(row["body__division_id"])
        if line is None:  # a village body, or one above the user's view of divisions
            return
        setattr(line, prefix, getattr(line, prefix) + row["now"])
        setattr(line, f"{prefix}_before", getattr(line, f"{prefix}_before") + row["before"])
        setattr(line, f"{prefix}_last_year", getattr(line, f"{prefix}_last_year") + row["last_year"])

    for row in _counts(access.visible(BodyMeeting.objects.all(), user), "held_on", windows):
        add(row, "meetings")
    for row in _counts(access.visible(BodyDocument.objects.all(), user), "issued_on", windows):
        add(row, "documents")

    total = ReportLine(division=None)
    for line in lines.values():
        for name in (
            "meetings",
            "meetings_before",
            "meetings_last_year",
            "documents",
            "documents_before",
            "documents_last_year",
        ):
            setattr(total, name, getattr(total, name) + getattr(line, name))
    return Report(
        year=year,
        period_end=period_end,
        before_end=before_end,
        to_date=to_date,
        lines=list(lines.values()),
        total=total,
    )
