"""One settings module for every environment: each difference is an environment variable.

With nothing set you get the embedded demo: SQLite, in-process Celery tasks, local-memory cache
and e-mail printed to the console. `.env.example` lists every variable read here.
"""

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    # environ.Env.bool() reads any unknown word as False; a typo must not silently turn DEBUG off.
    raw = env.str(name, default="").strip().lower()
    if raw == "":
        return default
    if raw not in TRUE | FALSE:
        raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")
    return raw in TRUE


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = env.str(name, default="").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


DEV_SECRET_KEY = "dev-only-not-secret"  # accepted only while DEBUG is on
DEBUG = env_bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY in (DEV_SECRET_KEY, ""):
    # Empty (as .env.example ships it) started, then answered every request with a 500.
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The address people click in invitation e-mails and the admin's "open link" column.
SITE_URL = env.str("CXASSESS_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "questionnaire",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cxassess.middleware.PrivatePageReferrerMiddleware",  # inside Security, whose policy defers
    # Near the top, so that responses made below it (redirects to the slashed address, static
    # files, the 413 for an oversized body) are marked too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cxassess.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and JSON, compressed (static files come compressed from WhiteNoise above): a large
    # round's comments page and dashboard JSON were 0.9-2.7 MB, about a third of that gzipped.
    # Django pads each compressed response with random bytes against BREACH (CSRF tokens).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cxassess.middleware.RequestBodyMiddleware",  # before anything reads the body: CSRF does
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cxassess.middleware.DatabaseUnavailableMiddleware",
    "cxassess.middleware.MethodNotAllowedPageMiddleware",  # in the visitor's language, user known
]

ROOT_URLCONF = "cxassess.urls"
WSGI_APPLICATION = "cxassess.wsgi.application"

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

# "" means the embedded SQLite file; otherwise e.g. postgres://user:pass@host:5432/name.
DATABASE_URL = env.str("DATABASE_URL", default="")
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    # An unknown scheme: django-environ warned, then Django failed with KeyError: 'ENGINE'.
    if "." not in DATABASES["default"].get("ENGINE", ""):
        raise ImproperlyConfigured(
            "DATABASE_URL must look like postgres://user:password@host:5432/name or"
            f" sqlite:////path/to/file.sqlite3, not {DATABASE_URL.split('://')[0]!r}…"
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(env.str("CXASSESS_SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3"))),
            # Wait for a concurrent writer instead of failing at once with "database is locked".
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Give up rather than hold a gunicorn worker until it is killed: a PostgreSQL that does not
    # accept connections, or a table another session keeps locked (a migration, an admin's
    # transaction), blocked every worker, and even the health check's page, for as long as it
    # lasted. The request gets the 503 page instead (cxassess.middleware).
    # DATABASE_LOCK_TIMEOUT=0 leaves it out: PgBouncer in transaction mode refuses the startup
    # parameter unless told to ignore it (ignore_startup_parameters = options).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", 5)
    # A server that vanishes mid-request (a network partition, its host frozen) left a query
    # waiting for a reply until gunicorn killed the worker, 60 s later and with no page at all:
    # unacknowledged data now ends the connection after 15 s, and keepalives find an idle one
    # dead, so the request gets the 503 page. A server process that is stopped while its host
    # runs on still acknowledges: only gunicorn's timeout ends that wait.
    options.setdefault("tcp_user_timeout", 15_000)  # ms
    options.setdefault("keepalives", 1)
    options.setdefault("keepalives_idle", 30)
    options.setdefault("keepalives_interval", 5)
    options.setdefault("keepalives_count", 3)
    if lock_timeout := env_int("DATABASE_LOCK_TIMEOUT", 10):
        options["options"] = f"{options.get('options', '')} -c lock_timeout={lock_timeout}s".strip()
DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("DATABASE_CONN_MAX_AGE", 0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a restarted PostgreSQL is reconnected to
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Answer's covering index (questionnaire.Answer.Meta.indexes) has included columns, which only
# PostgreSQL keeps; SQLite builds it as a plain index on the same key, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

REDIS_URL = env.str("REDIS_URL", default="")
# Without a scheme redis-py refuses it on first use: every login and answer sent was a 500.
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"REDIS_URL must start with redis://, rediss:// or unix://, not {REDIS_URL!r}"
    )
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cxassess.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A dead or unreachable Redis must cost a request seconds, not a hung worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _kombu_address(url: str) -> str:
    """Celery's name for a Redis socket: redis+socket://, where redis-py says unix:// (with a
    socket for REDIS_URL, every job failed with "No such transport: unix", answers still saved)."""
    if not url.startswith("unix://"):
        return url
    parts = urlsplit(url)
    query = urlencode([("virtual_host" if k == "db" else k, v) for k, v in parse_qsl(parts.query)])
    return f"redis+socket://{parts.path}" + (f"?{query}" if query else "")


