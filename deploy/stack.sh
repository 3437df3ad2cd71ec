# The production stack on loopback, shared by deploy/prod-smoke.sh and deploy/bench-mixed.sh.
# Sourced, not run: `source deploy/stack.sh`, then set what differs and call the steps:
#
#   stack_init          traps, the watchdog (STACK_TIMEOUT s), the lock, the run folder
#   stack_requirements  PostgreSQL and Redis answer; HAProxy present (apt-get as root)
#   stack_install       INSTALL and BIN: deploy/build.sh into the run folder, an installation
#                       built earlier (STACK_INSTALL=DIR), or this checkout's .venv
#                       (STACK_CHECKOUT=1: collectstatic without compression, no build)
#   stack_environment   free ports and production's settings in the environment
#   stack_database      a temporary database: migrate, regions load, catalog load
#   stack_start         two gunicorn app servers, one Celery worker, HAProxy in front
#
# and `step`, `manage`, `say`, `fail`. Whatever happens, the EXIT trap stops what was
# started, drops the database and empties the Redis databases.
#
# Settings (set before stack_init): STACK_NAME (log prefix, lock, run and database names),
# STACK_TIMEOUT (seconds, default 600), STACK_REDIS_CACHE_DB and STACK_REDIS_BROKER_DB,
# STACK_WEB_WORKERS (gunicorn workers per app server, default 2), STACK_WORKER_CONCURRENCY
# (Celery processes, default 1) and STACK_WORKER_NICE (the worker's nice level, default 0).

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_NAME="${STACK_NAME:-stack}"
STACK_TIMEOUT="${STACK_TIMEOUT:-600}"
STACK_WEB_WORKERS="${STACK_WEB_WORKERS:-2}"
STACK_WORKER_CONCURRENCY="${STACK_WORKER_CONCURRENCY:-1}"
STACK_WORKER_NICE="${STACK_WORKER_NICE:-0}"
PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_CACHE_URL="redis://127.0.0.1:6379/${STACK_REDIS_CACHE_DB:-11}"
REDIS_BROKER_URL="redis://127.0.0.1:6379/${STACK_REDIS_BROKER_DB:-12}"
STARTED_AT=$SECONDS
PIDS=()
DB_CREATED=0
WATCHDOG=""
CURRENT=""  # the step running now (see step), ended too when time runs out
RUN=""

say() { printf '[%s %4ds] %s\n' "$STACK_NAME" "$((SECONDS - STARTED_AT))" "$*"; }
fail() { say "FOUT: $*"; exit 1; }

stack_cleanup() {
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
    [[ -n "$RUN" ]] && rm -rf "$RUN"
    if [[ $status == 0 ]]; then
        say "GESLAAGD in $((SECONDS - STARTED_AT)) s"
    else
        say "MISLUKT (status $status) na $((SECONDS - STARTED_AT)) s"
    fi
    exit "$status"
}

stack_init() {
    RUN="$(mktemp -d "/tmp/werkset-$STACK_NAME.XXXXXX")"
    DB_NAME="werkset_${STACK_NAME//-/_}_$$"
    trap stack_cleanup EXIT
    trap 'say "gestopt"; exit 130' INT
    trap 'say "tijd op (${STACK_TIMEOUT} s) of gestopt"; exit 124' TERM
    # Bounded in time: the watchdog ends this script (and so, through the trap, everything).
    ( sleep "$STACK_TIMEOUT"; kill -TERM $$ 2>/dev/null ) >/dev/null 2>&1 &
    WATCHDOG=$!
    # One run at a time: the Redis databases and the queue are this script's.
    exec 9>"/tmp/werkset-$STACK_NAME.lock"
    flock -n 9 || fail "er loopt al een $STACK_NAME op deze machine"
    mkdir -p "$RUN/logs" "$RUN/data"
}

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

stack_requirements() {
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
}

