"""The one settings module. Everything that differs between machines is read from DANGVU_* variables.

- DANGVU_DATABASE_URL: the database (default: SQLite in DANGVU_DATA_DIR, WAL on).
- DANGVU_DATA_DIR: where the embedded database and uploaded files live (default: ./var).
- DANGVU_PRODUCTION=1: production hardening (HTTPS-only cookies, HSTS, no debug); needs DANGVU_SECRET_KEY.
- DANGVU_SECRET_KEY, DANGVU_ALLOWED_HOSTS (comma-separated), DANGVU_DEBUG=1.
- DANGVU_EMAIL_URL: where mail goes: smtp://user:pass@host:25, smtp+tls://…:587, smtp+ssl://…:465,
  console:// or file:///folder (default: files in DANGVU_DATA_DIR/thu-gui); DANGVU_EMAIL_FROM the sender.
- DANGVU_UPLOAD_MAX_MB / _MAX_ROWS / _MAX_UNZIPPED_MB, DANGVU_LOGIN_RATE, DANGVU_API_RATE,
  DANGVU_CONN_MAX_AGE: see docs/architecture.md § Faults.
- DANGVU_JOBS_STALE_SECONDS: a running job whose worker sent no heartbeat for this long is retried (120).
- DANGVU_SHEET_CACHE_CELLS: how many figures (units × indicators) of ended periods' sheets each process
  keeps in memory between requests (1,000,000; 0 turns the cache off). See indicators/sheet_cache.py.
- DANGVU_JOB_RESULT_DAYS: a finished job's result file is removed this many days later (30).
- DANGVU_CACHE_URL: the cache shared by every server process (rate-limit counters): redis://host:6379/1,
  db:// (a table in the database) or locmem:// (per process, the default).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DANGVU_DATA_DIR", Path.cwd() / "var")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = _flag("DANGVU_PRODUCTION")
DEBUG = _flag("DANGVU_DEBUG") and not PRODUCTION

_DEV_KEY = "dangvu-insecure-development-key-change-me-with-DANGVU_SECRET_KEY"
SECRET_KEY = os.environ.get("DANGVU_SECRET_KEY", "" if PRODUCTION else _DEV_KEY)
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("DANGVU_PRODUCTION=1 cần DANGVU_SECRET_KEY (một chuỗi ngẫu nhiên dài ≥ 50 ký tự).")

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DANGVU_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DANGVU_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "auditlog",
    "axes",
    "ninja",  # its Swagger UI from local static files, not a CDN
    "dangvu.core",
    "dangvu.organisations",
    "dangvu.accounts",
    "dangvu.members",
    "dangvu.documents",
    "dangvu.reader",
    "dangvu.meetings",
    "dangvu.assignments",
    "dangvu.activities",
    "dangvu.indicators",
    "dangvu.reports",
    "dangvu.jobs",
    "dangvu.demo",
    "dangvu.operations",
    "dangvu.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "dangvu.core.middleware.RateLimitMiddleware",
    "dangvu.core.middleware.UploadSizeMiddleware",
    "dangvu.core.middleware.DatabaseFaultMiddleware",
]

ROOT_URLCONF = "dangvu.urls"
WSGI_APPLICATION = "dangvu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangvu.core.context_processors.access",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = os.environ.get("DANGVU_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'dangvu.sqlite3'}"
    db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0 if url.startswith("sqlite") else 60))
    if db["ENGINE"] == "django.db.backends.sqlite3":
        if db["NAME"] and db["NAME"] != ":memory:":
            Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        db["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:  # a restarted or failed-over server: a dead pooled connection is noticed and replaced
        db["CONN_HEALTH_CHECKS"] = True
        db["CONN_MAX_AGE"] = int(os.environ.get("DANGVU_CONN_MAX_AGE", "60"))
        if db["ENGINE"] == "django.db.backends.postgresql":
            # JIT compiling pays off for hour-long reports, not for a page's GROUP BY: it added ~0.1 s to
            # each roll-up query of a province (bench/national.py).
            db.setdefault("OPTIONS", {})["options"] = "-c jit=off"
    db["TEST"] = {"NAME": None}
    return db


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "organisations:tree"
LOGOUT_REDIRECT_URL = "login"


def _email(url: str) -> dict[str, Any]:
    """EMAIL_* settings from DANGVU_EMAIL_URL (see the module's docstring)."""
    from urllib.parse import unquote, urlsplit

    u = urlsplit(url)
    if u.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if u.scheme == "file" or not url:
        folder = unquote(u.path) if url else str(DATA_DIR / "thu-gui")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": folder,
        }
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": u.hostname or "localhost",
        "EMAIL_PORT": u.port or 25,
        "EMAIL_HOST_USER": unquote(u.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(u.password or ""),
        "EMAIL_USE_TLS": u.scheme == "smtp+tls",
        "EMAIL_USE_SSL": u.scheme == "smtp+ssl",
    }


