"""Importing an existing ledger: upload → preview (every row checked, every problem named) → commit.

The uploaded file is kept under MEDIA_ROOT/imports/bodies/ with a random name between the preview and
the commit, and named in the session; the commit reads and checks the same file again, so what is
imported is exactly what was previewed. All or nothing.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path, PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import upload_too_large
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

from .. import actions
from ..forms import LedgerUploadForm
from ..importer import LOADERS, LedgerResult, read_ledger
from .common import body_divisions, county_or_403

SESSION_KEY = "bodies_ledger_upload"
KEEP_SECONDS = 24 * 60 * 60
PREVIEW_ROWS = 500


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "bodies"


def _store(upload) -> str:
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
    name = secrets.token_hex(16) + PurePath(upload.name).suffix.lower()
    with open(folder / name, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return name


def _stored_path(name: str) -> Path:
    return _folder() / PurePath(name).name


def _divisions(user):
    county = county_or_403(user)
    access.require(user, Permission.MANAGE_BODIES, county)
    return body_divisions(user, county)


@login_required
def ledger_import(request):
    user = request.user
    divisions = _divisions(user)
    if request.method != "POST":
        return render(request, "bodies/ledger_import.html", {"form": LedgerUploadForm(divisions=divisions)})
    form = LedgerUploadForm(request.POST, request.FILES, divisions=divisions)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        too_large = upload_too_large(upload.size or 0)
        if too_large:
            form.add_error("file", too_large)
        elif PurePath(upload.name).suffix.lower() not in LOADERS:
            form.add_error(
                "file",
                _("Upload the ledger as an .xlsx workbook or a .tsv text file (UTF-8, tab-separated)."),
            )
    if not form.is_valid():
        return render(request, "bodies/ledger_import.html", {"form": form}, status=400)
    division: Division = form.cleaned_data["division"]
    upload = form.cleaned_data["file"]
    stored = _store(upload)
    result = read_ledger(_stored_path(stored).read_bytes(), upload.name, division=division)
    if result.ok:
        request.session[SESSION_KEY] = {"stored": stored, "filename": upload.name, "division": division.pk}
    else:
        _stored_path(stored).unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
    context = {
        "result": result,
        "rows": result.rows[:PREVIEW_ROWS],
        "more_rows": max(0, len(result.rows) - PREVIEW_ROWS),
        "division": division,
        "filename": upload.name,
    }
    return render(request, "bodies/ledger_preview.html", context, status=200 if result.ok else 400)


def _stored_result(upload: dict, division: Division) -> LedgerResult | None:
    try:
        data = _stored_path(upload["stored"]).read_bytes()
    except (FileNotFoundError, KeyError):
        return None
    return read_ledger(data, upload["filename"], division=division)


@login_required
@require_POST
def ledger_commit(request):
    user = request.user
    divisions = _divisions(user)
    upload = request.session.get(SESSION_KEY) or {}
    division = divisions.filter(pk=upload.get("division")).first()
    result = _stored_result(upload, division) if division is not None else None
    if result is None:
        messages.error(request, _("There is no checked ledger waiting to be imported; upload it again."))
        return redirect("bodies:ledger_import")
    if not result.ok:
        messages.error(
            request, _("The ledger has errors; nothing was imported. Fix the file and upload it again.")
        )
        return redirect("bodies:ledger_import")
    try:
        count = actions.import_ledger(
            user=user, division=division, rows=result.rows, filename=upload["filename"]
        )
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect("bodies:ledger_import")
    _stored_path(upload["stored"]).unlink(missing_ok=True)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Imported %(count)d bodies into the register of %(division)s.")
        % {"count": count, "division": division.name},
    )
    return redirect(reverse("bodies:body_list") + "?status=all")
