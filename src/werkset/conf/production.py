"""Production: secrets and hosts from the environment, HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import env_bool, env_int, env_required, env_str

ENVIRONMENT = "production"
SECRET_KEY = env_required(
    "WERKSET_SECRET_KEY",
    "Zet een lange, geheime, willekeurige waarde (minstens 50 tekens); voor lokaal gebruik: "
    "WERKSET_ENVIRONMENT=development.",
)
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "WERKSET_SECRET_KEY is te kort of onveilig: gebruik minstens 50 willekeurige tekens."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "De omgevingsvariabele WERKSET_ALLOWED_HOSTS ontbreekt: noem de hostnamen van de server, "
        "gescheiden door komma's."
    )

SECURE_SSL_REDIRECT = env_bool("WERKSET_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The load balancer asks these over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("WERKSET_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# One JSON object per log line, with the request id (core/logs.py); "plain" for reading by eye.
WERKSET_LOG_FORMAT = env_str("WERKSET_LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = WERKSET_LOG_FORMAT  # noqa: F405
