"""Write the UI strings of the Jinja2 partials as gettext calls in a Python file, so that
Django's makemessages (which reads Django templates and Python, not Jinja2) extracts them.

Usage: python deploy/jinja_messages.py PACKAGE_DIR OUTPUT_FILE
"""

import sys
from pathlib import Path

from jinja2 import Environment

SUFFIXES = {".html", ".svg", ".txt", ".xml"}


def calls(package: Path) -> list[str]:
    environment = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    lines = []
    templates = (p for p in package.glob("*/jinja2/**/*") if p.suffix in SUFFIXES)
    for template in sorted(templates):
        source = template.read_text(encoding="utf-8")
        for _line, function, message in environment.extract_translations(source):
            # A call with keyword arguments gives a tuple with None for each of them.
            strings = [message] if isinstance(message, str) else [m for m in message if m]
            if function == "ngettext" and len(strings) >= 2:
                lines.append(f"ngettext({strings[0]!r}, {strings[1]!r}, 1)")
            elif strings:
                lines.append(f"gettext({strings[0]!r})")
    return lines


if __name__ == "__main__":
    package, output = Path(sys.argv[1]), Path(sys.argv[2])
    body = "\n".join(dict.fromkeys(calls(package)))
    output.write_text(
        "# Extracted from the Jinja2 partials for makemessages; not imported, not committed.\n"
        "from django.utils.translation import gettext, ngettext\n\n" + body + "\n",
        encoding="utf-8",
    )
