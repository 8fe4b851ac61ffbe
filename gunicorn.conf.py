"""Gunicorn's settings (it reads ./gunicorn.conf.py when started from the project folder).

Gunicorn believes `X-Forwarded-Proto: https` from any client on 127.0.0.1 by default; a local
client could then make a page render `https://…` canonical and share links, and the page
cache would keep them for everyone. Forwarded headers are believed only when the deployment
says a proxy is in front: BEHIND_HTTPS_PROXY=1 (nginx on this machine) or an explicit
FORWARDED_ALLOW_IPS (the proxies' addresses).

An idle keep-alive connection is closed by nginx, never by gunicorn: nginx keeps its idle
upstream connections for `keepalive_timeout` (60 s, deploy/nginx.conf), and gunicorn's
threaded workers dropped theirs after 2 s, so now and then nginx sent a request down a
connection gunicorn was closing and, the request being a POST it may not repeat, answered
502 (two answer saves in 87,000 requests of `make bench-contest`'s network mode).

A request may take up to `timeout` before a (sync) worker is killed: an album's batch of up
to 60 photos (albums/uploads.py) is checked, stored and given its renditions in one request,
~0.45 s a 12-megapixel photo on the reference machine, so ~30 s for a full batch, more on a
slower one. Gunicorn's default (30 s) killed it halfway and the editor lost the batch.
"""

import os

_behind_proxy = os.environ.get("BEHIND_HTTPS_PROXY", "").strip().lower() in {"1", "true", "yes", "on"}
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or ("127.0.0.1,::1" if _behind_proxy else "")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"} if forwarded_allow_ips else {}
keepalive = 75  # seconds; longer than nginx's upstream keepalive_timeout
timeout = 120  # seconds; nginx waits longer for an album upload (deploy/nginx.conf)
