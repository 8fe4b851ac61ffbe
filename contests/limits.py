"""Limits on contestants' logins and registrations, counted in the Django cache.

The counters live in the default cache: with Redis (REDIS_URL) every app server shares them;
without it each process counts on its own (local memory), which is enough for one machine.
If the cache cannot be reached, nothing is limited: a contest keeps running without Redis.

| what | counted per | default (settings, from the environment) |
|---|---|---|
| wrong passwords for one phone, any address | contest + phone | 5 in 15 min, then locked until the window ends |
| wrong passwords never followed by a success | address | 30 in 15 min |
| registration attempts (POSTs) | address | 60 a minute and 600 an hour |

Why these numbers: a union office logs hundreds of members in from behind one NAT address,
so the per-address login limit counts only failures that no later correct password for the
same phone redeemed: members who mistype and then log in cost nothing, while a spray (e.g.
40 wrong passwords across 10 phones) never succeeds and is stopped at 30. Registrations: an
office signing up its members over an afternoon, even a meeting of 300 doing it within ten
minutes, stays under 60 a minute; a flood of 500 a minute is stopped at the 61st.
"""

import contextlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused for now (shown on the 429 page) and for how long at most."""

    message: str
    retry_after: int  # seconds


def _minutes(seconds: int) -> str:
    return f"{max(1, round(seconds / 60))} phút"


def _count(key: str, seconds: int, delta: int = 1) -> int:
    """Add `delta` to the counter at `key`, which starts a `seconds` window when created."""
    try:
        cache.add(key, 0, seconds)
        value = cache.incr(key, delta)
    except ValueError:  # expired between add() and incr(): a new window
        cache.set(key, delta, seconds)
        value = delta
    except Exception:  # the cache is unreachable: no limit rather than no contest
        return 0
    return value or 0  # django-redis answers None when it ignores a connection error


def _read(*keys: str) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:
        return {}


def _login_keys(contest_id: int, phone: str, address: str) -> tuple[str, str, str]:
    return (
        f"contests:login-fail:phone:{contest_id}:{phone}",
        f"contests:login-fail:address:{address}",
        f"contests:login-fail:phone-address:{contest_id}:{phone}:{address}",
    )


def login_refusal(*, contest_id: int, phone: str, address: str) -> Refusal | None:
    """Refuse before checking the password (no hash is computed for a locked account)."""
    window = settings.CONTEST_LOGIN_WINDOW_SECONDS
    phone_key, address_key, _ = _login_keys(contest_id, phone, address)
    counts = _read(phone_key, address_key)
    if counts.get(phone_key, 0) >= settings.CONTEST_LOGIN_FAILURES_PER_PHONE:
        return Refusal(
            f"Số điện thoại này đã nhập sai mật khẩu {settings.CONTEST_LOGIN_FAILURES_PER_PHONE} lần nên tạm khóa "
            f"đăng nhập trong tối đa {_minutes(window)}. Nếu quên mật khẩu, hãy gọi ban tổ chức để được cấp "
            "mật khẩu tạm.",
            window,
        )
    if counts.get(address_key, 0) >= settings.CONTEST_LOGIN_FAILURES_PER_ADDRESS:
        return Refusal(
            "Có quá nhiều lần đăng nhập sai từ cùng một địa chỉ mạng nên việc đăng nhập tạm dừng trong tối đa "
            f"{_minutes(window)}. Vui lòng thử lại sau.",
            window,
        )
    return None


def record_login_failure(*, contest_id: int, phone: str, address: str) -> None:
    window = settings.CONTEST_LOGIN_WINDOW_SECONDS
    for key in _login_keys(contest_id, phone, address):
        _count(key, window)


def record_login_success(*, contest_id: int, phone: str, address: str) -> None:
    """Forget the phone's failures, and give the address back those made for this phone."""
    phone_key, address_key, both_key = _login_keys(contest_id, phone, address)
    redeemed = _read(both_key).get(both_key, 0)
    if redeemed and _count(address_key, settings.CONTEST_LOGIN_WINDOW_SECONDS, -redeemed) < 0:
        # The address's window had restarted meanwhile: never let it bank credit.
        _count(address_key, settings.CONTEST_LOGIN_WINDOW_SECONDS, redeemed)
    with contextlib.suppress(Exception):
        cache.delete_many([phone_key, both_key])


def registration_refusal(*, address: str) -> Refusal | None:
    """Count one registration attempt from `address`; a Refusal once a window's limit is passed."""
    windows = [
        ("minute", 60, settings.CONTEST_REGISTRATIONS_PER_MINUTE),
        ("hour", 3600, settings.CONTEST_REGISTRATIONS_PER_HOUR),
    ]
    for name, seconds, limit in windows:
        if _count(f"contests:register:{name}:{address}", seconds) > limit:
            return Refusal(
                "Có quá nhiều lượt đăng ký dự thi từ cùng một địa chỉ mạng trong thời gian ngắn. "
                f"Vui lòng thử lại sau {_minutes(seconds)}.",
                seconds,
            )
    return None
