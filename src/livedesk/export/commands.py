"""The ``export`` command: render an existing store in one export format.

``livedesk export --format acled --db desk.sqlite [--output incidents.csv]`` writes to
standard output unless ``--output`` is given. ``cli.py`` registers it with :func:`register`
and calls :func:`run_export`.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from livedesk.desk import Desk
from livedesk.errors import InputError, RegistryError
from livedesk.export import EXPORTERS
from livedesk.export.formats import acled_exporter
from livedesk.export.regions import open_regions
from livedesk.settings import SETTINGS, Settings, load_settings


def register(
    commands: Any, add_settings_flags: Callable[[argparse.ArgumentParser], None]
) -> dict[str, argparse.ArgumentParser]:
    """Add the ``export`` sub-command; returns its parser by name."""
    names = ", ".join(EXPORTERS)
    parser = commands.add_parser(
        "export", help=f"write a store's incidents in an export format ({names})"
    )
    parser.add_argument(
        "--format", dest="export_format", required=True, metavar="NAME", help=f"one of: {names}"
    )
    parser.add_argument(
        "--db", type=Path, required=True, metavar="PATH", help="store file (must exist)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="file to write (default: standard output)",
    )
    add_settings_flags(parser)
    return {"export": parser}


def run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``livedesk export``: render the store at ``--db`` in ``--format``.

    Raises RegistryError for an unknown format and InputError for a missing store file (an
    export never creates an empty store)."""
    name = args.export_format
    exporter = EXPORTERS.get(name)
    if exporter is None:
        raise RegistryError("export format", name, list(EXPORTERS))
    path = Path(args.db)
    if not path.is_file():
        raise InputError(
            f"store file '{path}' does not exist; pass the --db of an existing store "
            "(`livedesk serve --db PATH` creates and fills one)"
        )
    settings = _settings(args)
    with Desk.open(path, settings=settings) as desk:
        if name != "acled":
            text = exporter.render(desk)
        else:
            # The gazetteer the settings name, not the default one the registry's exporter uses.
            with open_regions(str(settings.gazetteer) or None) as (regions, problem):
                if problem:
                    err.write(f"livedesk: note: {problem}\n")
                text = acled_exporter(regions).render(desk)
    if args.output is None:
        out.write(text)
        return 0
    _write(Path(args.output), text)
    err.write(f"livedesk: wrote {exporter.name} export to {args.output}\n")
    return 0


def _settings(args: argparse.Namespace) -> Settings:
    """Settings from ``--config`` and the setting flags (as ``cli.py`` resolves them)."""
    overrides = {s.name: getattr(args, f"setting_{s.name}", None) for s in SETTINGS}
    return load_settings(config=getattr(args, "config", None), overrides=overrides)


def _write(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as rendered) through a temporary file renamed over
    ``path``, so a failed export never leaves half a file."""
    if path.is_dir():
        raise InputError(f"--output '{path}' is a folder; give a file name")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise InputError(f"cannot write --output '{path}': {error.strerror}") from error
