"""Settings: `defaults.toml` beside this file, overridden key by key by a user file."""
from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .errors import SettingsError

DEFAULTS_PATH = Path(__file__).with_name("defaults.toml")


@dataclass(frozen=True)
class Settings:
    """All configuration, passed down as one object."""
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, section: str, key: str) -> Any:
        if section not in self.values:
            raise SettingsError(f"no settings section {section!r}; valid: {sorted(self.values)}")
        if key not in self.values[section]:
            raise SettingsError(f"no setting {section}.{key}; valid: {sorted(self.values[section])}")
        return self.values[section][key]

    def with_overrides(self, overrides: dict[str, dict[str, Any]]) -> "Settings":
        return Settings(merge(self.values, overrides))


# Sections whose keys are not listed in the defaults: `[components.NAME]` tables, checked
# against each component's own config when the pipeline is built.
OPEN_SECTIONS = ("components",)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge `override` into a copy of `base`; unknown sections or keys are an error."""
    out = copy.deepcopy(base)
    for section, keys in override.items():
        if section not in out or not isinstance(keys, dict):
            raise SettingsError(f"unknown settings section {section!r}; valid: {sorted(out)}")
        if section in OPEN_SECTIONS:
            _merge_tables(out[section], keys, section)
            continue
        for key, value in keys.items():
            if key not in out[section]:
                raise SettingsError(f"unknown setting {section}.{key}; valid: {sorted(out[section])}")
            out[section][key] = value
    return out


def _merge_tables(target: dict[str, Any], tables: dict[str, Any], section: str) -> None:
    """`[section.NAME]` tables merged key by key into `target`."""
    for name, values in tables.items():
        if not isinstance(values, dict):
            raise SettingsError(f"{section}.{name} must be a table ([{section}.{name}]), "
                                f"not {type(values).__name__}")
        target.setdefault(name, {}).update(values)


def load_settings(path: Optional[str | os.PathLike] = None) -> Settings:
    """Defaults, then the file at `path` (or $PRESSTRACE_CONFIG) over them."""
    with open(DEFAULTS_PATH, "rb") as fh:
        values = tomllib.load(fh)
    path = path or os.environ.get("PRESSTRACE_CONFIG")
    if path:
        try:
            with open(path, "rb") as fh:
                values = merge(values, tomllib.load(fh))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
    return Settings(values)
