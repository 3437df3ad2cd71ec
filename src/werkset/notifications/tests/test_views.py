"""The notifications page, marking read, the count in the header, and the preferences."""

import pytest
from django.urls import reverse

from werkset.notifications import kinds
from werkset.notifications.models import Notification, NotificationPreference
from werkset.notifications.services import notify
from werkset.notifications.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


def tell(user, n: int = 1, *, unit: str = "Friesland") -> list[Notification]:
    made = []
    for _ in range(n):
        made += notify(
            kind=kinds.REPORT_SUBMITTED,
            recipients=[user],
            values={"unit": unit, "period": "2025"},
            url="/rapportages/1/",
        )
    return made


def test_de_pagina_toont_de_eigen_meldingen_ongelezen_eerst(
    client_for, netwerklid_noord, netwerklid_oost
):
    [old] = tell(netwerklid_noord, unit="Drenthe")
    old.read_at = old.created_at
    old.save(update_fields=["read_at"])
    tell(netwerklid_noord, unit="Groningen")
    tell(netwerklid_oost, unit="Twente")
    content = client_for(netwerklid_noord).get(reverse("notifications:list")).content.decode()
    assert content.index("Groningen") < content.index("Drenthe")
    assert "Twente" not in content
    assert "Nieuw:" in content


def test_de_kop_telt_de_ongelezen_meldingen(client_for, netwerklid_noord):
    tell(netwerklid_noord, 2)
    content = client_for(netwerklid_noord).get(reverse("home")).content.decode()
    assert "(2 ongelezen)" in content


def test_de_kop_telt_een_nieuwe_melding_mee_na_een_eerder_bezoek(client_for, netwerklid_noord):
    client = client_for(netwerklid_noord)
    tell(netwerklid_noord, 2)
    assert "(2 ongelezen)" in client.get(reverse("home")).content.decode()
    tell(netwerklid_noord)
    assert "(3 ongelezen)" in client.get(reverse("home")).content.decode()


def test_de_kop_telt_een_gelezen_melding_niet_meer(client_for, netwerklid_noord):
    client = client_for(netwerklid_noord)
    first, _second = tell(netwerklid_noord, 2)
    assert "(2 ongelezen)" in client.get(reverse("home")).content.decode()
    client.post(reverse("notifications:read", args=[first.pk]))
    assert "(1 ongelezen)" in client.get(reverse("home")).content.decode()
    client.post(reverse("notifications:read_all"))
    assert "ongelezen)" not in client.get(reverse("home")).content.decode()


def test_een_melding_als_gelezen_markeren(client_for, netwerklid_noord):
    [notification] = tell(netwerklid_noord)
    response = client_for(netwerklid_noord).post(
        reverse("notifications:read", args=[notification.pk])
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_een_melding_van_een_ander_bestaat_niet(client_for, netwerklid_noord, netwerklid_oost):
    [notification] = tell(netwerklid_oost)
    response = client_for(netwerklid_noord).post(
        reverse("notifications:read", args=[notification.pk])
    )
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_terug_naar_een_pagina_van_werkset_niet_daarbuiten(client_for, netwerklid_noord):
    [notification] = tell(netwerklid_noord)
    response = client_for(netwerklid_noord).post(
        reverse("notifications:read", args=[notification.pk]), {"next": "https://elders.example/"}
    )
    assert response["Location"] == reverse("notifications:list")


def test_alles_als_gelezen_markeren(client_for, netwerklid_noord, netwerklid_oost):
    tell(netwerklid_noord, 3)
    [theirs] = tell(netwerklid_oost)
    response = client_for(netwerklid_noord).post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=netwerklid_noord, read_at__isnull=True)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_de_pagina_is_verdeeld_in_pagina_s(client_for, netwerklid_noord):
    tell(netwerklid_noord, PAGE_SIZE + 1)
    client = client_for(netwerklid_noord)
    first = client.get(reverse("notifications:list")).content.decode()
    assert "Pagina 1 van 2" in first
    second = client.get(reverse("notifications:list") + "?pagina=2").content.decode()
    assert second.count('class="notification ') == 1


def test_de_pagina_leest_evenveel_bij_veel_meldingen(
    client_for, netwerklid_noord, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(netwerklid_noord)
    tell(netwerklid_noord, 2)
    client.get(reverse("notifications:list"))  # what is kept between requests is kept
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:list"))
    expected = len(few.captured_queries)  # read now: each request empties the log
    tell(netwerklid_noord, 20)
    client.get(reverse("notifications:list"))  # the unread count, forgotten by the new ones
    with django_assert_num_queries(expected):
        client.get(reverse("notifications:list"))


def test_voorkeuren_tonen_de_standaard(client_for, netwerklid_noord):
    content = client_for(netwerklid_noord).get(reverse("notifications:preferences")).content
    assert content.decode().count("checked") == len(kinds.KINDS)


def test_voorkeuren_opslaan(client_for, netwerklid_noord):
    response = client_for(netwerklid_noord).post(
        reverse("notifications:preferences"), {"mail_report_submitted": "on"}
    )
    assert response.status_code == 302
    saved = dict(
        NotificationPreference.objects.filter(user=netwerklid_noord).values_list("kind", "mail")
    )
    assert saved[kinds.REPORT_SUBMITTED] is True
    assert saved[kinds.COMMENT_ADDED] is False
    assert len(saved) == len(kinds.KINDS)
    content = client_for(netwerklid_noord).get(reverse("notifications:preferences")).content
    assert content.decode().count("checked") == 1
