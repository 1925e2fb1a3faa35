"""Personal information: ID numbers and phones encrypted at rest, found by a keyed hash, shown masked.

    encrypt(text) / decrypt(token)   AES-256-GCM with a fresh random nonce for every value
    encrypt_many(texts)              the same for a batch (one call for the random bytes)
    lookup_hash(id_number)           HMAC-SHA256 (hex): the same ID number always gives the same hash
    mask_id(id_number)               420102********1234
    mask_phone(phone)                138****5678, 027-****4321
    scrub(text)                      free text with every ID-number-like or mobile-like run masked
    reveal_resident(...)             one resident's clear ID number or phone, for a reason, audited
    reveal(...)                      the same for anyone kept alike (a seconded cadre), by a given permission
    keep(element, value)             a form value as stored: a typed ID number or phone encrypted
    readable(element, stored)        the value back (clear where the village typed it, else as kept)
    shown(element, stored)           what a page, an export or the API shows: ID numbers and phones masked

Both keys come from settings.QINGDAN_DATA_KEY through HKDF-SHA256 under different labels, so the key that
finds a person cannot decrypt anything. Clear values never go to the audit trail, to logs or to errors.
"""

from __future__ import annotations

import base64
import functools
import hmac
import os
import re
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.forms.choices import ElementKind

VERSION = b"\x01"  # the first byte of every token: which key and cipher made it
NONCE_BYTES = 12
MIN_REASON = 4
REVEALABLE = ("id_number", "phone")


class DecryptionError(ValueError):
    """A token that this installation's key did not make, or that was changed."""


