"""Every response carries a request id; JSON log lines carry it too (issue 20)."""

import json
import logging

import structlog

from werkset.core.logs import json_formatter


def test_elk_antwoord_heeft_een_request_id(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32


def test_het_request_id_van_de_proxy_wordt_overgenomen(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-id-12345678")
    assert response["X-Request-ID"] == "proxy-id-12345678"


def test_een_vreemd_request_id_wordt_vervangen(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert response["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(response["X-Request-ID"]) == 32


def test_een_logregel_is_json_met_het_request_id():
    record = logging.LogRecord(
        "werkset.test", logging.WARNING, __file__, 1, "Iets %s", ("mis",), None
    )
    structlog.contextvars.bind_contextvars(request_id="abc12345")
    try:
        line = json.loads(json_formatter().format(record))
    finally:
        structlog.contextvars.clear_contextvars()
    assert line["event"] == "Iets mis"
    assert line["request_id"] == "abc12345"
    assert line["level"] == "warning"
    assert line["logger"] == "werkset.test"


def test_de_regel_over_een_onbekende_pagina_draagt_het_request_id(client):
    """Django logs "Not Found" after the middleware returned; the id is still bound then."""
    response = client.get("/bestaat-niet/")
    assert response.status_code in (302, 404)
    assert structlog.contextvars.get_contextvars()["request_id"] == response["X-Request-ID"]
