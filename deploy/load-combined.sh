#!/usr/bin/env bash
# The combined load test of issue 17, on this machine (not part of `make test`):
# a 1 MB text, three concurrent oversized workbooks and 50 ordinary users together must give
# 0 server errors and keep the log-in page under 1 s (deploy/load_combined_client.py).
#
# Runs werkset from this checkout's venv with production settings on loopback: a temporary
# PostgreSQL database (127.0.0.1:5432, user postgres), Redis databases 13 and 14 (cache and
# broker), one gunicorn app server (LOAD_WORKERS, default 3; more options in
# LOAD_GUNICORN_ARGS, such as "--threads 4") and one Celery worker. Stops
# what it started and drops the database, whatever happens. Exit status 0 when it passed.
set -euo pipefail

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$SOURCE/.venv/bin"
RUN="$(mktemp -d /tmp/werkset-load.XXXXXX)"
DB_NAME="werkset_load_$$"
REDIS_CACHE_URL="redis://127.0.0.1:6379/13"
REDIS_BROKER_URL="redis://127.0.0.1:6379/14"
PIDS=()
DB_CREATED=0

say() { printf '[load] %s\n' "$*"; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ $DB_CREATED == 1 ]]; then
        dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB_NAME" || true
    fi
    redis-cli -u "$REDIS_CACHE_URL" flushdb >/dev/null 2>&1 || true
    redis-cli -u "$REDIS_BROKER_URL" flushdb >/dev/null 2>&1 || true
    if [[ $status != 0 ]]; then
        for log in "$RUN"/*.log; do echo "--- $log"; tail -n 20 "$log" || true; done
    fi
    if [[ -z "${LOAD_KEEP_LOGS:-}" ]]; then rm -rf "$RUN"; else say "logs in $RUN"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export WERKSET_ENVIRONMENT=production
WERKSET_SECRET_KEY="load-$(head -c 60 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export WERKSET_SECRET_KEY
export WERKSET_ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB_NAME"
export WERKSET_CACHE_URL="$REDIS_CACHE_URL"
export WERKSET_BROKER_URL="$REDIS_BROKER_URL"
export WERKSET_PROXY_COUNT=1
export WERKSET_DATA_DIR="$RUN/data"
export WERKSET_STATIC_ROOT="$RUN/static"
export WERKSET_MEDIA_ROOT="$RUN/data/media"
export PYTHONPATH="$SOURCE/src"
unset DJANGO_SETTINGS_MODULE WERKSET_TEST_POSTGRES_URL
mkdir -p "$RUN/data"

createdb -h 127.0.0.1 -U postgres "$DB_NAME"
DB_CREATED=1
say "database $DB_NAME: migrate, regions, catalogue, static files"
"$BIN/werkset" migrate --no-input >"$RUN/manage.log" 2>&1
"$BIN/werkset" regions load >>"$RUN/manage.log" 2>&1
"$BIN/werkset" catalog load >>"$RUN/manage.log" 2>&1
"$BIN/werkset" collectstatic --no-input >>"$RUN/manage.log" 2>&1

LOAD_PASSWORD="$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export LOAD_PASSWORD
"$BIN/werkset" shell -c "
import os
from werkset.accounts.models import Role, User
from werkset.accounts.services import role_assign
from werkset.catalogue.models import CatalogueVersion
from werkset.regions.models import Region
from datetime import timedelta
from django.utils import timezone
from werkset.reports.services import report_start
from werkset.rounds.services import round_open
region = Region.objects.get(code='friesland')
user = User.objects.create_user('load-rapporteur', password=os.environ['LOAD_PASSWORD'])
role_assign(user=user, role=Role.RAPPORTEUR, region=region, assigned_by=None)
national = User.objects.create_user('load-landelijk')
role_assign(user=national, role=Role.LANDELIJK, assigned_by=None)
version = CatalogueVersion.objects.order_by('-id').first()
round_open(period='2025', catalogue_version=version, deadline=timezone.localdate() + timedelta(days=30), user=national)
report = report_start(region=region, period='2025', catalogue_version=version, user=user)
theme = version.themes.order_by('position').first()
open('$RUN/target', 'w').write(f'{report.pk} {theme.key}\\n')
" >>"$RUN/manage.log" 2>&1
read -r REPORT THEME <"$RUN/target"
status=0

PORT="$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
(cd "$RUN" && exec "$BIN/gunicorn" -c "$SOURCE/deploy/gunicorn.conf.py" --bind "127.0.0.1:$PORT" \
    --workers "${LOAD_WORKERS:-3}" ${LOAD_GUNICORN_ARGS:-} >"$RUN/gunicorn.log" 2>&1) &
PIDS+=($!)
(cd "$RUN" && exec "$BIN/celery" -A werkset.conf.celery worker --loglevel INFO --concurrency 1 \
    --hostname "load@%h" --without-gossip --without-mingle >"$RUN/worker.log" 2>&1) &
PIDS+=($!)
for _ in $(seq 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
    sleep 0.5
done
say "gunicorn op 127.0.0.1:$PORT (${LOAD_WORKERS:-3} workers), Celery-worker; rapportage $REPORT"

"$BIN/python" "$SOURCE/deploy/load_combined_client.py" --base "http://127.0.0.1:$PORT" \
    --username load-rapporteur --password "$LOAD_PASSWORD" --report "$REPORT" --theme "$THEME" \
    --region friesland "$@" || status=$?
server_errors=$(grep -c '" 5[0-9][0-9] ' "$RUN/gunicorn.log" || true)
say "gunicorn access log: $server_errors answer(s) 5xx; worker log: $(grep -c 'Werkmapimport' "$RUN/worker.log" || true) regel(s) over werkmappen"
exit "$status"
