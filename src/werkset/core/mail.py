"""E-mail from werkset: rendered from templates, sent after the commit by the task queue.

`mail_queue(to=[...], template="accounts/mail/invitation", context={...})` renders
`<template>_subject.txt`, `<template>.txt` and, when it exists, `<template>.html` now (in
the request's language), and hands the message to the queue once the current transaction
commits: when it rolls back no mail leaves. The task (`core/tasks.py`, `mail_send`) sends it
through Django's e-mail backend (SMTP from WERKSET_EMAIL_*, the console or a folder in
development) and retries with growing waits when the server refuses or is away. The log
names the template and the number of recipients, never the addresses' mail or its text.
"""

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from .tasks import mail_send

logger = logging.getLogger(__name__)


def absolute_url(path: str, *, request: HttpRequest | None = None) -> str:
    """A link for a mail: WERKSET_BASE_URL when set, else the request's own address."""
    base = settings.WERKSET_BASE_URL.rstrip("/")
    if base:
        return f"{base}{path}"
    if request is not None:
        return request.build_absolute_uri(path)
    raise ValueError("WERKSET_BASE_URL is not set and there is no request to take it from.")


def mail_render(*, template: str, context: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """Subject (one line), text body and, when the template has one, the HTML body."""
    data = dict(context)
    subject = " ".join(render_to_string(f"{template}_subject.txt", data).split())
    body = render_to_string(f"{template}.txt", data)
    try:
        html: str | None = render_to_string(f"{template}.html", data)
    except TemplateDoesNotExist:
        html = None
    return subject, body, html


def mail_queue(*, to: Sequence[str], template: str, context: Mapping[str, Any]) -> None:
    """Render a mail now and queue it for sending once the transaction commits.

    `to` lists the recipients (each gets the same message); an empty list sends nothing.
    A mail that cannot be queued or that fails for good is logged, never raised into the
    request, which has committed already.
    """
    recipients = [address for address in dict.fromkeys(to) if address]
    if not recipients:
        return
    subject, body, html = mail_render(template=template, context=context)

    def enqueue() -> None:
        kwargs = {
            "to": recipients,
            "subject": subject,
            "body": body,
            "html": html,
            "template": template,
        }
        try:
            if mail_send.app.conf.task_always_eager:
                # In the process (no broker): retries follow at once, and a mail that fails
                # for good is logged by the task instead of raised into the request.
                mail_send.apply(kwargs=kwargs, throw=False)
            else:
                mail_send.apply_async(
                    kwargs=kwargs,
                    # What the queue's monitoring and logs show instead of the arguments.
                    kwargsrepr=repr({"template": template, "recipients": len(recipients)}),
                )
        except Exception:
            logger.exception(
                "Mail %s aan %s ontvanger(s) kon niet in de wachtrij", template, len(recipients)
            )

    transaction.on_commit(enqueue)
