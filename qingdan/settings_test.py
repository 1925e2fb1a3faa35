"""Test settings: the real databases, a fast password hasher, jobs run inline."""

import os

from .settings import *  # noqa: F403
from .settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each test process keeps its fragments in memory, not in var/cache shared with a running server.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"},
}
if name := os.environ.get("QINGDAN_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": name}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].pop("OPTIONS", None)
# Tests that commit are cleaned up by `flush`, which may then empty the audit trail (qingdan.audit's flush).
QINGDAN_AUDIT_FLUSH_ALLOWED = True
