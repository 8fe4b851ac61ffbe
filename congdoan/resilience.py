"""A database that drops connections costs readers a retry or a clear "try again", never a 500.

When PostgreSQL restarts or kills backends mid-burst, the requests caught in the middle
raise OperationalError/InterfaceError. Django turns any uncaught exception into the 500
handler at whichever middleware layer it happened, so the error is recognised there
(`server_error`, the project's handler500): a database error answers 503 "tạm thời gián
đoạn" with Retry-After, and marks the request. The outermost middleware
(`RetryReadsMiddleware`) then gives a marked GET/HEAD one more run on fresh connections;
those change nothing, so running them twice is safe. Any other method is never retried:
whatever it did before the error is either committed or rolled back by the database,
and the reader is told to try again rather than have it done twice.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader

from . import views

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD"})
# A PostgreSQL restart or failover takes a few seconds.
RETRY_AFTER_SECONDS = 5


def outage_response() -> HttpResponse:
    # Like the 500 page: no database, no context processors.
    response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: database errors become a 503 (and may be retried), the rest a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        request.database_outage = True
        return outage_response()
    return views.server_error(request)


def _reset_connections() -> None:
    """Drop this thread's connections so the retry opens new ones."""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        try:
            connection.close()
        except DATABASE_ERRORS:
            connection.connection = None


class RetryReadsMiddleware:
    """Outermost middleware: one more run for a read that met a dropped connection."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "database_outage", False) and request.method in IDEMPOTENT_METHODS:
            logger.warning("Database error on %s %s; retrying once", request.method, request.path)
            request.database_outage = False
            _reset_connections()
            response = self.get_response(request)
        return response
