"""Security plumbing shared by every app: the client's address, the security log and rate limits.

- `client_ip` is the one answer to "who is calling": django-axes, the rate limits and the
  security log all use it. `X-Forwarded-For` is read only behind `TRUSTED_PROXY_COUNT`
  proxies, so a client cannot pick its own address by sending the header.
- `log_event` writes one JSON line per event to the `security` logger: actor, IP, object
  and UTC time. It never takes free text, so no secret or deal term can reach the log.
- `hit` counts calls per user (or address) and scope in the cache (Redis in production)
  and tells whether a rate limit is exceeded.
"""
from __future__ import annotations

import json
import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger("security")
_request: ContextVar = ContextVar("security_request", default=None)


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address the outermost trusted proxy saw (rightmost entries of X-Forwarded-For)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    # Each trusted proxy appends the address it received from; entries further left were
    # written by the client and prove nothing.
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


class RequestContextMiddleware:
    """Makes the current request known to `log_event`, which services and helpers call without it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def _actor(request, user) -> dict:
    user = user if user is not None else getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return {"actor": None}
    return {"actor": user.get_username(), "actor_id": user.pk}


def log_event(event: str, *, obj=None, user=None, request=None, **fields: str | int | None) -> None:
    """One line in the security log. `obj` is named by model and id only; `fields` are codes, not text."""
    request = request if request is not None else _request.get()
    record = {"event": event, "time": datetime.now(UTC).isoformat(timespec="seconds")}
    record |= _actor(request, user)
    if request is not None:
        record |= {"ip": client_ip(request), "method": request.method, "path": request.path}
    if obj is not None:
        record["object"] = f"{obj._meta.label_lower}:{obj.pk}"
    record |= fields
    logger.info(json.dumps(record, ensure_ascii=False, default=str))


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int


def limit_for(scope: str) -> Limit:
    count, _, period = settings.RATE_LIMITS[scope].partition("/")
    return Limit(scope, int(count), {"s": 1, "m": 60, "h": 3600}[period])


def hit(request, scope: str) -> int:
    """Count one call; returns 0 when allowed, else the seconds until the window ends.

    Fixed windows per user (or per address when anonymous): `add` opens the window with an
    expiry and `incr` is atomic on Redis, so concurrent web processes share one count.
    """
    limit = limit_for(scope)
    user = getattr(request, "user", None)
    who = f"u{user.pk}" if user is not None and user.is_authenticated else f"ip{client_ip(request)}"
    window = int(time.time()) // limit.seconds
    key = f"ratelimit:{scope}:{who}:{window}"
    if cache.add(key, 1, timeout=limit.seconds + 1):
        calls = 1
    else:
        try:
            calls = cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.add(key, 1, timeout=limit.seconds + 1)
            calls = 1
    if calls <= limit.count:
        return 0
    if calls == limit.count + 1:
        log_event("rate_limited", request=request, scope=scope)
    return limit.seconds - int(time.time()) % limit.seconds


def searching(request) -> bool:
    """The request runs a text search (what the "search" rate limit counts)."""
    return bool(request.GET.get("q", "").strip())


def rate_limited(scope: str, *, when=None):
    """View decorator: past the scope's limit the view answers 429 with Retry-After instead of running.

    `when(request)` narrows what counts, e.g. only list requests that carry a search.
    """

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if when is None or when(request):
                retry_after = hit(request, scope)
                if retry_after:
                    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


class ScopeThrottle(BaseThrottle):
    """The same limits for API views: set `rate_limit_scope` on the view (and optionally
    `rate_limit_when(request)`)."""

    def allow_request(self, request, view):
        scope = getattr(view, "rate_limit_scope", None)
        when = getattr(view, "rate_limit_when", None)
        if scope is None or (when is not None and not when(request)):
            return True
        self.retry_after = hit(request, scope)
        return not self.retry_after

    def wait(self):
        return self.retry_after
