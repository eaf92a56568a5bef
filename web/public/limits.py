"""Protection of the public form against abuse: a request body limit and per-address rate limits.

The counters live in a small PostgreSQL table (``infrastructure.rate_limits``); the rules are here: how
many requests from one address, in what window, and how long to wait, in words, once refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

MAX_BODY_BYTES = 64 * 1024


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int
    window: timedelta
    wait: str  # how long to wait, in words, for the page that refuses


SUBMISSIONS = Rule("submissions", 5, timedelta(hours=1), "an hour")
PAGE_POSTS = Rule("page_posts", 120, timedelta(minutes=10), "10 minutes")
