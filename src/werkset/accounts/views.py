"""Logging in and out (with single sign-on when it is on) and the second log-in step: setting
up an authenticator app, the step itself, recovery codes."""

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import AppCodeForm, SecondStepCodeForm
from .middleware import SECOND_STEP_SESSION_KEY, request_is_verified
from .scope import request_user
from .selectors import recovery_codes_remaining, two_factor_device, two_factor_required
from .services import (
    recovery_codes_renew,
    totp_key_for_display,
    totp_key_new,
    two_factor_disable,
    two_factor_enable,
    two_factor_verify,
)

NEW_KEY_SESSION = "werkset_totp_key"
NEW_CODES_SESSION = "werkset_recovery_codes"
# The security page holds two code forms; prefixes keep their field ids apart.
RENEW_PREFIX = "herstel"
DISABLE_PREFIX = "uit"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@never_cache
@login_required
def two_factor_verify_view(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if request_is_verified(request) or two_factor_device(user=user) is None:
        return redirect(_next_url(request) or "home")
    form = SecondStepCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor_verify(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, device)
            request.session.pop(SECOND_STEP_SESSION_KEY, None)
            remaining = recovery_codes_remaining(user=user)
            if device.persistent_id.startswith("otp_static") and remaining < 3:
                messages.warning(
                    request,
                    _("You have %(count)s recovery codes left. Make new ones under Security.")
                    % {"count": remaining},
                )
            return redirect(_next_url(request) or "home")
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def two_factor_setup_view(request: HttpRequest) -> HttpResponse:
    """Show a new secret (QR code and text) and connect the app once it gives a right code.

    The secret lives in the session until then, so opening the page stores nothing.
    """
    user = request_user(request)
    if two_factor_device(user=user) is not None:
        return redirect("two_factor")
    key = request.session.get(NEW_KEY_SESSION) or totp_key_new()
    request.session[NEW_KEY_SESSION] = key
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor_enable(user=user, key=key, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            otp_login(request, device)
            request.session.pop(SECOND_STEP_SESSION_KEY, None)
            request.session.pop(NEW_KEY_SESSION, None)
            request.session[NEW_CODES_SESSION] = codes
            next_url = _next_url(request)
            if next_url:
                request.session["werkset_after_codes"] = next_url
            return redirect("two_factor_codes")
    config_url = TOTPDevice(user=user, key=key).config_url
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_data_uri": segno.make(config_url, error="m").svg_data_uri(scale=4, border=2),
            "secret": totp_key_for_display(key),
            "required": two_factor_required(user=user),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def two_factor_overview(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": two_factor_device(user=user),
            "required": two_factor_required(user=user),
            "remaining": recovery_codes_remaining(user=user),
            "renew_form": SecondStepCodeForm(prefix=RENEW_PREFIX),
            "disable_form": SecondStepCodeForm(prefix=DISABLE_PREFIX),
        },
    )


@never_cache
@login_required
def two_factor_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes are shown once, after a redirect (a reload makes none). Making them
    asks for a current code, so a session left open is not enough."""
    if request.method == "POST":
        user = request_user(request)
        form = SecondStepCodeForm(request.POST, prefix=RENEW_PREFIX)
        try:
            if not form.is_valid():
                raise ValidationError(_("Enter a code."))
            two_factor_verify(user=user, code=form.cleaned_data["code"])
            codes = recovery_codes_renew(user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("two_factor")
        request.session[NEW_CODES_SESSION] = codes
        return redirect("two_factor_codes")
    codes = request.session.pop(NEW_CODES_SESSION, None)
    if not codes:
        return redirect("two_factor")
    return render(
        request,
        "accounts/two_factor_codes.html",
        {"codes": codes, "continue_url": request.session.pop("werkset_after_codes", "")},
    )


@login_required
@require_POST
def two_factor_disable_view(request: HttpRequest) -> HttpResponse:
    """Switching off asks for a current code, so a session left open is not enough."""
    user = request_user(request)
    form = SecondStepCodeForm(request.POST, prefix=DISABLE_PREFIX)
    if two_factor_required(user=user):
        messages.error(
            request,
            _("Your role requires two-factor authentication; it cannot be switched off."),
        )
        return redirect("two_factor")
    try:
        if not form.is_valid():
            raise ValidationError(_("Enter a code."))
        two_factor_verify(user=user, code=form.cleaned_data["code"])
        two_factor_disable(user=user, disabled_by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Two-factor authentication is switched off."))
    return redirect("two_factor")


def _single_sign_on_enabled() -> None:
    if not settings.WERKSET_OIDC_ENABLED:
        raise Http404


@never_cache
def oidc_start(request: HttpRequest) -> HttpResponse:
    """To the organisation's identity provider (404 while single sign-on is off)."""
    _single_sign_on_enabled()
    # inside: mozilla-django-oidc is loaded only when single sign-on is on
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    return OIDCAuthenticationRequestView.as_view()(request)


@never_cache
def oidc_callback(request: HttpRequest) -> HttpResponse:
    """Back from the identity provider; logging in continues with werkset's second step."""
    _single_sign_on_enabled()
    # inside: mozilla-django-oidc is loaded only when single sign-on is on
    from .oidc import WerksetOIDCCallbackView

    return WerksetOIDCCallbackView.as_view()(request)


class WerksetLoginView(LoginView):
    """Django's log-in form, with the single sign-on button when that is switched on."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.WERKSET_OIDC_ENABLED
        context["oidc_label"] = settings.WERKSET_OIDC_LABEL
        return context


class WerksetLogoutView(LogoutView):
    """Django's log-out (POST only, audited through the signal); whoever logged in through
    single sign-on is then sent to log out at the provider too, when its end-session
    endpoint is set, so its button does not log them straight back in."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # inside: keeps mozilla-django-oidc off the import path of every request
        from .oidc import ID_TOKEN_SESSION_KEY, end_session_url

        id_token = str(request.session.get(ID_TOKEN_SESSION_KEY) or "")
        response = super().post(request, *args, **kwargs)
        provider_logout = end_session_url(request, id_token=id_token)
        if provider_logout:
            return HttpResponseRedirect(provider_logout)
        return response
