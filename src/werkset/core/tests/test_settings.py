"""Production settings are chosen by WERKSET_ENVIRONMENT and refuse unsafe configuration."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from werkset.conf.testing import settings_made

STRONG_KEY = "p" * 20 + "-a-long-random-production-secret-for-tests-0123456789"


def run_werkset(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WERKSET_", "DJANGO_"))
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own command, fixed arguments)
        [sys.executable, "-m", "werkset", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_productie_weigert_te_starten_zonder_geheime_sleutel(tmp_path):
    result = run_werkset("check", WERKSET_ENVIRONMENT="production", WERKSET_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "WERKSET_SECRET_KEY ontbreekt" in result.stderr


def test_productie_is_de_standaard(tmp_path):
    result = run_werkset("check", WERKSET_DATA_DIR=str(tmp_path))
    assert "WERKSET_SECRET_KEY ontbreekt" in result.stderr


def test_onbekende_omgeving_wordt_genoemd(tmp_path):
    result = run_werkset("check", WERKSET_ENVIRONMENT="staging")
    assert result.returncode != 0
    assert "WERKSET_ENVIRONMENT='staging' is onbekend" in result.stderr


def test_check_deploy_is_schoon_onder_productie(tmp_path):
    result = run_werkset(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        WERKSET_ENVIRONMENT="production",
        WERKSET_SECRET_KEY=STRONG_KEY,
        WERKSET_ALLOWED_HOSTS="werkset.example.nl",
        WERKSET_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_productie_logt_json_met_request_id(tmp_path):
    result = run_werkset(
        "shell",
        "-c",
        "import logging; logging.getLogger('werkset.probe').warning('proef')",
        WERKSET_ENVIRONMENT="production",
        WERKSET_SECRET_KEY=STRONG_KEY,
        WERKSET_ALLOWED_HOSTS="werkset.example.nl",
        WERKSET_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "proef" in line]
    assert json.loads(line)["logger"] == "werkset.probe"


def test_files_live_on_the_file_system_by_default(tmp_path):
    made = settings_made("test", WERKSET_DATA_DIR=str(tmp_path))
    assert made["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert made["MEDIA_ROOT"] == tmp_path / "media"


def test_an_object_store_needs_django_storages_or_says_so(tmp_path):
    variables = {
        "WERKSET_DATA_DIR": str(tmp_path),
        "WERKSET_STORAGE": "s3",
        "WERKSET_S3_BUCKET": "werkset",
    }
    if importlib.util.find_spec("storages") is None or importlib.util.find_spec("boto3") is None:
        with pytest.raises(ImproperlyConfigured, match="django-storages"):
            settings_made("test", **variables)
    else:  # installed: the settings point the default storage at it
        made = settings_made("test", **variables)
        assert made["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
        assert made["STORAGES"]["default"]["OPTIONS"]["bucket_name"] == "werkset"


def test_an_unknown_storage_is_named(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="WERKSET_STORAGE='ftp' is onbekend"):
        settings_made("test", WERKSET_DATA_DIR=str(tmp_path), WERKSET_STORAGE="ftp")


def test_in_ontwikkeling_blijven_mails_als_bestand_op_de_machine_met_links_naar_make_run(tmp_path):
    """`make run` with the demo: notifications' mails land in data/mail, with working links,
    instead of twenty warnings that the site's address is missing."""
    made = settings_made("development", WERKSET_DATA_DIR=str(tmp_path))
    assert made["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert made["EMAIL_FILE_PATH"] == tmp_path / "mail"
    assert made["WERKSET_BASE_URL"] == "http://127.0.0.1:8000"
