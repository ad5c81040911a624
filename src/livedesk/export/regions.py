"""The first-level region (admin1) a place lies in, by GeoNames id, from the offline gazetteer.

Exports take the lookup as a plain function (``Admin1Lookup``), so tests pass a dict's
``get`` and nothing opens a gazetteer unless asked to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from livedesk.errors import ResourceError
from livedesk.resolve.gazetteer import Gazetteer, default_gazetteer_path

Admin1Lookup = Callable[[int], str | None]


def no_admin1(geonames_id: int) -> str | None:
    """The lookup used when no gazetteer is available: admin1 stays empty."""
    return None


class GazetteerRegions:
    """Admin1 names from a :class:`Gazetteer`: the region itself for an admin1, the region
    a town or district lies in, nothing for a country or a place the gazetteer lacks."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._names: dict[tuple[str, str], str | None] = {}

    def __call__(self, geonames_id: int) -> str | None:
        entry = self.gazetteer.get(geonames_id)
        if entry is None or entry.feature == "country":
            return None
        if entry.feature == "admin1":
            return entry.name
        if entry.country is None or entry.admin1 is None:
            return None
        return self._region(entry.country, entry.admin1)

    def _region(self, country: str, admin1: str) -> str | None:
        key = (country, admin1)
        if key not in self._names:
            entry = self.gazetteer.region(country, admin1)
            self._names[key] = entry.name if entry else None
        return self._names[key]


@contextmanager
def open_regions(path: Path | str | None = None) -> Iterator[tuple[Admin1Lookup, str | None]]:
    """A lookup over the gazetteer at ``path`` (default: the configured cache location) if it
    is built and current, and None; else :func:`no_admin1` and why. Never builds the file;
    closes it on leaving the block."""
    gazetteer = Gazetteer(Path(path) if path else default_gazetteer_path())
    try:
        current = gazetteer.is_current()
    except ResourceError as error:
        yield no_admin1, f"{error}; admin1 is left empty"
        return
    if not current:
        yield (
            no_admin1,
            (
                f"gazetteer file '{gazetteer.path}' is missing or out of date, so admin1 is left "
                f"empty; build it with `livedesk gazetteer build --path {gazetteer.path}`"
            ),
        )
        return
    try:
        yield GazetteerRegions(gazetteer), None
    finally:
        gazetteer.close()
