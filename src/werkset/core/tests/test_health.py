"""/healthz and /readyz: no log-in, no data, 503 when a dependency is down (issue 20)."""

import pytest
from django.core.cache import cache


def test_healthz_antwoordt_zonder_inloggen(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_controleert_database_en_cache(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_readyz_zegt_503_als_de_cache_niet_werkt_zonder_de_reden_te_tonen(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis://geheim-wachtwoord@cache:6379 onbereikbaar")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "fout"
    assert "geheim" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_met_een_gedeelde_redis_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    caches["default"].delete("werkset:readyz")
    assert client.get("/readyz").json()["checks"]["cache"] == "ok"
    assert caches["default"].get("werkset:readyz") == "ok"


@pytest.mark.django_db
def test_readyz_controleert_de_wachtrij_als_er_een_broker_is(client, settings):
    settings.WERKSET_BROKER_URL = "redis://127.0.0.1:6379/13"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["queue"] == "ok"


@pytest.mark.django_db
def test_readyz_zegt_binnen_2_seconden_503_als_de_broker_weg_is(client, settings):
    import time

    settings.WERKSET_BROKER_URL = "redis://:geheim@127.0.0.1:1/0"
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started <= 2
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == "fout"
    assert "geheim" not in response.content.decode()
