"""Optional error reporting to Sentry (or a compatible service such as GlitchTip), set up
from the environment (WERKSET_SENTRY_DSN). werkset's texts may hold personal data of the
people in cases, so an event carries where an error happened and what kind it was, never
what was written: no request bodies, cookies, headers, query strings, local variables,
exception texts, log messages or SQL parameters."""

from typing import Any

# The request fields an event may keep: how the request was made, not what it carried.
_REQUEST_KEPT = ("method", "url")


def error_event_scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Strip an event down to where and what kind (Sentry's before_send)."""
    request = event.get("request")
    if isinstance(request, dict):
        kept = {key: request[key] for key in _REQUEST_KEPT if key in request}
        if "url" in kept:
            kept["url"] = str(kept["url"]).split("?", 1)[0]
        event["request"] = kept
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for key in ("extra", "contexts_extra", "breadcrumbs"):
        event.pop(key, None)
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        event["logentry"] = {"message": str(logentry.get("message", ""))[:200], "params": []}
    for exception in (event.get("exception") or {}).get("values", []) or []:
        exception["value"] = ""  # the text may quote what was written
        for frame in (exception.get("stacktrace") or {}).get("frames", []) or []:
            frame.pop("vars", None)
    return event


def error_reporting_init(*, dsn: str, environment: str, release: str) -> None:
    """Start reporting errors (web and workers) when a DSN is configured."""
    # inside: sentry-sdk is loaded only where a DSN is configured
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=f"werkset@{release}",
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        max_breadcrumbs=0,
        traces_sample_rate=0.0,
        before_send=error_event_scrub,  # type: ignore[arg-type]
    )
