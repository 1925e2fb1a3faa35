"""A checklist for the unit that takes over a revoked coordination body's work (qingdan.bodies).

create_from_body(user, body_id)
    what the new-checklist page starts with: a title, the source (the body's revocation), and one row per
    piece of the body's open work; or None when the bodies app is not installed. Nothing is written: the
    person still names the responsible people and deadlines before saving (actions.create_checklist).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext as _

from qingdan import access

from .actions import RowInput
from .choices import SourceKind


@dataclass
class Prefill:
    body_name: str
    header: dict = field(default_factory=dict)
    rows: list[RowInput] = field(default_factory=list)


def bodies_available() -> bool:
    if not apps.is_installed("qingdan.bodies"):
        return False
    try:
        from qingdan.bodies import queries
    except ImportError:
        return False
    return hasattr(queries, "handover_rows")


def create_from_body(*, user, body_id: int) -> Prefill | None:
    """The start of a checklist taking over the body's work; 404 when the person cannot see the body."""
    if not bodies_available():
        return None
    from qingdan.bodies.models import CoordinationBody
    from qingdan.bodies.queries import handover_rows

    body = access.get_visible_or_404(CoordinationBody, user, pk=body_id)
    suggestions = handover_rows(body)
    revoked_by = getattr(body, "revocation_document", "") or ""
    revoked_on = getattr(body, "revoked_on", None)
    header = {
        "title": _("Task checklist taking over the work of %(body)s") % {"body": body.name},
        "source_kind": SourceKind.DOCUMENT,
        "source_title": revoked_by or body.name,
        "source_date": revoked_on,
    }
    if revoked_on:
        header["year"] = revoked_on.year
    rows = [
        RowInput(
            area=suggestion.area,
            task=suggestion.task,
            measures=suggestion.measures,
            deadline=getattr(suggestion, "due", None),
            line=number,
        )
        for number, suggestion in enumerate(suggestions, start=1)
    ]
    return Prefill(body_name=body.name, header=header, rows=rows)
