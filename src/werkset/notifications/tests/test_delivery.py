"""The seam for mail: what a mail would say (delivery.mail_text) and what deliver does today."""

import pytest

from werkset.notifications import kinds
from werkset.notifications.delivery import mail_text
from werkset.notifications.models import MailState
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


def test_zonder_mail_blijft_een_gewenste_mail_gewenst(netwerklid_noord):
    [notification] = notify(
        kind=kinds.REPORT_FINALISED,
        recipients=[netwerklid_noord],
        values={"unit": "Friesland", "period": "2025"},
        url="/rapportages/7/",
    )
    notification.refresh_from_db()
    assert notification.mail == MailState.WANTED
