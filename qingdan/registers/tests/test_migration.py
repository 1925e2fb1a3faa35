"""The registers left the forms app without their data moving: a database filled under the old layout
(forms 0003, the registers' models still the forms app's) migrates forward in place and its rows are read
through qingdan.registers' models, the forms' foreign keys still pointing at the same residents."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from qingdan.forms.models import AddedRow, SubmissionValue
from qingdan.registers.models import Resident, ResidentFact, VillageFact

OLD_LAYOUT = [("forms", "0003_resident_fact_newest"), ("registers", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_rows_written_under_the_old_layout_are_read_through_the_registers_models(
    county, village, village_cadre
):
    executor = _migrate(OLD_LAYOUT)
    try:
        old = executor.loader.project_state(OLD_LAYOUT[:1]).apps
        # The old layout really is the old one: forms holds Resident, the registers app does not exist.
        assert old.get_model("forms", "Resident")._meta.db_table == "forms_resident"
        with pytest.raises(LookupError):
            old.get_model("registers", "Resident")

        element = old.get_model("forms", "DataElement").objects.create(
            county_id=county.pk,
            code="T01",
            name="户籍人口",
            kind="integer",
            register="village",
            status="approved",
        )
        attribute = old.get_model("forms", "DataElement").objects.create(
            county_id=county.pk, code="T02", name="性别", kind="text", register="residents", status="approved"
        )
        resident = old.get_model("forms", "Resident").objects.create(
            village_id=village.pk,
            county_id=county.pk,
            name="张三",
            id_cipher="cipher",
            id_hash="hash-1",
            id_masked="4201**********0011",
            tags="低保",
        )
        as_of = datetime.date(2026, 1, 1)
        old.get_model("forms", "ResidentFact").objects.create(
            resident_id=resident.pk, element_id=attribute.pk, value="男", as_of=as_of, source="manual"
        )
        old.get_model("forms", "VillageFact").objects.create(
            village_id=village.pk,
            county_id=county.pk,
            element_id=element.pk,
            value="1234",
            as_of=as_of,
            source="manual",
        )
        form = old.get_model("forms", "FormRequest").objects.create(
            county_id=county.pk,
            department_id=village_cadre.unit_id,
            created_by_id=village_cadre.pk,
            title="低保户信息表",
            purpose="核对",
            frequency="once",
            rows_kind="residents",
            deadline=as_of,
            status="approved",
        )
        submission = old.get_model("forms", "Submission").objects.create(
            form_id=form.pk, village_id=village.pk, county_id=county.pk, period="once"
        )
        old.get_model("forms", "SubmissionValue").objects.create(
            submission_id=submission.pk, element_id=attribute.pk, resident_id=resident.pk, value="男"
        )
        old.get_model("forms", "AddedRow").objects.create(
            submission_id=submission.pk, resident_id=resident.pk, added_by_id=village_cadre.pk
        )
    finally:
        _migrate(_leaves())

    moved = Resident.objects.get(pk=resident.pk)
    assert (moved.name, moved.id_hash, moved.tags, moved.village_id) == ("张三", "hash-1", "低保", village.pk)
    fact = ResidentFact.objects.get(resident=moved)
    assert (fact.element_id, fact.value, fact.as_of) == (attribute.pk, "男", as_of)
    assert VillageFact.objects.get(village=village).value == "1234"
    # The forms' rows still point at the same person, now a registers.Resident.
    assert SubmissionValue.objects.get(submission_id=submission.pk).resident == moved
    assert AddedRow.objects.get(submission_id=submission.pk).resident == moved
    assert list(moved.facts.all()) == [fact]
