"""Fixtures for the dictionary, form admission, overlap, pre-filling, submissions and figures.

conftest.py (the registers tests' own) makes these fixtures available to every test module of the folder.

elements         the test county's dictionary (catalog office): village figures, resident attributes,
                 and elements no register holds
registers        甲村's profile (户籍人口 with an older value as history) and three residents, two of them
                 tagged 低保, with some attributes
make_form        a draft request of 县农业农村局 (keyword arguments change any field)
village_form     an approved yearly form of village figures sent to 甲村 (two fields held, one not)
resident_form    an approved yearly form with one row per 低保 resident of 甲村
committed        run an action and its after-commit callbacks (notifications), as a request would
"""

from __future__ import annotations

import datetime

import pytest

from qingdan.forms.actions import admission, dictionary
from qingdan.forms.choices import ElementKind, Frequency, Register, RowsKind
from qingdan.forms.models import (
    DataElement,
    FormRequest,
)
from qingdan.registers import actions as registers
from qingdan.registers.models import Resident
from qingdan.testing import id_number, in_days

AS_OF = datetime.date(2025, 12, 31)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(step, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(**kwargs)

    return run


@pytest.fixture
def elements(catalog_office) -> dict[str, DataElement]:
    def define(name, kind, register="", **extra):
        return dictionary.define_element(
            user=catalog_office, name=name, kind=kind, register=register, **extra
        )

    return {
        "households": define("户数", ElementKind.INTEGER, Register.VILLAGE, unit="户"),
        "population": define("户籍人口", ElementKind.INTEGER, Register.VILLAGE, unit="人", min_value=0),
        "farmland": define("耕地面积", ElementKind.NUMBER, Register.VILLAGE, unit="亩", min_value=0),
        "ditches": define("本年新修沟渠长度", ElementKind.NUMBER, unit="米", min_value=0),
        "birth": define(
            "出生日期", ElementKind.DATE, Register.RESIDENTS, no_future_date=True, is_personal=True
        ),
        "allowance": define("低保金额", ElementKind.NUMBER, Register.RESIDENTS, unit="元", min_value=0),
        "work": define("就业情况", ElementKind.CHOICE, Register.RESIDENTS, choices=["务工", "务农", "无业"]),
        "visited": define("走访日期", ElementKind.DATE, no_future_date=True),
        "phone": define("联系电话", ElementKind.PHONE, Register.RESIDENTS),
    }


@pytest.fixture
def residents(village_cadre, village) -> dict[str, Resident]:
    def add(name, serial, tags, **extra):
        return registers.upsert_resident(
            user=village_cadre, village=village, name=name, id_number=id_number(serial), tags=tags, **extra
        )

    return {
        "zhang": add("张三", 1, "低保", household="001", phone="13812345678"),
        "li": add("李四", 2, "低保 残疾", household="002"),
        "wang": add("王五", 3, "", household="003"),
    }


@pytest.fixture
def registers_filled(elements, residents, village, village_cadre):
    """甲村's profile (户籍人口 450, with 440 as history; 户数 120) and attributes of 张三 and 李四."""
    e, r = elements, residents
    registers.set_village_fact(
        user=village_cadre,
        village=village,
        element=e["population"],
        value="440",
        as_of=datetime.date(2024, 12, 31),
    )
    registers.set_village_facts(
        user=village_cadre,
        village=village,
        values={e["population"]: "450", e["households"]: "120"},
        as_of=AS_OF,
    )
    registers.set_resident_facts(
        user=village_cadre,
        village=village,
        values={
            (r["zhang"], e["birth"]): "1950-03-01",
            (r["zhang"], e["allowance"]): "300",
            (r["li"], e["birth"]): "1960-05-05",
        },
        as_of=AS_OF,
    )
    return {"elements": e, "residents": r}


def form_fields(elements, **overrides) -> dict:
    fields = {
        "title": "农业生产基本情况",
        "purpose": "掌握各村农业生产基本情况",
        "frequency": Frequency.YEARLY,
        "rows_kind": RowsKind.VILLAGE,
        "resident_tag": "",
        "element_ids": [elements[k].pk for k in ("households", "population", "farmland", "ditches")],
        "deadline": in_days(30),
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def make_form(dept_clerk, village, elements):
    def make(user=None, villages=None, **overrides) -> FormRequest:
        return admission.create_form(
            user=user or dept_clerk, villages=villages or [village], **form_fields(elements, **overrides)
        )

    return make


@pytest.fixture
def village_form(make_form, dept_clerk, county_reviewer) -> FormRequest:
    form = make_form()
    admission.submit_form(user=dept_clerk, form=form)
    return admission.approve_form(user=county_reviewer, form=form)


@pytest.fixture
def resident_form(make_form, elements, dept_clerk, county_reviewer) -> FormRequest:
    form = make_form(
        title="低保对象走访情况",
        rows_kind=RowsKind.RESIDENTS,
        resident_tag="低保",
        element_ids=[elements[k].pk for k in ("birth", "allowance", "work", "visited")],
    )
    admission.submit_form(user=dept_clerk, form=form)
    return admission.approve_form(user=county_reviewer, form=form)
