"""`khabar serve`: the HTTP API and the Persian reading pages over a corpus store."""

from __future__ import annotations

import click

from khabar.cli.errors import friendly_errors
from khabar.cli.search import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless you say so).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--max-bytes", default=1_000_000, show_default=True, type=click.IntRange(1_000, 100_000_000),
    help="Largest request body POST /v1/process accepts (larger gets 413).",
)  # fmt: skip
@click.option(
    "--log-level", default="info", show_default=True, type=click.Choice(["debug", "info", "warning", "error"])
)
@friendly_errors
def serve_command(db: str, host: str, port: int, max_bytes: int, log_level: str) -> None:
    """Serve the corpus: JSON API under /v1, reading pages at /, API reference at /docs.

    Binds 127.0.0.1 unless --host says otherwise. Stop with Ctrl-C.

    Example: khabar serve --db corpus.db --port 8000
    """
    try:
        import uvicorn

        from khabar.serve import create_app
    except ImportError as exc:
        raise click.ClickException(f"khabar serve needs the serve extra ({exc.name} is missing): "
                                   "pip install 'khabar[serve]'") from None  # fmt: skip
    from khabar.serve.security import is_loopback

    app = create_app(db, max_bytes=max_bytes)
    if not is_loopback(host):
        click.echo(f"warning: binding {host}: other machines can reach this server", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)
