"""Personal API tokens in the web app: create (the key is shown once), list, revoke."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from werkset.accounts.scope import request_user

from .models import ApiToken
from .services import TokenError, api_token_create, api_token_revoke

NEW_KEY_SESSION = "werkset_new_api_token"


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """Tokens of the user; a new key is shown once, after a redirect (a reload makes none)."""
    new_key = request.session.pop(NEW_KEY_SESSION, None)
    error = ""
    name = ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            _token, key = api_token_create(user=request_user(request), name=name)
        except TokenError as exc:
            error = str(exc)
        else:
            request.session[NEW_KEY_SESSION] = key
            return redirect("api_tokens")
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": ApiToken.objects.filter(user=request_user(request)),
            "new_key": new_key,
            "error": error,
            "name": "" if new_key else name,
            "token_days": settings.WERKSET_API_TOKEN_DAYS,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=request_user(request)).first()
    if token is None:
        raise Http404
    api_token_revoke(token=token, user=request_user(request))
    messages.success(request, _("The token has been revoked; it no longer works."))
    return redirect("api_tokens")
