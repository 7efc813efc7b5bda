"""Rate limits for forms that write data, kept in the shared cache (fixed windows).

Limits are named in settings.RATE_LIMITS as "count/period", period one of s, m, h, d:

    RATE_LIMITS = {"grants.start_for_young_person": "10/h"}

A view asks `allow(request, "name")` before it saves; False means refuse with a plain message
(`MESSAGE`) and keep what was typed. Counts are per user when signed in, else per client
address, found as allauth finds it for its own limits: behind a proxy (TRUSTED_PROXY_COUNT) the
address the proxy put in X-Forwarded-For, not the proxy's own.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from allauth.core.internal.httpkit import get_client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MESSAGE = "You have sent this form too many times in a short while. Please wait a few minutes and try again."


def parse(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


def _client(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    try:
        address = get_client_ip(request)
    except ImproperlyConfigured:  # fewer X-Forwarded-For entries than trusted proxies
        address = request.META.get("REMOTE_ADDR")
    return "addr:" + (address or "unknown")


def allow(request, name: str) -> bool:
    """Count one attempt at `name` and say whether it is within the limit."""
    rate = settings.RATE_LIMITS.get(name)
    if not rate:
        return True
    count, period = parse(rate)
    who = hashlib.sha256(_client(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{name}:{who}"
    if cache.add(key, 1, timeout=period):
        return True
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period)
        return True
    return used <= count
