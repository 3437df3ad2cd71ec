"""One's own account: 'Mijn account' with the roles, changing the password, 'wachtwoord
vergeten' (a link by e-mail, rate limited, the same answer for every address), and
accepting an invitation."""

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .forms_support import add_service_errors
from .invitations import (
    InvitationState,
    invitation_accept,
    invitation_for_token,
    invitation_state,
    state_message,
)
from .lockout import client_ip
from .models import Role, User, role_description
from .people_forms import (
    InvitationPasswordForm,
    OwnPasswordChangeForm,
    QueuedPasswordResetForm,
    ResetSetPasswordForm,
)
from .ratelimit import limit_reached
from .scope import request_user
from .selectors import role_assignments_for_user, two_factor_device

logger = logging.getLogger(__name__)

# 'Wachtwoord vergeten': per address and per client address, in an hour.
RESET_PER_ADDRESS = 3
RESET_PER_CLIENT = 10
RESET_WINDOW_SECONDS = 3600


@never_cache
@login_required
def my_account(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "accounts/my_account.html",
        {
            "roles": [
                (assignment, role_description(assignment.role))
                for assignment in role_assignments_for_user(user=user)
            ],
            "has_password": user.has_usable_password(),
            "has_second_step": two_factor_device(user=user) is not None,
        },
    )


class OwnPasswordChangeView(auth_views.PasswordChangeView):
    form_class = OwnPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("my_account")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not user.has_usable_password():
            messages.info(
                request, _("You log in with your organisation's account; werkset has no password.")
            )
            return redirect("my_account")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class WerksetPasswordResetView(auth_views.PasswordResetView):
    """The same answer whether or not the address is known, and whether or not a limit was
    reached: what happened is only in the log (without the address)."""

    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"]
        over_client = limit_reached(
            kind="reset-client",
            value=client_ip(self.request),
            limit=RESET_PER_CLIENT,
            window_seconds=RESET_WINDOW_SECONDS,
        )
        over_address = limit_reached(
            kind="reset-address",
            value=email,
            limit=RESET_PER_ADDRESS,
            window_seconds=RESET_WINDOW_SECONDS,
        )
        if over_client or over_address:
            logger.warning(
                "Wachtwoord vergeten: limiet bereikt (%s), geen mail verstuurd",
                "adres" if over_address else "client",
            )
            return HttpResponseRedirect(self.get_success_url())
        form.request = self.request
        return super().form_valid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class WerksetPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ResetSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


@method_decorator(never_cache, name="dispatch")
class WerksetPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class WerksetPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@never_cache
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_for_token(token=token)
    state = invitation_state(invitation)
    if invitation is None or state != InvitationState.VALID:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"message": state_message(state)},
            status=404 if state == InvitationState.UNKNOWN else 410,
        )
    candidate = User(
        username=invitation.email,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )
    form = InvitationPasswordForm(candidate, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(token=token, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your account is ready. Log in with your e-mail address %(email)s.")
                % {"email": invitation.email},
            )
            return redirect("login")
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "role": Role(invitation.role).label,
            "scope": invitation.region or invitation.network or "",
            "form": form,
        },
        status=400 if form.errors else 200,
    )
