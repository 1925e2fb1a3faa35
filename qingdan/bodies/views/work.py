"""What a body does: recording its meetings (with minutes) and documents, and reading the minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission

from .. import actions
from ..forms import DocumentForm, MeetingForm
from ..models import BodyMeeting
from .common import visible_body


def _recordable(request, pk: int):
    body = visible_body(request.user, pk)
    access.require(request.user, Permission.RECORD_BODY_WORK, body)
    return body


@login_required
def meeting_create(request, pk: int):
    user = request.user
    body = _recordable(request, pk)
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_meeting(
                user=user,
                body=body,
                held_on=data["held_on"],
                topic=data["topic"],
                attendees_count=data["attendees_count"],
                attendees=data["attendees"],
                minutes=data["minutes"],
            )
        except actions.ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("bodies:body_detail", body.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "bodies/meeting_form.html", {"form": form, "body": body}, status=status)


@login_required
def document_create(request, pk: int):
    user = request.user
    body = _recordable(request, pk)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_document(user=user, body=body, **form.cleaned_data)
        except actions.ActionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The document was recorded."))
            return redirect("bodies:body_detail", body.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "bodies/document_form.html", {"form": form, "body": body}, status=status)


@login_required
def minutes_download(request, pk: int):
    meeting = access.get_visible_or_404(BodyMeeting, request.user, pk=pk)
    if not meeting.minutes:
        raise Http404
    try:
        handle = meeting.minutes.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=meeting.minutes_name or "minutes")
