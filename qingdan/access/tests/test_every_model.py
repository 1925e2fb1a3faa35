"""Nothing is stored that the gate cannot answer for: every model has a visibility rule."""

from django.apps import apps

from qingdan.access.rules import RULES

# Models that no person reads through the gate, each with its reason. Django's own apps (auth,
# contenttypes, sessions) are left out by their module, not listed here.
WITHOUT_RULE = {
    # The job queue's own rows (django-tasks' database backend): only the worker reads them; people see
    # their jobs through jobs.Job, which has a rule.
    "django_tasks_database.dbtaskresult": "job queue plumbing, read by the worker only",
    # The audit hash chain's one-row head: written under a lock by each audit write, read by
    # `qingdan verify-audit`; people read the events themselves through audit.AuditEvent.
    "audit.auditchainhead": "audit chain plumbing, never shown",
}


def models_without_rule(rules) -> list[str]:
    """The concrete models of the project (and its libraries) that have no visibility rule."""
    missing = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if model.__module__.startswith("django.") or label in WITHOUT_RULE:
            continue
        if label not in rules:
            missing.append(label)
    return sorted(missing)


def test_every_model_has_an_access_rule():
    assert models_without_rule(RULES) == [], "give each model a rule in qingdan/access/rules.py"


def test_a_model_without_a_rule_is_named():
    fewer = {label: rule for label, rule in RULES.items() if label != "tasks.rowalert"}
    assert models_without_rule(fewer) == ["tasks.rowalert"]


def test_the_allow_list_names_only_real_models_without_rules():
    labels = {model._meta.label_lower for model in apps.get_models()}
    for label in WITHOUT_RULE:
        assert label in labels, f"{label} is no longer a model: take it off the list"
        assert label not in RULES, f"{label} has a rule now: take it off the list"


def test_every_rule_names_a_real_model():
    labels = {model._meta.label_lower for model in apps.get_models()}
    assert sorted(set(RULES) - labels) == []
