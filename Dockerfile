# werkset as an image: the installation that deploy/build.sh makes, on Debian 12 (the same
# packages as docs/deploy.md). Not built on the project's machines (they have no Docker
# engine); `make prod-smoke` tests deploy/build.sh and the processes this image runs.
#
#   docker build -t werkset .
#   docker run --rm --env-file werkset.env -v werkset-data:/data werkset werkset migrate
#   docker run -d --read-only --tmpfs /tmp --env-file werkset.env -v werkset-data:/data \
#       -p 127.0.0.1:8000:8000 werkset                                  # an app server
#   docker run -d --read-only --tmpfs /tmp --env-file werkset.env -v werkset-data:/data \
#       --no-healthcheck werkset celery -A werkset.conf.celery worker --loglevel INFO  # a worker
#
# Writable: only /data (WERKSET_DATA_DIR: the file storage of made documents, caches) and a
# tmpfs on /tmp (uploads larger than 2.5 MB pass through it). Several app servers and
# workers share one /data volume (or set WERKSET_MEDIA_ROOT to a shared mount).

ARG DEBIAN_IMAGE=debian:bookworm-slim

# --- build: Python packages, the NL Design System CSS, collectstatic -----------------------
FROM ${DEBIAN_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates python3.11 python3.11-venv npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN PYTHON=python3.11 deploy/build.sh /opt/werkset

# --- run: Python, WeasyPrint's libraries and fonts, the installation -----------------------
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates python3.11 \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
        fonts-liberation fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin werkset \
    && mkdir -p /data && chown werkset:werkset /data
COPY --from=build /opt/werkset /opt/werkset

ENV PATH=/opt/werkset/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    WERKSET_ENVIRONMENT=production \
    WERKSET_DATA_DIR=/data \
    WERKSET_MEDIA_ROOT=/data/media \
    WERKSET_STATIC_ROOT=/opt/werkset/static \
    HOME=/data \
    XDG_CACHE_HOME=/data/cache

USER werkset
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# Behind a TLS proxy that sets X-Forwarded-Proto (WERKSET_PROXY_COUNT=1 in its environment).
# Static files: whitenoise serves them from /opt/werkset/static when no proxy does.
CMD ["gunicorn", "-c", "/opt/werkset/gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--workers", "3"]
