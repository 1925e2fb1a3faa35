"""Fixtures for work admission: published catalogs for the test county, and orders at each stage.

catalogs        the real Hubei village catalog (template, adopted by 甲村, 甲社区, 乙村) and the demo
                township catalog (adopted by 甲镇, 乙乡)
make_order      a complete order of 县农业农村局 as a draft; keyword arguments change any field
submitted / approved / dispatched / received   one order at each stage, reaching 甲村
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from qingdan.admission import actions
from qingdan.admission.models import (
    Assignment,
    WorkOrder,
)
from qingdan.demo.catalogs import DATA_DIR, TOWNSHIP_FILE, VILLAGE_FILE, catalog_file, read_rows
from qingdan.duties import actions as duty_actions
from qingdan.duties import screening
from qingdan.duties.sheet import ItemRow
from qingdan.testing import in_days

# Real requests (shared/data/screening/requests_dev.tsv) and what the Hubei village catalog decides.
COOPERATE_TEXT = "动物防疫知识宣传、动物饲养情况调查、动物疫病强制免疫服务工作"  # r054, 协助事项:11
REFUSE_TEXT = "要求村(社区)作为责任主体开展城市管理执法工作"  # r009, 负面事项:66
NOT_LISTED_TEXT = "年底集中下发卫星遥感疑似变化图斑,要求地方实地调查举证"  # r030


@cache
def village_rows() -> tuple[ItemRow, ...]:
    return tuple(read_rows(catalog_file(VILLAGE_FILE)))


@cache
def township_rows() -> tuple[ItemRow, ...]:
    return tuple(read_rows(DATA_DIR / TOWNSHIP_FILE))


@pytest.fixture
def catalogs(catalog_office, county, township, village, community, other_township, other_village, department):
    """Every township and village of the test county has a published catalog."""
    # Screeners are cached by version id, and ids come round again from test to test.
    screening.clear_cache()
    village_template = duty_actions.publish_template(
        user=catalog_office, county=county, level="village", name="村级清单", rows=list(village_rows())
    ).catalog
    duty_actions.adopt_template(
        user=catalog_office, template=village_template, divisions=[village, community, other_village]
    )
    township_template = duty_actions.publish_template(
        user=catalog_office, county=county, level="township", name="乡镇清单", rows=list(township_rows())
    ).catalog
    duty_actions.adopt_template(
        user=catalog_office, template=township_template, divisions=[township, other_township]
    )
    return {"village": village_template, "township": township_template}


def order_fields(**overrides) -> dict:
    fields = {
        "title": "动物防疫宣传和强制免疫",
        "text": COOPERATE_TEXT,
        "deadline": in_days(14),
        "department_does": "县农业农村局派出动物防疫员入村开展强制免疫,提供疫苗和宣传材料。",
        "grassroots_must": "村委会通知养殖户,配合防疫员入户。",
        "support_money_yuan": Decimal("5000"),
        "support_people": 2,
        "support_training": "防疫知识培训一次",
        "support_equipment": "",
    }
    return {**fields, **overrides}


@pytest.fixture
def make_order(dept_clerk, village):
    def make(user=None, targets=None, **overrides) -> WorkOrder:
        return actions.create_order(
            user=user or dept_clerk,
            targets=[(village, False)] if targets is None else targets,
            **order_fields(**overrides),
        )

    return make


@pytest.fixture
def draft(catalogs, make_order):
    return make_order()


@pytest.fixture
def submitted(draft, dept_clerk):
    return actions.submit_order(user=dept_clerk, order=draft)


@pytest.fixture
def approved(submitted, county_reviewer):
    return actions.approve_order(user=county_reviewer, order=submitted)


@pytest.fixture
def assignment(approved, township):
    return Assignment.objects.get(order=approved, township=township)


@pytest.fixture
def dispatched(assignment, township_dispatcher, village):
    [task] = actions.dispatch(user=township_dispatcher, assignment=assignment, villages=[village])
    return task


@pytest.fixture
def received(dispatched, village_cadre):
    return actions.receive_task(user=village_cadre, task=dispatched)
