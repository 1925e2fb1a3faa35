"""Settings, read from environment variables.

DATABASE_URL     database (default: SQLite file var/qingdan.sqlite3 in the working directory)
SECRET_KEY       signing key (default: a random key kept in var/secret_key)
QINGDAN_DATA_KEY key for personal data at rest (default: derived from SECRET_KEY)
DEBUG            "1" for development
ALLOWED_HOSTS    comma-separated host names
QINGDAN_SECONDS_PER_FIELD  seconds to type one value by hand, for the forms figures (default 20)
"""

import hashlib
import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url

from qingdan import limits

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("QINGDAN_VAR_DIR", Path.cwd() / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# ID numbers and phones are encrypted with keys derived from this (qingdan/forms/personal.py). Set it in
# production and keep it safe: without it the stored personal data cannot be read back.
QINGDAN_DATA_KEY = (
    os.environ.get("QINGDAN_DATA_KEY")
    or hashlib.sha256(b"qingdan personal data key\0" + SECRET_KEY.encode()).hexdigest()
)
DEBUG = os.environ.get("DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the Swagger UI files of /api/v1/docs locally instead of from a CDN
    "django_tasks",
    "django_tasks_db",  # the job queue's table; `qingdan worker` runs what is queued (qingdan/jobs)
    "qingdan.web",
    "qingdan.orgs",
    "qingdan.accounts",
    "qingdan.audit",
    "qingdan.duties",
    "qingdan.jobs",
    "qingdan.sheets",
    "qingdan.review",
    "qingdan.notifications",
    "qingdan.admission",
    "qingdan.tasks",
    "qingdan.bodies",
    "qingdan.forms",
    "qingdan.registers",
    "qingdan.staffing",
    "qingdan.burden",
    "qingdan.cadres",
    "qingdan.burden.ledger",
    "qingdan.assessment",
    "qingdan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "qingdan.accounts.middleware.IdNumberInQueryMiddleware",  # 400 for a full ID number in an address
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "qingdan.accounts.middleware.PrivateResponseMiddleware",  # no-store, Permissions-Policy
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",  # request.htmx: was this request made by htmx?
    "qingdan.audit.context.ClientIPMiddleware",
    "qingdan.accounts.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "qingdan.urls"
WSGI_APPLICATION = "qingdan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qingdan.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'qingdan.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets pages read while an import writes; a busy timeout instead of "database is locked".
    # Reads go through a memory map of the file (the operating system's cache, shared by every
    # connection: a request opens a new one) instead of copying pages into each connection's own cache.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "orgs.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
# Password sign-in goes through the lockout backend only (qingdan/accounts/backends.py).
AUTHENTICATION_BACKENDS = ["qingdan.accounts.backends.LockoutBackend"]
AUTH_PASSWORD_VALIDATORS = [
    # At least 12 characters that are not whitespace (of any width), not like the user's name.
    {"NAME": "qingdan.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Accounts: five failed logins lock an account for 15 minutes; idle sessions end after 30 minutes.
QINGDAN_LOCKOUT_FAILURES = 5
QINGDAN_LOCKOUT_MINUTES = 15
QINGDAN_IDLE_MINUTES = 30
# The idle clock is written to the session at most this often (not on every request), and every session
# ends this long after sign-in whatever the activity.
QINGDAN_IDLE_WRITE_SECONDS = 60
QINGDAN_SESSION_MAX_HOURS = 12
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Hardening. QINGDAN_HTTPS=1 when the site is served over HTTPS (behind nginx, which sets
# X-Forwarded-Proto): HSTS for a year (with subdomains, preload-ready), redirect to HTTPS, cookies sent
# over HTTPS only. `qingdan check --deploy` then prints no warnings (qingdan/accounts/tests/test_settings.py).
QINGDAN_HTTPS = os.environ.get("QINGDAN_HTTPS", "") == "1"
if QINGDAN_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Behind nginx the direct peer (REMOTE_ADDR) is the proxy. QINGDAN_TRUSTED_PROXIES names the proxies
# (addresses or networks, comma-separated, e.g. "127.0.0.1,10.0.0.0/8") whose X-Forwarded-For is believed
# for the client address in the audit trail and sign-in records (qingdan/audit/context.py). Default: none,
# so the header is ignored and nobody can choose the address recorded for them.
QINGDAN_TRUSTED_PROXIES = [
    str(ipaddress.ip_network(proxy.strip(), strict=False))  # a wrong entry stops the start, named
    for proxy in os.environ.get("QINGDAN_TRUSTED_PROXIES", "").split(",")
    if proxy.strip()
]
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, images and connections from this site only; no
# inline script or event handler anywhere (page behaviour lives in static JS files). No template uses a
# <style> element or a style attribute (qingdan/web/tests/test_no_inline_code.py; bar widths are classes
# in web/utility.css). Style *attributes* stay allowed (style-src-attr) for ECharts, whose tooltips write
# them into the HTML they make; an attribute cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
QINGDAN_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=()"
)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [("vendor", Path(os.environ.get("QINGDAN_VENDOR_DIR", BASE_DIR.parent / "node_modules")))]
# WhiteNoise serves static files from the app folders and node_modules directly, so `make run` needs
# no collectstatic step and works the same with DEBUG on or off.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# A page of a form posts up to 2,500 cells (qingdan.forms.prefill.CELLS_PER_PAGE) and a few more fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 3_000
QINGDAN_MAX_UPLOAD_BYTES = limits.UPLOAD_BYTES  # one file through a page or the API (qingdan/limits.py)

# Caches. "fragments" keeps rendered page parts that never change once made (a published catalog
# version's item list: qingdan/duties/views/item_list.py). A file cache: every gunicorn worker on this
# machine shares it, it needs no extra server and no table (a database cache on SQLite would turn page
# views into writes that wait behind an import's write lock); each server of a multi-machine setup keeps
# its own copy, which is sound because a cached part never changes.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "fragments"),
        "TIMEOUT": 30 * 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Long jobs (imports) are queued in the database and run by the worker process (`qingdan worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# One set of forms: the estimated seconds a village cadre spends typing one value by hand (figures).
QINGDAN_SECONDS_PER_FIELD = int(os.environ.get("QINGDAN_SECONDS_PER_FIELD", "20"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
