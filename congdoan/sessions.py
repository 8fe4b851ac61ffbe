"""Django's database sessions (`SESSION_ENGINE`), read with one plain SQL statement.

Every request of a logged-in user loads the session first: a contestant's start, attempt page
and submit, an editor's every admin page. The ORM composed that one query for about 0.35 ms of
CPU on the 2-core bench machine, `QuerySet.raw()` about 0.19 ms, the same statement through
`congdoan.rows` 0.08 ms (docs/bench.md). Same table, same row, same rule (the key, not
expired); creating, saving and deleting sessions are Django's own.
"""

import logging

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from .rows import db, fetch_instance


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        ops = db().ops
        where = f"t.{ops.quote_name('session_key')} = %s AND t.{ops.quote_name('expire_date')} > %s"
        try:
            found = fetch_instance(self.model, where, [self.session_key, ops.adapt_datetimefield_value(timezone.now())])
        except SuspiciousOperation as error:  # as Django's own store does
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            found = None
        if found is None:
            self._session_key = None
        return found
