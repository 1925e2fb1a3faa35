"""The API's shapes of a review: a decision in (a note, or a reason) and an entry of the history out."""

from __future__ import annotations

import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from qingdan import limits

REASON_LENGTH = limits.REASON_CHARS  # characters of a note or a reason sent through the API


class DecisionNoteIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    note: str = Field("", max_length=REASON_LENGTH)


class DecisionReasonIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    reason: str = Field(min_length=1, max_length=REASON_LENGTH)


class ReviewEntryOut(Schema):
    step: str
    actor: str
    at: datetime.datetime
    reason: str

    @staticmethod
    def resolve_actor(obj) -> str:
        return str(obj["actor"] if isinstance(obj, dict) else obj.actor)
