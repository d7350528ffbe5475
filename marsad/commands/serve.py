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
@click.option("--token", envvar="MARSAD_TOKEN", default=None,
              help="Write token that adding articles needs (default: saved in ~/.config/marsad/token on first run).")
@click.option("--read-only", is_flag=True, help="Refuse every write: pages and API only read.")
@click.option("--allow-host", multiple=True, metavar="NAME",
              help="Also answer to this Host name (repeatable; '*' for any). Needed when clients reach the "
                   "server by a name or address other than 127.0.0.1/localhost.")
def serve(db: str, host: str, port: int, config: str | None, token: str | None, read_only: bool,
          allow_host: tuple[str, ...]) -> None:
    """Serve the web app (Arabic, right-to-left) and the JSON API (OpenAPI docs at /docs).

    Read-mostly: it keeps serving while `marsad ingest` writes to the same database; pages
    can also add articles (paste or upload). Adding needs the write token printed here: pages
    opened on this machine send it themselves, other clients send it as X-Marsad-Token.
    Requests naming another Host (DNS rebinding) or posted from another site are refused.
    Needs the `web` extra (fastapi, uvicorn).

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
    from marsad.web.security import allowed_hosts, resolve_token

    secret, where = resolve_token(token)
    try:
        app = create_app(db, Resources(config=load_config(config)), token=secret, read_only=read_only,
                         hosts=allowed_hosts(host, allow_host))
    except (ConfigError, StoreError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the database and add articles",
                   err=True)
    if host in ("0.0.0.0", "::") and not allow_host:
        click.echo("note: only requests naming 127.0.0.1 or localhost are answered; add --allow-host NAME for "
                   "the name or address other machines use", err=True)
    click.echo(f"marsad: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True)
    click.echo("read-only: no writes" if read_only else f"write token ({where}): {secret}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
