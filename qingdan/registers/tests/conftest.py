"""Fixtures of the registers tests (personal data, values, registers, imports): the registers' own
(fixtures_registers.py) and the forms tests' ones they share (fixtures_forms.py)."""

from __future__ import annotations

from qingdan.forms.tests.fixtures_forms import (  # noqa: F401  (the forms tests' fixtures: see fixtures_forms.py)
    committed,
    elements,
    make_form,
    registers_filled,
    resident_form,
    residents,
    village_form,
)

from .fixtures_registers import register_elements, resident  # noqa: F401
