"""What a workbench is made of: items, the sections that hold them, and reading a capped list."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

CAP = 10  # items shown per section; the rest are behind the section's "全部 N 项" link


@dataclass
class Item:
    """One thing waiting for the person, as a link to where it is done."""

    title: str
    url: str
    detail: str = ""  # where it comes from: a department, a village, a checklist
    badge: str = ""  # its status, in words
    badge_class: str = ""  # the status's class in qingdan.css (task-sent, order-returned …)
    deadline: datetime.date | None = None  # drawn as days left / overdue by
    age_days: int | None = None  # days it has been waiting (the reviewer's queues)
    done: bool = False  # no deadline badge for what is finished (an answered complaint)
    sort: tuple = ()  # the order among the items of one section, most urgent first
    today: datetime.date = field(default_factory=timezone.localdate, repr=False)

    @property
    def days_left(self) -> int | None:
        return None if self.deadline is None else (self.deadline - self.today).days

    @property
    def days_over(self) -> int | None:
        left = self.days_left
        return None if left is None else -left

    @property
    def overdue(self) -> bool:
        left = self.days_left
        return not self.done and left is not None and left < 0


@dataclass
class Source:
    """One full list behind a section, and how many of its rows wait."""

    label: str
    url: str
    total: int


@dataclass(frozen=True)
class Next:
    """Said when nothing waits: a sentence, and a link to what the person can do next."""

    text: str
    label: str
    url: str


@dataclass
class Section:
    key: str  # names the section in the page (id="wb-<key>") and in tests
    title: str
    items: list[Item]
    sources: list[Source]
    next: Next
    overdue: int = 0  # of the total, how many are past their deadline (0: not counted, or none)

    @property
    def total(self) -> int:
        return sum(source.total for source in self.sources)

    @property
    def more(self) -> bool:
        """True when the full list holds more than the section shows."""
        return self.total > len(self.items)

    @property
    def counted(self) -> list[Source]:
        """The full lists that hold any of the rows."""
        return [source for source in self.sources if source.total]

    @property
    def more_url(self) -> str:
        """The full list, when one list holds every row the section counts."""
        counted = self.counted
        return counted[0].url if len(counted) == 1 else ""


def capped(rows: QuerySet) -> tuple[list, int]:
    """The first CAP rows and how many there are: one query, and a count only when the cap is reached."""
    found = list(rows[:CAP])
    return found, (len(found) if len(found) < CAP else rows.count())


Draw = Callable[[list, datetime.date], list[Item]]


def listed(key: str, title: str, rows: QuerySet, draw: Draw, more: Source, then: Next, today) -> Section:
    """A section of one list: its first CAP rows drawn as items, the total counted into `more` (the full
    list, given with a total of 0)."""
    found, total = capped(rows)
    source = Source(more.label, more.url, total)
    return Section(key=key, title=title, items=draw(found, today), sources=[source], next=then)


def merged(*parts: Iterable[Item]) -> list[Item]:
    """Items of several lists in one, most urgent first, capped."""
    items = [item for part in parts for item in part]
    return sorted(items, key=lambda item: item.sort)[:CAP]


def link(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def days_since(moment: datetime.datetime | None, today: datetime.date) -> int | None:
    if moment is None:
        return None
    return max((today - timezone.localdate(moment)).days, 0)


def newest_first(moment: datetime.datetime | datetime.date | None) -> float:
    """A sort key putting later moments first (None last)."""
    if moment is None:
        return float("inf")
    if isinstance(moment, datetime.datetime):
        return -moment.timestamp()
    return -moment.toordinal()


Builder = Callable[[object, datetime.date], Section | None]


def build(builders: Sequence[Builder], user, today: datetime.date) -> list[Section]:
    """The sections in the builders' order, those with something waiting first (on a phone, what waits
    comes before what does not)."""
    found = [section for builder in builders if (section := builder(user, today)) is not None]
    return sorted(found, key=lambda section: not section.items)
