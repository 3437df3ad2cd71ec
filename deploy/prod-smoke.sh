#!/usr/bin/env bash
# The production path, tested end to end on this machine (make prod-smoke; docs/deploy.md).
#
# Builds an installation with deploy/build.sh, then runs it as production does, on loopback
# only: a temporary PostgreSQL database (127.0.0.1:5432, user postgres, trust), Redis
# (127.0.0.1:6379, databases 11 and 12 for the cache and the broker), two gunicorn app
# servers, one Celery worker and HAProxy in front (Debian's package; installed with apt-get
# when missing and running as root). Production settings throughout: HAProxy says
# X-Forwarded-Proto: https, as nginx does in front of a real installation.
# deploy/prod_smoke_client.py then checks health, log-in, the main pages on both app
# servers, a PDF through the worker, shared sessions and JSON logs.
#
# Stops everything it started, whatever happens; gives up after SMOKE_TIMEOUT seconds
# (default 600, the build included). SMOKE_INSTALL=DIR uses an installation built earlier
# with deploy/build.sh instead of building one. Exit status 0 only when every check passed.
set -euo pipefail

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SMOKE_TIMEOUT="${SMOKE_TIMEOUT:-600}"
PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_CACHE_URL="redis://127.0.0.1:6379/11"
REDIS_BROKER_URL="redis://127.0.0.1:6379/12"
STARTED_AT=$SECONDS

RUN="$(mktemp -d /tmp/werkset-prod-smoke.XXXXXX)"
DB_NAME="werkset_smoke_$$"
PIDS=()
DB_CREATED=0
WATCHDOG=""
CURRENT=""  # the step running now (see step), ended too when time runs out

