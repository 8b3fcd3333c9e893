"""Convener's one settings file: every value comes from the environment, with a safe default."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("CONVENER_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key_from_data_dir() -> str:
    """Generate the key once into the data folder, readable only by its owner."""
    path = DATA_DIR / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _secret_key_from_data_dir()
DEBUG = envbool("DEBUG", False)
# Adds /bench/bare, a view that does nothing, as the ceiling for the benchmark (bench/run.py).
CONVENER_BENCH = envbool("CONVENER_BENCH", False)
PORT = envint("PORT", 8000)
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Convener")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "convener",
    "convener.accounts",
    "convener.search",
    "convener.courses",
    "convener.guide",
    "convener.certificates",
    "convener.methods",
    "convener.recordings",
    "convener.assessment",
    "convener.conversations",
    "convener.reports",
    "convener.authoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for slow connections; Django 4.2+ pads gzip output against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "convener.middleware.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

if envbool("TRUST_X_FORWARDED_FOR", False):
    MIDDLEWARE.insert(0, "convener.middleware.ForwardedForMiddleware")

ROOT_URLCONF = "convener.urls"
WSGI_APPLICATION = "convener.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["convener.lib.template_urls"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "convener.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Databases: SQLite in the data folder unless DATABASE_URL names another.
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=600, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "convener.sqlite3",
            # Each thread keeps its connection: opening one (and running its PRAGMAs) cost 1 ms a request.
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # Durability: an acknowledged write survives a crash (GOTCHAS.md).
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (reminder emails and the like): stored in the database, run by `convener worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# Sign-in throttling: failures allowed per window, per account and per address.
SIGN_IN_FAILURES_PER_ACCOUNT = envint("SIGN_IN_FAILURES_PER_ACCOUNT", 5)
SIGN_IN_FAILURES_PER_ADDRESS = envint("SIGN_IN_FAILURES_PER_ADDRESS", 20)
SIGN_IN_THROTTLE_MINUTES = envint("SIGN_IN_THROTTLE_MINUTES", 15)

# Report figures are kept this long per set of filters (0: computed on every request).
REPORT_CACHE_SECONDS = envint("REPORT_CACHE_SECONDS", 300)

# Regions offered in the profile; free text when none are configured.
CONVENER_REGIONS = [r.strip() for r in os.environ.get("CONVENER_REGIONS", "").split(";") if r.strip()]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"


def media_storage(env) -> tuple[dict, list[str]]:
    """Media (lesson images, videos, captions, the guide PDF) on local disk, or in the S3 bucket named.

    Also returns the origins that pages then load images and videos from, for the Content-Security-Policy.
    """
    bucket = env.get("CONVENER_MEDIA_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}, []
    endpoint = env.get("CONVENER_MEDIA_S3_ENDPOINT_URL", "").rstrip("/")
    region = env.get("CONVENER_MEDIA_S3_REGION", "")
    # Lesson pages keep media addresses from the import, so they are plain public ones, not signed links
    # that expire: the bucket's own (path style on other services, virtual host on AWS) or a CDN's.
    public = env.get("CONVENER_MEDIA_S3_PUBLIC_URL", "").rstrip("/") or (
        f"{endpoint}/{bucket}" if endpoint else f"https://{bucket}.s3.{region or 'us-east-1'}.amazonaws.com"
    )
    address = urlsplit(public)
    if address.scheme not in ("http", "https") or not address.netloc:
        raise ImproperlyConfigured(f"The media address {public!r} must start with https:// (or http://).")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": region or None,
        # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or anything else boto3 looks at.
        "custom_domain": public.split("//", 1)[1],
        "url_protocol": f"{address.scheme}:",
        "querystring_auth": False,
        "file_overwrite": True,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, [
        f"{address.scheme}://{address.netloc}"
    ]


_media_storage, MEDIA_ORIGINS = media_storage(os.environ)
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email goes to the server log unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "convener@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. HTTPS-only settings switch on with CONVENER_HTTPS=1.
CONVENER_HTTPS = envbool("CONVENER_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = CONVENER_HTTPS
SECURE_SSL_REDIRECT = CONVENER_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CONVENER_HTTPS else None
SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", 31536000) if CONVENER_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "convener.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}
if MEDIA_ORIGINS:
    # The deployment's own bucket (or its CDN) serves lesson images and videos; nothing else is allowed.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [SELF, *MEDIA_ORIGINS]
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] = [SELF, *MEDIA_ORIGINS]
# Joining the browsers' preload list is a one-way choice for the deployer, not a default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Logs keep no personal data: no access log lines, no request bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
        "convener": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# PDFs (guide, certificates, plans): "letter" or "A4".
CONVENER_PAPER_SIZE = os.environ.get("CONVENER_PAPER_SIZE", "letter")

# Certificates and Open Badges: who issues them.
CONVENER_ISSUER_NAME = os.environ.get("CONVENER_ISSUER_NAME", SITE_NAME)
CONVENER_ISSUER_EMAIL = os.environ.get("CONVENER_ISSUER_EMAIL", "")
CONVENER_ISSUER_LOGO = os.environ.get("CONVENER_ISSUER_LOGO", "")  # path to a PNG or SVG file
# The Open Badges signing keys (private: back them up, never share them).
CONVENER_KEY_DIR = DATA_DIR / "keys"
# Lookups of the public verification page allowed per network address, per 10 minutes.
VERIFY_LOOKUPS_PER_ADDRESS = envint("VERIFY_LOOKUPS_PER_ADDRESS", 60)
