"""Settings shared by every environment, with production-safe defaults.

Everything that differs between installations comes from the environment;
development.py and test.py only loosen what a laptop or a test run needs.
"""

import importlib.util
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .environment import env_bool, env_int, env_list, env_required, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("WERKSET_DATA_DIR") or Path.cwd() / "data")

ENVIRONMENT = "production"
DEBUG = False
SECRET_KEY = env_str("WERKSET_SECRET_KEY", "")  # production.py refuses to start without it
ALLOWED_HOSTS = env_list("WERKSET_ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("WERKSET_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "werkset.core.admin_apps.WerksetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "werkset.core",
    "werkset.accounts",
    "werkset.regions",
    "werkset.catalogue",
    "werkset.reports",
    "werkset.rounds",
    "werkset.outputs",
    "werkset.documents",
    "werkset.privacy",
    "werkset.comparison",
    "werkset.inventories",
    "werkset.improvement",
    "werkset.knowledge",
    "werkset.guidance",
    "werkset.notifications",
    "werkset.bench",
    "werkset.api",
    "werkset.register",
    "werkset.demo",
]

MIDDLEWARE = [
    "werkset.core.logs.RequestIdMiddleware",
    "werkset.api.middleware.ApiVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "werkset.core.middleware.HardeningMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "werkset.accounts.middleware.SecondStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "werkset.conf.urls"
WSGI_APPLICATION = "werkset.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "werkset.core.context_processors.environment",
                "werkset.notifications.context_processors.unread",
            ],
        },
    },
    {
        # Partials that a page repeats many times, in each app's jinja2/ folder (ADR 0015).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "werkset.core.jinja2env.environment",
            "extensions": ["jinja2.ext.i18n"],
            "auto_reload": DEBUG,
        },
    },
]


