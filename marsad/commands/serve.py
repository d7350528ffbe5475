"""``marsad serve``: the JSON API and the Arabic web app."""

from __future__ import annotations

import sys

import click

from marsad.commands.common import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; the default keeps the server private to this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--config", type=click.Path(dir_okay=False), envvar="MARSAD_CONFIG",
              help="TOML file overriding defaults (section [web]: request size and page limits).")
def serve(db: str, host: str, port: int, config: str | None) -> None:
    """Serve the web app (Arabic, right-to-left) and the JSON API (OpenAPI docs at /docs).

    Read-mostly: it keeps serving while `marsad ingest` writes to the same database; pages
    can also add articles (paste or upload). Needs the `web` extra (fastapi, uvicorn).

    Example: marsad serve --db marsad.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    try:
        import uvicorn

        from marsad.web.app import create_app
    except ImportError as e:
        click.echo(f"error: the web extra is not installed ({e}); pip install 'marsad[web]'", err=True)
        sys.exit(2)
    from marsad.config import ConfigError, load_config
    from marsad.resources import Resources
    from marsad.store import StoreError

    try:
        app = create_app(db, Resources(config=load_config(config)))
    except (ConfigError, StoreError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the database and add articles",
                   err=True)
    click.echo(f"marsad: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
