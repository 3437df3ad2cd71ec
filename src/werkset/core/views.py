from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from werkset.accounts.selectors import role_assignments_for_user
from werkset.catalogue.selectors import catalogue_versions_published


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: what this user may do, in which regions."""
    return render(
        request,
        "core/home.html",
        {
            "assignments": role_assignments_for_user(user=request.user),
            "catalogue_versions": catalogue_versions_published(),
        },
    )


def privacy_statement(request: HttpRequest) -> HttpResponse:
    """The privacy statement and processing register entry; public, no log-in needed."""
    return render(request, "core/privacy.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
