"""Log-in throttling (django-axes): whose address counts, and the page shown when paused.

Axes pauses log-ins per user name and address. Behind the reverse proxy of a real
deployment REMOTE_ADDR is the proxy's own address, so five wrong passwords from anyone would
lock that user out for everyone (issue 17, finding 6). `client_ip` takes the address that the
trusted proxies put in X-Forwarded-For instead: with WERKSET_PROXY_COUNT proxies in front,
the entry that many places from the right, the one the outermost trusted proxy saw. Entries
further left are the client's own claims and are never believed.
"""

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """The address of the person at the other end, as the trusted proxies saw it."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    hops = settings.WERKSET_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))[:2000]
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if len(entries) < hops:
        return remote  # the request did not pass through the proxies we were told of
    candidate = entries[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
