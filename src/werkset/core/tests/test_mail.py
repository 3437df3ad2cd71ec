"""Mail: rendered from templates, sent after the commit through the queue to a real SMTP
server on loopback, retried when refused, logged without its content."""

import logging

import pytest
from django.core.management import call_command
from django.db import transaction

from werkset.core.mail import absolute_url, mail_queue, mail_render
from werkset.core.tasks import MAIL_MAX_RETRIES

pytestmark = pytest.mark.django_db

CHECK = "core/mail/check"


def our_log(caplog) -> str:
    """What werkset and Celery logged (not the test SMTP server's own log)."""
    return "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.name.startswith(("werkset", "celery"))
    )


def test_a_mail_is_rendered_from_its_templates():
    subject, body, html = mail_render(template=CHECK, context={"operator": "Team werkset"})
    assert subject == "Testbericht"
    assert "Team werkset" in body
    assert html is None


def test_a_mail_leaves_only_after_the_commit(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail_queue(to=["a@example.nl"], template=CHECK, context={"operator": "x"})
        assert smtp_server.messages == []
    assert len(callbacks) == 1
    assert smtp_server.envelopes == [["a@example.nl"]]
    message = smtp_server.messages[0]
    assert message["Subject"] == "Testbericht"
    assert "werkset" in smtp_server.text()


def test_no_mail_leaves_when_the_transaction_rolls_back(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        mail_queue(to=["a@example.nl"], template=CHECK, context={"operator": "x"})
        transaction.set_rollback(True)
    assert callbacks == []
    assert smtp_server.messages == []


def test_a_refused_mail_is_sent_again(smtp_server, caplog, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    smtp_server.refuse = 1
    with caplog.at_level(logging.INFO), capture(execute=True):
        mail_queue(to=["a@example.nl"], template=CHECK, context={"operator": "Geheim team"})
    assert smtp_server.refused == 1
    assert len(smtp_server.messages) == 1
    assert "poging 1 mislukt" in our_log(caplog)


def test_a_mail_refused_every_time_is_given_up_and_logged(
    smtp_server, django_capture_on_commit_callbacks, caplog
):
    capture = django_capture_on_commit_callbacks
    smtp_server.refuse = MAIL_MAX_RETRIES + 5
    with caplog.at_level(logging.INFO), capture(execute=True):
        mail_queue(to=["a@example.nl"], template=CHECK, context={"operator": "x"})
    assert smtp_server.messages == []
    assert smtp_server.refused == MAIL_MAX_RETRIES + 1
    assert "niet verstuurd" in our_log(caplog)


def test_the_log_names_template_and_count_never_address_or_text(
    smtp_server, django_capture_on_commit_callbacks, caplog
):
    capture = django_capture_on_commit_callbacks
    with caplog.at_level(logging.DEBUG), capture(execute=True):
        mail_queue(
            to=["geheim@example.nl", "ander@example.nl"],
            template=CHECK,
            context={"operator": "Geheim team"},
        )
    assert len(smtp_server.messages) == 1
    log = our_log(caplog)
    assert "core/mail/check" in log
    assert "2 ontvanger(s)" in log
    for secret in ("geheim@example.nl", "Geheim team", "Testbericht"):
        assert secret not in log


def test_mail_to_nobody_sends_nothing(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail_queue(to=[], template=CHECK, context={})
    assert callbacks == []


def test_links_use_the_configured_address(settings, rf):
    settings.WERKSET_BASE_URL = "https://werkset.example.nl/"
    assert absolute_url("/x/", request=rf.get("/")) == "https://werkset.example.nl/x/"
    settings.WERKSET_BASE_URL = ""
    assert absolute_url("/x/", request=rf.get("/")) == "http://testserver/x/"


def test_the_check_command_sends_a_test_message(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mail", "check", "beheer@example.nl")
    assert smtp_server.envelopes == [["beheer@example.nl"]]


def test_a_refused_recipient_is_not_named_in_the_log(
    smtp_server, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    import smtplib

    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"geheim@example.nl": (550, b"geheim@example.nl")})

    monkeypatch.setattr(smtplib.SMTP, "sendmail", refuse)
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        mail_queue(to=["geheim@example.nl"], template=CHECK, context={"operator": "x"})
    log = our_log(caplog)
    assert "SMTPRecipientsRefused" in log
    assert "geheim@example.nl" not in log
    traces = "".join(
        r.exc_text or "" for r in caplog.records if r.name.startswith(("werkset", "celery"))
    )
    assert "geheim@example.nl" not in traces
