from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults

from werkset.accounts.scope import request_user, scope_for_request
from werkset.accounts.selectors import role_assignments_for_user
from werkset.catalogue.selectors import catalogue_versions_published
from werkset.core.problems import is_api_request, is_autosave_request, problem_response
from werkset.core.todo import todo_for
from werkset.improvement.rules import networks_readable
from werkset.privacy.detectors import kind_list
from werkset.rounds.policy import round_may_manage


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: what this user has to do (per role, core/todo.py), their roles and
    workspaces, the improvement cycles they follow and the indicator set."""
    scope = scope_for_request(request)
    user = request_user(request)
    return render(
        request,
        "core/home.html",
        {
            "scope": scope,
            "todo": todo_for(user=user, scope=scope, on=timezone.localdate()),
            "assignments": role_assignments_for_user(user=user),
            "improvement_networks": (
                list(networks_readable(scope))
                if scope.can_improve and not scope.is_national
                else []
            ),
            "catalogue_versions": catalogue_versions_published(),
            "may_manage_rounds": round_may_manage(scope),
        },
    )


def privacy_statement(request: HttpRequest) -> HttpResponse:
    """The privacy statement and processing register entry; public, no log-in needed."""
    return render(request, "core/privacy.html", {"privacy_kinds": kind_list()})


ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 4)


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement in the form of the Dutch model statement; public."""
    return render(
        request,
        "core/accessibility.html",
        {
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
            "operator": settings.WERKSET_OPERATOR_NAME,
            "contact_email": settings.WERKSET_CONTACT_EMAIL,
        },
    )


def security_txt(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability."""
    if not settings.WERKSET_SECURITY_CONTACT:
        raise Http404
    expires = timezone.now().replace(microsecond=0) + timedelta(days=180)
    lines = [
        f"Contact: {settings.WERKSET_SECURITY_CONTACT}",
        f"Expires: {expires.isoformat()}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Under /api/ the error pages are problem details: a client of the API reads JSON, and the
# Dutch API Design Rules ask for problem details for every error (API-46), unknown paths too.


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return problem_response(
            status=400,
            title=_("The request could not be read"),
            detail=_("The request is too large or not well-formed."),
        )
    if is_autosave_request(request):
        # A body over DATA_UPLOAD_MAX_MEMORY_SIZE or with too many fields: the script shows
        # the message; an HTML page would leave it saying "offline" (finding L5).
        message = _("The request is too large or not well-formed.")
        return JsonResponse({"status": "invalid", "message": message}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_request(request):
        return problem_response(
            status=403, title=_("No access"), detail=_("You do not have access to this action.")
        )
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_request(request):
        # No redirect for a trailing slash (API-48), but a hint for whoever typed one.
        detail = (
            _("The API has no resource at this address; its addresses do not end with a slash.")
            if request.path_info.endswith("/")
            else _("The API has no resource at this address.")
        )
        return problem_response(status=404, title=_("Not found"), detail=detail)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api_request(request):
        return problem_response(
            status=500,
            title=_("Error"),
            detail=_("Something went wrong on the server. Try again later."),
        )
    return render(request, "500.html", status=500)
