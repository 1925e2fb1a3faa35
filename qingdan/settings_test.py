"""Test settings: the real databases, a fast password hasher, jobs run inline."""

import os

from .settings import *  # noqa: F403
from .settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if name := os.environ.get("QINGDAN_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": name}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].pop("OPTIONS", None)
# Tests that commit are cleaned up by `flush`, which may then empty the audit trail (qingdan.audit's flush).
QINGDAN_AUDIT_FLUSH_ALLOWED = True
