"""Exports: the desk's incidents in formats other tools read (PLOVER JSONL, ACLED CSV,
GeoJSON, schema.org JSON-LD, Atom).

Each format is an :class:`Exporter` in :data:`EXPORTERS`, registered the same way a plug-in's
would be; :func:`export` renders one by name from anything shaped like a desk
(:class:`DeskLike`). The formats and what each leaves out are in ``docs/exports.md``.

    from livedesk.export import export
    with Desk.open("desk.sqlite") as desk:
        text = export("geojson", desk)
"""

from __future__ import annotations

from livedesk.errors import RegistryError
from livedesk.export.base import DeskLike, Exporter, PageLike
from livedesk.export.formats import BUILTIN_EXPORTERS

__all__ = ["EXPORTERS", "DeskLike", "Exporter", "PageLike", "export", "register"]

EXPORTERS: dict[str, Exporter] = {exporter.name: exporter for exporter in BUILTIN_EXPORTERS}


def register(exporter: Exporter) -> None:
    """Add (or replace) an exporter under its name."""
    EXPORTERS[exporter.name] = exporter


def export(name: str, desk: DeskLike) -> str:
    """Render the desk in the format called ``name``.

    Raises RegistryError naming the available formats when ``name`` is not one of them.
    """
    exporter = EXPORTERS.get(name)
    if exporter is None:
        raise RegistryError("export format", name, list(EXPORTERS))
    return exporter.render(desk)
