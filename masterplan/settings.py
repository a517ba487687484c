"""One settings module, driven by environment variables.

With nothing set, the portal runs on SQLite in the project folder with DEBUG on,
so a newcomer needs nothing installed. Production sets DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Translate postgresql://user:pass@host:port/name?opt=val into Django's form."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL must be postgresql://…, not {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # A development key, kept in the project folder so sessions survive restarts.
    key_file = BASE_DIR / ".dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if not DEBUG else "127.0.0.1,localhost,[::1]")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_prose_editor",
    "template_partials",
    "csp",
    "axes",
    # our apps, floor by floor (each imports only the ones above it in this list)
    "masterplan",
    "dimensions",
    "programs",
    "roadmap",
    "reviews",
    "exports",
    "editions",
    "monitoring",
    "api",
    "checks",
    "demo",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # (production: WhiteNoise is inserted here, see "Static files" below)
    "masterplan.middleware.RequestIdMiddleware",
    "masterplan.middleware.ClientIPMiddleware",
    "masterplan.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "masterplan.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "masterplan.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "masterplan.wsgi.application"

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / env_str("SQLITE_NAME", "db.sqlite3"),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "masterplan.User"
AUTHENTICATION_BACKENDS = [
    "masterplan.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static files, uploads and exported books ---------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Exported PDFs: outside MEDIA_ROOT, served only by the permission-checked download.
EXPORT_ROOT = Path(env_str("EXPORT_ROOT", str(BASE_DIR / "private" / "exports")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "exports": {"BACKEND": "masterplan.lib.storage.ExportFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if not DEBUG:
    # gunicorn serves the static files itself (WhiteNoise): `collectstatic` writes them with
    # hashed names, gzip and brotli copies; browsers keep hashed files for ten years.
    # Development keeps runserver's own static serving.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    STORAGES["staticfiles"] = {"BACKEND": "masterplan.staticfiles.CompressedManifestStorage"}
# Source maps (two thirds of the bytes, fetched only by developer tools) stay uncompressed:
# brotli on them would triple the time collectstatic takes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Storage: uploads ("default") and exported books ("exports") ----------------------------
# Local folders (MEDIA_ROOT, EXPORT_ROOT) unless an S3-compatible bucket is named (MinIO,
# Ceph, a cloud bucket): then every web node and worker shares it. Objects stay private
# (private ACL, signed short-lived URLs only); pages never link to the bucket, files are
# streamed by the permission-checked views. Keys come from boto3's own chain
# (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment, or an instance role).
STORAGE_BACKEND = env_str(
    "STORAGE_BACKEND", "s3" if env_str("AWS_STORAGE_BUCKET_NAME") else "local"
).lower()
if STORAGE_BACKEND not in {"local", "s3"}:
    raise ImproperlyConfigured("STORAGE_BACKEND must be local or s3.")
if STORAGE_BACKEND == "s3":
    if not env_str("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME.")
    S3_OPTIONS = {
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "path"),
        "signature_version": "s3v4",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "location": env_str("AWS_MEDIA_PREFIX", "media")},
    }
    STORAGES["exports"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**S3_OPTIONS, "location": env_str("AWS_EXPORTS_PREFIX", "exports")},
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header turns "not signed in" into 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Size- and depth-bounded: a deeply nested body is a 400, never a RecursionError.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "api.filters.SafeSearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "ORDERING_PARAM": "ordering",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Kota Cerdas Studio API",
    "DESCRIPTION": (
        "Read and write a region's Smart City masterplan with the same permissions as the "
        "portal. Authenticate with `Authorization: Token <key>` (or the portal session). "
        "Writes to an existing record need its ETag in `If-Match`. Messages follow "
        "`Accept-Language` (id, en)."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "RegionKindEnum": "masterplan.models.Region.Kind",
        "AgencyKindEnum": "masterplan.models.Agency.Kind",
        "InstitutionKindEnum": "masterplan.models.Institution.Kind",
        "SwotKindEnum": "dimensions.models.SwotItem.Kind",
        "PartnerKindEnum": "programs.models.Partner.Kind",
        "BookStatusEnum": "masterplan.models.Book.Status",
        "InnovationStatusEnum": "dimensions.models.ExistingInnovation.Status",
        "BudgetStatusEnum": "programs.models.BudgetLine.Status",
        "LevelEnum": "programs.models.Level",
        "ImplementationStatusEnum": "monitoring.models.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}

# Celery: with no broker configured, tasks run in-process (eagerly).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or env_str("REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 20)
CELERY_TIMEZONE = TIME_ZONE

# PDF exports: WeasyPrint runs in a child process (of the Celery worker or, with no broker,
# of a background thread of the web process) that is killed past these limits.
EXPORT_RENDER_TIME_LIMIT = env_int("EXPORT_RENDER_TIME_LIMIT", 300)  # seconds, wall clock
EXPORT_RENDER_MEMORY_LIMIT_MB = env_int("EXPORT_RENDER_MEMORY_LIMIT_MB", 2048)  # address space
# With no broker, at most this many exports render at once per web process (others wait)...
EXPORT_BACKGROUND_RENDERS = env_int("EXPORT_BACKGROUND_RENDERS", 2)
# ...or, when set (the tests do), the job runs in the requesting thread, still bounded.
EXPORT_SYNCHRONOUS = env_bool("EXPORT_SYNCHRONOUS", False)
# What the child process calls to render (tests point it at a slow stand-in).
EXPORT_RENDER_FUNCTION = "exports.pdf_child.render_pdf"
# Chunked rendering (exports/chunks.py): books of at least EXPORT_CHUNKED_MIN_PAGES pages
# (by their last export) are laid out chapter by chapter in EXPORT_RENDER_WORKERS
# processes; rendered chapters are kept EXPORT_CHUNK_CACHE_DAYS in EXPORT_CHUNK_CACHE
# (default EXPORT_ROOT/chunk-cache; "" switches the cache off).
EXPORT_CHUNKED = env_bool("EXPORT_CHUNKED", True)
EXPORT_CHUNKED_MIN_PAGES = env_int("EXPORT_CHUNKED_MIN_PAGES", 60)
EXPORT_RENDER_WORKERS = env_int("EXPORT_RENDER_WORKERS", min(2, os.cpu_count() or 1))
EXPORT_CHUNK_CACHE = env_str("EXPORT_CHUNK_CACHE", None)
EXPORT_CHUNK_CACHE_DAYS = env_int("EXPORT_CHUNK_CACHE_DAYS", 14)

# The plan checks the final export runs (a dotted path to a function of the plan that
# returns findings with a severity); the checks app sits above the exports app.
FINAL_EXPORT_CHECKS = "checks.registry.run_checks"
# The redline of two editions for export_book --redline-from: editions sit above the
# exports, so the setting names it (book, older=N, newer=N or None) -> RenderResult.
EXPORT_REDLINE = "editions.redline.redline_for_book"
# The evaluation report's PDF for its export job: the monitoring app sits above the exports,
# so the setting names it (plan, year, progress=callable) -> (PDF bytes, pages).
EVALUATION_REPORT_PDF = "monitoring.report_jobs.evaluation_pdf"

# Mail: printed to the console until an SMTP server is named.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kota Cerdas Studio <noreply@localhost>")
# The portal's public address, for the links in notification e-mails.
SITE_URL = env_str("SITE_URL")

# --- Security -----------------------------------------------------------------------
# Headers sent in development too, so pages are built against the production policy.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# Content Security Policy (django-csp): scripts only from our own static files, never
# inline or eval'd; data reaches scripts through data-* attributes or json_script.
# Styles may be inline: templates colour dimensions and size progress bars with style="".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0 = use REMOTE_ADDR).
# Only count proxies you run; a client can write anything into the header itself.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

if not DEBUG:
    # The TLS-terminating proxy must overwrite this header; set it empty when there is none.
    _proxy_ssl_header = env_str("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO")
    SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Login lockout (django-axes): five wrong passwords for one username from one address
# lock that pair for 30 minutes; other users behind the same address are not affected.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "masterplan.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "masterplan.auth.lockout_response"
AXES_VERBOSE = False  # failed logins are in the audit log; keep command output clean

# --- Cache ----------------------------------------------------------------------------
# Shared by every web node and worker when Redis is named; per process otherwise. Sessions,
# presence and the login lockout live in the database and do not depend on it.
CACHE_URL = env_str("CACHE_URL") or env_str("REDIS_URL")
if CACHE_URL:
    if urlsplit(CACHE_URL).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured("CACHE_URL must be redis://…, rediss://… or unix://…")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # A cache that stopped answering must not hold a page for long.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Health and logs --------------------------------------------------------------------
# The load balancer probes /healthz and /readyz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# LOG_FORMAT=json: one JSON object per line (time, level, logger, message, request_id and,
# for the line each request ends with, method, path, status, duration_ms).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "masterplan.logging.RequestContextFilter"}},
    "formatters": {"json": {"()": "masterplan.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Every login would be logged twice (axes and the audit); keep axes' warnings only.
        "axes": {"level": "WARNING"},
        # One line per request; in text mode runserver or the proxy already writes those.
        "masterplan.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}
# The worker logs through the same configuration instead of Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
