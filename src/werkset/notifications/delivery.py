"""Where a notification leaves werkset: THE SEAM for mail (ADR 24).

`deliver` is called once for every notification that was just recorded, after the commit
of the change it tells of (services.notify). Today a notification lives in the product only
(the notifications page, the count in the header); one that its recipient wants by mail is
marked `MailState.WANTED`. Once werkset sends mail (issue 21, the accounts branch), the body
of `deliver` becomes:

    subject, body = mail_text(notification, base_url=<the site's address>)
    queue_mail(to=notification.recipient.email, subject=subject, body=body)
    Notification.objects.filter(pk=notification.pk).update(mail=MailState.QUEUED)

`mail_text` renders the mail from templates: what happened (the notification's sentence)
and the link, never a report's content or personal data.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .models import MailState, Notification


def deliver(notification: Notification) -> None:
    """Send what the recipient asked for besides the product: mail, once it exists."""
    if notification.mail != MailState.WANTED:
        return
    # Mail is wired here (see the module's docstring); until then it stays WANTED.


def mail_text(notification: Notification, *, base_url: str) -> tuple[str, str]:
    """The subject and plain-text body of a notification's mail."""
    context = {
        "notification": notification,
        "link": f"{base_url.rstrip('/')}{notification.url}",
        "preferences_link": f"{base_url.rstrip('/')}/meldingen/voorkeuren/",
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("notifications/mail/subject.txt", context)
        body = render_to_string("notifications/mail/body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"
