#!/usr/bin/env bash
# The production path, tested end to end on this machine (make prod-smoke; docs/deploy.md).
#
# Builds an installation with deploy/build.sh, then runs it as production does, on loopback
# only (deploy/stack.sh, shared with the mixed-load bench): a temporary PostgreSQL database
# (127.0.0.1:5432, user postgres, trust), Redis (127.0.0.1:6379, databases 11 and 12 for the
# cache and the broker), two gunicorn app servers, one Celery worker and HAProxy in front
# (Debian's package; installed with apt-get when missing and running as root). Production
# settings throughout: HAProxy says X-Forwarded-Proto: https, as nginx does in front of a
# real installation. deploy/prod_smoke_client.py then checks health, log-in, the main pages
# on both app servers, a PDF through the worker, shared sessions and JSON logs.
#
# Stops everything it started, whatever happens; gives up after SMOKE_TIMEOUT seconds
# (default 600, the build included). SMOKE_INSTALL=DIR uses an installation built earlier
# with deploy/build.sh instead of building one. Exit status 0 only when every check passed.
set -euo pipefail

STACK_NAME=prod-smoke
STACK_TIMEOUT="${SMOKE_TIMEOUT:-600}"
STACK_INSTALL="${SMOKE_INSTALL:-}"
STACK_REDIS_CACHE_DB=11
STACK_REDIS_BROKER_DB=12
# shellcheck source=deploy/stack.sh
source "$(dirname "${BASH_SOURCE[0]}")/stack.sh"

stack_init
stack_requirements
stack_install
stack_environment
stack_database

SMOKE_USER=smoke-rapporteur
SMOKE_REGION=friesland
SMOKE_PASSWORD="$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export SMOKE_USER SMOKE_REGION SMOKE_PASSWORD
step manage shell -c "
import os
from datetime import timedelta
from django.utils import timezone
from werkset.accounts.models import Role, User
from werkset.accounts.services import role_assign
from werkset.catalogue.models import CatalogueVersion
from werkset.regions.models import Region
from werkset.rounds.services import round_open
user = User.objects.create_user(os.environ['SMOKE_USER'], password=os.environ['SMOKE_PASSWORD'])
role_assign(user=user, role=Role.RAPPORTEUR, region=Region.objects.get(code=os.environ['SMOKE_REGION']), assigned_by=None)
# A report starts in an open reporting round (ADR 19): the national network opens 2025's.
national = User.objects.create_user('smoke-landelijk')
role_assign(user=national, role=Role.LANDELIJK, region=None, assigned_by=None)
version = CatalogueVersion.objects.order_by('-published_on', '-id').first()
round_open(period='2025', catalogue_version=version, deadline=timezone.localdate() + timedelta(days=56), user=national)
" || fail "de testgebruiker aanmaken mislukte"
say "gebruiker $SMOKE_USER (rapporteur $SMOKE_REGION) aangemaakt, ronde 2025 open"

stack_start
say "app1 :$APP1_PORT, app2 :$APP2_PORT, HAProxy :$LB_PORT, één Celery-worker; de controles"
step "$BIN/python" "$SOURCE/deploy/prod_smoke_client.py" \
    --balancer "http://127.0.0.1:$LB_PORT" \
    --app "http://127.0.0.1:$APP1_PORT" --app "http://127.0.0.1:$APP2_PORT" \
    --app-log "$RUN/logs/app1.log" --app-log "$RUN/logs/app2.log" \
    --worker-log "$RUN/logs/worker.log" --cache-url "$REDIS_CACHE_URL"
