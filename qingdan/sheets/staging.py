"""Staged uploads: the file a preview read, kept until it is committed, cancelled or abandoned.

    stage(upload, personal=...) -> token   keep an uploaded file under a random name (never the user's)
    read(token) -> bytes | None            the file again (None: committed, cancelled or purged)
    discard(token)                         delete it (on commit and on cancel)
    purge(older_than=KEEP_SECONDS) -> int  delete what was left longer than that (abandoned previews);
                                           run by `qingdan purge-uploads` (cron, hourly) and on each stage()

Files live in MEDIA_ROOT/imports/. Each function takes `area=` (default IMPORTS): finished exports are kept
the same way in MEDIA_ROOT/exports/ (area=EXPORTS, qingdan.jobs.exports) and purged sooner.

A file that may hold personal data (residents with ID numbers and
phones) is sealed with the installation's data key before it touches the disk, with the same AES-256-GCM
cipher the registers keep ID numbers with (registers' personal module); the clear bytes exist only in
memory. A sealed file's token ends in ".sealed".
"""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path, PurePath

from django.conf import settings

KEEP_SECONDS = 24 * 60 * 60
IMPORTS, EXPORTS = "imports", "exports"
AREAS = (IMPORTS, EXPORTS)
SEALED = ".sealed"
NONCE_BYTES = 12
MAGIC = b"QDS1"  # the first bytes of a sealed file: which cipher made it
TOKEN = re.compile(r"[0-9a-f]{32}(?:\.[a-z0-9]{1,8})?(?:\.sealed)?")


def folder(area: str = IMPORTS) -> Path:
    if area not in AREAS:
        raise ValueError(f"unknown staging area {area!r}")
    return Path(settings.MEDIA_ROOT) / area


def _cipher():
    # The registers' cipher (AES-256-GCM under a key derived from QINGDAN_DATA_KEY): one key, one
    # cipher, for every piece of personal data the platform keeps.
    from qingdan.registers import personal

    return personal._cipher()


def _seal(data: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return MAGIC + nonce + _cipher().encrypt(nonce, data, MAGIC)


def _unseal(sealed: bytes) -> bytes | None:
    if not sealed.startswith(MAGIC):
        return None
    nonce = sealed[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
    try:
        return _cipher().decrypt(nonce, sealed[len(MAGIC) + NONCE_BYTES :], MAGIC)
    except Exception:  # a file this key did not seal, or that was changed
        return None


def _path(token: str, area: str = IMPORTS) -> Path | None:
    name = PurePath(token or "").name
    return folder(area) / name if TOKEN.fullmatch(name) else None


def stage(upload, *, personal: bool = False, area: str = IMPORTS) -> str:
    """Keep an uploaded file (a Django UploadedFile, or anything with .name and .chunks()/.read())."""
    where = folder(area)
    where.mkdir(parents=True, exist_ok=True)
    if area == IMPORTS:
        purge()
    suffix = PurePath(getattr(upload, "name", "") or "").suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""
    token = secrets.token_hex(16) + suffix + (SEALED if personal else "")
    path = where / token
    if personal:
        path.write_bytes(_seal(_bytes_of(upload)))
    else:
        with open(path, "wb") as out:
            if hasattr(upload, "chunks"):
                for chunk in upload.chunks():
                    out.write(chunk)
            else:
                out.write(_bytes_of(upload))
    return token


def stage_bytes(data: bytes, filename: str, *, personal: bool = False, area: str = IMPORTS) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return stage(SimpleUploadedFile(PurePath(filename).name or "upload", data), personal=personal, area=area)


def _bytes_of(upload) -> bytes:
    if hasattr(upload, "chunks"):
        return b"".join(upload.chunks())
    upload.seek(0)
    return upload.read()


def read(token: str, *, area: str = IMPORTS) -> bytes | None:
    path = _path(token, area)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None
    return _unseal(data) if path.name.endswith(SEALED) else data


def discard(token: str, *, area: str = IMPORTS) -> None:
    path = _path(token, area)
    if path is not None:
        path.unlink(missing_ok=True)


def purge(*, older_than: float = KEEP_SECONDS, now: float | None = None, area: str = IMPORTS) -> int:
    """Delete staged files older than `older_than` seconds; how many were deleted."""
    where = folder(area)
    if not where.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - older_than
    removed = 0
    for path in where.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        except FileNotFoundError:  # another process purged it first
            continue
    return removed
