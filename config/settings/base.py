"""Settings shared by every environment; values come from the environment (DESIGN.md)."""
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "apps.accounts",
    "apps.startups",
    "apps.theses",
    "apps.scoring",
    "apps.memos",
    "apps.pipeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "apps.accounts.security.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "apps.accounts.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Web, worker and beat share the file: WAL plus IMMEDIATE transactions keep writers
    # from failing with "database is locked" (ENVIRONMENT.md, measured).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, Celery and cache ------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("redis"):
    # Longer than any task's time limit plus its retry delay, so Redis never hands a
    # running task to a second worker; a dead worker's tasks come back after it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
if REDIS_URL:
    CELERY_RESULT_BACKEND = REDIS_URL
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
if not CELERY_BROKER_URL:
    # Embedded default: kombu's file transport needs no server. Its folders sit beside
    # the SQLite file so a database and its queue come and go together.
    _db_name = Path(str(DATABASES["default"]["NAME"]))
    BROKER_DIR = _db_name.with_name(f"{_db_name.stem}-broker") if _db_name.is_absolute() else VAR_DIR / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
    CELERY_RESULT_BACKEND = f"file://{BROKER_DIR / 'results'}"
    for _folder in ("queue", "processed", "control", "results"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)

CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "UTC"
CELERY_TASK_TIME_LIMIT = 600
# Each app's sweep re-queues the jobs a dead worker left behind (rescoring; imports and
# exports; memo bundles) and fails, with a reason, those tried JOB_MAX_ATTEMPTS times.
CELERY_BEAT_SCHEDULE = {
    "scoring-sweep": {"task": "apps.scoring.tasks.sweep", "schedule": env.int("SCORING_SWEEP_SECONDS", default=60)},
    "startups-sweep": {"task": "apps.startups.tasks.sweep", "schedule": env.int("SCORING_SWEEP_SECONDS", default=60)},
    "memos-sweep": {"task": "apps.memos.tasks.sweep", "schedule": env.int("SCORING_SWEEP_SECONDS", default=60)},
}

# --- Auth -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "startups:list"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=7)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security ---------------------------------------------------------------------------
# How many reverse proxies (load balancer, nginx) stand in front of the app and append to
# X-Forwarded-For. 0: the header is ignored and the socket's address is the client's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Brute-force protection on every password login (django-axes): after LOGIN_FAILURE_LIMIT
# failures for one username from one address, that pair is locked for the cool-off.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "apps.accounts.security.client_ip"
AXES_LOCKOUT_CALLABLE = "apps.accounts.views.locked_out"
AXES_VERBOSE = False
# Calls per user per window, counted in the cache (Redis when REDIS_URL is set).
RATE_LIMITS = {
    "export": env("RATE_LIMIT_EXPORT", default="30/m"),
    "pdf": env("RATE_LIMIT_PDF", default="20/m"),
    "search": env("RATE_LIMIT_SEARCH", default="120/m"),
}
# Scripts only from this site (no inline script, no eval); style attributes are allowed for
# score bars and progress, style elements only from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Languages --------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("TIME_ZONE", default="Asia/Seoul")
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Mail -------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend" if env("EMAIL_HOST", default="") else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="dealscreen@localhost")

# --- API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header is what makes anonymous calls a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "apps.accounts.schema.AutoSchema",
    # The API speaks JSON only (DESIGN.md); forms and uploads are the browser's business.
    "DEFAULT_PARSER_CLASSES": ["apps.core.parsers.BoundedJSONParser"],
    # Clients choose JSON or PDF with the Accept header; no ?format= override.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_THROTTLE_CLASSES": ["apps.accounts.security.ScopeThrottle"],
    "EXCEPTION_HANDLER": "apps.accounts.api.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Deal screening API",
    "DESCRIPTION": "Startups, their thesis scorecards and background jobs (v1).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {
        "FundingStageEnum": "apps.startups.models.FundingStage",
        "PipelineStageEnum": "apps.startups.models.PipelineStage",
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "apps.accounts.schema.postprocess"],
}
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# --- Scoring ---------------------------------------------------------------------------------
SCORE_STALE_AFTER_DAYS = env.int("SCORE_STALE_AFTER_DAYS", default=30)
RESCORE_CHUNK_SIZE = env.int("RESCORE_CHUNK_SIZE", default=2000)
# Stage gates: what a startup needs before it may enter a pipeline stage. Each name is a
# check in apps/pipeline/gates.py; change the lists here, not the code.
STAGE_GATES = {
    "ic": ["layer_confirmed", "current_scorecard", "memo_draft"],
    "term_sheet": ["current_scorecard", "memo_draft"],
    "passed": ["reason"],
}

# The web server's timeout: gunicorn.conf.py reads the same variable, so a request that takes
# longer is killed by gunicorn. Time limits inside a request are derived from it.
WEB_TIMEOUT = env.int("WEB_TIMEOUT", default=30)
# A synchronous memo PDF render (download, export) is killed after this many seconds, well
# before the web server would kill the whole request (then the page answers 503, not a 500).
MEMO_RENDER_TIMEOUT = env.float("MEMO_RENDER_TIMEOUT", default=round(WEB_TIMEOUT * 2 / 3, 1))
if not 0 < MEMO_RENDER_TIMEOUT <= WEB_TIMEOUT - 5:
    raise ImproperlyConfigured(f"MEMO_RENDER_TIMEOUT ({MEMO_RENDER_TIMEOUT}) must stay at least 5 s below WEB_TIMEOUT ({WEB_TIMEOUT})")
# Each memo of a bundle (rendered by a worker) is given up after this many seconds.
MEMO_WORKER_RENDER_TIMEOUT = env.float("MEMO_WORKER_RENDER_TIMEOUT", default=60)
# A queued chunk or startup older than this is taken for lost (its worker died) and re-queued.
RESCORE_STUCK_AFTER_SECONDS = env.int("RESCORE_STUCK_AFTER_SECONDS", default=900)
# An import, export or memo bundle whose worker has not reported for this long is taken for
# lost and re-queued, up to JOB_MAX_ATTEMPTS times in all; then it fails and says why. Longer
# than any of their tasks' hard time limits (660 s), so a slow job is never run twice at once.
JOB_STUCK_AFTER_SECONDS = env.int("JOB_STUCK_AFTER_SECONDS", default=900)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
# An export (CSV or Excel) of more rows than this is written by a worker, and its page offers
# the download when done; smaller ones are answered in the request (CSV streamed).
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=10_000)
# Bodies of API calls: JSON nested deeper than this is a 400 (DRF's parser recurses).
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=32)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # The security log (logins, denials, exports, PDFs) as JSON lines on stderr, or in
        # SECURITY_LOG_FILE for a collector to ship.
        "security": (
            {"class": "logging.handlers.WatchedFileHandler", "filename": env("SECURITY_LOG_FILE"), "formatter": "plain"}
            if env("SECURITY_LOG_FILE", default="")
            else {"class": "logging.StreamHandler", "formatter": "plain"}
        ),
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # WeasyPrint narrates every render step at INFO; axes repeats what the security log says.
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "axes")},
    },
}
