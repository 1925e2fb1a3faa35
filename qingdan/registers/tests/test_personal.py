"""Personal data: encrypted at rest, found by a keyed hash, masked everywhere, revealed only with a reason."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.registers import personal
from qingdan.registers.models import Resident
from qingdan.testing import id_number


def test_encryption_round_trips_and_never_gives_the_same_token_twice():
    number = id_number(3)
    first, second = personal.encrypt(number), personal.encrypt(number)
    assert first != second and number not in first
    assert personal.decrypt(first) == personal.decrypt(second) == number
    assert [personal.decrypt(t) for t in personal.encrypt_many([number, "", "13812345678"]) if t] == [
        number,
        "13812345678",
    ]


def test_a_changed_token_or_another_key_cannot_be_decrypted():
    token = personal.encrypt(id_number(3))
    changed = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(personal.DecryptionError):
        personal.decrypt(changed)
    with override_settings(QINGDAN_DATA_KEY="another installation"), pytest.raises(personal.DecryptionError):
        personal.decrypt(token)
    with pytest.raises(personal.DecryptionError):
        personal.decrypt("not a token at all")


def test_the_lookup_hash_is_stable_and_keyed():
    number = id_number(3)
    assert personal.lookup_hash(number) == personal.lookup_hash(f" {number.lower()} ")
    assert personal.lookup_hash(number) == personal.lookup_hasher()(number)
    assert len(personal.lookup_hash(number)) == 64 and number not in personal.lookup_hash(number)
    with override_settings(QINGDAN_DATA_KEY="another installation"):
        other = personal.lookup_hash(number)
    assert other != personal.lookup_hash(number)


def test_masks_keep_the_area_and_the_last_digits():
    assert personal.mask_id("420102199001011234") == "420102********1234"
    assert personal.mask_phone("13812345678") == "138****5678"
    assert personal.mask_phone("027-87654321") == "027-****4321"
    assert personal.mask_phone("") == ""


def test_free_text_is_scrubbed_of_id_numbers_and_mobiles():
    number = id_number(3)
    assert (
        personal.scrub(f"核对{number}，电话13812345678") == f"核对{personal.mask_id(number)}，电话138****5678"
    )


def test_a_resident_is_stored_encrypted_hashed_and_masked(resident):
    stored = Resident.objects.get(pk=resident.pk)
    number = id_number(1)
    assert number not in (stored.id_cipher, stored.id_hash) and "13812345678" not in stored.phone_cipher
    assert stored.id_masked == personal.mask_id(number) and stored.phone_masked == "138****5678"
    assert stored.id_hash == personal.lookup_hash(number)
    assert personal.decrypt(stored.id_cipher) == number


def test_a_village_cadre_reveals_an_id_number_with_a_reason_and_the_trail_keeps_it_masked(
    resident, village_cadre
):
    clear = personal.reveal_resident(
        user=village_cadre, resident=resident, field="id_number", reason="核对低保资格"
    )
    assert clear == id_number(1)
    event = AuditEvent.objects.get(action="forms.reveal_personal")
    assert event.actor == village_cadre and event.note == "核对低保资格"
    assert event.changes == {"field": [None, "id_number"], "masked": [None, resident.id_masked]}
    assert clear not in str(event.changes) + event.object_repr + event.note


def test_revealing_a_phone_works_the_same_way(resident, township_dispatcher):
    phone = personal.reveal_resident(
        user=township_dispatcher, resident=resident, field="phone", reason="电话回访"
    )
    assert phone == "13812345678"
    assert AuditEvent.objects.get(action="forms.reveal_personal").changes["masked"] == [None, "138****5678"]


@pytest.mark.parametrize("reason", ["", "  ", "看看"])
def test_revealing_needs_a_reason_of_four_characters(resident, village_cadre, reason):
    with pytest.raises(ActionRefused) as refused:
        personal.reveal_resident(user=village_cadre, resident=resident, field="id_number", reason=reason)
    assert refused.value.message == "请填写查看这个身份证号的理由（至少4个字）。"
    assert not AuditEvent.objects.filter(action="forms.reveal_personal").exists()


def test_a_reason_quoting_the_number_is_kept_masked(resident, village_cadre):
    number = id_number(1)
    personal.reveal_resident(user=village_cadre, resident=resident, field="id_number", reason=f"核对{number}")
    assert AuditEvent.objects.get(action="forms.reveal_personal").note == f"核对{personal.mask_id(number)}"


@pytest.mark.parametrize("persona", ["outsider", "dept_clerk", "catalog_office", "county_reviewer"])
def test_only_the_permission_in_scope_reveals(request, resident, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        personal.reveal_resident(user=user, resident=resident, field="id_number", reason="核对低保资格")
    assert not AuditEvent.objects.filter(action="forms.reveal_personal").exists()


def test_the_read_only_supervisor_may_reveal_with_a_reason(resident, supervisor):
    assert personal.reveal_resident(user=supervisor, resident=resident, field="phone", reason="核查举报线索")
    assert AuditEvent.objects.filter(action="forms.reveal_personal", actor=supervisor).exists()


def test_only_id_numbers_and_phones_are_revealed(resident, village_cadre):
    with pytest.raises(ActionRefused):
        personal.reveal_resident(user=village_cadre, resident=resident, field="name", reason="核对低保资格")