say() { printf '[prod-smoke %4ds] %s\n' "$((SECONDS - STARTED_AT))" "$*"; }
fail() { say "FOUT: $*"; exit 1; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ -n "$WATCHDOG" ]] && kill "$WATCHDOG" 2>/dev/null || true
    if [[ -n "$CURRENT" ]]; then
        pkill -TERM -P "$CURRENT" 2>/dev/null || true
        kill -TERM "$CURRENT" 2>/dev/null || true
    fi
    ((${#PIDS[@]})) && say "stoppen: app servers, worker, HAProxy"
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ $DB_CREATED == 1 ]]; then
        say "database $DB_NAME verwijderen"
        dropdb -h "$PG_HOST" -p "$PG_PORT" -U postgres --if-exists --force "$DB_NAME" || true
    fi
    redis-cli -u "$REDIS_CACHE_URL" flushdb >/dev/null 2>&1 || true
    redis-cli -u "$REDIS_BROKER_URL" flushdb >/dev/null 2>&1 || true
    if [[ $status != 0 && -d "$RUN/logs" ]]; then
        for log in "$RUN"/logs/*.log; do
            echo "--- laatste regels van $log"
            tail -n 15 "$log" || true
        done
    fi
    rm -rf "$RUN"
    if [[ $status == 0 ]]; then
        say "GESLAAGD in $((SECONDS - STARTED_AT)) s"
    else
        say "MISLUKT (status $status) na $((SECONDS - STARTED_AT)) s"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'say "gestopt"; exit 130' INT
trap 'say "tijd op (${SMOKE_TIMEOUT} s) of gestopt"; exit 124' TERM

# Bounded in time: the watchdog ends this script (and so, through the trap, everything).
( sleep "$SMOKE_TIMEOUT"; kill -TERM $$ 2>/dev/null ) &
WATCHDOG=$!

# One run at a time: the Redis databases and the queue are this script's.
exec 9>/tmp/werkset-prod-smoke.lock
flock -n 9 || fail "er loopt al een prod-smoke op deze machine"

mkdir -p "$RUN/logs" "$RUN/data"

# A step in the background with the script waiting for it: bash runs the traps (the
# watchdog's TERM, ^C) during `wait`, not while a foreground command runs.
step() {
    "$@" &
    CURRENT=$!
    local status=0
    wait "$CURRENT" || status=$?
    CURRENT=""
    return "$status"
}
manage() {  # a werkset command in the run folder, its output in logs/manage.log
    (cd "$RUN" && exec "$BIN/werkset" "$@") >>"$RUN/logs/manage.log" 2>&1
}

# --- what the run needs from the machine ------------------------------------------------
pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || fail "PostgreSQL antwoordt niet op $PG_HOST:$PG_PORT"
[[ "$(redis-cli -u "$REDIS_CACHE_URL" ping 2>/dev/null)" == PONG ]] \
    || fail "Redis antwoordt niet op 127.0.0.1:6379"
if ! command -v haproxy >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        say "HAProxy ontbreekt: apt-get install haproxy"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$RUN/logs/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >>"$RUN/logs/apt.log" 2>&1 \
            || fail "apt-get install haproxy mislukte (zie $RUN/logs/apt.log)"
    else
        fail "HAProxy ontbreekt. Installeer het Debian-pakket: sudo apt-get install haproxy"
    fi
fi

# --- the build --------------------------------------------------------------------------
if [[ -n "${SMOKE_INSTALL:-}" ]]; then
    INSTALL="$(cd "$SMOKE_INSTALL" && pwd)"
    say "installatie van eerder: $INSTALL"
else
    INSTALL="$RUN/install"
    # Debian's Python 3.11, as on a server (docs/deploy.md), where the machine has it.
    if [[ -z "${PYTHON:-}" && -x /usr/bin/python3.11 ]]; then export PYTHON=/usr/bin/python3.11; fi
    say "bouwen met deploy/build.sh in $INSTALL"
    step "$SOURCE/deploy/build.sh" "$INSTALL" >"$RUN/logs/build.log" 2>&1 \
        || fail "deploy/build.sh mislukte (zie hierboven)"
    say "gebouwd"
fi
[[ -s "$INSTALL/static/staticfiles.json" ]] || fail "geen staticfiles.json in $INSTALL/static"
BIN="$INSTALL/venv/bin"

# --- production settings ------------------------------------------------------------------
free_port() {
    "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
APP1_PORT="$(free_port)"
APP2_PORT="$(free_port)"
LB_PORT="$(free_port)"
while [[ $APP2_PORT == "$APP1_PORT" ]]; do APP2_PORT="$(free_port)"; done
while [[ $LB_PORT == "$APP1_PORT" || $LB_PORT == "$APP2_PORT" ]]; do LB_PORT="$(free_port)"; done

export WERKSET_ENVIRONMENT=production
WERKSET_SECRET_KEY="smoke-$(head -c 60 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export WERKSET_SECRET_KEY
export WERKSET_ALLOWED_HOSTS=127.0.0.1,localhost
export WERKSET_CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$LB_PORT"
export DATABASE_URL="postgres://postgres@$PG_HOST:$PG_PORT/$DB_NAME"
export WERKSET_CACHE_URL="$REDIS_CACHE_URL"
export WERKSET_BROKER_URL="$REDIS_BROKER_URL"
export WERKSET_PROXY_COUNT=1
export WERKSET_DATA_DIR="$RUN/data"
export WERKSET_STATIC_ROOT="$INSTALL/static"
export WERKSET_MEDIA_ROOT="$RUN/data/media"
export WERKSET_TASK_TIME_LIMIT=120
unset WERKSET_SSL_REDIRECT WERKSET_SECURE_COOKIES WERKSET_LOG_FORMAT WERKSET_OIDC_ENABLED PYTHONPATH DJANGO_SETTINGS_MODULE

# --- database, regions, catalogue, a user -------------------------------------------------
redis-cli -u "$REDIS_CACHE_URL" flushdb >/dev/null
redis-cli -u "$REDIS_BROKER_URL" flushdb >/dev/null
createdb -h "$PG_HOST" -p "$PG_PORT" -U postgres "$DB_NAME"
DB_CREATED=1
say "database $DB_NAME: migrate, regions load, catalog load"
step manage migrate --no-input || fail "migrate mislukte"
step manage regions load || fail "regions load mislukte"
step manage catalog load || fail "catalog load mislukte"

SMOKE_USER=smoke-rapporteur
SMOKE_REGION=friesland
SMOKE_PASSWORD="$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export SMOKE_USER SMOKE_REGION SMOKE_PASSWORD
step manage shell -c "
import os
from werkset.accounts.models import Role, User
from werkset.accounts.services import role_assign
from werkset.regions.models import Region
user = User.objects.create_user(os.environ['SMOKE_USER'], password=os.environ['SMOKE_PASSWORD'])
role_assign(user=user, role=Role.RAPPORTEUR, region=Region.objects.get(code=os.environ['SMOKE_REGION']), assigned_by=None)
" || fail "de testgebruiker aanmaken mislukte"
say "gebruiker $SMOKE_USER (rapporteur $SMOKE_REGION) aangemaakt"

# --- two app servers, a worker, the balancer ------------------------------------------------
start() {  # name, command...: started in $RUN, standard error and output to logs/name.log
    local name=$1
    shift
    (cd "$RUN" && exec "$@" >"$RUN/logs/$name.log" 2>&1) &
    PIDS+=($!)
}
start app1 "$BIN/gunicorn" -c "$INSTALL/gunicorn.conf.py" --bind "127.0.0.1:$APP1_PORT" --workers 2
start app2 "$BIN/gunicorn" -c "$INSTALL/gunicorn.conf.py" --bind "127.0.0.1:$APP2_PORT" --workers 2
start worker "$BIN/celery" -A werkset.conf.celery worker --loglevel INFO --concurrency 1 \
    --hostname "smoke@%h" --without-gossip --without-mingle

cat >"$RUN/haproxy.cfg" <<EOF
global
    maxconn 200
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    option forwardfor
frontend werkset
    bind 127.0.0.1:$LB_PORT
    # As the TLS-terminating proxy in front does: the original scheme and a request id.
    http-request set-header X-Forwarded-Proto https
    http-request set-header X-Request-ID %[uuid()] unless { req.hdr(X-Request-ID) -m found }
    default_backend apps
backend apps
    balance roundrobin
    option httpchk
    http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host 127.0.0.1
    http-response set-header X-Werkset-Server %s
    server app1 127.0.0.1:$APP1_PORT check inter 2s
    server app2 127.0.0.1:$APP2_PORT check inter 2s
EOF
haproxy -c -q -f "$RUN/haproxy.cfg" >"$RUN/logs/haproxy-check.log" 2>&1 \
    || { cat "$RUN/logs/haproxy-check.log"; fail "de HAProxy-configuratie klopt niet"; }
start haproxy haproxy -db -f "$RUN/haproxy.cfg"

say "app1 :$APP1_PORT, app2 :$APP2_PORT, HAProxy :$LB_PORT, één Celery-worker; de controles"
step "$BIN/python" "$SOURCE/deploy/prod_smoke_client.py" \
    --balancer "http://127.0.0.1:$LB_PORT" \
    --app "http://127.0.0.1:$APP1_PORT" --app "http://127.0.0.1:$APP2_PORT" \
    --app-log "$RUN/logs/app1.log" --app-log "$RUN/logs/app2.log" \
    --worker-log "$RUN/logs/worker.log" --cache-url "$REDIS_CACHE_URL"
