"""Docs are tested: every command has an example in its help and a line in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_help_ends_with_an_example_and_is_in_the_readme(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output, f"marsad {name} --help has no Example"
    assert f"marsad {name}" in README, f"marsad {name} is not documented in README.md"


def test_every_config_key_is_explained_in_the_readme():
    from marsad.config import load_config

    for section, keys in load_config().items():
        for key in keys:
            assert f"`{section}.{key}`" in README, f"config key {section}.{key} is not in the README"


def test_readme_config_table_is_the_generated_one():
    import runpy

    mod = runpy.run_path(str(Path(__file__).resolve().parents[1] / "scripts" / "config_doc.py"))
    assert mod["table"]() in README, "README config table is stale: run `make docs`"
