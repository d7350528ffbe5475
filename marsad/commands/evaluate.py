"""``marsad eval``: event quality on labelled sets of real reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

DEFAULT_SETS = ("../shared/data/events_dev_a", "../shared/data/events_dev_b")


@click.command("eval")
@click.argument("sets", nargs=-1, type=click.Path(file_okay=False))
@click.option("--worst", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many of the worst merges and splits to list per set.")
@click.option("--action-types", "types_file", type=click.Path(dir_okay=False, exists=True),
              help="JSON {\"reports\": {id: [PLOVER types]}}: also score coded action types per report.")
def evaluate(sets: tuple[str, ...], worst: int, types_file: str | None) -> None:
    """Ingest each labelled set (a folder with corpus.jsonl and gold.json) into a fresh store and
    print B-cubed P/R/F1 of its events (all labels and high-confidence only), events found
    against labelled, happening dates right within a day, and the worst merges and splits.

    With no SETS, the development sets under ../shared/data are used.

    Example: marsad eval ../shared/data/events_dev_a ../shared/data/events_dev_b
    --action-types tests/fixtures/report_action_types.json
    """
    folders = [Path(s) for s in (sets or DEFAULT_SETS)]
    missing = [str(f) for f in folders if not (f / "corpus.jsonl").is_file() or not (f / "gold.json").is_file()]
    if missing:
        click.echo(f"error: not a labelled set (needs corpus.jsonl and gold.json): {', '.join(missing)}", err=True)
        sys.exit(2)
    types = json.loads(Path(types_file).read_text(encoding="utf-8"))["reports"] if types_file else None
    from marsad.evaluation import evaluate_set

    for f in folders:
        for line in evaluate_set(f, action_types=types).lines(worst):
            click.echo(line)
