"""Without a broker tasks run in-process (make run needs no Redis); with one they queue."""

import json
import os
import subprocess
import sys

import pytest

SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps([settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL]))"
)


def _settings_with(broker: str) -> list[object]:
    environment = {**os.environ, "WERKSET_BROKER_URL": broker}
    environment["DJANGO_SETTINGS_MODULE"] = "werkset.conf.development"
    shown = subprocess.run(  # noqa: S603 (our own interpreter, a fixed script)
        [sys.executable, "-c", "import django; django.setup(); " + SHOW],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(shown.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("broker", "expected"),
    [
        ("", [True, "memory://"]),
        ("redis://127.0.0.1:6379/0", [False, "redis://127.0.0.1:6379/0"]),
    ],
)
def test_de_broker_bepaalt_of_taken_in_het_proces_draaien(broker, expected):
    assert _settings_with(broker) == expected
