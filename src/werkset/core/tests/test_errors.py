"""Error reporting (issue 20): an event says where and what kind, never what was written."""

import sentry_sdk

from werkset.core.errors import error_event_scrub, error_reporting_init

TEXT = "Sanne de Vries, geboren 12-03-2015"


def _event() -> dict:
    return {
        "request": {
            "method": "POST",
            "url": "https://werkset.example/rapportages/1/antwoord/2/?q=" + TEXT,
            "data": {"explanation": TEXT},
            "cookies": {"sessionid": "geheim"},
            "headers": {"Cookie": "sessionid=geheim"},
            "query_string": "q=" + TEXT,
        },
        "user": {"id": "7", "email": "a@example.nl", "username": "jdevries"},
        "extra": {"text": TEXT},
        "breadcrumbs": {"values": [{"message": TEXT}]},
        "logentry": {"message": "Opslaan mislukt: %s", "params": [TEXT]},
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": f"duplicate key: {TEXT}",
                    "stacktrace": {"frames": [{"function": "answer_save", "vars": {"t": TEXT}}]},
                }
            ]
        },
    }


def test_een_gebeurtenis_houdt_niets_over_van_wat_er_geschreven_is():
    scrubbed = error_event_scrub(_event())
    assert TEXT not in repr(scrubbed)
    assert "geheim" not in repr(scrubbed)
    assert "a@example.nl" not in repr(scrubbed)


def test_een_gebeurtenis_zegt_nog_waar_en_wat_voor_fout():
    scrubbed = error_event_scrub(_event())
    assert scrubbed["request"] == {
        "method": "POST",
        "url": "https://werkset.example/rapportages/1/antwoord/2/",
    }
    assert scrubbed["exception"]["values"][0]["type"] == "IntegrityError"
    assert scrubbed["exception"]["values"][0]["stacktrace"]["frames"][0]["function"] == (
        "answer_save"
    )
    assert scrubbed["user"] == {"id": "7"}


def test_het_opzetten_zet_geen_persoonsgegevens_aan(monkeypatch):
    given = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: given.update(kwargs))
    error_reporting_init(dsn="https://sleutel@fouten.example/1", environment="test", release="1")
    assert given["send_default_pii"] is False
    assert given["max_request_body_size"] == "never"
    assert given["include_local_variables"] is False
    assert given["before_send"] is error_event_scrub
