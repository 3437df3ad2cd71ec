"""The notifications page (/meldingen/): a user's own notifications, and their preferences.
Everyone signed in has one; nobody sees another's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user

from .forms import PreferencesForm
from .selectors import notifications_of, preferences_of
from .services import notification_mark_read, notifications_mark_all_read, preferences_save

PAGE_SIZE = 25


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(notifications_of(user=user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "notifications/list.html", {"page": page})


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    if not notification_mark_read(user=request_user(request), notification_id=notification_id):
        raise Http404
    return _back(request)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notifications_mark_all_read(user=request_user(request))
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    rows = preferences_of(user=user)
    form = PreferencesForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        preferences_save(user=user, mail=form.mail_choices())
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
