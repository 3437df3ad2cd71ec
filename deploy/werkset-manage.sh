#!/bin/sh
# `werkset` for the server's administrator (docs/deploy.md): runs one werkset command as
# the werkset user with exactly the settings the services get (systemd reads
# /etc/werkset/werkset.env for it, as for werkset-web and werkset-worker). Run as root;
# install as /usr/local/bin/werkset-manage.
#   werkset-manage migrate --no-input
#   werkset-manage check --deploy
set -eu
INSTALL="${WERKSET_INSTALL:-/opt/werkset}"
if [ -t 0 ] && [ -t 1 ]; then io=--pty; else io=--pipe; fi
exec systemd-run --quiet --wait --collect "$io" \
    --uid=werkset --gid=werkset \
    --working-directory=/var/lib/werkset \
    --property=EnvironmentFile=/etc/werkset/werkset.env \
    --setenv=HOME=/var/lib/werkset --setenv=XDG_CACHE_HOME=/var/lib/werkset/cache \
    "$INSTALL/venv/bin/werkset" "$@"
