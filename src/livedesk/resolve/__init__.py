"""Resolve: places to coordinates (this package's gazetteer and geocoder), names to actors.

Importing does no I/O: the gazetteer file is opened on first query, and built only by
:meth:`Gazetteer.build` or :func:`open_gazetteer`.
"""

from livedesk.resolve.gazetteer import (
    Candidate,
    Gazetteer,
    GazetteerEntry,
    default_gazetteer_path,
    normalise,
    open_gazetteer,
)
from livedesk.resolve.geocode import Geocoder, Resolved, Toponym, demonym_country

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerEntry",
    "Geocoder",
    "Resolved",
    "Toponym",
    "default_gazetteer_path",
    "demonym_country",
    "normalise",
    "open_gazetteer",
]
