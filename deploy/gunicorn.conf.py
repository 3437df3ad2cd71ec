"""gunicorn's settings for werkset (deploy/build.sh copies this next to the venv).

gunicorn's own log lines go to standard error as JSON, like werkset's (core/logs.py), so a
log collector reads one format; the access log's lines name the request id (X-Request-ID,
which every response carries) to find the application's lines of the same request.
Address and workers come from the command line (`--bind 127.0.0.1:8000 --workers 3`), so
one file serves every app server.
"""

wsgi_app = "werkset.conf.wsgi:application"
# Heartbeat files in memory, off the (possibly read-only) disk; gunicorn makes them private.
worker_tmp_dir = "/dev/shm"  # noqa: S108
timeout = 60
graceful_timeout = 30
# Within the proxy's keep-alive to gunicorn; nginx speaks HTTP/1.0 to it by default anyway.
keepalive = 5
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "werkset.core.logs.json_formatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
