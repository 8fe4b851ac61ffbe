from django.conf import settings


def client_ip(request) -> str:
    """The reader's IP address, trusting X-Forwarded-For only from our own proxies.

    With TRUSTED_PROXY_COUNT=N, the N-th address from the right of X-Forwarded-For is the one
    our outermost proxy saw; anything to its left was written by the client and is ignored.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
