"""WSGI for the load run: the project's application with the baseline URL added.

gunicorn imports this module; the URLconf is switched here so that the project's own
settings and URLs stay untouched (settings follow WERKSET_ENVIRONMENT as usual).
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from werkset.manage import settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
application = get_wsgi_application()
settings.ROOT_URLCONF = "werkset.bench.urls"
