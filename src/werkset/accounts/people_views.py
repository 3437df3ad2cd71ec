"""The account pages of the beheerder (every account) and of a network's coordinator (the
network's people): people, inviting one or many, deactivating, reactivating, resetting the
second step. Who may do what is decided in accounts/policy.py; someone outside one's reach
is not found (404)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .bulk import rows_check, rows_read
from .forms_support import add_service_errors
from .invitations import (
    InvitationData,
    invitation_create,
    invitation_withdraw,
    invitations_create_many,
)
from .models import RoleAssignment, User, role_description
from .people import (
    person_role_add,
    person_role_revoke,
    two_factor_reset,
    user_deactivate,
    user_reactivate,
)
from .people_forms import BulkInvitationForm, InvitationForm, RoleForm
from .policy import may_change_role, may_manage_accounts, may_manage_user
from .scope import Scope, request_user, scope_for_request
from .selectors import open_invitations_for_scope, people_for_scope, two_factor_device

BULK_SALT = "werkset.accounts.bulk"
BULK_MAX_AGE = 3600


def _manager_scope(request: HttpRequest) -> Scope:
    scope = scope_for_request(request)
    if not may_manage_accounts(scope):
        raise PermissionDenied
    return scope


def _person(request: HttpRequest, user_id: int) -> tuple[Scope, User]:
    scope = _manager_scope(request)
    return scope, get_object_or_404(people_for_scope(scope=scope), pk=user_id)


@never_cache
@login_required
def people(request: HttpRequest) -> HttpResponse:
    scope = _manager_scope(request)
    return render(
        request,
        "accounts/people.html",
        {
            "people": people_for_scope(scope=scope),
            "invitations": open_invitations_for_scope(scope=scope),
        },
    )


def _person_page(
    request: HttpRequest, scope: Scope, user: User, form: RoleForm | None = None
) -> HttpResponse:
    actor = request_user(request)
    assignments = list(user.role_assignments.select_related("region", "network"))
    may_manage = may_manage_user(scope, actor=actor, user=user)
    roles = [
        (
            a,
            role_description(a.role),
            may_manage
            and may_change_role(
                scope, actor=actor, user=user, role=a.role, region=a.region, network=a.network
            ),
        )
        for a in assignments
    ]
    return render(
        request,
        "accounts/person.html",
        {
            "person": user,
            "roles": roles,
            "has_second_step": two_factor_device(user=user) is not None,
            "may_manage": may_manage,
            "role_form": (form or RoleForm(scope=scope)) if may_manage else None,
        },
        status=400 if form is not None and form.errors else 200,
    )


@never_cache
@login_required
def person(request: HttpRequest, user_id: int) -> HttpResponse:
    scope, user = _person(request, user_id)
    return _person_page(request, scope, user)


@login_required
@require_POST
def person_role_add_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """Rol toevoegen: the form on the person page; errors show on that page (400)."""
    scope, user = _person(request, user_id)
    if not may_manage_user(scope, actor=request_user(request), user=user):
        raise PermissionDenied
    form = RoleForm(request.POST, scope=scope)
    if not form.is_valid() and form.outside_choices():
        # A role or a region or network this user may not give (only a forged form).
        raise PermissionDenied
    if form.is_valid():
        region, network = form.scope_objects()
        try:
            assignment = person_role_add(
                user=user,
                role=form.cleaned_data["role"],
                region=region,
                network=network,
                added_by=request_user(request),
            )
        except ValidationError as error:
            form.add_error("scope" if error.code == "scope" else None, error)
        else:
            messages.success(
                request,
                _("%(name)s has the role %(role)s.")
                % {"name": user.display_name, "role": assignment},
            )
            return redirect("person", user_id=user.pk)
    return _person_page(request, scope, user, form)


@never_cache
@login_required
def person_role_revoke_view(request: HttpRequest, user_id: int, assignment_id: int) -> HttpResponse:
    """Intrekken: a confirmation (GET), then the role is withdrawn (POST)."""
    scope, user = _person(request, user_id)
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("region", "network", "user"),
        pk=assignment_id,
        user=user,
    )
    actor = request_user(request)
    if not may_change_role(
        scope,
        actor=actor,
        user=user,
        role=assignment.role,
        region=assignment.region,
        network=assignment.network,
    ):
        raise PermissionDenied
    if request.method == "POST":
        try:
            person_role_revoke(assignment=assignment, revoked_by=actor)
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
            return redirect("person", user_id=user.pk)
        messages.success(
            request,
            _("%(name)s no longer has the role %(role)s.")
            % {"name": user.display_name, "role": assignment},
        )
        return redirect("person", user_id=user.pk)
    return render(request, "accounts/role_revoke.html", {"person": user, "assignment": assignment})


@login_required
@require_POST
def invitation_withdraw_view(request: HttpRequest, invitation_id: int) -> HttpResponse:
    scope = _manager_scope(request)
    invitation = get_object_or_404(open_invitations_for_scope(scope=scope), pk=invitation_id)
    try:
        invitation_withdraw(invitation=invitation, withdrawn_by=request_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation of %(email)s is withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("people")


def _person_action(request: HttpRequest, user_id: int, action: str) -> HttpResponse:
    _scope, user = _person(request, user_id)
    actor = request_user(request)
    try:
        if action == "deactivate":
            user_deactivate(user=user, deactivated_by=actor)
            done = _("The account of %(name)s is deactivated.")
        elif action == "reactivate":
            user_reactivate(user=user, reactivated_by=actor)
            done = _("The account of %(name)s is active again.")
        else:
            two_factor_reset(user=user, reset_by=actor)
            done = _("The second log-in step of %(name)s is reset.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done % {"name": user.display_name})
    return redirect("person", user_id=user.pk)


@login_required
@require_POST
def person_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _person_action(request, user_id, "deactivate")


@login_required
@require_POST
def person_reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _person_action(request, user_id, "reactivate")


@login_required
@require_POST
def person_two_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    return _person_action(request, user_id, "two_factor_reset")


@never_cache
@login_required
def invite(request: HttpRequest) -> HttpResponse:
    scope = _manager_scope(request)
    form = InvitationForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        region, network = form.scope_objects()
        data = InvitationData(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
            region=region,
            network=network,
        )
        try:
            invitation_create(data=data, invited_by=request_user(request), request=request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(email)s is invited; the link in the mail works for 7 days.")
                % {"email": data.email},
            )
            return redirect("people")
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "invitation_days": settings.WERKSET_INVITATION_DAYS},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def invite_bulk(request: HttpRequest) -> HttpResponse:
    """Upload (a preview with an error per row), then confirm: all rows or none."""
    _manager_scope(request)
    actor = request_user(request)
    form = BulkInvitationForm()
    if request.method != "POST":
        return render(request, "accounts/invite_bulk.html", {"form": form})
    salt = f"{BULK_SALT}:{actor.pk}"
    if "payload" in request.POST:
        try:
            rows = signing.loads(request.POST["payload"], salt=salt, max_age=BULK_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("The preview is too old; upload the file again."))
            return redirect("invite_bulk")
        checked = rows_check(rows=rows, invited_by=actor)
        if all(row.data is not None for row in checked):
            try:
                invitations = invitations_create_many(
                    rows=[row.data for row in checked if row.data is not None],
                    invited_by=actor,
                    request=request,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("invite_bulk")
            messages.success(
                request, _("%(count)s people are invited.") % {"count": len(invitations)}
            )
            return redirect("people")
        return _preview(request, rows=rows, checked=checked, salt=salt)
    form = BulkInvitationForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "accounts/invite_bulk.html", {"form": form}, status=400)
    upload = form.cleaned_data["file"]
    try:
        rows = rows_read(name=upload.name, data=upload.read())
    except ValidationError as error:
        form.add_error("file", error)
        return render(request, "accounts/invite_bulk.html", {"form": form}, status=400)
    return _preview(request, rows=rows, checked=rows_check(rows=rows, invited_by=actor), salt=salt)


def _preview(request: HttpRequest, *, rows: list, checked: list, salt: str) -> HttpResponse:
    errors = sum(len(row.errors) for row in checked)
    return render(
        request,
        "accounts/invite_bulk_preview.html",
        {
            "rows": checked,
            "error_count": errors,
            "payload": "" if errors else signing.dumps(rows, salt=salt, compress=True),
        },
        status=400 if errors else 200,
    )
