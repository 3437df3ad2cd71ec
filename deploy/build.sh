#!/usr/bin/env bash
# Build a ready-to-run werkset installation from a source tree (docs/deploy.md).
#
#   deploy/build.sh TARGET            e.g. deploy/build.sh /opt/werkset
#
# TARGET gets:
#   venv/             Python 3.11 with the hash-pinned requirements and werkset itself
#                     (venv/bin/werkset, venv/bin/gunicorn, venv/bin/celery)
#   static/           the collected static files with whitenoise's manifest; point
#                     WERKSET_STATIC_ROOT here (nginx serves /static/ from it)
#   gunicorn.conf.py  gunicorn's settings: JSON logs on standard error
#   BUILD             what was built from what
#
# Everything is downloaded here, at build time: the Python packages from the registry by
# their pinned hashes, the NL Design System CSS by npm from package-lock.json. Nothing is
# fetched when werkset runs. The source tree is only read: the build works in a copy.
# Needs: python3.11 with venv (Debian: python3.11-venv), npm (Debian: npm).
# PYTHON=... chooses another interpreter (it must be 3.11).
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "gebruik: $0 DOELMAP   (bijvoorbeeld: $0 /opt/werkset)" >&2
    exit 2
fi

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$1"
TARGET="$(cd "$1" && pwd)"
PYTHON="${PYTHON:-python3.11}"

command -v "$PYTHON" >/dev/null || { echo "$PYTHON niet gevonden: werkset vraagt Python 3.11." >&2; exit 1; }
command -v npm >/dev/null || { echo "npm niet gevonden: nodig voor de NL Design System-CSS." >&2; exit 1; }
"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || { echo "$PYTHON is geen Python 3.11." >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
step() { printf '\n== %s\n' "$*"; }

step "bron kopiëren naar een werkmap"
mkdir -p "$WORK/src"
cp "$SOURCE/pyproject.toml" "$SOURCE/README.md" "$SOURCE/LICENSE" \
    "$SOURCE/package.json" "$SOURCE/package-lock.json" "$WORK/src/"
# The package without caches or an earlier copy of the vendor CSS (npm gives it anew).
tar -C "$SOURCE" --exclude='__pycache__' --exclude='*.py[co]' --exclude='*.egg-info' \
    --exclude='src/werkset/core/static/werkset/vendor' -cf - src | tar -C "$WORK/src" -xf -

step "NL Design System-CSS (npm ci, package-lock.json)"
(cd "$WORK/src" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
VENDOR="$WORK/src/src/werkset/core/static/werkset/vendor"
CSS="$WORK/src/node_modules/@utrecht/component-library-css/dist"
mkdir -p "$VENDOR"
cp "$CSS/index.css" "$VENDOR/utrecht-component-library.css"
cp "$CSS/html.css" "$VENDOR/utrecht-html.css"

step "virtuele omgeving in $TARGET/venv"
rm -rf "$TARGET/venv"
"$PYTHON" -m venv "$TARGET/venv"
PIP=("$TARGET/venv/bin/python" -m pip --disable-pip-version-check --no-input --quiet)
"${PIP[@]}" install --require-hashes --no-deps -r "$SOURCE/requirements/base.txt"
# The build backend, pinned with its hash in requirements/dev.txt, only to build werkset
# itself (Debian's venv brings a setuptools too old for pyproject.toml's license field).
awk '/^setuptools==/{p=1} p&&/^[^ ]/&&!/^setuptools==/{exit} p' "$SOURCE/requirements/dev.txt" \
    >"$WORK/build-requirements.txt"
"${PIP[@]}" install --require-hashes --no-deps -r "$WORK/build-requirements.txt"
"${PIP[@]}" install --no-deps --no-build-isolation "$WORK/src"

step "statische bestanden verzamelen in $TARGET/static (productie-instellingen)"
rm -rf "$TARGET/static"
# Production settings need a key and hosts to load; these throwaway values serve only
# collectstatic, which reads neither the database nor any secret.
(
    cd "$WORK"
    env -i PATH="$PATH" HOME="$WORK" \
        WERKSET_ENVIRONMENT=production \
        WERKSET_SECRET_KEY="build-only-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" \
        WERKSET_ALLOWED_HOSTS=build.invalid \
        WERKSET_DATA_DIR="$WORK/data" \
        WERKSET_STATIC_ROOT="$TARGET/static" \
        "$TARGET/venv/bin/werkset" collectstatic --no-input -v 0
)
test -s "$TARGET/static/staticfiles.json" || { echo "collectstatic schreef geen manifest." >&2; exit 1; }

cp "$SOURCE/deploy/gunicorn.conf.py" "$TARGET/gunicorn.conf.py"
{
    echo "werkset $("$TARGET/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("werkset"))')"
    echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) from $SOURCE"
    if git -C "$SOURCE" rev-parse HEAD >/dev/null 2>&1; then
        echo "commit $(git -C "$SOURCE" rev-parse HEAD)"
    fi
} >"$TARGET/BUILD"

step "klaar: $TARGET"
cat "$TARGET/BUILD"
