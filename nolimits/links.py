"""Signed links for people without an account (a referee, a booker): tamper-proof and expiring.

The link carries a signed, timestamped value (usually a record's random token). Single use is the
caller's rule: the record notes when its link was used, and the caller refuses a second use.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse


class LinkProblem(Exception):
    """The link is tampered, expired or already used; the message says which, kindly."""


NOT_RIGHT = "This link is not right. Check you copied all of it from the email."


def signed_url(url_name: str, *, salt: str, value: str) -> str:
    """The full address of `url_name` with `value` signed (and timestamped) in the path."""
    token = signing.TimestampSigner(salt=salt).sign(str(value))
    return settings.WAGTAILADMIN_BASE_URL + reverse(url_name, args=[token])


def unsign(token: str, *, salt: str, max_age_days: int, expired: str) -> str:
    """The value inside a link, or LinkProblem with a plain reason (`expired` when too old)."""
    try:
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age_days * 86400)
    except signing.SignatureExpired as exc:
        raise LinkProblem(expired) from exc
    except signing.BadSignature as exc:
        raise LinkProblem(NOT_RIGHT) from exc


def site_url(path: str) -> str:
    """A full address for a path on this site, for emails."""
    return settings.WAGTAILADMIN_BASE_URL + path


def url_for_each(url_name: str, example):
    """``reverse(url_name, args=[value])`` for every row of a long list at the price of one.

    Django's reverse costs about 40 µs a call, more than the rest of a table row. This reverses
    once with `example` (a value the URL's converter takes and the address holds nowhere else:
    a UUID or an unusual int, written as ``str(value)`` and needing no quoting) and returns a
    function putting each row's value where the example was. Take it afresh for each request:
    the address includes the script prefix."""
    marker = str(example)
    url = reverse(url_name, args=[example])
    if url.count(marker) != 1:
        raise ValueError(f"{url_name} does not write {example!r} once as str(): use reverse")
    head, _, tail = url.partition(marker)
    return lambda value: f"{head}{value}{tail}"
