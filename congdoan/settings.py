"""Settings for the federation's website, read from the environment.

Every variable is listed in `.env.example` and in the README. Nothing here has a
production secret default: without DEBUG, SECRET_KEY must be set.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY, or DEBUG=1 for local development."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

# Every host of the federation table is served (congdoan.tenancy.FederationMiddleware answers
# any other host 400 before anything runs, so Django's own host check is left to it);
# ALLOWED_HOSTS names the extra hosts that serve the default federation, DEFAULT_FEDERATION
# (a federation's code) which one that is: the oldest active federation when unset.
ALLOWED_HOSTS = ["*", *env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")]
DEFAULT_FEDERATION = os.environ.get("DEFAULT_FEDERATION", "").strip()
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "congdoan.apps.FederationAdminConfig",  # django.contrib.admin, scoped to the federation
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "ckeditor",
    "ckeditor_uploader",
    "reversion",
    "concurrency",
    "captcha",
    "congdoan",
    "news",
    "banners",
    "campaigns",
    "contests",
    "documents",
    "legal",
    "about",
    "schedule",
    "albums",
    "videos",
]

MIDDLEWARE = [
    # Outermost: a read that met a dropped database connection runs once more (congdoan.resilience).
    "congdoan.resilience.RetryReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Then the federation of the host: an unknown host is answered 400 before anything else.
    "congdoan.tenancy.FederationMiddleware",
    "congdoan.middleware.PermissionsPolicyMiddleware",
    "congdoan.middleware.ContentSecurityPolicyMiddleware",
    # Before sessions and auth: a cached page is served without touching either.
    "congdoan.caching.pages.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "congdoan.urls"
WSGI_APPLICATION = "congdoan.wsgi.application"

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
                "congdoan.context_processors.site",
                "news.context_processors.menu",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# Default: a SQLite file (WAL mode, busy timeout, see congdoan/apps.py); production:
# DATABASE_URL=postgres://user:pass@host:5432/name.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Wait instead of failing with "database is locked" when two editors save at once.
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# Redis answers in well under a millisecond on a LAN: a call that takes longer than these is a
# Redis in trouble, and the site goes on without the cache (congdoan.caching.backends).
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25"))
# After a failed cache call, how long every call skips the cache before trying it again.
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "congdoan.caching.backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "congdoan"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    # One local-memory cache per worker; the content version lives in CONTENT_VERSION_FILE,
    # which every worker of the machine reads, so an edit saved by one is seen by all.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "congdoan",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
CONTENT_VERSION_FILE = os.environ.get("CONTENT_VERSION_FILE") or str(BASE_DIR / "var" / "content-version")

# What is cached and for how long: the table at the top of congdoan/caching/__init__.py.
# Full-page cache for readers without a session (congdoan.caching.pages).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# What browsers, nginx's micro-cache and CDNs may keep without asking again.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# A page larger than this is not stored (the home page is about 100 KB).
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(512 * 1024)))
# Pieces of public pages (home blocks, an article's main column, the menu) cached
# until the content changes; they make a page-cache miss (a new ?page=, a search) cheap.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "600"))
# Items of those pieces (news cards), keyed by every value they show, so never stale: kept
# longer, and an edit re-renders only the pieces around them (congdoan.caching.pieces).
ITEM_CACHE_SECONDS = int(os.environ.get("ITEM_CACHE_SECONDS", "86400"))
# Article views are added up and written in one UPDATE at most this often (news.view_counts).
VIEW_COUNT_FLUSH_SECONDS = int(os.environ.get("VIEW_COUNT_FLUSH_SECONDS", "10"))
VIEW_COUNT_FLUSH_AFTER = int(os.environ.get("VIEW_COUNT_FLUSH_AFTER", "100"))
# One reader (client address) adds at most one view to an article per window (news.view_counts).
VIEW_COUNT_WINDOW_SECONDS = int(os.environ.get("VIEW_COUNT_WINDOW_SECONDS", "1800"))

# --- Banners and contests -----------------------------------------------------
# How long each header slide shows before the next one (banners.display).
BANNERS_SLIDE_INTERVAL_MS = int(os.environ.get("BANNERS_SLIDE_INTERVAL_MS", "6000"))
# An answer saved this long after an attempt's deadline still counts: network latency, slow phones.
CONTEST_ANSWER_GRACE_SECONDS = int(os.environ.get("CONTEST_ANSWER_GRACE_SECONDS", "30"))
# How old a contest's live counts (registered, attempts) may be when shown (contests.results).
CONTEST_COUNTS_SECONDS = int(os.environ.get("CONTEST_COUNTS_SECONDS", "30"))

# --- Legal Q&A (legal/limits.py says why these numbers) ---------------------
# A question post faster than this after the form was opened is a script: it gets the challenge.
LEGAL_MIN_FILL_SECONDS = int(os.environ.get("LEGAL_MIN_FILL_SECONDS", "5"))
# Past these a challenge is asked (five times these: refused with 429).
LEGAL_QUESTIONS_PER_ADDRESS_HOUR = int(os.environ.get("LEGAL_QUESTIONS_PER_ADDRESS_HOUR", "20"))
LEGAL_QUESTIONS_PER_CONTACT_DAY = int(os.environ.get("LEGAL_QUESTIONS_PER_CONTACT_DAY", "3"))
# The office's figures list open questions older than this.
LEGAL_OVERDUE_DAYS = int(os.environ.get("LEGAL_OVERDUE_DAYS", "7"))
# Askers' contact details are erased this many (30-day) months after the answer or refusal
# (`manage.py erase_legal_contacts`, from cron daily).
LEGAL_CONTACT_RETENTION_MONTHS = int(os.environ.get("LEGAL_CONTACT_RETENTION_MONTHS", "24"))

# --- Mail ---------------------------------------------------------------------
# SMTP when EMAIL_HOST is set; otherwise messages are written to the console log.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
if EMAIL_USE_SSL:
    EMAIL_USE_TLS = False  # Django refuses both at once: implicit TLS (port 465) wins
EMAIL_TIMEOUT = 10  # seconds: a slow mail server must not hold a member's request for long
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")

# --- Auth ---------------------------------------------------------------------
# Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): memory-hard, yet
# about 30 ms a hash instead of PBKDF2's 0.4 s, so a contest's registration wave (hundreds of
# new accounts a minute) does not starve answer saves of CPU. Older PBKDF2 hashes still work
# and are upgraded at the next login. One hasher per algorithm name: Django keeps the last one
# listed for a name, so its own Argon2PasswordHasher here would judge every "argon2" hash by its
# heavier defaults and rehash it at every login (the project's hasher verifies those hashes too).
PASSWORD_HASHERS = [
    "congdoan.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Staff permissions are those of their role in the federation being administered.
    "congdoan.tenancy.FederationRoleBackend",
]
# django-axes: after 5 failed logins for one account from one address, lock for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_VERBOSE = False
# Contestants' logins and registrations, counted in the cache (contests/limits.py says why
# these numbers): a phone is locked after 5 wrong passwords; an address after 30 wrong
# passwords that no correct one redeemed, within 15 minutes; an address may register 60
# contestants a minute and 600 an hour (a union office behind one NAT stays far below).
CONTEST_LOGIN_FAILURES_PER_PHONE = int(os.environ.get("CONTEST_LOGIN_FAILURES_PER_PHONE", "5"))
CONTEST_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("CONTEST_LOGIN_FAILURES_PER_ADDRESS", "30"))
CONTEST_LOGIN_WINDOW_SECONDS = int(os.environ.get("CONTEST_LOGIN_WINDOW_SECONDS", "900"))
CONTEST_REGISTRATIONS_PER_MINUTE = int(os.environ.get("CONTEST_REGISTRATIONS_PER_MINUTE", "60"))
CONTEST_REGISTRATIONS_PER_HOUR = int(os.environ.get("CONTEST_REGISTRATIONS_PER_HOUR", "600"))
# Behind nginx, the reader's address is the one the proxy appended to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "congdoan.security.client_ip"

# --- Language, time, formats --------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Our catalogue comes first: it fills the strings Django's, django-reversion's and the
# uploader's catalogues leave in English (as an app's locale it would lose to theirs).
LOCALE_PATHS = [BASE_DIR / "congdoan" / "locale"]
USE_TZ = True
# Django's own `vi` formats lack input formats and number grouping; ours complete them.
FORMAT_MODULE_PATH = ["congdoan.formats"]
USE_THOUSAND_SEPARATOR = True

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# An absolute URL (e.g. https://media.congdoanbackan.vn/) serves uploads from their own host.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Hashed, compressed static files (after `collectstatic`) unless DEBUG; STATIC_HASHED=0 serves
# them straight from static/ (used by tests that start gunicorn without collectstatic).
STATIC_HASHED = env_bool("STATIC_HASHED", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "congdoan.static_files.HashedStaticStorage" if STATIC_HASHED else "congdoan.static_files.PlainStaticStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_HASHED
# Serve media through Django (and so through gunicorn) only when asked: `make run`
# does, production puts nginx or object storage in front (see README).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)

# Uploaded images: real JPEG/PNG/WebP/GIF only, at most 10 MB and 40 megapixels.
IMAGE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 40_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Rich text (django-ckeditor) ----------------------------------------------
CKEDITOR_BASEPATH = "/static/ckeditor/ckeditor/"
CKEDITOR_UPLOAD_PATH = "upload/images/"
# The browse window lists the federation's own folder (congdoan.uploads.browse sets it).
CKEDITOR_RESTRICT_BY_USER = "upload_folder"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_IMAGE_BACKEND = None
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "height": 420,
        "width": "100%",
        "toolbar": "news",
        "toolbar_news": [
            ["Format"],
            ["Bold", "Italic", "Underline", "-", "RemoveFormat"],
            ["NumberedList", "BulletedList", "-", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["PasteText", "PasteFromWord", "-", "Undo", "Redo"],
            ["Maximize", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        # image2 gives captioned images as <figure><img><figcaption>.
        "extraPlugins": "image2,uploadimage",
        "removePlugins": "image,exportpdf",
        "image2_captionedClass": "image-captioned",
        "pasteFromWordRemoveFontStyles": True,
        "disableNativeSpellChecker": False,
        # What the server keeps anyway (congdoan.sanitize); the editor shows the same.
        "allowedContent": (
            "p h2 h3 h4 strong em u b i s ul ol li blockquote hr br;"
            "a[!href,title];"
            "table thead tbody tfoot tr th td caption;"
            "figure(image-captioned); figcaption;"
            "img[!src,alt,width,height]"
        ),
    }
}
# ckeditor.W001 warns that the bundled CKEditor 4.22.1 is unsupported and has unfixed
# editor-side XSS issues. The owner chose it; it is made safe by: (1) every rich-text
# field is sanitised with an nh3 allowlist on save (congdoan.sanitize), so nothing the
# editor lets through reaches a page; (2) the upload/browse views are replaced by a
# hardened, staff-only, CSRF-protected, image-only uploader (congdoan.uploads);
# (3) public pages send a strict Content-Security-Policy.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# --- Security -----------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, read with one SQL statement (every logged-in request reads one).
SESSION_ENGINE = "congdoan.sessions"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
# Public pages: no inline script or style, nothing from other origins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if MEDIA_URL.startswith(("https://", "http://")):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append("/".join(MEDIA_URL.split("/")[:3]))
# No report-only policy beside it (django-csp reads this name).
CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# Admin and the editor's uploader: CKEditor 4 needs inline styles/scripts and same-origin frames.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"][1:]],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
