"""A review described once (Review) and its decide verbs, written once for every app.

An app builds one Review beside its actions and calls it from its keyword-only, atomic verbs:

    obj = REVIEW.open(user, obj)                       may decide it, locked, still waiting (else refused)
    REVIEW.decide(obj, user=…, step=…, reason=…)       new state, entry, audit row, the filer told
    REVIEW.approve / send_back / refuse(user=…, obj=…)  the three decisions every review has
    REVIEW.entry(obj, user=…, step=…)                  an entry that is no decision (submit, withdraw …)
    decide_each(verb, objs, denied=…)                  bulk: each through its own verb and transaction

Two reviewers deciding at once: the second waits for the first's row lock, then finds it decided.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from qingdan.access import Permission
from qingdan.actiontools import clean_reason, clean_text, link, locked, require
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.notifications.actions import notify

from .models import AbstractReviewEntry

M = TypeVar("M", bound=Model)

APPROVE, RETURN, REFUSE = "approve", "return", "refuse"


@dataclass(frozen=True)
class Outcome:
    """What one decision does: the state it leaves the object in, and how the filer hears of it.

    `message` is formatted with the object's title, the reason and whatever the verb adds.
    """

    status: str
    verb: str
    message: str | Promise


@dataclass(frozen=True)
class Review:
    model: type[Model]
    entries: type[AbstractReviewEntry]
    subject: str  # the entries' foreign key to what is reviewed
    permission: Permission  # who decides
    audit: str  # the audit row's action, formatted with the step: "admission.{step}_order"
    page: str  # the URL name of the object's page, for notifications
    awaiting: str  # the state that waits for a decision
    not_awaiting: str | Promise  # refusal when it does not wait any more, formatted with %(status)s
    outcomes: Mapping[str, Outcome] = field(default_factory=dict)  # by step: the allowed decisions
    # Sets the time fields a new state stamps (decided at, approved at) and names them for the save.
    stamp: Callable[[Any, str], list[str]] | None = None
    status_field: str = "status"
    filer: str = "created_by"

    def status_display(self, obj) -> str:
        return getattr(obj, f"get_{self.status_field}_display")()

    def open(self, user, obj: M) -> M:
        """The object, locked, once the user may decide it and it still waits for a decision."""
        require(user, self.permission, obj)
        obj = locked(obj)
        if getattr(obj, self.status_field) != self.awaiting:
            raise ActionRefused(str(self.not_awaiting) % {"status": self.status_display(obj)})
        return obj

    def entry(self, obj, *, user, step: str, reason: str = "", **kept) -> AbstractReviewEntry:
        """One entry of the object's history (what else the app's entry keeps goes in `kept`)."""
        return self.entries._default_manager.create(
            **{self.subject: obj}, step=step, actor=user, reason=reason, **kept
        )

    def tell_filer(self, obj, verb: str, text: str) -> None:
        notify(recipients=[getattr(obj, self.filer)], verb=verb, text=text, url=link(self.page, obj.pk))

    def decide(
        self,
        obj,
        *,
        user,
        step: str,
        reason: str = "",
        kept: Mapping[str, Any] | None = None,
        changes: Mapping[str, Any] | None = None,
        saving: Iterable[str] = (),
        said: Mapping[str, Any] | None = None,
    ) -> AbstractReviewEntry:
        """Apply the decision `step` to an opened object: its new state (and the fields in `saving`),
        its entry (with `kept`), the audit row (with `changes`), and the filer told (with `said`)."""
        outcome = self.outcomes[step]
        before = getattr(obj, self.status_field)
        setattr(obj, self.status_field, outcome.status)
        stamped = self.stamp(obj, outcome.status) if self.stamp else []
        obj.save(update_fields=[self.status_field, *stamped, *saving])
        entry = self.entry(obj, user=user, step=step, reason=reason, **(kept or {}))
        record(
            actor=user,
            action=self.audit.format(step=str(step)),
            obj=obj,
            note=reason,
            changes={self.status_field: [before, outcome.status], **(changes or {})},
        )
        text = str(outcome.message) % {"title": str(obj), "reason": reason, **(said or {})}
        self.tell_filer(obj, outcome.verb, text)
        return entry

    def approve(
        self, *, user, obj: M, note: str = "", check: Callable[[M, str], Mapping | None] | None = None
    ) -> M:
        """Approve, with an optional note. `check(obj, note)` is the app's own condition: it refuses
        (ActionRefused) or returns what the audit row should add (e.g. an overridden verdict)."""
        obj = self.open(user, obj)
        note = clean_reason(note, label=_("The note"), required=False)
        changes = check(obj, note) if check else None
        self.decide(obj, user=user, step=APPROVE, reason=note, changes=changes)
        return obj

    def send_back(self, *, user, obj: M, reason: str) -> M:
        """Return to the filer for clarification; they change it and submit it again."""
        obj = self.open(user, obj)
        reason = clean_reason(reason, label=_("The reason for returning"))
        self.decide(obj, user=user, step=RETURN, reason=reason)
        return obj

    def refuse(self, *, user, obj: M, reason: str, cited_item: str | None = None) -> M:
        """Refuse, giving the reason; where the app's entries keep one, citing the list item it rests on."""
        obj = self.open(user, obj)
        reason = clean_reason(reason, label=_("The reason for refusing"))
        kept: dict[str, str] = {}
        if cited_item is not None:
            meta: Any = self.entries._meta  # the app's entries, when they keep a cited item
            limit = meta.get_field("cited_item").max_length
            kept["cited_item"] = clean_text(
                cited_item, label=_("The cited list item"), required=False, limit=limit
            )
        cited = kept.get("cited_item")
        self.decide(
            obj,
            user=user,
            step=REFUSE,
            reason=reason,
            kept=kept,
            changes={"cited_item": [None, cited]} if cited else None,
        )
        return obj


def stamp_decided_at(returned: str, field_name: str = "decided_at") -> Callable[[Any, str], list[str]]:
    """A stamp for objects that keep when they were decided: now, or none again once returned."""

    def stamp(obj, status: str) -> list[str]:
        setattr(obj, field_name, None if status == returned else timezone.now())
        return [field_name]

    return stamp


def decide_each(verb: Callable[[M], M], objs: Iterable[M], *, denied: str) -> list[tuple[M, str | None]]:
    """Bulk decisions: each object through `verb` (its own transaction, all its checks).

    Returns (object, None) for each decided object and (object, why not) for each that was not.
    """
    results: list[tuple[M, str | None]] = []
    for obj in objs:
        try:
            results.append((verb(obj), None))
        except ActionRefused as refused:
            results.append((obj, refused.message))
        except PermissionDenied:
            results.append((obj, denied))
    return results
