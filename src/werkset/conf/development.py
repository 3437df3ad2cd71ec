"""Development on a laptop: `make run` serves this over plain HTTP on 127.0.0.1."""

from .base import *  # noqa: F403
from .environment import env_list, env_str

ENVIRONMENT = "development"
DEBUG = True
SECRET_KEY = env_str("WERKSET_SECRET_KEY") or "development-only-secret-key-not-for-production-use-0"
ALLOWED_HOSTS = env_list("WERKSET_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Mails stay on the machine: one file per mail in WERKSET_EMAIL_FILE_PATH (data/mail), or in
# the terminal with WERKSET_EMAIL_BACKEND=console. Their links point at `make run`'s address.
EMAIL_BACKEND = EMAIL_BACKENDS[env_str("WERKSET_EMAIL_BACKEND", "file") or "file"]  # noqa: F405
WERKSET_BASE_URL = WERKSET_BASE_URL or "http://127.0.0.1:8000"  # noqa: F405
