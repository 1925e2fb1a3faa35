"""Fixtures of the home page tests: the apps' own fixtures for what waits on a workbench, and people of a
neighbouring county who must see none of it.

From qingdan/admission/tests: catalogs, make_order, and one order at each stage (draft, submitted,
approved, assignment, dispatched, received) reaching 甲村. From qingdan/forms/tests: the dictionary
(elements), make_form, village_form (approved, sent to 甲村) and registers_filled. From
qingdan/tasks/tests: make_checklist and row (李明 of 甲村 responsible unless told otherwise).

elsewhere(role)   a person of 邻县 (another county) in that role: sees nothing of the test county
home(user)        the home page's HTML as that person
section(html, k)  the part of it holding one workbench section (id="wb-<k>"), "" when there is none
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from qingdan.admission.tests.conftest import (  # noqa: F401  (fixtures)
    approved,
    assignment,
    catalogs,
    dispatched,
    draft,
    make_order,
    received,
    submitted,
)
from qingdan.forms.tests.fixtures_forms import elements, make_form, registers_filled, residents, village_form  # noqa: F401
from qingdan.orgs.choices import DivisionKind, Level, UnitKind
from qingdan.tasks.tests.conftest import helper, leader, make_checklist, row, worker  # noqa: F401
from qingdan.testing import make_division, make_unit, make_user


@pytest.fixture
def elsewhere(db):
    """elsewhere(role): a person of 邻县's county office in `role`."""
    city = make_division("429800000000", "邻市", Level.CITY, DivisionKind.CITY)
    county = make_division("429801000000", "邻县", Level.COUNTY, DivisionKind.COUNTY, parent=city)
    county.county = county
    county.save()
    unit = make_unit("邻县县委办", UnitKind.OFFICE, county)

    def person(role: str):
        return make_user(f"linxian-{role}", role, unit)

    return person


@pytest.fixture
def home(client):
    def page(user) -> str:
        client.force_login(user)
        response = client.get(reverse("web:home"))
        assert response.status_code == 200
        return response.content.decode()

    return page


def section(html: str, key: str) -> str:
    found = re.search(rf'<section class="panel workbench" id="wb-{key}".*?</section>', html, re.S)
    return found.group(0) if found else ""
