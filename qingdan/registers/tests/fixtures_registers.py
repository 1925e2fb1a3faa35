"""Fixtures of the registers tests, also used by the forms tests (imported by both conftest files).

register_elements  approved elements of the test county by name: village figures and resident attributes
resident     a resident of 甲村 with an ID number and a phone, added through upsert_resident
"""

from __future__ import annotations

import pytest

from qingdan.forms.choices import ElementKind, ElementStatus, Register
from qingdan.forms.models import DataElement
from qingdan.registers import actions as registers
from qingdan.testing import id_number

K = ElementKind
ELEMENTS = [
    ("T01", "户籍人口", K.INTEGER, Register.VILLAGE, {"min_value": 0}),
    ("T02", "面积", K.NUMBER, Register.VILLAGE, {"min_value": 0, "unit": "平方公里"}),
    ("T03", "村庄类型", K.CHOICE, Register.VILLAGE, {"choices": ["集聚提升类", "城郊融合类"]}),
    ("T04", "是否有村卫生室", K.BOOLEAN, Register.VILLAGE, {}),
    ("T05", "身份证号", K.ID_NUMBER, Register.RESIDENTS, {"is_personal": True}),
    ("T06", "联系电话", K.PHONE, Register.RESIDENTS, {"is_personal": True}),
    ("T07", "出生日期", K.DATE, Register.RESIDENTS, {"no_future_date": True, "is_personal": True}),
    ("T08", "性别", K.CHOICE, Register.RESIDENTS, {"choices": ["男", "女"]}),
    ("T09", "是否低保", K.BOOLEAN, Register.RESIDENTS, {"is_personal": True}),
    (
        "T10",
        "残疾等级",
        K.CHOICE,
        Register.RESIDENTS,
        {"choices": ["无", "一级", "二级"], "is_personal": True},
    ),
    ("T11", "月收入", K.NUMBER, Register.RESIDENTS, {"min_value": 0}),
    ("T12", "走访日期", K.DATE, Register.RESIDENTS, {}),
]


@pytest.fixture
def register_elements(county):
    return {
        name: DataElement.objects.create(
            county=county,
            code=code,
            name=name,
            kind=kind,
            register=register,
            status=ElementStatus.APPROVED,
            **extra,
        )
        for code, name, kind, register, extra in ELEMENTS
    }


@pytest.fixture
def resident(village_cadre, village):
    return registers.upsert_resident(
        user=village_cadre,
        village=village,
        name="张三",
        id_number=id_number(1),
        phone="13812345678",
        household="H001",
        tags="低保",
    )
