"""One page of a list: the pages of every app page through here (web/_pager.html links the pages with
{% querystring %}, keeping the filters)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def paginate(request, rows, size: int = PAGE_SIZE) -> Page:
    """The page of `rows` named by ?page= (the first for a missing or bad number, the last past the end)."""
    return Paginator(rows, size).get_page(request.GET.get("page"))