def database_from_environment(default_url: str) -> dict:
    url = env_str("DATABASE_URL") or default_url
    config = dj_database_url.parse(url, conn_max_age=env_int("WERKSET_DB_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
        name = config.get("NAME") or ""
        if name and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
    elif config["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "WERKSET_DB_PREPARED_STATEMENTS", True
    ):
        # Parameters bound by the server, and statements that a connection runs again
        # prepared once and planned once (ADR 0013). Off for a pooler in transaction mode
        # that does not keep prepared statements (PgBouncer before 1.21).
        config.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
    return dict(config)


DATABASES = {"default": database_from_environment(f"sqlite:///{DATA_DIR / 'werkset.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Argon2id first (accounts/hashers.py); PBKDF2 still reads the hashes stored before it.
PASSWORD_HASHERS = [
    "werkset.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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

# Sessions end after inactivity; every request renews them.
SESSION_COOKIE_AGE = env_int("WERKSET_SESSION_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("WERKSET_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("WERKSET_SECURE_COOKIES", True)
CSRF_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("WERKSET_STATIC_ROOT") or DATA_DIR / "static")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A cache shared by every app server (Redis) in production; this process's memory otherwise.
WERKSET_CACHE_URL = env_str("WERKSET_CACHE_URL", "")
if WERKSET_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": WERKSET_CACHE_URL,
            "KEY_PREFIX": "werkset",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Logs on standard error: JSON lines with the request id (core/logs.py) or plain text.
WERKSET_LOG_FORMAT = env_str("WERKSET_LOG_FORMAT", "plain")
if WERKSET_LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("WERKSET_LOG_FORMAT moet 'plain' of 'json' zijn.")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "werkset.core.logs.json_formatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": WERKSET_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("WERKSET_LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Optional error reporting (Sentry or GlitchTip), scrubbed of everything written
# (core/errors.py). Off without a DSN.
WERKSET_SENTRY_DSN = env_str("WERKSET_SENTRY_DSN", "")
if WERKSET_SENTRY_DSN:
    # inside: settings import app code (and sentry_sdk) only when error reporting is on
    from werkset import __version__
    from werkset.core.errors import error_reporting_init

    error_reporting_init(
        dsn=WERKSET_SENTRY_DSN,
        environment=ENVIRONMENT,
        release=__version__,
    )

# The catalogue files that `werkset catalog load` publishes, in order.
WERKSET_CATALOGUE_DIR = PACKAGE_DIR / "catalogue" / "data"
WERKSET_REGIONS_FILE = PACKAGE_DIR / "regions" / "data" / "regions.yaml"

# The API's full version: the API-Version header of every API response and the OpenAPI
# document's info.version (Dutch API Design Rules, API-57). The major version is in the URL.
WERKSET_API_VERSION = "1.0.0"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "werkset.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "werkset.api.pagination.LinkHeaderPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "werkset.api.exceptions.problem_exception_handler",
    # DRF's parsers, with werkset's JSON parser: Dutch refusals, no 500 for deep nesting.
    "DEFAULT_PARSER_CLASSES": [
        "werkset.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "werkset API",
    "DESCRIPTION": (
        "De API van werkset: de catalogus, de regio's en de rapportages van de Werkset "
        "Indicatoren Kwaliteit en Impact. Lezen binnen de eigen rol en reikwijdte; schrijven "
        "voor de rapporteur. Fouten volgen problem details (RFC 9457). Elk antwoord noemt de "
        "versie van de API in de header API-Version; lijsten komen in pagina's met "
        "Link-headers (RFC 8288). Paden eindigen nooit op een slash."
    ),
    "VERSION": WERKSET_API_VERSION,
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Paths relative to the server, which carries the major version (API-48, API-20).
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/api/v1", "description": "Deze installatie van werkset"}],
    "COMPONENT_SPLIT_REQUEST": True,
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "werkset.reports.models.ReportStatus.choices",
        "InventoryVerdictEnum": "werkset.inventories.toetsingskader.Verdict.choices",
        "CharacteristicVerdictEnum": "werkset.inventories.models.CharacteristicVerdict.choices",
        # The report's toetsingskader answer (api/assessment_serializers.py), named as before.
        "VerdictEnum": ["", "ja", "deels", "nee"],
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "werkset.api.schema.nullable_as_type_array",
        "werkset.api.schema.response_headers",
        "werkset.api.schema.problem_responses",
    ],
}

# A strict Content-Security-Policy: no inline scripts or styles, nothing from elsewhere.
# Two pages relax it narrowly (the print view's own stylesheet, the API docs' viewer).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Two-factor authentication (TOTP, with recovery codes): required for the national roles
# and for admin access, available to everyone (accounts/two_factor.py).
OTP_TOTP_ISSUER = env_str("WERKSET_TOTP_ISSUER", "werkset")
# How long an invitation's link works (days); a new invitation replaces an open one.
WERKSET_INVITATION_DAYS = env_int("WERKSET_INVITATION_DAYS", 7)
if not 1 <= WERKSET_INVITATION_DAYS <= 30:
    raise ImproperlyConfigured("WERKSET_INVITATION_DAYS moet tussen 1 en 30 liggen.")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Single sign-on with the organisation's identity provider (OpenID Connect), off by default.
# The endpoints come from the provider's discovery document (.well-known/openid-configuration):
# `werkset oidc discover` prints them once; the web process never fetches it itself.
WERKSET_OIDC_ENABLED = env_bool("WERKSET_OIDC_ENABLED", False)
WERKSET_OIDC_LABEL = env_str("WERKSET_OIDC_LABEL", "") or _("your organisation's account")
WERKSET_OIDC_USERNAME_CLAIM = env_str("WERKSET_OIDC_USERNAME_CLAIM", "preferred_username")
WERKSET_OIDC_ROLES_CLAIM = env_str("WERKSET_OIDC_ROLES_CLAIM", "werkset_roles")
# Which roles the provider may give; beheerder only when named here explicitly.
WERKSET_OIDC_ALLOWED_ROLES = env_list(
    "WERKSET_OIDC_ALLOWED_ROLES", ["rapporteur", "netwerklid", "landelijk"]
)
WERKSET_OIDC_CREATE_USERS = env_bool("WERKSET_OIDC_CREATE_USERS", True)
WERKSET_OIDC_DISCOVERY_URL = env_str("WERKSET_OIDC_DISCOVERY_URL", "") or ""
# Log-out at the provider too (RP-initiated logout), so its button does not log straight back in.
WERKSET_OIDC_END_SESSION_ENDPOINT = env_str("WERKSET_OIDC_END_SESSION_ENDPOINT", "") or ""
# A private CA's certificates (PEM file) for the provider's TLS; requests accepts the path.
WERKSET_OIDC_CA_BUNDLE = env_str("WERKSET_OIDC_CA_BUNDLE", "") or ""
if WERKSET_OIDC_CA_BUNDLE and not Path(WERKSET_OIDC_CA_BUNDLE).is_file():
    raise ImproperlyConfigured(
        f"WERKSET_OIDC_CA_BUNDLE={WERKSET_OIDC_CA_BUNDLE!r} bestaat niet of is geen bestand; "
        "geef het pad van een PEM-bestand met de certificaten van uw CA."
    )
OIDC_VERIFY_SSL: bool | str = WERKSET_OIDC_CA_BUNDLE or True
# Seconds to wait for the provider; a provider that hangs must not hold a web worker.
OIDC_TIMEOUT = env_int("WERKSET_OIDC_TIMEOUT", 10)
if WERKSET_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("werkset.accounts.oidc.WerksetOIDCBackend")
    OIDC_RP_CLIENT_ID = env_str("WERKSET_OIDC_CLIENT_ID", "")
    OIDC_RP_CLIENT_SECRET = env_str("WERKSET_OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = env_str("WERKSET_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("WERKSET_OIDC_SCOPES", "openid profile email")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("WERKSET_OIDC_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = env_str("WERKSET_OIDC_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = env_str("WERKSET_OIDC_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = env_str("WERKSET_OIDC_JWKS_ENDPOINT", "")
    _oidc_missing = [
        name
        for name, value in {
            "WERKSET_OIDC_CLIENT_ID": OIDC_RP_CLIENT_ID,
            "WERKSET_OIDC_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
            "WERKSET_OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
            "WERKSET_OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
            "WERKSET_OIDC_USER_ENDPOINT": OIDC_OP_USER_ENDPOINT,
            "WERKSET_OIDC_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
        }.items()
        if not value
    ]
    if _oidc_missing:
        raise ImproperlyConfigured(
            "WERKSET_OIDC_ENABLED staat aan, maar deze omgevingsvariabelen ontbreken: "
            + ", ".join(_oidc_missing)
            + ". `werkset oidc discover URL` toont ze uit het discovery-document van de provider."
        )
    OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
    # The id token is the hint for logging out at the provider (WERKSET_OIDC_END_SESSION_ENDPOINT).
    OIDC_STORE_ID_TOKEN = True

# Who runs this installation: named in the accessibility statement, with an address for
# feedback; security.txt names where to report a vulnerability (absent when not set).
WERKSET_OPERATOR_NAME = env_str("WERKSET_OPERATOR_NAME", "") or "De beheerder van werkset"
WERKSET_CONTACT_EMAIL = env_str("WERKSET_CONTACT_EMAIL", "")
WERKSET_SECURITY_CONTACT = env_str("WERKSET_SECURITY_CONTACT", "")
WERKSET_CONTACT_URL = env_str("WERKSET_CONTACT_URL", "")
# The OpenAPI document names the same contact (API-Design-Rules: info.contact); unset parts
# are left out rather than filled with a made-up address.
SPECTACULAR_SETTINGS["CONTACT"] = {
    key: value
    for key, value in (
        ("name", WERKSET_OPERATOR_NAME),
        ("url", WERKSET_CONTACT_URL),
        ("email", WERKSET_CONTACT_EMAIL),
    )
    if value
}

# Personal API tokens stop working after this many days (a new one is made on the token page).
WERKSET_API_TOKEN_DAYS = env_int("WERKSET_API_TOKEN_DAYS", 90)
if not 1 <= WERKSET_API_TOKEN_DAYS <= 366:
    raise ImproperlyConfigured("WERKSET_API_TOKEN_DAYS moet tussen 1 en 366 liggen.")

# How many reverse proxies stand in front of werkset and append to X-Forwarded-For; the
# log-in throttling counts the address the outermost of them saw (accounts/lockout.py).
WERKSET_PROXY_COUNT = env_int("WERKSET_PROXY_COUNT", 0)

# Log-in throttling: after 5 failures for a user name from one address, 15 minutes' pause.
AXES_FAILURE_LIMIT = env_int("WERKSET_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("WERKSET_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "werkset.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "werkset.accounts.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Work off the request (ADR 0016): documents are made by Celery workers, Redis the broker.
# Without a broker (the embedded default, `make run`) tasks run in the process that starts
# them, so nothing else has to run.
WERKSET_BROKER_URL = env_str("WERKSET_BROKER_URL", "")
CELERY_BROKER_URL = WERKSET_BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not WERKSET_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # a task's outcome is kept in the database, not in Redis
CELERY_TASK_DEFAULT_QUEUE = "werkset"
# A task is acknowledged when it is done, so a worker that dies loses nothing; it takes one
# message at a time, so a long PDF does not hold others back.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("WERKSET_TASK_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 30
# Redis hands an unacknowledged message out again after this; longer than any task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 4 * CELERY_TASK_TIME_LIMIT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must not hold a web request long: the document then stays queued.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs as LOGGING says (JSON lines)
# The periodic checks, for `celery -A werkset.conf.celery beat` (or cron: `werkset
# notifications check`): overdue improvement points are notified once a day (ADR 24).
CELERY_BEAT_SCHEDULE = {
    "notifications-check-overdue": {
        "task": "werkset.notifications.check_overdue",
        "schedule": 24 * 60 * 60,
    },
    # Only each report's newest content change is its stamp (ADR 33); the rest may go.
    "reports-content-changes-prune": {
        "task": "werkset.reports.content_changes_prune",
        "schedule": 24 * 60 * 60,
    },
}
# Documents live in the default file storage; several app servers and workers share it.
MEDIA_ROOT = Path(env_str("WERKSET_MEDIA_ROOT") or DATA_DIR / "media")
# The default storage (made documents, images of practice items): the file system under
# MEDIA_ROOT, or an S3-compatible object store that several app servers share
# (WERKSET_STORAGE=s3). Files are served through views that check who may see them, never
# from a public URL; the object store's bucket stays private (signed URLs are not used).
# The S3 backend is django-storages (with boto3): install it to use this option.
WERKSET_STORAGE = env_str("WERKSET_STORAGE", "filesystem") or "filesystem"
if WERKSET_STORAGE == "s3":
    if importlib.util.find_spec("storages") is None or importlib.util.find_spec("boto3") is None:
        raise ImproperlyConfigured(
            "WERKSET_STORAGE=s3 vraagt om django-storages met boto3 "
            "(pip install 'django-storages[s3]'); die is niet geïnstalleerd."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_required(
                "WERKSET_S3_BUCKET", "Geef de bucket waarin werkset zijn bestanden bewaart."
            ),
            "endpoint_url": env_str("WERKSET_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("WERKSET_S3_REGION", "") or None,
            "access_key": env_str("WERKSET_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("WERKSET_S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("WERKSET_S3_PREFIX", "") or "",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif WERKSET_STORAGE != "filesystem":
    raise ImproperlyConfigured(
        f"WERKSET_STORAGE={WERKSET_STORAGE!r} is onbekend: kies filesystem of s3."
    )
# A document or large workbook import still queued after this many seconds: the page says
# it waits for processing and hands it to the queue again (core/jobs.py job_waiting).
WERKSET_DOCUMENT_WAIT_SECONDS = env_int("WERKSET_DOCUMENT_WAIT_SECONDS", 30)

# Uploads (issue 17, finding 4): a workbook larger than this, or one that unpacks to more,
# is refused before it is parsed; a JSON archive larger than WERKSET_ARCHIVE_MAX_MB before
# json.loads (outputs/upload_limits.py). Larger request bodies go to a temporary file, not
# memory (FILE_UPLOAD_MAX_MEMORY_SIZE); the reverse proxy should refuse bodies far larger.
WERKSET_UPLOAD_MAX_MB = env_int("WERKSET_UPLOAD_MAX_MB", 5)
WERKSET_UPLOAD_MAX_UNZIPPED_MB = env_int("WERKSET_UPLOAD_MAX_UNZIPPED_MB", 50)
WERKSET_ARCHIVE_MAX_MB = env_int("WERKSET_ARCHIVE_MAX_MB", 20)
if not 1 <= WERKSET_UPLOAD_MAX_MB <= WERKSET_UPLOAD_MAX_UNZIPPED_MB <= 1024:
    raise ImproperlyConfigured(
        "WERKSET_UPLOAD_MAX_MB moet minstens 1 zijn, en WERKSET_UPLOAD_MAX_UNZIPPED_MB minstens "
        "zo groot en hoogstens 1024."
    )
if not 1 <= WERKSET_ARCHIVE_MAX_MB <= 1024:
    raise ImproperlyConfigured("WERKSET_ARCHIVE_MAX_MB moet tussen 1 en 1024 liggen.")
# A workbook larger than this is read by a worker in the background queue, with a status
# page, instead of in the web request (outputs/queued_import.py); smaller ones at once.
WERKSET_IMPORT_QUEUE_FROM_KB = env_int("WERKSET_IMPORT_QUEUE_FROM_KB", 1024)
if WERKSET_IMPORT_QUEUE_FROM_KB < 0:
    raise ImproperlyConfigured("WERKSET_IMPORT_QUEUE_FROM_KB mag niet negatief zijn.")

# E-mail (invitations, password reset, notifications; core/mail.py): sent after the commit by
# the task queue through SMTP. `console` writes mails to the log's terminal, `file` into a
# folder (WERKSET_EMAIL_FILE_PATH): for development, where nothing may leave the machine.
WERKSET_EMAIL_BACKEND = env_str("WERKSET_EMAIL_BACKEND", "smtp") or "smtp"
EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
if WERKSET_EMAIL_BACKEND not in EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"WERKSET_EMAIL_BACKEND={WERKSET_EMAIL_BACKEND!r} is onbekend: kies smtp, console of file."
    )
EMAIL_BACKEND = EMAIL_BACKENDS[WERKSET_EMAIL_BACKEND]
EMAIL_HOST = env_str("WERKSET_EMAIL_HOST", "localhost") or "localhost"
EMAIL_PORT = env_int("WERKSET_EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("WERKSET_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("WERKSET_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Kies WERKSET_EMAIL_USE_TLS (STARTTLS, meestal poort 587) of WERKSET_EMAIL_USE_SSL "
        "(TLS vanaf het begin, meestal poort 465), niet allebei."
    )
EMAIL_HOST_USER = env_str("WERKSET_EMAIL_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("WERKSET_EMAIL_PASSWORD", "") or ""
EMAIL_TIMEOUT = env_int("WERKSET_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("WERKSET_EMAIL_FROM", "") or "werkset <werkset@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[werkset] "
EMAIL_FILE_PATH = Path(env_str("WERKSET_EMAIL_FILE_PATH") or DATA_DIR / "mail")
# The address in links that mails carry (https://werkset.example.nl); empty: the address of
# the request that sends the mail.
WERKSET_BASE_URL = env_str("WERKSET_BASE_URL", "") or ""
