"""Gunicorn's settings (it reads ./gunicorn.conf.py when started from the project folder).

Gunicorn believes `X-Forwarded-Proto: https` from any client on 127.0.0.1 by default; a local
client could then make a page render `https://…` canonical and share links, and the page
cache would keep them for everyone. Forwarded headers are believed only when the deployment
says a proxy is in front: BEHIND_HTTPS_PROXY=1 (nginx on this machine) or an explicit
FORWARDED_ALLOW_IPS (the proxies' addresses).
"""

import os

_behind_proxy = os.environ.get("BEHIND_HTTPS_PROXY", "").strip().lower() in {"1", "true", "yes", "on"}
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or ("127.0.0.1,::1" if _behind_proxy else "")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"} if forwarded_allow_ips else {}
