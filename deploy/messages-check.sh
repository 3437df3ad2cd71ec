#!/usr/bin/env bash
# Every UI string has its Dutch translation: extract the messages from a copy of the package
# (the checkout stays as it is), the Jinja2 partials' too, and fail on any msgid without a
# translation or with only a fuzzy guess, which gettext does not use (the user would read
# English).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/src/werkset" "$tmp/werkset"
"$root/.venv/bin/python" "$root/deploy/jinja_messages.py" "$tmp/werkset" "$tmp/werkset/jinja_messages_extracted.py"
(cd "$tmp/werkset" && WERKSET_ENVIRONMENT=test PYTHONPATH="$tmp" \
    "$root/.venv/bin/python" -m werkset makemessages -l nl --no-location --no-obsolete >/dev/null)
po="$tmp/werkset/locale/nl/LC_MESSAGES/django.po"
missing="$(msgattrib --untranslated --no-wrap "$po" | grep '^msgid ' | grep -v '^msgid ""$' || true)"
fuzzy="$(msgattrib --only-fuzzy --no-wrap "$po" | grep '^msgid ' | grep -v '^msgid ""$' || true)"
if [ -n "$missing$fuzzy" ]; then
    echo "Teksten zonder Nederlandse vertaling (vul ze aan in src/werkset/locale/nl/LC_MESSAGES/django.po, dan make messages):" >&2
    printf '%s\n' "$missing" "$fuzzy" | grep . >&2
    exit 1
fi
echo "Alle teksten hebben een Nederlandse vertaling."
