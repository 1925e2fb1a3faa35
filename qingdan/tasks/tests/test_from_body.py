"""A revoked coordination body's open work becomes the start of a task checklist for its lead unit
(/checklists/new/?from_body=<id>), when the bodies app is installed."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from qingdan.tasks.handover import bodies_available, create_from_body

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("qingdan.bodies"), reason="the bodies app is not installed"),
]


@pytest.fixture
def revoked_body(county, department):
    from qingdan.bodies.choices import BasisClass, BodyKind, BodyStatus, Permanence
    from qingdan.bodies.models import CoordinationBody

    return CoordinationBody.objects.create(
        county=county,
        division=county,
        name="县“地趴粮”整治工作领导小组",
        kind=BodyKind.LEADING_GROUP,
        permanence=Permanence.PERMANENT,
        basis_class=BasisClass.LOCAL,
        lead_unit=department,
        lead_unit_name=department.name,
        set_up_on=datetime.date(2019, 9, 1),
        set_up_document="测发〔2019〕9号",
        status=BodyStatus.REVOKED,
        revoked_on=datetime.date(2025, 3, 1),
        revocation_document="测发〔2025〕2号",
    )


def test_the_hook_finds_the_bodies_app():
    assert bodies_available()


def test_the_new_checklist_page_starts_from_the_bodys_open_work(login, dept_clerk, revoked_body):
    prefill = create_from_body(user=dept_clerk, body_id=revoked_body.pk)
    assert prefill is not None and prefill.rows
    assert prefill.header["source_title"] == "测发〔2025〕2号" and prefill.header["year"] == 2025
    response = login(dept_clerk).get(reverse("tasks:checklist_create") + f"?from_body={revoked_body.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "县“地趴粮”整治工作领导小组" in page
    assert prefill.rows[0].task in page
    assert 'name="rows-0-task"' in page and 'name="rows-1-task"' in page  # the suggestion and a blank row


def test_a_body_out_of_sight_is_not_found(login, dept_clerk, revoked_body):
    address = reverse("tasks:checklist_create")
    assert login(dept_clerk).get(f"{address}?from_body=999999").status_code == 404
    assert login(dept_clerk).get(f"{address}?from_body=abc").status_code == 404
