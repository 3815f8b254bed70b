"""Settings, all from the environment.

Defaults give the embedded SQLite demo; production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS
and DATABASE_URL (PostgreSQL), and then `perhekeskus check --deploy` reports nothing.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The data directory holds the embedded SQLite database and collected static files; it is
# outside the package so that an installed app never writes into site-packages.
DATA_DIR = Path(os.environ.get("PERHEKESKUS_DATA_DIR", Path.cwd() / "var")).resolve()

# Without SECRET_KEY, management commands and tests run on a public development key. Its
# "django-insecure-" prefix makes `check --deploy` flag it (security.W009), and a web server
# started through perhekeskus.gunicorn_conf (PERHEKESKUS_REQUIRE_SECRET_KEY) refuses to start.
_INSECURE_DEV_KEY = "django-insecure-development-key-for-tests-and-the-demo-only"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("PERHEKESKUS_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    SECRET_KEY = _INSECURE_DEV_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "perhekeskus.network",
    "perhekeskus.search",
    "perhekeskus.families",
    "perhekeskus.programme",
    "perhekeskus.guidance",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "perhekeskus.staff",
    "perhekeskus.inbox",
    "perhekeskus.questions",
    "perhekeskus.contacts",
    "perhekeskus.feedback",
    "perhekeskus.audit",
    "perhekeskus.clients",
    "perhekeskus.consent",
    "perhekeskus.referrals",
    "perhekeskus.processes",
    "perhekeskus.meetings",
    "perhekeskus.workspace",
    "perhekeskus.family_portal",
    "perhekeskus.evaluation",
    "perhekeskus.planning",
    "perhekeskus.ptv",
    "perhekeskus.screenings",
    "perhekeskus.parenting",
    "perhekeskus.methods",
    "perhekeskus.cooperation",
    "perhekeskus.backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "perhekeskus.staff.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "perhekeskus.middleware.ApiJsonErrorsMiddleware",
]

ROOT_URLCONF = "perhekeskus.urls"
WSGI_APPLICATION = "perhekeskus.wsgi.application"

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
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'perhekeskus.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; the embedded default serves several
    # gunicorn workers from one file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "sv", "en")}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Swedish dates as written in Finland (3.10.2026).
FORMAT_MODULE_PATH = ["perhekeskus.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env_bool("PERHEKESKUS_MANIFEST_STATIC", True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Security: secure by default; the embedded demo on http://127.0.0.1 turns HTTPS off with
# PERHEKESKUS_HTTPS=false (set by `make run`).
HTTPS = env_bool("PERHEKESKUS_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Anonymous questions' codes never reach a log line, whichever logger writes it.
    "filters": {"redact_codes": {"()": "perhekeskus.questions.logging.RedactCodes"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_codes"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and its font library narrate every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Perhekeskus' own settings.
PERHEKESKUS: dict[str, Any] = {
    # Services not verified within this many days are listed as needing verification.
    "VERIFICATION_MAX_AGE_DAYS": int(os.environ.get("PERHEKESKUS_VERIFICATION_DAYS", "365")),
    "API_PAGE_SIZE_MAX": 500,
    # Map tiles for the family channel's maps, e.g. https://tile.example.fi/{z}/{x}/{y}.png;
    # with none, maps show markers on a plain background and the lists are complete.
    "MAP_TILE_URL": os.environ.get("PERHEKESKUS_MAP_TILE_URL", ""),
    "MAP_TILE_ATTRIBUTION": os.environ.get("PERHEKESKUS_MAP_TILE_ATTRIBUTION", ""),
    # How often each process asks the database whether its search index is stale (seconds).
    "SEARCH_REFRESH_SECONDS": float(os.environ.get("PERHEKESKUS_SEARCH_REFRESH_SECONDS", "2")),
}


# --- The family channel's messages and the professionals' inbox ---------------------------------
# Working days to respond to a question or a contact request before it is overdue.
PERHEKESKUS_RESPONSE_WORKING_DAYS = int(os.environ.get("PERHEKESKUS_RESPONSE_WORKING_DAYS", "2"))
# Anonymous questions and their answers are deleted this many days after the last message
# (`perhekeskus purge`, scheduled by the operator).
PERHEKESKUS_QUESTION_RETENTION_DAYS = int(
    os.environ.get("PERHEKESKUS_QUESTION_RETENTION_DAYS", "90")
)
# A closed contact request's personal data (name, phone, e-mail, text) is erased this many days
# after closing.
PERHEKESKUS_CONTACT_RETENTION_DAYS = int(os.environ.get("PERHEKESKUS_CONTACT_RETENTION_DAYS", "30"))
# Parenting plans nobody saved to their login: deleted this many days after the last change.
PERHEKESKUS_PARENTING_RETENTION_DAYS = int(
    os.environ.get("PERHEKESKUS_PARENTING_RETENTION_DAYS", "90")
)
# Key of the anonymous questions' code digests; defaults to SECRET_KEY (rotating it makes the
# codes given so far unusable).
PERHEKESKUS_CODE_KEY = os.environ.get("PERHEKESKUS_CODE_KEY", "")
# Public forms: shortest plausible time to fill one, and site-wide submissions per minute.
PERHEKESKUS_FORM_MIN_SECONDS = float(os.environ.get("PERHEKESKUS_FORM_MIN_SECONDS", "3"))
PERHEKESKUS_PUBLIC_FORM_LIMIT_PER_MINUTE = int(
    os.environ.get("PERHEKESKUS_PUBLIC_FORM_LIMIT_PER_MINUTE", "120")
)
# Professionals' sessions end after this many idle minutes, and at the latest after 10 hours.
PERHEKESKUS_STAFF_IDLE_MINUTES = int(os.environ.get("PERHEKESKUS_STAFF_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(10 * 3600)))
OTP_TOTP_ISSUER = "Perhekeskus"
# Passkeys (django-otp-webauthn), a second factor after the password (never instead of it). A
# passkey is bound to the relying party ID, the site's domain (e.g. perhekeskus.example.fi):
# changing it makes every registered passkey unusable. Production sets the ID and the origins
# (https://perhekeskus.example.fi); unset, both are the request's own host, which ALLOWED_HOSTS
# has vetted (the demo on http://127.0.0.1:8000, the tests).
PERHEKESKUS_PASSKEY_RP_ID = os.environ.get("PERHEKESKUS_PASSKEY_RP_ID", "")
PERHEKESKUS_PASSKEY_ORIGINS = env_list("PERHEKESKUS_PASSKEY_ORIGINS", "")
OTP_WEBAUTHN_RP_ID_CALLABLE = "perhekeskus.staff.relying_party.rp_id"
OTP_WEBAUTHN_RP_NAME = os.environ.get("PERHEKESKUS_PASSKEY_RP_NAME", "Perhekeskus")
# (The app's own check wants a list here; `PasskeyHelper` reads PERHEKESKUS_PASSKEY_ORIGINS.)
OTP_WEBAUTHN_ALLOWED_ORIGINS = PERHEKESKUS_PASSKEY_ORIGINS or ["http://localhost"]
OTP_WEBAUTHN_HELPER_CLASS = "perhekeskus.staff.passkeys.PasskeyHelper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False


# --- Client data: personal identity codes (henkilötunnus) ----------------------------------------
# Fernet keys, comma-separated, that encrypt the codes at rest: the first encrypts, all decrypt.
# To rotate, put a new key first, re-encrypt the stored codes, then drop the old key.
PERHEKESKUS_IDENTITY_KEYS = env_list("PERHEKESKUS_IDENTITY_KEYS", "")
# HMAC key of the codes' digests, by which a person is found without decrypting every row
# (changing it means recomputing every digest).
# Production must set both (`check --deploy` errors without them). Unset, they are derived from
# SECRET_KEY for the demo and tests, and then rotating SECRET_KEY loses every stored code.
PERHEKESKUS_IDENTITY_HASH_KEY = os.environ.get("PERHEKESKUS_IDENTITY_HASH_KEY", "")


# --- The family's own view: login with strong identification (OpenID Connect) -------------------
# The identification service (e.g. Suomi.fi or a county's broker) as an OpenID provider. The
# family login is off unless the client id and the provider's endpoints are all set.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
# Off only for a provider that signs with a single key and names none (the tests' provider).
OIDC_VERIFY_KID = env_bool("OIDC_VERIFY_KID", True)
OIDC_CALLBACK_CLASS = "perhekeskus.family_portal.views.FamilyLoginCallback"
OIDC_AUTHENTICATE_CLASS = "perhekeskus.family_portal.views.FamilyLoginStart"
# The claims that carry the personal identity code, the first present counts.
PERHEKESKUS_FAMILY_LOGIN_IDENTITY_CLAIMS = env_list(
    "PERHEKESKUS_FAMILY_LOGIN_IDENTITY_CLAIMS", "national_identification_number,hetu"
)
# Professionals log in with a password (and a second factor); family members only through the
# identification service, as users that are never staff.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "perhekeskus.family_portal.backends.FamilyLoginBackend",
]
