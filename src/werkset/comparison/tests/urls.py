"""The project's URLs plus the include that conf/urls.py will get (not ours to edit)."""

from django.urls import include, path

from werkset.conf.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("vergelijken/", include("werkset.comparison.urls")),
]
