"""The contract's payload for gunicorn (subjects/adapters/gunicorn): a WSGI
application that serves nothing, and gunicorn's when_ready hook, which the
master calls once its PID file is written and its signal handlers are in
place, for the ready announcement. Loaded as gunicorn's configuration
(--config python:gunicorn_app) and as its application (gunicorn_app:app)."""
import adapter_args
import dk_gunicorn_subject

ME = "subject-gunicorn"


def app(environ, start_response):
    start_response("204 No Content", [])
    return []


def when_ready(server):
    ready = dk_gunicorn_subject.CONTRACT.ready
    try:
        adapter_args.announce_ready(ready)
    except Exception as e:
        adapter_args.broken(ME, "ready announcement: %s" % e, ready=ready)
