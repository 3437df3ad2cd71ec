"""The project's URLs plus the baseline view; used only inside a bench run
(ROOT_URLCONF is overridden there, and gunicorn gets it through bench.wsgi)."""

from typing import Any

from django.urls import path

from werkset.conf.urls import handler400, handler403, handler404, handler500  # noqa: F401
from werkset.conf.urls import urlpatterns as project_urlpatterns

from . import views

urlpatterns: list[Any] = [
    path("bench/basislijn/", views.baseline, name="bench_baseline"),
    *project_urlpatterns,
]
