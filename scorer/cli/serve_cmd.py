"""`fazhi serve` (the supervisor's desk in a browser) and `fazhi reviews export` (its corrections as labels)."""

from pathlib import Path
from typing import Optional

import typer

from scorer.cli.app import app, fail, scoring_settings
from scorer.cli.batch_cmd import DEFAULT_HISTORY_DB
from scorer.errors import FazhiError

reviews_app = typer.Typer(help="审核记录：把 fazhi serve 中的更正导出为标注。The reviewers' corrections from `fazhi serve`.",
                          no_args_is_help=True)
app.add_typer(reviews_app, name="reviews")


def _port_free(host: str, port: int) -> bool:
    import socket  # here, not at the top: every `fazhi` command imports this module (~3 ms of a cold start)

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


@app.command("serve")
def serve(
    db: Path = typer.Option(DEFAULT_HISTORY_DB, "--db", help="history database, shared with `fazhi batch` (created if missing)"),
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on; anything but this machine needs --token"),
    port: int = typer.Option(8000, "--port", help="port to listen on"),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="extra rules directory; adds or overrides rules by id"),
    edition: Optional[int] = typer.Option(None, "--edition", help="judge by the 2015 or 2021 Outline instead of the report year's"),
    config: Optional[Path] = typer.Option(None, "--config", help="project config (default: .fazhi.yaml here or in a parent)"),
    token: Optional[str] = typer.Option(None, "--token", envvar="FAZHI_TOKEN",
                                        help="access token the reviewers open the desk with (?token=T once); required off 127.0.0.1"),
    max_upload_mb: float = typer.Option(20.0, "--max-upload-mb", help="largest file one may upload, in MB"),
    workers: int = typer.Option(1, "--workers", help="worker processes that score uploads"),
) -> None:
    """网页版审查台：上传、列表、逐项更正、审查意见。The supervisor's desk in a browser."""
    from scorer.web.guard import check_bind, is_loopback

    try:
        check_bind(host, token)
    except FazhiError as err:
        fail(err)
    if not 1 <= port <= 65535:
        fail(f"--port: {port} is not a port number (1-65535)")
    if not 0 < max_upload_mb <= 200:
        fail(f"--max-upload-mb: {max_upload_mb:g} is out of range (0-200)")
    if workers < 1:
        fail(f"--workers: {workers} must be at least 1")
    try:
        import uvicorn

        from scorer.web.app import ServeConfig, guarded_app
    except ImportError as err:
        fail(f"fazhi serve: needs the web extra ({err.name} is missing); pip install 'fazhi[web]'")
    settings = scoring_settings(config, rules, edition)
    from scorer.store import Store

    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        Store(db).close()  # a database from a newer fazhi, or not a database, stops here
    except FazhiError as err:
        fail(err)
    except OSError as err:
        fail(f"{db}: cannot create the database ({err.strerror or err})")
    if not _port_free(host, port):
        fail(f"--port: {host}:{port} is in use or cannot be bound; choose another with --port")
    cfg = ServeConfig(
        db=db.resolve(), ruleset=settings.ruleset, rules_dirs=tuple(str(d) for d in settings.rules_dirs),
        policy=settings.policy, edition=settings.edition, token=token, loopback_only=is_loopback(host),
        max_file_bytes=int(max_upload_mb * 1_000_000), workers=workers,
    )
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"fazhi serve: http://{shown}:{port}/{'?token=…' if token else ''}  (database {db}; Ctrl-C stops)")
    uvicorn.run(guarded_app(cfg), host=host, port=port, log_level="warning", server_header=False,
                proxy_headers=False, timeout_graceful_shutdown=3)


@reviews_app.command("export")
def export(
    db: Path = typer.Argument(..., help="history database that `fazhi serve` wrote"),
    out: Path = typer.Option(..., "-o", "--output", help="labels YAML to write (the gold-label format)"),
) -> None:
    """Write the reviewed statuses as gold labels: `fazhi eval LABELS --texts DB_DIR/uploads` scores fazhi on them."""
    import yaml

    from scorer import atomic
    from scorer.evaluate import reviewed_labels
    from scorer.store import Store

    if not db.is_file():
        fail(f"{db}: no such database; pass the --db that `fazhi serve` used")
    try:
        with Store(db) as store:
            labels = reviewed_labels(store)
    except FazhiError as err:
        fail(err)
    header = (
        "# Labels from the reviewers' corrections in `fazhi serve` (fazhi reviews export).\n"
        "# reviewed: all = the whole report was reviewed (every applicable requirement labelled);\n"
        "# corrected = only the requirements a reviewer corrected. `file` is the stored copy, in the\n"
        f"# uploads folder beside the database: fazhi eval THIS --texts {db.parent / 'uploads'}\n"
    )
    body = yaml.safe_dump({"reports": labels}, allow_unicode=True, sort_keys=False)
    try:
        atomic.write_text(out, header + body)
    except OSError as err:
        fail(f"{out}: cannot write ({err.strerror or err})")
    typer.echo(f"{len(labels)} reviewed reports, {sum(len(e['labels']) for e in labels)} labels → {out}")
