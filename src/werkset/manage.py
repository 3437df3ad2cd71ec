"""The `werkset` console command: Django's manage command for this project.

`WERKSET_ENVIRONMENT` (production, development, test) picks the settings module;
production is the default so that an unconfigured server fails safe.
"""

import os
import sys

SETTINGS_BY_ENVIRONMENT = {
    "production": "werkset.conf.production",
    "development": "werkset.conf.development",
    "test": "werkset.conf.test",
}


def settings_module() -> str:
    environment = os.environ.get("WERKSET_ENVIRONMENT", "production")
    try:
        return SETTINGS_BY_ENVIRONMENT[environment]
    except KeyError:
        known = ", ".join(SETTINGS_BY_ENVIRONMENT)
        sys.exit(f"WERKSET_ENVIRONMENT={environment!r} is onbekend; kies uit: {known}.")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