globals().update(_email(os.environ.get("DANGVU_EMAIL_URL", "")))
DEFAULT_FROM_EMAIL = os.environ.get("DANGVU_EMAIL_FROM", "dangvu@localhost")
DANGVU_SHEET_CACHE_CELLS = int(os.environ.get("DANGVU_SHEET_CACHE_CELLS", "1000000"))

# Lock-out: five failed tries for one user name from one address lock it for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("DANGVU_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from the finders; keep it quiet
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded files go through Django's storage API: the local disk (MEDIA_ROOT) by default, or an
# S3-compatible store (MinIO, Ceph, a cloud bucket) when DANGVU_S3_BUCKET is set, so several app servers can
# share them. Needs the `s3` extra: pip install "dangvu[s3]".
if os.environ.get("DANGVU_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DANGVU_S3_BUCKET"],
            "endpoint_url": os.environ.get("DANGVU_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DANGVU_S3_REGION") or None,
            "access_key": os.environ.get("DANGVU_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("DANGVU_S3_SECRET_KEY") or None,
            "location": os.environ.get("DANGVU_S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("DANGVU_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Uploads (core/uploads.py): refused before parsing when over these limits.
DANGVU_UPLOAD_MAX_MB = int(os.environ.get("DANGVU_UPLOAD_MAX_MB", "50"))
DANGVU_UPLOAD_MAX_ROWS = int(os.environ.get("DANGVU_UPLOAD_MAX_ROWS", "200000"))
DANGVU_UPLOAD_MAX_UNZIPPED_MB = int(os.environ.get("DANGVU_UPLOAD_MAX_UNZIPPED_MB", "500"))
# Rate limits (core/ratelimit.py): "N/s|m|h" per address on the log-in form, per token on the API.
DANGVU_LOGIN_RATE = os.environ.get("DANGVU_LOGIN_RATE", "20/m")
DANGVU_API_RATE = os.environ.get("DANGVU_API_RATE", "600/m")
# Background jobs (`dangvu worker`): after this many seconds without a heartbeat a running job is retried.
JOBS_STALE_SECONDS = int(os.environ.get("DANGVU_JOBS_STALE_SECONDS", "120"))
# ... and a finished job's result file is removed this many days after it finished (the row stays).
JOB_RESULT_DAYS = int(os.environ.get("DANGVU_JOB_RESULT_DAYS", "30"))


def _cache(url: str) -> dict[str, Any]:
    """DANGVU_CACHE_URL → the default cache. Rate-limit counters live there: several server processes
    count together only through a shared cache (Redis, or a table of the database)."""
    scheme = url.partition("://")[0].lower() if url else "locmem"
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "db":
        table = url.partition("://")[2].strip("/") or "dangvu_cache"
        return {"BACKEND": "dangvu.core.cache.DatabaseCache", "LOCATION": table}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise RuntimeError(
        f"DANGVU_CACHE_URL={url!r} không hợp lệ: dùng redis://máy:6379/1, db:// hoặc locmem://."
    )


CACHES = {"default": _cache(os.environ.get("DANGVU_CACHE_URL", "").strip())}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANGVU_LOG_LEVEL", "WARNING")},
}
