"""The attempt token: how the attempt page's script proves, on every answer save, whose
attempt it is, without a session or a user loaded from the database.

The attempt page (served only to the attempt's owner, after the usual session login) carries
a token signed with SECRET_KEY (django.core.signing, HMAC-SHA256) that names the attempt, the
contestant it was issued to and when it expires: the attempt's deadline plus the grace, when
no answer can be saved anyway. Checking it costs a hash and no query, where a session login
costs two queries (the session row, then the user) on each of an attempt's 20-odd saves.

- Another attempt: the attempt id is signed, and must equal the one in the address.
- Another contestant: the contestant id is signed too, and the save's own SQL writes only if
  the attempt belongs to that contestant; a token is only ever given to the attempt's owner.
- Forged requests (what CSRF protection is for): the token is a secret that only the page
  holds, sent in a request header. Another site can neither read the page nor send a custom
  header to this one (that needs a CORS preflight, which is never granted), so a forged
  request has no token and is refused: the same guarantee as Django's CSRF token.
- Logging out does not revoke a token already on a page: it dies with the attempt (at most
  the round's time limit plus the grace), and it can only save answers to that one attempt.
"""

import datetime
import math

from django.core import signing

from .models import Attempt, answer_grace

_SALT = "contests.attempt-token"
HEADER = "X-Attempt-Token"
FIELD = "ma-luot"  # the same token in the attempt page's form (views._forged)


class BadToken(Exception):
    """Not a token this site issued for this attempt."""


class ExpiredToken(Exception):
    """A genuine token whose attempt can no longer take answers."""


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SALT, algorithm="sha256")


def attempt_token(attempt: Attempt) -> str:
    expires = math.ceil((attempt.deadline + answer_grace()).timestamp())
    return _signer().sign(f"{attempt.pk}.{attempt.contestant_id}.{expires}")


def contestant_of(token: str, *, attempt_id: int, now: datetime.datetime) -> int:
    """The id of the contestant `token` was issued to for `attempt_id`; raises BadToken or
    ExpiredToken otherwise."""
    try:
        signed_attempt, contestant_id, expires = (int(part) for part in _signer().unsign(token).split("."))
    except (signing.BadSignature, ValueError):
        raise BadToken from None
    if signed_attempt != attempt_id:
        raise BadToken
    if now.timestamp() > expires:
        raise ExpiredToken
    return contestant_id
