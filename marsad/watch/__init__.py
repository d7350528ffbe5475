"""Watching outlets: poll feeds, news sitemaps and section pages, fetch new articles, ingest them.

- ``sources``: the sources file (TOML) and OPML feed lists;
- ``fetch``: HTTP done carefully (conditional GET, robots.txt, per-host politeness, redirects
  with a cap, a size cap while streaming, timeouts, charset repair);
- ``listing``: what a fetched feed, sitemap or section page lists (candidate items);
- ``state``: the watcher's own durable bookkeeping (a small SQLite file beside the database);
- ``run``: the poll loop, which hands every article to ``marsad.ingest.run.Ingestor``;
- ``health``: what ``marsad sources`` shows;
- ``commands``: the ``marsad watch`` and ``marsad sources`` commands.
"""
