"""Watchlists and alerts: what a user follows (entities, a query, a place), an Atom feed and a
daily digest of the events that match, webhooks for new matches, and breaking news.

- ``store``: every SQL statement of the feature (watchlists, the alert outbox, its delivery
  log, the reads that matching, feeds, digests and breaking news need);
- ``watchlists``: what a watchlist is, how names are resolved and what "matches" means;
- ``deliver``: new matches made alerts (cursor and outbox in one transaction) and webhook
  delivery (HMAC-signed, retried with backoff, idempotency key);
- ``digest``: the day's matching events as HTML and Markdown files;
- ``breaking``: events whose outlets grow fast against the usual rate;
- ``web``: the HTTP routes; ``commands``: ``marsad watchlist``, ``marsad alerts``, ``marsad breaking``.

Nothing here is imported when ``marsad`` starts; the commands import what they use.
"""
