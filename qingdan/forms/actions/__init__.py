"""Every state change of one set of forms. Each action is keyword-only, takes the acting user, runs in one
transaction and writes its audit rows; bad input raises ActionRefused in Chinese and changes nothing.

    dictionary   the data dictionary: propose, define, approve, map, reject an element
    admission    form requests and their review: create, update, submit, approve, return, refuse, merge
    submissions  a village's filling: open, add a resident row, save values, submit (writing the values
                 back to the registers through qingdan.registers.actions)

The registers' own state changes are qingdan.registers.actions.
"""

from .admission import (
    approve_form,
    create_form,
    merge_form,
    refuse_form,
    return_form,
    submit_form,
    update_form,
)
from .dictionary import approve_element, define_element, map_element, propose_element, reject_element
from .submissions import add_resident_row, open_submission, save_values, submit

__all__ = [
    "add_resident_row",
    "approve_element",
    "approve_form",
    "create_form",
    "define_element",
    "map_element",
    "merge_form",
    "open_submission",
    "propose_element",
    "refuse_form",
    "reject_element",
    "return_form",
    "save_values",
    "submit",
    "submit_form",
    "update_form",
]
