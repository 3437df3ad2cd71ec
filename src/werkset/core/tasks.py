"""Core's tasks: sending a mail (core/mail.py).

Sent through Django's e-mail backend. A refusal or an unreachable server is tried again
with growing waits (2, 4, 8, ... seconds, at most MAIL_RETRY_MAX_SECONDS apart); after
MAIL_MAX_RETRIES the mail is given up and logged. Without a broker (the embedded default)
the task runs in the process and its retries follow at once. The log never holds the
subject, the text or the addresses.
"""

import logging
import smtplib

from celery import Task, shared_task  # type: ignore[import-untyped]
from django.core.mail import EmailMultiAlternatives

logger = logging.getLogger(__name__)

MAIL_MAX_RETRIES = 5
MAIL_RETRY_SECONDS = 2
MAIL_RETRY_MAX_SECONDS = 600


class MailNotSent(Exception):
    """A sending attempt failed; says which kind of fault, nothing of the mail."""


# A refusal (4xx/5xx answer), a broken connection or an unreachable server.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(bind=True, name="werkset.core.mail_send", max_retries=MAIL_MAX_RETRIES, acks_late=True)
def mail_send(
    self: Task, *, to: list[str], subject: str, body: str, html: str | None, template: str
) -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    attempt = self.request.retries + 1
    try:
        message.send()
    except MAIL_ERRORS as exc:
        if self.request.retries >= MAIL_MAX_RETRIES:
            logger.error(
                "Mail %s aan %s ontvanger(s) niet verstuurd na %s pogingen (%s)",
                template,
                len(to),
                attempt,
                type(exc).__name__,
            )
            return
        wait = min(MAIL_RETRY_SECONDS * 2**self.request.retries, MAIL_RETRY_MAX_SECONDS)
        logger.warning(
            "Mail %s aan %s ontvanger(s): poging %s mislukt (%s), opnieuw over %s s",
            template,
            len(to),
            attempt,
            type(exc).__name__,
            wait,
        )
        # Celery logs the retry's exception: one that names only the kind of fault, since
        # a refusal's text can repeat the addresses.
        retry = self.retry(exc=MailNotSent(type(exc).__name__), countdown=wait, throw=False)
        if self.request.is_eager:
            # No broker: Celery runs the retry at once, in this process; like the first
            # attempt it must log a failure rather than raise it into the request.
            retry.sig.options["throw"] = False
        raise retry from exc
    logger.info("Mail %s verstuurd aan %s ontvanger(s)", template, len(to))
