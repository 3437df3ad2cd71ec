"""For tests: the settings that an environment gives, made in this process.

The settings modules read the environment when they are imported. A test of what a variable
does runs them afresh under that environment and reads the names they define, without
starting Django or a new interpreter (milliseconds instead of about two seconds); what the
running test process uses stays as it was. Whether a command refuses to start is still
tested with the real command (core/tests/test_settings.py).
"""

import importlib
import os
import sys
from typing import Any
from unittest import mock

from werkset.manage import SETTINGS_BY_ENVIRONMENT

_FRESH = ("werkset.conf.environment", "werkset.conf.base")


def settings_made(environment: str, **variables: str) -> dict[str, Any]:
    """The settings (upper-case names) of `environment` (production, development, test)
    with `variables` set and no other WERKSET_ or DJANGO_ variable. Raises what the settings
    modules raise (ImproperlyConfigured for a configuration they refuse)."""
    name = SETTINGS_BY_ENVIRONMENT[environment]
    package = sys.modules["werkset.conf"]
    attributes = {"environment", "base", name.rpartition(".")[2]}
    kept = {attribute: getattr(package, attribute, None) for attribute in attributes}
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WERKSET_", "DJANGO_"))
    }
    with (
        mock.patch.dict(os.environ, {**clean, **variables}, clear=True),
        mock.patch.dict(sys.modules),
    ):
        for fresh in (*_FRESH, name):
            sys.modules.pop(fresh, None)
        try:
            module = importlib.import_module(name)
            return {key: value for key, value in vars(module).items() if key.isupper()}
        finally:
            for attribute, value in kept.items():
                if value is None:
                    vars(package).pop(attribute, None)
                else:
                    setattr(package, attribute, value)
