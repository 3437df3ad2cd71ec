"""Forms of the account pages: a role, an invitation, a file of invitations, passwords."""

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkset.core.mail import absolute_url, mail_queue
from werkset.core.services import audit_record
from werkset.regions.models import Organisation, Region, RegionalNetwork

from .audit import AccountAuditAction
from .invitations import text_max_length
from .models import Role, User
from .people import password_set
from .policy import grantable_roles, manageable_networks
from .scope import Scope
from .services import NETWORK_CLAIM_PREFIX

REGION_PREFIX = "regio:"


class RoleForm(forms.Form):
    """A role and, as the role needs, its region or network: what this user may give."""

    role = forms.ChoiceField(label=_("Role"), error_messages={"required": _("Choose a role.")})
    scope = forms.ChoiceField(
        label=_("Region or network"),
        required=False,
        help_text=_(
            "A rapporteur writes for a region or for a network's own report; the network "
            "roles belong to a network; the national roles take neither."
        ),
    )

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = grantable_roles(scope)
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", "—")] + [
            (value, label) for value, label in Role.choices if value in roles
        ]
        choices: list[Any] = [("", _("(none: a national role)"))] if scope.is_administrator else []
        for network in manageable_networks(scope):
            options = [(f"{NETWORK_CLAIM_PREFIX}{network.code}", str(network))] + [
                (f"{REGION_PREFIX}{region.code}", str(region))
                for region in sorted(network.regions.all(), key=lambda r: r.position)
            ]
            choices.append((str(network), options))
        cast(forms.ChoiceField, self.fields["scope"]).choices = choices

    def outside_choices(self) -> bool:
        """Whether a value outside what this user may choose was sent."""
        return any(
            error.code == "invalid_choice"
            for field in ("role", "scope")
            for error in self.errors.as_data().get(field, [])
        )

    def scope_objects(self) -> tuple[Region | None, RegionalNetwork | None]:
        value = self.cleaned_data.get("scope") or ""
        if value.startswith(REGION_PREFIX):
            return Region.objects.get(code=value.removeprefix(REGION_PREFIX)), None
        if value.startswith(NETWORK_CLAIM_PREFIX):
            network = RegionalNetwork.objects.get(code=value.removeprefix(NETWORK_CLAIM_PREFIX))
            return None, network
        return None, None


class InvitationForm(RoleForm):
    field_order = ["first_name", "last_name", "email", "organisation", "role", "scope"]

    first_name = forms.CharField(
        label=_("First name"),
        max_length=text_max_length("first_name"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the first name.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=text_max_length("last_name"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the last name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The invitation is sent here; it is also the user name to log in with."),
        max_length=text_max_length("email"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the e-mail address."),
            "invalid": _("Enter an e-mail address such as naam@organisatie.nl."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("position"),
        required=False,
    )


class BulkInvitationForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file or an Excel workbook (.xlsx) with the columns voornaam, achternaam, "
            "e-mail, organisatie, rol and regio-of-netwerk in the first row."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": _("Choose a file.")},
    )


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's form; the new password is saved through the audited service."""

    def save(self, commit: bool = True) -> Any:
        return password_set(
            user=self.user, password=self.cleaned_data["new_password1"], through_reset=False
        )


class ResetSetPasswordForm(SetPasswordForm):
    def save(self, commit: bool = True) -> Any:
        return password_set(
            user=self.user, password=self.cleaned_data["new_password1"], through_reset=True
        )


class InvitationPasswordForm(SetPasswordForm):
    """The password of a new account; the account itself is made by invitation_accept."""

    def save(self, commit: bool = True) -> Any:  # pragma: no cover (the view never calls it)
        raise NotImplementedError


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail through werkset's queue (after the commit) and
    the link from WERKSET_BASE_URL when set. It mails only active accounts with a password
    (not single sign-on accounts), and tells nobody whether the address is known."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address such as naam@organisatie.nl."),
        },
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user: User = context["user"]
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        mail_queue(
            to=[to_email],
            template="accounts/mail/password_reset",
            context={
                "name": user.display_name,
                "username": user.get_username(),
                "link": absolute_url(path, request=self.request),
            },
        )
        audit_record(
            actor=None,
            action=AccountAuditAction.PASSWORD_RESET_SENT,
            target=user,
            summary=_("Password reset link sent to %(user)s") % {"user": user.get_username()},
        )

    # The view sets the request, for the link's address when WERKSET_BASE_URL is empty.
    request: Any = None
