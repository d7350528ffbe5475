"""Configuration: packaged defaults (``default_config.toml``) overlaid by a user file.

Thresholds and weights live here, not in code, so a user can tune them and the README
can document each one.
"""

from __future__ import annotations

import os
import tomllib
from copy import deepcopy
from importlib import resources
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    pass


def _defaults() -> dict[str, Any]:
    return tomllib.loads(resources.files("marsad").joinpath("default_config.toml").read_text("utf-8"))


def _merge(base: dict[str, Any], over: dict[str, Any], where: str = "") -> dict[str, Any]:
    out = deepcopy(base)
    for k, v in over.items():
        if k not in base:
            raise ConfigError(f"unknown config key {where}{k}")
        if isinstance(base[k], dict):
            if not isinstance(v, dict):
                raise ConfigError(f"config key {where}{k} must be a table")
            out[k] = _merge(base[k], v, f"{where}{k}.")
        else:
            out[k] = v
    return out


def load_config(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Defaults, overlaid by ``path`` or ``$MARSAD_CONFIG`` when given."""
    cfg = _defaults()
    path = path or os.environ.get("MARSAD_CONFIG")
    if path:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"cannot read config {path}: {e}") from e
        cfg = _merge(cfg, user)
    return cfg
