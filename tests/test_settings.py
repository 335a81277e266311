"""Settings: defaults beside the code, a user file overrides only its keys."""
from __future__ import annotations

import pytest

from presstrace.errors import SettingsError
from presstrace.settings import load_settings


def test_settings_user_file_overrides_only_its_keys(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[limits]\nmax_chars = 99\n")
    s = load_settings(cfg)
    assert s.get("limits", "max_chars") == 99
    assert s.get("limits", "max_bytes") == load_settings().get("limits", "max_bytes")


@pytest.mark.parametrize("body,word", [("[nope]\nx = 1\n", "nope"), ("[limits]\nmax_char = 1\n", "max_char"),
                                       ("not toml [", "cannot read")])
def test_settings_bad_file_names_the_problem(tmp_path, body, word):
    cfg = tmp_path / "c.toml"
    cfg.write_text(body)
    with pytest.raises(SettingsError, match=word):
        load_settings(cfg)


def test_settings_environment_variable_names_a_file(tmp_path, monkeypatch):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[pipeline]\nbatch_size = 3\n")
    monkeypatch.setenv("PRESSTRACE_CONFIG", str(cfg))
    assert load_settings().get("pipeline", "batch_size") == 3


def test_settings_unknown_key_lists_the_valid_ones():
    with pytest.raises(SettingsError, match="max_chars"):
        load_settings().get("limits", "nope")