# Celery reads only these CELERY_* settings (cxassess/celery.py). No broker means in-process tasks.
CELERY_BROKER_URL = _kombu_address(env.str("CELERY_BROKER_URL", default=REDIS_URL))
if CELERY_BROKER_URL and "://" not in CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL must be an address such as redis://host:6379/1, "
        f"not {CELERY_BROKER_URL!r}"
    )
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"  # never try to reach localhost by accident
CELERY_RESULT_BACKEND = None  # tasks record their outcome in our own tables
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message for another worker
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A submission must not wait on a dead broker: give up publishing quickly (the sweep repairs it).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "socket_connect_timeout": 2,
    # And a broker that accepted the connection but stopped answering: without it a publish from
    # a request (the snapshot refresh after an answer) waited until gunicorn killed the worker,
    # and a saved answer ended in a 500 after 30 s. Longer than the worker's 1 s BRPOP.
    "socket_timeout": 2,
    # A message a dead worker took is handed to another worker after this many seconds; it must
    # exceed the longest countdown we use (snapshot refresh: 30 s) and the longest task (5 min).
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 60 * 60, minimum=1),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TIMEZONE = "UTC"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if "." not in EMAIL_BACKEND:
    # "smtp" passed every check, and the admin heard its invitations were on their way while
    # each worker failed with "smtp doesn't look like a module path" (cxassess.E001 checks more).
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be a class's dotted path, such as"
        f" django.core.mail.backends.smtp.EmailBackend, not {EMAIL_BACKEND!r}"
    )
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)  # TLS from the start, port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    # Django refuses the pair only when a worker connects: every batch, and every sweep, failed.
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)  # a silent server must not hang a worker
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))  # "filebased"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cxassess <noreply@localhost>")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:campaign_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ro", _("Romanian")),
    ("it", _("Italian")),
    ("zh-hans", _("Simplified Chinese")),
]
# locale/ holds cxassess's own strings (makemessages writes there). cxassess/django_locale fills
# in Django's admin, login and form strings that Django's Romanian, Italian and Chinese catalogues
# leave in English. makemessages leaves it alone (it is not named "locale"), so nothing there is
# ever marked obsolete.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "cxassess" / "django_locale"]
# Italian and Romanian dates as those languages write them (see cxassess/month_names.py too).
FORMAT_MODULE_PATH = ["cxassess.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Form bodies larger than this are refused with 400 before any view runs (a full answer form is
# ~3 KB). Uploaded files do not count here; RequestBodyMiddleware caps every request at 3 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200


# Per-IP POST limits ("count/period", period s, m, h or d; "" turns a limit off), counted in the
# default cache. The load test raises CXASSESS_RATELIMIT_SUBMIT: its clients share one address.
def env_rate(name: str, default: str) -> str:
    raw = env.str(name, default=default).strip()
    if raw and not re.fullmatch(r"\d+/\d*[smhd]", raw):
        raise ImproperlyConfigured(f"{name} must look like 30/m, not {raw!r}")
    return raw


CXASSESS_RATELIMIT_LOGIN = env_rate("CXASSESS_RATELIMIT_LOGIN", "10/m")
CXASSESS_RATELIMIT_SUBMIT = env_rate("CXASSESS_RATELIMIT_SUBMIT", "30/m")
CXASSESS_RATELIMIT_EXPORT = env_rate("CXASSESS_RATELIMIT_EXPORT", "10/m")  # PDF requests per user
# A count the cache cannot give (its key expired or flushed between django-ratelimit's add and
# incr, as in a Redis restart or failover) lets the request through, as an unreachable cache
# does (cxassess/ratelimit.py); by default it refused a lawful respondent with 429.
RATELIMIT_FAIL_OPEN = True
# Behind a reverse proxy: the header it appends the client's address to, e.g. X-Forwarded-For.
CXASSESS_CLIENT_IP_HEADER = env.str("CXASSESS_CLIENT_IP_HEADER", default="")

# bench/run only: mounts bench/bare_view.py, the baseline the submission benchmark compares with.
CXASSESS_BENCH_BARE_VIEW = env_bool("CXASSESS_BENCH_BARE_VIEW", default=False)

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts only from our own files, never inline. Styles: our files, plus the style="width: …"
# attributes that draw the score bars; <style> elements only from our files where the browser
# knows style-src-elem (older ones fall back to style-src). data: images are Bootstrap's icons.
CXASSESS_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "style-src-elem 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
if LOG_LEVEL not in LOG_LEVELS:  # logging's own refusal is a traceback ending in "logger 'django'"
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)} (any case), not {LOG_LEVEL.lower()!r}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No log line holds an invitation token or a result key (cxassess/log_redaction.py).
    "filters": {
        "private_links": {"()": "cxassess.log_redaction.PrivateLinksRedacted"},
        "client_errors": {"()": "cxassess.log_redaction.ClientErrorsOnOneLine"},
    },
    "formatters": {
        # When, how bad and from where: a bare "Redis is not answering" said none of it.
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["private_links", "client_errors"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["private_links"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers would print these unfiltered: "Bad Request: /i/<token>/".
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # At DEBUG it logs every variable a template could not resolve with the whole context
        # beside it: a leader's dashboard wrote every shown comment, verbatim, into the log.
        "django.template": {"level": "INFO"},
        # With DEBUG on, at DEBUG it logs every query with its values: an invitation marked
        # used, then its response, result key and comments, one line after the other.
        "django.db.backends": {"level": "INFO"},
        "weasyprint.progress": {"level": "WARNING"},  # one line per layout step otherwise
    },
}
if CELERY_TASK_ALWAYS_EAGER:
    # Tasks run in the request (the demo): no "Task … succeeded" line after every answer, and
    # not kombu's "No hostname was supplied" about the in-memory broker that is never used.
    LOGGING["loggers"] |= {
        "celery.app.trace": {"level": "WARNING"},
        "kombu.connection": {"level": "ERROR"},
    }