@functools.lru_cache(maxsize=4)
def _keys(data_key: str) -> tuple[AESGCM, bytes]:
    def derive(label: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(data_key.encode())

    return AESGCM(derive(b"qingdan encrypt v1")), derive(b"qingdan lookup v1")


def _cipher() -> AESGCM:
    return _keys(settings.QINGDAN_DATA_KEY)[0]


def _lookup_key() -> bytes:
    return _keys(settings.QINGDAN_DATA_KEY)[1]


def encrypt(text: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher().encrypt(nonce, text.encode(), None)
    return base64.urlsafe_b64encode(VERSION + nonce + sealed).decode()


def encrypt_many(texts: Iterable[str]) -> list[str]:
    """encrypt() for each text; "" stays "" (an absent phone is not encrypted)."""
    texts = list(texts)
    cipher = _cipher()
    randomness = os.urandom(NONCE_BYTES * len(texts))
    encode = base64.urlsafe_b64encode
    tokens = []
    for n, text in enumerate(texts):
        if not text:
            tokens.append("")
            continue
        nonce = randomness[n * NONCE_BYTES : (n + 1) * NONCE_BYTES]
        tokens.append(encode(VERSION + nonce + cipher.encrypt(nonce, text.encode(), None)).decode())
    return tokens


def decrypt(token: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(token.encode())
    except ValueError as exc:
        raise DecryptionError("not a token") from exc
    if raw[:1] != VERSION or len(raw) < 1 + NONCE_BYTES + 16:
        raise DecryptionError("not a token")
    try:
        return _cipher().decrypt(raw[1 : 1 + NONCE_BYTES], raw[1 + NONCE_BYTES :], None).decode()
    except InvalidTag as exc:
        raise DecryptionError("wrong key or changed token") from exc


def lookup_hash(id_number: str) -> str:
    """The keyed hash an ID number is found by (the number as checked: 18 characters, X upper)."""
    return hmac.digest(_lookup_key(), id_number.strip().upper().encode(), "sha256").hex()


def lookup_hasher():
    """lookup_hash as a fast function for many numbers (the key fetched once)."""
    key = _lookup_key()
    digest = hmac.digest

    def hash_one(id_number: str) -> str:
        return digest(key, id_number.encode(), "sha256").hex()

    return hash_one


def mask_id(id_number: str) -> str:
    """420102199001011234 → 420102********1234: the area and the last four, never the birth date."""
    number = id_number.strip()
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; 027-87654321 → 027-****4321."""
    phone = phone.strip()
    if not phone:
        return ""
    if "-" in phone:
        area, _sep, local = phone.partition("-")
        return f"{area}-{'*' * max(len(local) - 4, 0)}{local[-4:]}"
    if len(phone) == 11:
        return phone[:3] + "****" + phone[-4:]
    return "*" * max(len(phone) - 4, 0) + phone[-4:]


ID_LIKE = re.compile(r"(?<![0-9])\d{17}[0-9Xx](?![0-9])")
MOBILE_LIKE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")


def scrub(text: str) -> str:
    """Free text (a reason, a note) with anything that looks like an ID number or a mobile masked."""
    text = ID_LIKE.sub(lambda m: mask_id(m.group()), text)
    return MOBILE_LIKE.sub(lambda m: mask_phone(m.group()), text)


def _is_sensitive(element) -> bool:
    return element.kind in (ElementKind.ID_NUMBER, ElementKind.PHONE)


def keep(element, value: str) -> str:
    """A form value as a submission keeps it: ID numbers and phones typed in clear are encrypted."""
    return encrypt(value) if value and _is_sensitive(element) and "*" not in value else value


def readable(element, stored: str) -> str:
    """A kept form value back: a typed ID number or phone decrypted; a masked one (filled in advance
    from the register, which keeps the clear value itself) stays masked."""
    if not stored or not _is_sensitive(element) or "*" in stored:
        return stored
    try:
        return decrypt(stored)
    except DecryptionError:
        return stored


def shown(element, stored: str) -> str:
    """A kept form value as pages, exports and the API show it: ID numbers and phones masked."""
    value = readable(element, stored)
    if not value:
        return value
    if element.kind == ElementKind.ID_NUMBER:
        return mask_id(value)
    if element.kind == ElementKind.PHONE:
        return mask_phone(value)
    return value


def field_label(field: str) -> str:
    return _("ID number") if field == "id_number" else _("phone")


@transaction.atomic
def reveal_resident(*, user, resident, field: str, reason: str) -> str:
    """The clear ID number or phone of one resident. Needs REVEAL_PERSONAL on the resident and a reason
    of at least four characters; the audit trail keeps who, when, the reason and the masked value."""
    return reveal(
        user=user,
        holder=resident,
        field=field,
        reason=reason,
        permission=Permission.REVEAL_PERSONAL,
        action="forms.reveal_personal",
        missing=_("No %(field)s is recorded for this resident."),
    )


@transaction.atomic
def reveal(
    *, user, holder, field: str, reason: str, permission: Permission, action: str, missing: str
) -> str:
    """The clear ID number or phone of anyone kept as residents are (id_cipher, phone_cipher: a resident,
    a seconded cadre), for a reason, audited as `action`. `permission` decides who may; `missing` is the
    refusal when nothing is recorded (formatted with %(field)s)."""
    access.require(user, permission, holder)
    if field not in REVEALABLE:
        raise ActionRefused(_("Only an ID number or a phone can be revealed."))
    reason = scrub((reason or "").strip())
    if len(reason) < MIN_REASON:
        raise ActionRefused(
            _("Give the reason for looking at this %(field)s (at least %(count)d characters).")
            % {"field": field_label(field), "count": MIN_REASON}
        )
    if len(reason) > limits.REASON_CHARS:
        raise ActionRefused(
            _("The reason is too long; at most %(count)d characters.") % {"count": limits.REASON_CHARS}
        )
    token = holder.id_cipher if field == "id_number" else holder.phone_cipher
    if not token:
        raise ActionRefused(missing % {"field": field_label(field)})
    try:
        clear = decrypt(token)
    except DecryptionError as exc:
        raise ActionRefused(
            _("This %(field)s cannot be decrypted: the data key of the installation has changed.")
            % {"field": field_label(field)}
        ) from exc
    masked = mask_id(clear) if field == "id_number" else mask_phone(clear)
    record(
        actor=user,
        action=action,
        obj=holder,
        changes={"field": [None, field], "masked": [None, masked]},
        note=reason,
    )
    return clear
