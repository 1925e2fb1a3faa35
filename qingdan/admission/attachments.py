"""Files attached to work orders and task reports: checked to be what they claim, then stored.

check_upload(upload)      the file's kind, or ActionRefused naming the file and what is wrong
check_uploads(uploads)    the same for several, within the per-order count limit
store_attachment(...)     save a checked file under MEDIA_ROOT with a generated name
removing_on_error()       delete files stored inside a block that then fails, so nothing stays behind

A file is accepted when its extension is one we take AND its first bytes are that format's signature:
a ".pdf" that is really a zip archive is refused. The stored name is generated; the name the person
gave is kept only for display.
"""

from __future__ import annotations

import codecs
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused

MAX_FILES = 10

PDF = b"%PDF-"
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of old Word and Excel files
JPEG = b"\xff\xd8\xff"
PNG = b"\x89PNG\r\n\x1a\n"

TEXT_SAMPLE = 64 * 1024


@dataclass(frozen=True)
class Kind:
    label: str  # shown in messages: "PDF", "Word", …
    content_type: str
    signature: bytes | None  # None: plain text, checked by decoding
    zip_member: str = ""  # an Office Open XML file must hold this part


KINDS = {
    "pdf": Kind("PDF", "application/pdf", PDF),
    "docx": Kind(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
        "word/document.xml",
    ),
    "xlsx": Kind(
        "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP, "xl/workbook.xml"
    ),
    "doc": Kind("Word", "application/msword", OLE),
    "xls": Kind("Excel", "application/vnd.ms-excel", OLE),
    "jpg": Kind("JPEG", "image/jpeg", JPEG),
    "jpeg": Kind("JPEG", "image/jpeg", JPEG),
    "png": Kind("PNG", "image/png", PNG),
    "txt": Kind("TXT", "text/plain", None),
}


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile
    name: str  # as the person named it, without any folder
    extension: str
    kind: Kind
    size: int


def max_bytes() -> int:
    return settings.QINGDAN_MAX_UPLOAD_BYTES


def display_name(upload: UploadedFile) -> str:
    return PurePath((upload.name or "").replace("\\", "/")).name[:200]


def _head(upload: UploadedFile, n: int) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def _zip_holds(upload: UploadedFile, member: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def _is_text(upload: UploadedFile) -> bool:
    """Plain text: no NUL bytes, and decodes as UTF-8 or GB18030 (what Chinese Windows writes)."""
    sample = _head(upload, TEXT_SAMPLE)
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoder.decode(sample, final=False)  # a character cut at the sample's end is fine
        except UnicodeDecodeError:
            continue
        return True
    return False


def _matches(upload: UploadedFile, kind: Kind) -> bool:
    if kind.signature is None:
        return _is_text(upload)
    if _head(upload, len(kind.signature)) != kind.signature:
        return False
    return not kind.zip_member or _zip_holds(upload, kind.zip_member)


def check_upload(upload: UploadedFile) -> CheckedFile:
    """The file's kind when it is one we accept and truly is what its name says; ActionRefused if not."""
    name = display_name(upload)
    extension = PurePath(name).suffix.lower().lstrip(".")
    kind = KINDS.get(extension)
    if kind is None:
        raise ActionRefused(
            _(
                'The file "%(name)s" is of a kind we do not accept. '
                "Accepted: PDF, Word, Excel, JPEG, PNG and plain text."
            )
            % {"name": name}
        )
    size = upload.size or 0
    if size == 0:
        raise ActionRefused(_('The file "%(name)s" is empty.') % {"name": name})
    if size > max_bytes():
        raise ActionRefused(
            _('The file "%(name)s" is larger than %(mb)d MB.') % {"name": name, "mb": max_bytes() // 2**20}
        )
    if not _matches(upload, kind):
        raise ActionRefused(
            _('The file "%(name)s" is not a real %(kind)s file: its content does not match its name.')
            % {"name": name, "kind": kind.label}
        )
    return CheckedFile(upload=upload, name=name, extension=extension, kind=kind, size=size)


def check_uploads(uploads: Sequence[UploadedFile], *, already: int = 0) -> list[CheckedFile]:
    """Check every file before anything is written; `already` files are attached to the order."""
    if already + len(uploads) > MAX_FILES:
        raise ActionRefused(_("An order may carry at most %(n)d attachments.") % {"n": MAX_FILES})
    return [check_upload(upload) for upload in uploads]


def stored_name(checked: CheckedFile) -> str:
    return f"{uuid.uuid4().hex}.{checked.extension}"


def save_file(field: FieldFile, checked: CheckedFile, stored: list[FieldFile]) -> None:
    """Write the file into `field` (without saving the row) and remember it for removing_on_error."""
    checked.upload.seek(0)
    field.save(stored_name(checked), checked.upload, save=False)
    stored.append(field)


@contextmanager
def removing_on_error() -> Iterator[list[FieldFile]]:
    """Files saved into the yielded list are deleted again when the block raises.

    Wrap it around the transaction: `with removing_on_error() as stored, transaction.atomic(): …`
    so a rolled-back action leaves neither rows nor files.
    """
    stored: list[FieldFile] = []
    try:
        yield stored
    except BaseException:
        for field in stored:
            if field.name:
                field.storage.delete(field.name)
        raise
