#!/usr/bin/env bash
# The mixed load of issue 20, the second step of `make bench` (docs/bench.md).
#
# Starts the production stack on loopback as deploy/prod-smoke.sh does (deploy/stack.sh:
# two gunicorn app servers, one Celery worker, HAProxy, PostgreSQL and Redis databases 9 and
# 10), from this checkout's venv without a build (MIXED_INSTALL=DIR: an installation built
# with deploy/build.sh instead). Seeds one region with finalised reports and a concept
# (werkset.bench.data, as `werkset bench` builds its data), then deploy/bench_mixed_client.py
# lets people read theme pages and autosave, alone and while 4 PDFs are requested at once,
# and times a finalised report's second PDF download. The result goes into BENCH_OUT
# (default data/bench.json) under "mixed_load"; exit status 1 when a target is missed.
#
# MIXED_USERS (12), MIXED_ROUNDS (2), MIXED_STEADY_SECONDS (12), MIXED_THINK (1.0 s) shape
# the load; MIXED_WORKER_CONCURRENCY and MIXED_WORKER_NICE the worker (default: as
# deploy/systemd/werkset-worker.service runs it). Takes about 2–3 minutes.
set -euo pipefail

STACK_NAME=bench-mixed
STACK_TIMEOUT="${MIXED_TIMEOUT:-420}"
STACK_REDIS_CACHE_DB=9
STACK_REDIS_BROKER_DB=10
if [[ -n "${MIXED_INSTALL:-}" ]]; then STACK_INSTALL="$MIXED_INSTALL"; else STACK_CHECKOUT=1; fi
# What production's worker unit runs (deploy/systemd/werkset-worker.service).
STACK_WORKER_CONCURRENCY="${MIXED_WORKER_CONCURRENCY:-$(sed -n 's/.*--concurrency \([0-9]*\).*/\1/p' \
    "$(dirname "${BASH_SOURCE[0]}")/systemd/werkset-worker.service")}"
STACK_WORKER_NICE="${MIXED_WORKER_NICE:-$(sed -n 's/^Nice=\(-\?[0-9]*\)$/\1/p' \
    "$(dirname "${BASH_SOURCE[0]}")/systemd/werkset-worker.service")}"
STACK_WORKER_NICE="${STACK_WORKER_NICE:-0}"
# shellcheck source=deploy/stack.sh
source "$(dirname "${BASH_SOURCE[0]}")/stack.sh"
OUT="${BENCH_OUT:-${WERKSET_DATA_DIR:-$SOURCE/data}/bench.json}"
mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"

stack_init
stack_requirements
stack_install
stack_environment
stack_database

ROUNDS="${MIXED_ROUNDS:-2}"
say "gegevens: één regio, $((ROUNDS * 4)) vastgestelde rapportages en een concept"
step manage shell -c "
import json
from django.urls import reverse
from werkset.bench.data import BENCH_PASSWORD, PERIODS, bench_data_build
from werkset.bench.measure import editable_answers
from werkset.reports.models import Report, ReportStatus
data = bench_data_build(regions=1, periods=$((ROUNDS * 4)))
concept = data.concept_report
themes = list(concept.catalogue_version.themes.order_by('position'))
finals = Report.objects.filter(region=data.region, status=ReportStatus.VASTGESTELD).order_by('period')
plan = {
    'username': data.rapporteur.username,
    'password': BENCH_PASSWORD,
    'themes': [reverse('reports:theme', args=[concept.pk, t.key]) for t in themes],
    'answers': [
        {
            'save': reverse('reports:answer_save', args=[concept.pk, a.pk]),
            'revision': a.revision,
            'choice': a.choice or a.indicator.answer_type.choices[0]['key'],
        }
        for a in editable_answers(concept)
    ],
    'pdfs': [reverse('documents:request', args=[r.pk, 'pdf']) for r in finals],
}
open('$RUN/plan.json', 'w').write(json.dumps(plan))
" || fail "de gegevens aanmaken mislukte"

stack_start
say "app1 :$APP1_PORT, app2 :$APP2_PORT, HAProxy :$LB_PORT, worker (concurrency" \
    "$STACK_WORKER_CONCURRENCY, nice $STACK_WORKER_NICE); de gemengde belasting"
WORKER_PID="${PIDS[2]}"
step "$BIN/python" "$SOURCE/deploy/bench_mixed_client.py" \
    --balancer "http://127.0.0.1:$LB_PORT" --plan "$RUN/plan.json" --out "$OUT" \
    --users "${MIXED_USERS:-12}" --rounds "$ROUNDS" \
    --steady-seconds "${MIXED_STEADY_SECONDS:-12}" --think "${MIXED_THINK:-1.0}" \
    --app-pid "${PIDS[0]}" --app-pid "${PIDS[1]}" --worker-pid "$WORKER_PID" \
    --worker-concurrency "$STACK_WORKER_CONCURRENCY" --worker-nice "$STACK_WORKER_NICE"
