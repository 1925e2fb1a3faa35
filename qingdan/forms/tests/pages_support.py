"""Helpers of the page and API tests of one set of forms."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, **params) -> int:
    """How many queries one GET of the page runs (the page must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return len(captured)
