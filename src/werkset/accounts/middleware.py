"""Until the second log-in step is done, a session reaches only the pages of that step."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY

from .policy import two_factor_required_for
from .scope import scope_for_request
from .selectors import second_step_for_user

# Set at log-in (accounts.receivers) to "verify" or "setup"; removed when the step is done.
SECOND_STEP_SESSION_KEY = "werkset_second_step"

# What a session may reach before the second step: the step itself, logging out, the
# privacy statement, and the health endpoints (they show no data).
OPEN_DURING_SECOND_STEP = frozenset(
    {
        "two_factor_verify",
        "two_factor_setup",
        "logout",
        "privacy",
        "login",
        "healthz",
        "readyz",
        "accessibility",
        "security_txt",
    }
)
STEP_URL_NAMES = {"verify": "two_factor_verify", "setup": "two_factor_setup"}


def request_is_verified(request: HttpRequest) -> bool:
    """Whether this session passed the second step (django-otp's OTPMiddleware tells)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


class SecondStepMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = self._pending_step(request)
        if step and not self._open_during_second_step(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {
                        "type": "about:blank",
                        "title": _("Second log-in step required"),
                        "status": 403,
                        "detail": _(
                            "Finish logging in with your second factor in the browser, "
                            "or use an API token."
                        ),
                    },
                    status=403,
                    content_type="application/problem+json",
                )
            target = reverse(STEP_URL_NAMES[step])
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _pending_step(request: HttpRequest) -> str:
        session = getattr(request, "session", None)
        if session is None:
            return ""
        user = request.user
        if not user.is_authenticated:
            return ""
        # Cheap for the common case. A session that was told to do a step, or whose verified
        # device disappeared (reset by a beheerder), looks further; so does one that never got
        # the marker (opened before a role that needs the step was given) when its user now
        # needs it: the scope is read once per request anyway (menu, views).
        marked = SECOND_STEP_SESSION_KEY in session or DEVICE_ID_SESSION_KEY in session
        if not marked and not two_factor_required_for(user, scope_for_request(request).roles):
            return ""
        if request_is_verified(request):
            return ""
        return second_step_for_user(user=user)

    @staticmethod
    def _open_during_second_step(request: HttpRequest) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in OPEN_DURING_SECOND_STEP and not match.namespace
