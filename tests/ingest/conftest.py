"""The storage tests run on every backend (see tests/backends.py)."""

from __future__ import annotations

import pytest

from tests.backends import BACKENDS, open_store


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with open_store(request.param, tmp_path) as s:
        yield s
