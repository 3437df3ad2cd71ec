"""The request id travels with a task (conf/celery.py): in its message, bound while it runs."""

from types import SimpleNamespace

import structlog

from werkset.conf import celery


def test_een_taak_krijgt_het_id_van_het_verzoek_mee():
    headers: dict[str, str] = {}
    structlog.contextvars.bind_contextvars(request_id="verzoek-1234abcd")
    try:
        celery._pass_request_id(headers=headers)
    finally:
        structlog.contextvars.clear_contextvars()
    assert headers == {celery.REQUEST_ID_HEADER: "verzoek-1234abcd"}


def test_buiten_een_verzoek_krijgt_een_taak_geen_id_mee():
    headers: dict[str, str] = {}
    celery._pass_request_id(headers=headers)
    assert headers == {}


def test_de_taak_draait_met_het_id_en_ruimt_het_daarna_op():
    task = SimpleNamespace(request=SimpleNamespace(**{celery.REQUEST_ID_HEADER: "verzoek-5678"}))
    celery._bind_request_id(task_id="t1", task=task)
    during = structlog.contextvars.get_contextvars()
    celery._unbind_request_id(task_id="t1")
    assert during["request_id"] == "verzoek-5678"
    assert "request_id" not in structlog.contextvars.get_contextvars()
