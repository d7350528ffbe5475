"""`marsad --help` and small commands start fast because nothing heavy is imported up front
(checked by what is loaded, not by a clock: machines here are noisy)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("datasketch", "scipy", "numpy", "trafilatura", "marsad.ingest.run", "marsad.pipeline", "fastapi",
         "marsad.extract.entities")


def test_cli_import_is_light():
    code = ("import sys, marsad.cli; heavy = " + repr(HEAVY) +
            "; print(','.join(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"imported at start-up: {out}"


def test_public_api_still_importable():
    import marsad

    assert marsad.Store.__name__ == "Store" and callable(marsad.ingest_paths) and callable(marsad.analyse)
