"""gunicorn for Chi Bộ Số: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Listens on a unix socket that only nginx (deploy/nginx/chibo.conf) talks to. The access log is
written without query strings: member searches travel as `GET ?q=<name>` and a name must not
reach a log (foundations issue, finding 11). `%(U)s` is the path alone; `%(r)s` (the request line)
and `%(q)s` (the query) are never used. Each value can be overridden from the environment, which
the systemd unit reads from /etc/chibo/chibo.env.
"""

import multiprocessing
import os

bind = os.environ.get("CHIBO_GUNICORN_BIND", "unix:/run/chibo/gunicorn.sock")
umask = 0o007  # uploads and the socket (when not from systemd) for owner and group only
workers = int(os.environ.get("CHIBO_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("CHIBO_WEB_THREADS", "2"))
worker_class = "gthread"
# Big imports are streamed to disk by Django; a request longer than this is a fault.
timeout = int(os.environ.get("CHIBO_WEB_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Workers are recycled now and then so a slow leak cannot grow without end.
max_requests = 5000
max_requests_jitter = 500
preload_app = True
# gunicorn 27 opens a control socket in a shared default place; one per service is enough.
control_socket_disable = True
forwarded_allow_ips = "*"  # only nginx reaches the socket

accesslog = os.environ.get("CHIBO_GUNICORN_ACCESS_LOG", "-")
# remote address (as nginx saw it), time, method, PATH ONLY, status, bytes, microseconds, request id
access_log_format = (
    '%({x-real-ip}i)s - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(D)s rid=%({x-request-id}o)s'
)
errorlog = "-"
loglevel = os.environ.get("CHIBO_GUNICORN_LOG_LEVEL", "info")
proc_name = "chibo-web"
