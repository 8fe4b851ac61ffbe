"""Abuse protection for the members' forms, with no third-party service.

Layers, cheapest first:
1. a honeypot field people never see (a form error, so a person whose browser filled it is told);
2. a minimum fill time, from a signed timestamp in the form: a post faster than
   LEGAL_MIN_FILL_SECONDS (5 s) is a script, and gets the challenge;
3. counters in the cache, per address and per contact, with a soft and a hard limit: past the
   soft one the form asks for a challenge (an image rendered here by django-simple-captcha),
   past the hard one (5 × the soft one) it is refused with 429 and `Retry-After`.

| what | counted per | soft limit (challenge) | hard limit (429) |
|---|---|---|---|
| question posts | address, one hour | LEGAL_QUESTIONS_PER_ADDRESS_HOUR (20) | 100 |
| questions received | phone or e-mail, one day | LEGAL_QUESTIONS_PER_CONTACT_DAY (3) | 15 |
| failed look-ups | address, 15 minutes | 10 | 50 |
| failed look-ups | tracking code (of this federation), 15 minutes | — | 10 |

Why these numbers: a union office behind one NAT address where members type their questions
during a legal-advice session sends a few an hour, twenty at the very most, without ever
seeing a challenge; past that every member still gets through by reading the image. A member
asks one to three questions a day. A look-up needs the code and the asker's own phone or
e-mail: ten failures for one code in 15 minutes is guessing, and the code is then locked.

With Redis the counters are shared by every app server; without it each process counts on
its own. If the cache cannot be reached nothing is limited (the honeypot and fill time still
apply): members' questions must get through.
"""

import contextlib
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from congdoan.tenancy import current_federation

HARD_FACTOR = 5
LOOKUP_WINDOW = 15 * 60
LOOKUP_FAILURES_PER_ADDRESS = 10
LOOKUP_FAILURES_PER_CODE = 10


@dataclass(frozen=True)
class Refusal:
    message: str
    retry_after: int  # seconds


def _digest(value: str) -> str:
    """Counters are keyed on a hash: no phone or e-mail is written to the cache in clear."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _count(key: str, seconds: int) -> int:
    try:
        cache.add(key, 0, seconds)
        value = cache.incr(key)
    except ValueError:  # expired between add() and incr(): a new window
        cache.set(key, 1, seconds)
        value = 1
    except Exception:  # the cache is unreachable: no limit rather than no questions
        return 0
    return value or 0


def _read(key: str) -> int:
    try:
        return cache.get(key) or 0
    except Exception:
        return 0


def _minutes(seconds: int) -> str:
    return f"{max(1, round(seconds / 60))} phút"


# --- Questions ------------------------------------------------------------------


def count_question_post(address: str) -> Refusal | bool:
    """Count one post of the question form from `address`: a Refusal past the hard limit,
    else whether a challenge is required."""
    soft = settings.LEGAL_QUESTIONS_PER_ADDRESS_HOUR
    posts = _count(f"legal:ask:address:{_digest(address)}", 3600)
    if posts > soft * HARD_FACTOR:
        return Refusal(
            "Có quá nhiều câu hỏi gửi từ cùng một địa chỉ mạng trong một giờ. Vui lòng thử lại sau "
            f"{_minutes(3600)}, hoặc gọi đường dây nóng tư vấn pháp luật.",
            3600,
        )
    return posts > soft


def contact_state(contact: str) -> Refusal | bool:
    """Past the hard limit a Refusal; else whether this contact's next question needs a challenge."""
    soft = settings.LEGAL_QUESTIONS_PER_CONTACT_DAY
    received = _read(f"legal:ask:contact:{_digest(contact)}")
    if received >= soft * HARD_FACTOR:
        return Refusal(
            "Số điện thoại hoặc thư điện tử này đã gửi nhiều câu hỏi trong ngày. Vui lòng chờ trả lời, "
            "hoặc gọi đường dây nóng tư vấn pháp luật.",
            86400,
        )
    return received >= soft


def count_question_received(contact: str) -> None:
    _count(f"legal:ask:contact:{_digest(contact)}", 86400)


# --- Look-ups -------------------------------------------------------------------


def _code_key(code: str) -> str:
    """Codes are per federation (each has its HD-2026-000001): guessing one on another
    federation's site must not lock this federation's asker out."""
    federation = current_federation()
    return f"legal:lookup:code:{federation.pk if federation else 0}:{_digest(code)}"


def lookup_state(*, address: str, code: str) -> Refusal | bool:
    """Before checking a look-up: a Refusal when locked, else whether a challenge is required."""
    address_failures = _read(f"legal:lookup:address:{_digest(address)}")
    code_failures = _read(_code_key(code)) if code else 0
    if address_failures >= LOOKUP_FAILURES_PER_ADDRESS * HARD_FACTOR or code_failures >= LOOKUP_FAILURES_PER_CODE:
        return Refusal(
            "Đã tra cứu sai quá nhiều lần nên việc tra cứu tạm dừng trong tối đa "
            f"{_minutes(LOOKUP_WINDOW)}. Hãy kiểm tra lại mã tra cứu trong thư xác nhận, hoặc gọi "
            "đường dây nóng tư vấn pháp luật.",
            LOOKUP_WINDOW,
        )
    return address_failures >= LOOKUP_FAILURES_PER_ADDRESS


def count_lookup_failure(*, address: str, code: str) -> None:
    _count(f"legal:lookup:address:{_digest(address)}", LOOKUP_WINDOW)
    if code:
        _count(_code_key(code), LOOKUP_WINDOW)


def forget_lookup_failures(*, code: str) -> None:
    with contextlib.suppress(Exception):
        cache.delete(_code_key(code))
