"""Write the UI strings of the Jinja2 partials as gettext calls in a Python file, so that
Django's makemessages (which reads Django templates and Python, not Jinja2) extracts them.

Usage: python deploy/jinja_messages.py PACKAGE_DIR OUTPUT_FILE
"""

import sys
from pathlib import Path

from jinja2 import Environment


def calls(package: Path) -> list[str]:
    environment = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    lines = []
    for template in sorted(package.glob("*/jinja2/**/*.html")):
        source = template.read_text(encoding="utf-8")
        for _line, function, message in environment.extract_translations(source):
            if isinstance(message, str):
                lines.append(f"gettext({message!r})")
            elif function == "ngettext" and message[0] and message[1]:
                lines.append(f"ngettext({message[0]!r}, {message[1]!r}, 1)")
    return lines


if __name__ == "__main__":
    package, output = Path(sys.argv[1]), Path(sys.argv[2])
    body = "\n".join(dict.fromkeys(calls(package)))
    output.write_text(
        "# Extracted from the Jinja2 partials for makemessages; not imported, not committed.\n"
        "from django.utils.translation import gettext, ngettext\n\n" + body + "\n",
        encoding="utf-8",
    )
