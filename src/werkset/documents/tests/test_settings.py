"""Without a broker tasks run in-process (make run needs no Redis); with one they queue."""

from pathlib import Path

import pytest

from werkset.conf.testing import settings_made


def _settings_with(broker: str, data_dir: Path) -> list[object]:
    made = settings_made("development", WERKSET_BROKER_URL=broker, WERKSET_DATA_DIR=str(data_dir))
    return [made["CELERY_TASK_ALWAYS_EAGER"], made["CELERY_BROKER_URL"]]


@pytest.mark.parametrize(
    ("broker", "expected"),
    [
        ("", [True, "memory://"]),
        ("redis://127.0.0.1:6379/0", [False, "redis://127.0.0.1:6379/0"]),
    ],
)
def test_de_broker_bepaalt_of_taken_in_het_proces_draaien(broker, expected, tmp_path):
    assert _settings_with(broker, tmp_path) == expected