stack_install() {
    STACK_CHECKOUT_PYTHONPATH=""
    if [[ -n "${STACK_CHECKOUT:-}" ]]; then
        # This checkout's venv and source, static files collected without compression
        # (werkset.bench.settings; the manifest and the URLs in the pages are production's).
        INSTALL="$RUN/install"
        BIN="$SOURCE/.venv/bin"
        STACK_CHECKOUT_PYTHONPATH="$SOURCE/src"
        mkdir -p "$INSTALL/static"
        cp "$SOURCE/deploy/gunicorn.conf.py" "$INSTALL/gunicorn.conf.py"
        say "deze checkout ($SOURCE/.venv); statische bestanden verzamelen"
        (cd "$RUN" && PYTHONPATH="$STACK_CHECKOUT_PYTHONPATH" WERKSET_ENVIRONMENT=production \
            DJANGO_SETTINGS_MODULE=werkset.bench.settings WERKSET_STATIC_ROOT="$INSTALL/static" \
            WERKSET_SECRET_KEY="collectstatic-$(head -c 60 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" \
            WERKSET_ALLOWED_HOSTS=127.0.0.1 \
            exec "$BIN/werkset" collectstatic --no-input -v 0) >"$RUN/logs/collectstatic.log" 2>&1 \
            || fail "collectstatic mislukte (zie hierboven)"
    elif [[ -n "${STACK_INSTALL:-}" ]]; then
        INSTALL="$(cd "$STACK_INSTALL" && pwd)"
        BIN="$INSTALL/venv/bin"
        say "installatie van eerder: $INSTALL"
    else
        INSTALL="$RUN/install"
        # Debian's Python 3.11, as on a server (docs/deploy.md), where the machine has it.
        if [[ -z "${PYTHON:-}" && -x /usr/bin/python3.11 ]]; then export PYTHON=/usr/bin/python3.11; fi
        say "bouwen met deploy/build.sh in $INSTALL"
        step "$SOURCE/deploy/build.sh" "$INSTALL" >"$RUN/logs/build.log" 2>&1 \
            || fail "deploy/build.sh mislukte (zie hierboven)"
        BIN="$INSTALL/venv/bin"
        say "gebouwd"
    fi
    [[ -s "$INSTALL/static/staticfiles.json" ]] || fail "geen staticfiles.json in $INSTALL/static"
}

free_port() {
    "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stack_environment() {
    APP1_PORT="$(free_port)"
    APP2_PORT="$(free_port)"
    LB_PORT="$(free_port)"
    while [[ $APP2_PORT == "$APP1_PORT" ]]; do APP2_PORT="$(free_port)"; done
    while [[ $LB_PORT == "$APP1_PORT" || $LB_PORT == "$APP2_PORT" ]]; do LB_PORT="$(free_port)"; done

    export WERKSET_ENVIRONMENT=production
    WERKSET_SECRET_KEY="$STACK_NAME-$(head -c 60 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
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
    unset WERKSET_SSL_REDIRECT WERKSET_SECURE_COOKIES WERKSET_LOG_FORMAT WERKSET_OIDC_ENABLED \
        PYTHONPATH DJANGO_SETTINGS_MODULE WERKSET_TEST_POSTGRES_URL
    if [[ -n "$STACK_CHECKOUT_PYTHONPATH" ]]; then export PYTHONPATH="$STACK_CHECKOUT_PYTHONPATH"; fi
}

stack_database() {
    redis-cli -u "$REDIS_CACHE_URL" flushdb >/dev/null
    redis-cli -u "$REDIS_BROKER_URL" flushdb >/dev/null
    createdb -h "$PG_HOST" -p "$PG_PORT" -U postgres "$DB_NAME"
    DB_CREATED=1
    say "database $DB_NAME: migrate, regions load, catalog load"
    step manage migrate --no-input || fail "migrate mislukte"
    step manage regions load || fail "regions load mislukte"
    step manage catalog load || fail "catalog load mislukte"
}

start() {  # name, command...: started in $RUN, standard error and output to logs/name.log
    local name=$1
    shift
    (cd "$RUN" && exec "$@" >"$RUN/logs/$name.log" 2>&1) &
    PIDS+=($!)
}

stack_start() {
    start app1 "$BIN/gunicorn" -c "$INSTALL/gunicorn.conf.py" --bind "127.0.0.1:$APP1_PORT" \
        --workers "$STACK_WEB_WORKERS"
    start app2 "$BIN/gunicorn" -c "$INSTALL/gunicorn.conf.py" --bind "127.0.0.1:$APP2_PORT" \
        --workers "$STACK_WEB_WORKERS"
    start worker nice -n "$STACK_WORKER_NICE" "$BIN/celery" -A werkset.conf.celery worker \
        --loglevel INFO --concurrency "$STACK_WORKER_CONCURRENCY" \
        --hostname "$STACK_NAME@%h" --without-gossip --without-mingle

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
}
