"""Every action the code writes to the trail, and every field it names, reads in Chinese.

The actions and the changed fields are read from the code itself (not from a list kept beside it), so an
action added anywhere without a name in qingdan.audit.labels fails here.
"""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

from qingdan.audit.labels import ACTION_LABELS, FIELD_LABELS, action_label, field_label, value_label
from qingdan.audit.models import AuditEvent
from qingdan.audit.queries import changes_of
from qingdan.review.workflow import Review

ROOT = Path(__file__).resolve().parents[2]
ACTION = re.compile(r"^[a-z_]+\.[a-z_]+$")
# Abbreviations a Chinese screen writes in Latin letters too.
ABBREVIATIONS = re.compile(r"(?<![A-Za-z])(ID|IP|API|App)(?![A-Za-z])")


def english_left(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", ABBREVIATIONS.sub("", text)))


def sources() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
        and not path.name.startswith("test_")
    ]


@dataclass
class Emitted:
    actions: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)
    unread: list[str] = field(default_factory=list)  # record() calls whose action the collector cannot read


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


class _Module:
    """One source file: its functions (by name, with their parameters) and every call in it."""

    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parent: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
        self.calls = [node for node in ast.walk(self.tree) if isinstance(node, ast.Call)]

    def enclosing(self, node: ast.AST) -> ast.FunctionDef | None:
        while node in self.parent:
            node = self.parent[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node  # type: ignore[return-value]
        return None

    def passed(self, function: ast.FunctionDef, parameter: str) -> list[ast.expr]:
        """What the module's calls of `function` pass as `parameter` (by keyword or by position)."""
        params = [a.arg for a in function.args.posonlyargs + function.args.args]
        position = params.index(parameter) if parameter in params else None
        found = []
        for call in self.calls:
            if _name(call) != function.name:
                continue
            value = _keyword(call, parameter)
            if value is None and position is not None and position < len(call.args):
                value = call.args[position]
            if value is not None:
                found.append(value)
        return found

    def actions(self, expr: ast.expr, where: ast.AST) -> set[str] | None:
        """The action codes an expression can be, or None when it cannot be read from the code."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.IfExp):
            body, orelse = self.actions(expr.body, where), self.actions(expr.orelse, where)
            return None if body is None or orelse is None else body | orelse
        function = self.enclosing(where)
        if function is None:
            return None
        params = {a.arg for a in function.args.posonlyargs + function.args.args + function.args.kwonlyargs}
        if isinstance(expr, ast.Name) and expr.id in params:
            return self._union(self.passed(function, expr.id), function)
        if isinstance(expr, ast.Name):  # a local: what it is assigned (a getattr's default included)
            values = [
                node.value
                for node in ast.walk(function)
                if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == expr.id for t in node.targets)
            ]
            values = [v.args[2] if isinstance(v, ast.Call) and _name(v) == "getattr" else v for v in values]
            return self._union(values, function) if values else None
        if isinstance(expr, ast.JoinedStr):  # f"app.{verb}" with `verb` a parameter
            parts = expr.values
            if (
                len(parts) == 2
                and isinstance(parts[0], ast.Constant)
                and isinstance(parts[1], ast.FormattedValue)
                and isinstance(parts[1].value, ast.Name)
                and parts[1].value.id in params
            ):
                verbs = self._union(self.passed(function, parts[1].value.id), function)
                return None if verbs is None else {f"{parts[0].value!s}{verb}" for verb in verbs}
        return None

    def _union(self, exprs: list[ast.expr], where: ast.AST) -> set[str] | None:
        found: set[str] = set()
        for expr in exprs:
            read = self.actions(expr, where)
            if read is None:
                return None
            found |= read
        return found or None

    def changed_fields(self, call: ast.Call) -> set[str]:
        """The field names a record() call writes literally: its changes={...} and what its function
        adds to the dict it passes (changes["x"] = ...)."""
        names: set[str] = set()
        changes = _keyword(call, "changes")
        # A dict written in place, or chosen in place ({…} if … else None), with any **{…} it unpacks.
        dicts = [node for node in ast.walk(changes) if isinstance(node, ast.Dict)] if changes else []
        function = self.enclosing(call)
        if isinstance(changes, ast.Name) and function is not None:
            for node in ast.walk(function):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if (
                            isinstance(target, ast.Name)
                            and target.id == changes.id
                            and isinstance(node.value, ast.Dict)
                        ):
                            dicts.append(node.value)
                        if (
                            isinstance(target, ast.Subscript)
                            and isinstance(target.value, ast.Name)
                            and target.value.id == changes.id
                            and isinstance(target.slice, ast.Constant)
                        ):
                            names.add(str(target.slice.value))
        for found in dicts:
            names |= {str(key.value) for key in found.keys if isinstance(key, ast.Constant)}
        return names


def emitted() -> Emitted:
    """Every action code and literal changed-field name written through qingdan.audit.actions.record."""
    out = Emitted()
    for path in sources():
        module = _Module(path)
        for call in module.calls:
            if _name(call) == "decide":  # a Review's decision: its changes join the status change it records
                out.fields |= module.changed_fields(call)
            action = _keyword(call, "action") if _name(call) == "record" else None
            if action is not None:
                where = f"{path.relative_to(ROOT.parent)}:{call.lineno}"
                if (
                    isinstance(action, ast.Call)
                    and isinstance(action.func, ast.Attribute)
                    and action.func.attr == "format"
                ):
                    continue  # a Review's "<app>.{step}_<thing>", read from the Reviews below
                read = module.actions(action, call)
                if read is None:
                    out.unread.append(f"{where}: {ast.unparse(action)}")
                else:
                    out.actions |= read
                out.fields |= module.changed_fields(call)
        # Logout actions are set on the request by the middleware (…_ACTION = "accounts.…").
        for node in module.tree.body:
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id.endswith("_ACTION") for t in node.targets)
                and isinstance(node.value, ast.Constant)
                and ACTION.match(str(node.value.value))
            ):
                out.actions.add(str(node.value.value))
    for review in reviews():
        out.actions |= {review.audit.format(step=str(step)) for step in review.outcomes}
    return out


def reviews() -> list[Review]:
    """Every Review built at the top of a module (qingdan.review decides and audits for them)."""
    found = []
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and _name(node.value) == "Review"
            ):
                dotted = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
                module = importlib.import_module(dotted)
                found += [getattr(module, t.id) for t in node.targets if isinstance(t, ast.Name)]
    return found


@pytest.fixture(scope="module")
def code():
    return emitted()


def test_the_collector_reads_the_action_of_every_record_call(code):
    assert not code.unread, (
        "Write these actions so the code shows them (a literal, or a parameter given one):\n"
        + "\n".join(code.unread)
    )


def test_the_collector_finds_actions_written_in_every_way(code):
    assert {
        "accounts.login",  # a literal
        "accounts.idle_logout",  # set on the request by the middleware
        "orgs.person_deactivate",  # one branch of a conditional
        "duties.import_catalog",  # passed to a helper that records it
        "burden_ledger.record_document",  # f"burden_ledger.{action}" with the verb passed in
        "admission.convert_order",  # a Review's step
        "burden.set_reform_date",
        "burden.rebuild",
    } <= code.actions
    assert {"rows", "values_saved", "prefilled", "typed", "written_to_registers", "targets"} <= code.fields
    assert {"attachments", "member_units", "cited_item"} <= code.fields  # **{…} if …, changes["…"], decide()


def test_every_action_written_anywhere_has_a_name_in_labels(code):
    missing = sorted(code.actions - set(ACTION_LABELS))
    assert not missing, "Name these actions in qingdan/audit/labels.py ACTION_LABELS:\n" + "\n".join(missing)


def test_every_action_reads_in_chinese(code):
    with translation.override("zh-hans"):
        english = {action: action_label(action) for action in sorted(code.actions | set(ACTION_LABELS))}
    assert not {a: label for a, label in english.items() if english_left(label)}


def test_every_changed_field_written_by_name_reads_in_chinese(code):
    missing = sorted(code.fields - set(FIELD_LABELS))
    assert not missing, "Name these changed fields in qingdan/audit/labels.py FIELD_LABELS:\n" + "\n".join(
        missing
    )
    with translation.override("zh-hans"):
        labels = {name: str(FIELD_LABELS[name]) for name in sorted(code.fields)}
    assert not {name: label for name, label in labels.items() if english_left(label)}


def test_a_form_submission_event_reads_in_chinese_on_the_trail():
    event = AuditEvent(
        action="forms.submit_submission",
        object_type="forms.submission",
        changes={
            "status": ["draft", "submitted"],
            "prefilled": [None, 12],
            "typed": [None, 3],
            "written_to_registers": [None, 5],
        },
    )
    with translation.override("zh-hans"):
        shown = [(change.field, change.old, change.new) for change in changes_of(event)]
        label = action_label(event.action)
    assert not english_left(label)
    assert all(not english_left(f"{name} {old} {new}") for name, old, new in shown), shown
    assert ("写入台账项数", "—", "5") in shown


def test_a_field_of_the_object_reads_as_the_objects_own_name_before_the_shared_one():
    with translation.override("zh-hans"):
        assert field_label("duties.amendment", "status") == "状态"
        assert field_label("forms.submission", "values_saved") == str(FIELD_LABELS["values_saved"])
        assert field_label("forms.submission", "no_such_field") == "no_such_field"


def test_yes_no_and_lists_read_as_words_not_python():
    with translation.override("zh-hans"):
        assert value_label("burden_ledger.monitoringpoint", "is_active", False) == "否"
        assert value_label("cadres.attendance", "days", [20, 2]) == "20 / 2"


def test_a_yes_no_field_written_as_text_and_rows_of_a_json_field_read_as_words():
    with translation.override("zh-hans"):
        assert value_label("burden_ledger.meetingcalled", "comprehensive", "True") == "是"
        grades = [{"label": "好", "share": 100.0}, {"label": "较好", "share": 80.0}]
        assert value_label("assessment.indicator", "levels", grades) == "好 100.0 / 较好 80.0"
        assert value_label("assessment.indicator", "levels", str(grades)) == "好 100.0 / 较好 80.0"


def test_every_field_of_every_model_reads_in_chinese():
    """actions.diff names the fields it finds changed at run time, so no list in the code holds them: every
    field of every model of ours must read in Chinese (a field Django names itself, such as a foreign key
    given no verbose name, takes its name from FIELD_LABELS)."""
    with translation.override("zh-hans"):
        labels = {
            f"{object_type}.{model_field.name}": field_label(object_type, model_field.name)
            for config in apps.get_app_configs()
            # The trail's own bookkeeping (its chain head) is never an audited object.
            if config.name.startswith("qingdan.") and config.label != "audit"
            for model in config.get_models()
            for object_type in [model._meta.label_lower]
            for model_field in model._meta.concrete_fields
        }
    english = [f"{name}: {label}" for name, label in labels.items() if english_left(label)]
    assert not english, "Name these fields in qingdan/audit/labels.py FIELD_LABELS:\n" + "\n".join(english)


def test_a_violation_and_its_review_entry_name_their_fields_in_chinese():
    with translation.override("zh-hans"):
        assert field_label("burden_ledger.violation", "created_by") == "创建人"
        assert field_label("burden_ledger.violationreviewentry", "violation") == "违规问题"
        assert field_label("burden_ledger.violation", "status") == "状态"  # its own name still comes first
