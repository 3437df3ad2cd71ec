"""The single sign-on link in the user admin: the beheerder sets the provider's `sub`."""

from typing import Any

from django.http import HttpRequest

from .models import User
from .services import user_sso_link


class SingleSignOnLinkAdminMixin:
    """Saves a changed `oidc_subject` through user_sso_link (audited), the rest of the user
    form as the admin always does. The form itself refuses a `sub` another account has."""

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not (change and "oidc_subject" in form.changed_data):
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            return
        subject = obj.oidc_subject
        obj.oidc_subject = form.initial.get("oidc_subject")
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        obj.oidc_subject = user_sso_link(
            user=obj,
            subject=subject,
            changed_by=request.user,  # type: ignore[arg-type]
        ).oidc_subject
