"""Settings for `werkset bench`: production's, as the app is served (issue 9).

The benchmark measures the app the way production serves it: DEBUG off, the cached template
loader, the manifest of collected static files, persistent database connections, no test
or development shortcuts. `werkset bench` collects the static files into a temporary
WERKSET_STATIC_ROOT and sets a throwaway WERKSET_SECRET_KEY and loopback
WERKSET_ALLOWED_HOSTS for the run; the load driver speaks plain HTTP on loopback, so the
HTTPS redirect is switched off with WERKSET_SSL_REDIRECT=0 (in production a TLS proxy sits
in front). The one difference from production.py: the static files are collected without
compression (WhiteNoise's gzip/brotli variants take half a minute to write and serve only
static requests, which the benchmark does not make); the URLs in the pages are the same.
"""

from werkset.conf.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
