"""Fixtures of the forms tests: the forms' own (fixtures_forms.py) and the registers' ones they share
(qingdan/registers/tests/fixtures_registers.py)."""

from __future__ import annotations

from qingdan.registers.tests.fixtures_registers import register_elements, resident  # noqa: F401

from .fixtures_forms import (  # noqa: F401  (the forms tests' fixtures: see fixtures_forms.py)
    committed,
    elements,
    make_form,
    registers_filled,
    resident_form,
    residents,
    village_form,
)
