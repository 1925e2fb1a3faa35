"""Each limit is named once (qingdan/limits.py) and the columns and settings agree with it."""

from django.conf import settings

from qingdan import limits


def test_title_columns_hold_the_title_limit():
    from qingdan.admission.models import WorkOrder
    from qingdan.forms.models import FormRequest
    from qingdan.tasks.models import Checklist

    for model in (WorkOrder, FormRequest, Checklist):
        assert model._meta.get_field("title").max_length == limits.TITLE_CHARS, model


def test_uploads_are_bounded_by_the_named_limit():
    assert settings.QINGDAN_MAX_UPLOAD_BYTES == limits.UPLOAD_BYTES == 20 * 1024 * 1024
    # a county's residents file is the one big import
    assert limits.REGISTER_IMPORT_BYTES > limits.UPLOAD_BYTES


def test_a_screening_request_takes_the_long_text_limit():
    from qingdan.duties.screening import MAX_TEXT

    assert MAX_TEXT == limits.TEXT_CHARS


def test_the_residents_import_takes_the_register_limit():
    from qingdan.registers.importer import MAX_IMPORT_BYTES

    assert MAX_IMPORT_BYTES == limits.REGISTER_IMPORT_BYTES
