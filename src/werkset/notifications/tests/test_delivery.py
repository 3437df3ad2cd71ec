"""Notifications by mail: what a mail says (delivery.mail_text), and that it arrives at a real
SMTP server for those who want it, and not for those who do not."""

import pytest

from werkset.notifications import kinds
from werkset.notifications.delivery import mail_text
from werkset.notifications.models import MailState, NotificationPreference
from werkset.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_de_mail_zegt_wat_er_gebeurde_en_linkt_naar_de_pagina(netwerklid_noord):
    [notification] = notify(
        kind=kinds.REPORT_FINALISED,
        recipients=[netwerklid_noord],
        values={"unit": "Friesland", "period": "2025"},
        url="/rapportages/7/",
    )
    subject, body = mail_text(notification, base_url="https://werkset.example/")
    assert subject == "werkset: een nieuwe melding"
    assert body.startswith("Het netwerk heeft de rapportage van Friesland over 2025 vastgesteld.\n")
    assert "https://werkset.example/rapportages/7/" in body
    assert "https://werkset.example/meldingen/voorkeuren/" in body
    assert netwerklid_noord.get_username() not in body


def finalised(recipient):
    [notification] = notify(
        kind=kinds.REPORT_FINALISED,
        recipients=[recipient],
        values={"unit": "Friesland", "period": "2025"},
        url="/rapportages/7/",
    )
    notification.refresh_from_db()
    return notification


def test_een_gewenste_mail_komt_aan_bij_de_smtp_server(
    settings, smtp_server, netwerklid_noord, django_capture_on_commit_callbacks
):
    settings.WERKSET_BASE_URL = "https://werkset.example"
    netwerklid_noord.email = "lid@netwerk.example"
    netwerklid_noord.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = finalised(netwerklid_noord)
    assert notification.mail == MailState.QUEUED
    [message] = smtp_server.messages
    assert message["To"] == netwerklid_noord.email
    assert message["Subject"] == "werkset: een nieuwe melding"
    assert "https://werkset.example/rapportages/7/" in smtp_server.text()


def test_wie_geen_mail_wil_krijgt_er_geen(
    settings, smtp_server, netwerklid_noord, django_capture_on_commit_callbacks
):
    settings.WERKSET_BASE_URL = "https://werkset.example"
    netwerklid_noord.email = "lid@netwerk.example"
    netwerklid_noord.save()
    NotificationPreference.objects.create(
        user=netwerklid_noord, kind=kinds.REPORT_FINALISED, mail=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert finalised(netwerklid_noord).mail == MailState.NONE
    assert smtp_server.messages == []


def test_zonder_adres_van_de_site_blijft_een_gewenste_mail_gewenst(
    settings, smtp_server, netwerklid_noord
):
    settings.WERKSET_BASE_URL = ""
    netwerklid_noord.email = "lid@netwerk.example"
    netwerklid_noord.save()
    assert finalised(netwerklid_noord).mail == MailState.WANTED
    assert smtp_server.messages == []
