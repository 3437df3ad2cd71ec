"""Tests: fast hashing, plain static files; the database comes from DATABASE_URL.

`make test` runs the suite on SQLite and again on PostgreSQL (the production
database) when WERKSET_TEST_POSTGRES_URL is set, as CI does.
"""

from .base import *  # noqa: F403
from .base import database_from_environment

ENVIRONMENT = "test"
DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES = {"default": database_from_environment("sqlite:///:memory:")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
