"""Coordination bodies for the demo county, entered through the importer and the actions.

  the district      a ledger of 150 bodies since 1990; 125 revoked early last year, 25 kept (the cap, so
                    a new one needs 撤一设一); most kept bodies met or issued documents this year and last
  汀泗桥镇           40 bodies set up 2016–2023, all revoked at the end of last year (townships keep none);
                    last year they held 18 meetings and issued 50 documents by this day (seed 000: the
                    town now holds about 18 fewer meetings and issues about 50 fewer documents)

Nothing is made when the county already has bodies, so loading the demo again changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from qingdan import access
from qingdan.bodies import actions
from qingdan.bodies.choices import BodyStatus
from qingdan.bodies.importer import read_ledger
from qingdan.bodies.ledger import ledger_rows, ledger_tsv, township_ledger_rows
from qingdan.bodies.models import CoordinationBody
from qingdan.orgs.choices import Level, Role, UnitKind
from qingdan.orgs.models import Division, Unit, User

TOWNSHIP = "汀泗桥镇"
TOWN_MEETINGS, TOWN_DOCUMENTS = 18, 50
MEETING_TOPICS = ["研究部署年度重点工作", "听取成员单位工作汇报", "推进会", "专题调度会", "督办问题整改"]
DOCUMENT_TITLES = ["工作要点", "实施方案", "工作推进情况通报", "督办通知", "工作总结"]


def _spread(count: int, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """`count` dates evenly between start and end (both included)."""
    span = max((end - start).days, 0)
    return [start + datetime.timedelta(days=span * n // max(count - 1, 1)) for n in range(count)]


# Units that lead the district's kept bodies which the county part of the demo does not load (name, short
# name, kind): a kept body's lead unit must be a live unit of the county, or the catalog office's clean-up
# review rightly lists the body under "lead unit gone".
LEAD_UNITS = [
    ("区委办公室", "区委办", UnitKind.OFFICE),
    ("区审计局", "审计局", UnitKind.DEPARTMENT),
    ("区委网信办", "网信办", UnitKind.OFFICE),
    ("区残疾人联合会", "残联", UnitKind.INSTITUTION),
    ("区妇女联合会", "妇联", UnitKind.INSTITUTION),
]
# The ledger's usual names of lead units that the demo county has under its own name.
LEAD_NAMES = {"区水利局": "区水利和湖泊局", "区公安局": "区公安分局"}


def _kept_led_by_live_units(county: Division, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The ledger's rows with every kept body led by a unit of the county (revoked bodies keep the names
    their ledger gave, units that no longer exist among them)."""
    for name, short_name, kind in LEAD_UNITS:
        Unit.objects.get_or_create(
            county=county, division=county, name=name, defaults={"short_name": short_name, "kind": kind}
        )
    for row in rows:
        if row["状态"] == "在册":
            for column in ("牵头单位", "办公室设在"):
                row[column] = LEAD_NAMES.get(row[column], row[column])
    return rows


def _import(actor, division: Division, rows, filename: str) -> int:
    result = read_ledger(ledger_tsv(rows), filename, division=division)
    if not result.ok:  # the made-up ledger is consistent; stop rather than load half of it
        raise RuntimeError("; ".join(str(p) for p in result.errors[:5]))
    return actions.import_ledger(user=actor, division=division, rows=result.rows, filename=filename)


def _record_town(actor, township: Division, today: datetime.date) -> None:
    last_year = today.year - 1
    try:
        same_day = today.replace(year=last_year)
    except ValueError:
        same_day = today.replace(year=last_year, day=28)
    start = datetime.date(last_year, 1, 1)
    bodies = list(
        CoordinationBody.objects.filter(division=township, set_up_on__lte=start).order_by("set_up_on", "id")
    )
    if not bodies:
        return
    for n, day in enumerate(_spread(TOWN_MEETINGS, start, same_day)):
        body = bodies[n % len(bodies)]
        actions.record_meeting(
            user=actor, body=body, held_on=day, topic=f"{body.name}{MEETING_TOPICS[n % 5]}"
        )
    for n, day in enumerate(_spread(TOWN_DOCUMENTS, start, same_day)):
        body = bodies[n % len(bodies)]
        short = township.name.removesuffix("镇")
        actions.record_document(
            user=actor,
            body=body,
            number=f"{short}党发〔{last_year}〕{n + 1}号",
            title=f"关于印发{body.name.removeprefix(township.name)}{DOCUMENT_TITLES[n % 5]}的通知",
            issued_on=day,
        )
    # The rest of last year, up to the clean-up at its end, counts for the whole year only.
    quiet_from, clean_up = same_day + datetime.timedelta(days=1), datetime.date(last_year, 12, 20)
    if quiet_from <= clean_up:
        for n, day in enumerate(_spread(4, quiet_from, clean_up)):
            body = bodies[n % len(bodies)]
            topic = f"{body.name}{MEETING_TOPICS[n % 5]}"
            actions.record_meeting(user=actor, body=body, held_on=day, topic=topic)


def _record_county(actor, county: Division, today: datetime.date) -> None:
    """Meetings and documents of most kept bodies; a few stay quiet for the review page to find."""
    rng = random.Random(5)
    kept = list(CoordinationBody.objects.filter(division=county, status=BodyStatus.ACTIVE).order_by("id"))
    short = county.name[:2]
    year_start = datetime.date(today.year, 1, 1)
    last_start = datetime.date(today.year - 1, 1, 1)
    last_end = datetime.date(today.year - 1, 12, 31)
    number = 0
    for body in kept[:18]:
        windows = [(last_start, last_end, rng.randint(1, 3)), (year_start, today, rng.randint(0, 2))]
        for start, end, count in windows:
            start = max(start, body.set_up_on)
            if start > end:
                continue
            for day in _spread(count, start, end)[:count]:
                actions.record_meeting(
                    user=actor,
                    body=body,
                    held_on=day,
                    topic=f"{body.name}全体成员会议",
                    attendees_count=rng.randint(12, 40),
                )
                number += 1
                actions.record_document(
                    user=actor,
                    body=body,
                    number=f"{short}{body.name[1:3]}发〔{day.year}〕{number}号",
                    title=f"关于印发{body.name[1:]}年度工作要点的通知",
                    issued_on=day,
                )


def load_demo_bodies(county: Division, *, township_name: str = TOWNSHIP) -> int:
    """Enter the demo's ledgers and their meetings and documents; the number of bodies made."""
    if CoordinationBody.objects.filter(county=county).exists():
        return 0
    actor = (
        User.objects.filter(role=Role.CATALOG_OFFICE, unit__county=county, is_active=True)
        .order_by("id")
        .first()
        or access.SYSTEM
    )
    today = timezone.localdate()
    units = [name for name, _short, _kind in LEAD_UNITS] + list(
        Unit.objects.filter(county=county, division=county).values_list("name", flat=True)
    )
    rows = ledger_rows(
        county_name=county.name, unit_names=units, revoked_on=datetime.date(today.year - 1, 3, 20)
    )
    made = _import(actor, county, _kept_led_by_live_units(county, rows), "区级议事协调机构台账.tsv")
    township = Division.objects.filter(county=county, level=Level.TOWNSHIP, name=township_name).first()
    if township is not None:
        revoked_on = datetime.date(today.year - 1, 12, 28)
        made += _import(
            actor,
            township,
            township_ledger_rows(township_name=township.name, revoked_on=revoked_on),
            f"{township.name}议事协调机构台账.tsv",
        )
        _record_town(actor, township, today)
    _record_county(actor, county, today)
    return made
