"""What the improvement pages share: who may see them, the network and theme of the URL
(404 when not readable), who may change a network's cycle, and how a form or a step goes
through its service, with its refusal or success shown to the user."""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from werkset.accounts.scope import scope_for_request
from werkset.catalogue.models import Theme
from werkset.privacy.feedback import privacy_warn
from werkset.regions.models import RegionalNetwork

from .. import selectors as s
from ..rules import can_read_network, can_work_in_network
from ..service_common import ImprovementError

Saved = TypeVar("Saved")


def improving(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with a content role (administrators manage accounts, not content)."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope_for_request(request).can_improve:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def network_or_404(request: HttpRequest, code: str) -> RegionalNetwork:
    network = RegionalNetwork.objects.filter(code=code).first()
    if network is None or not can_read_network(scope_for_request(request), network):
        raise Http404
    return network


def theme_or_404(theme_key: str) -> Theme:
    try:
        return s.cycle_theme(key=theme_key)
    except Theme.DoesNotExist as exc:
        raise Http404 from exc


def require_worker(request: HttpRequest, network: RegionalNetwork) -> None:
    if not can_work_in_network(scope_for_request(request), network):
        raise PermissionDenied


def form_saved(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Saved],
    *,
    success: str,
    texts: Callable[[Saved], Iterable[str]],
) -> Saved | None:
    """A valid form's data through its service. A refusal of the service (ImprovementError)
    becomes the form's error, shown again with status 400 by the caller; what was saved gets
    the success message and, for its texts that look like personal data, the warnings."""
    if not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ImprovementError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, success)
    privacy_warn(request, *texts(saved))
    return saved


def step_done(request: HttpRequest, change: Callable[[], Saved], *, success: str) -> Saved | None:
    """A step without a form (start, a transition, a removal): its refusal or its success
    as a message on the page the caller redirects to; what the step returned, if it was
    taken."""
    try:
        changed = change()
    except ImprovementError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, success)
    return changed
