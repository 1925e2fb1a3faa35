"""The pages' side of a review: one decision's POST, handled the same way in every app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from qingdan.errors import refusal_shown


def decision(
    request: HttpRequest,
    form: forms.Form,
    *,
    act: Callable[[dict[str, Any]], Any],
    again: Callable[[forms.Form], HttpResponse],
    back: str,
    done: str,
    success: str,
) -> HttpResponse:
    """One decision's POST: an invalid `form` shows the page `again` with its errors; `act` takes the
    cleaned data and calls the app's verb; its refusal goes `back` (the object's page) as a message;
    success says `success` and goes on to `done`."""
    if not form.is_valid():
        return again(form)
    with refusal_shown(request) as shown:
        act(form.cleaned_data)
    if shown.refused:
        return redirect(back)
    messages.success(request, success)
    return redirect(done)
