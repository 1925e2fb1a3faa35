"""refusal_shown: an ActionRefused becomes a page message or a form error, and nothing else is caught."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from qingdan.errors import ActionRefused, refusal_shown


def a_request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_becomes_an_error_message_on_the_page():
    request = a_request()
    with refusal_shown(request) as shown:
        raise ActionRefused("清单已关闭，不能再修改。")
    assert shown.refused
    assert [str(m) for m in get_messages(request)] == ["清单已关闭，不能再修改。"]


def test_a_refusal_becomes_the_forms_own_error():
    form = forms.Form(data={})
    form.is_valid()
    with refusal_shown(form=form) as shown:
        raise ActionRefused("日期不对。")
    assert shown.refused
    assert form.non_field_errors() == ["日期不对。"]


def test_nothing_refused_leaves_the_page_alone():
    request = a_request()
    with refusal_shown(request) as shown:
        pass
    assert not shown.refused
    assert list(get_messages(request)) == []


def test_other_errors_pass_on():
    with pytest.raises(ValueError), refusal_shown(a_request()):
        raise ValueError("a bug, not a refusal")
