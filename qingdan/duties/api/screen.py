"""POST /api/v1/screen: screen a request against a division's current published catalog.

Reading only: any role that may see the division may screen against it (a supervisor too).
"""

from ninja import Field, Router, Schema

from qingdan import access
from qingdan.apitools import ErrorOut, invalid
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

from ..choices import HEADING_BY_LIST_KIND, ListKind
from ..schemas import DIVISION_CODE
from ..screening import MAX_TEXT, check_text, screen_division

router = Router()


class ScreenIn(Schema):
    division: str = Field(..., pattern=DIVISION_CODE, description="12-digit division code")
    text: str = Field(..., description=f"the request, 1 to {MAX_TEXT} characters")


class ScreenMatchOut(Schema):
    list_kind: str
    list_kind_name: str
    item_no: str
    name: str
    score: float
    matched_words: list[str]
    accepted: bool


class ScreenOut(Schema):
    decision: str = Field(..., description="allow, cooperate, refuse or not_listed")
    matches: list[ScreenMatchOut]


@router.post(
    "/screen",
    response={200: ScreenOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Screen a request against a division's current duty catalog",
    description=(
        "The decision (allow, cooperate, refuse, not_listed) and the best items with their scores (0-1) "
        "and the request's words they matched. For not_listed, the nearest items, with accepted false."
    ),
)
def screen(request, payload: ScreenIn):
    division = access.get_visible_or_404(Division, request.auth, code=payload.division)
    try:
        check_text(payload.text)
    except ActionRefused as exc:
        raise invalid("body", {"text": exc.message}) from exc
    result = screen_division(division, payload.text)
    return {
        "decision": result.decision,
        "matches": [
            {
                "list_kind": match.list_kind,
                "list_kind_name": HEADING_BY_LIST_KIND.get(ListKind(match.list_kind), match.list_kind),
                "item_no": match.item_no,
                "name": match.name,
                "score": match.score,
                "matched_words": match.matched_words,
                "accepted": match.accepted,
            }
            for match in result.matches
        ],
    }
