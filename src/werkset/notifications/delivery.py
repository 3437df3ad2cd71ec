"""Where a notification leaves werkset (ADR 24): by mail, for those who want it.

`deliver` is called once for every notification that was just recorded, after the commit
of the change it tells of (services.notify). A notification lives in the product (the
notifications page, the count in the header); one that its recipient wants by mail is queued
through core/mail.py (sent by a worker, retried on failure) and marked `MailState.QUEUED`.
The mail says what happened (the notification's sentence) and links to the page, never a
report's content or personal data. Its links need the site's address (WERKSET_BASE_URL):
without it the mail is not sent, the notification stays `WANTED` and a warning is logged.
"""

import logging
from typing import Any

from django.conf import settings
from django.utils import translation

from werkset.core.mail import mail_queue, mail_render

from .models import MailState, Notification

logger = logging.getLogger(__name__)

TEMPLATE = "notifications/mail/notification"


def deliver(notification: Notification) -> None:
    """Queue the mail that the recipient asked for."""
    if notification.mail != MailState.WANTED:
        return
    base_url = settings.WERKSET_BASE_URL
    address = notification.recipient.email
    if not base_url or not address:
        logger.warning(
            "melding %s niet gemaild: %s ontbreekt",
            notification.pk,
            "WERKSET_BASE_URL" if not base_url else "het e-mailadres van de ontvanger",
        )
        return
    with translation.override(settings.LANGUAGE_CODE):
        mail_queue(to=[address], template=TEMPLATE, context=_context(notification, base_url))
    Notification.objects.filter(pk=notification.pk).update(mail=MailState.QUEUED)


def mail_text(notification: Notification, *, base_url: str) -> tuple[str, str]:
    """The subject and plain-text body of a notification's mail."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, body, _html = mail_render(
            template=TEMPLATE, context=_context(notification, base_url)
        )
    return subject, body.strip() + "\n"


def _context(notification: Notification, base_url: str) -> dict[str, Any]:
    base = base_url.rstrip("/")
    return {
        "notification": notification,
        "link": f"{base}{notification.url}",
        "preferences_link": f"{base}/meldingen/voorkeuren/",
    }
