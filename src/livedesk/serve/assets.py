"""The live page's map assets: npm packages installed by ``scripts/setup`` into node_modules.

Nothing is fetched at run time: Leaflet draws the map, ``world-atlas`` gives Natural Earth
country outlines as TopoJSON and ``topojson-client`` turns them into GeoJSON in the browser.
Each package folder is served under ``/assets/<package>/``; when they are missing the page
still works and its map panel says how to install them.
"""

from __future__ import annotations

from pathlib import Path

# URL prefix under /assets → the folder inside node_modules that holds what the page loads.
PACKAGES = {
    "leaflet": "leaflet/dist",
    "world-atlas": "world-atlas",
    "topojson-client": "topojson-client/dist",
}
# One file per package whose presence means the package is installed.
MARKERS = (
    "leaflet/dist/leaflet.js",
    "world-atlas/countries-110m.json",
    "topojson-client/dist/topojson-client.min.js",
)
INSTALL_HINT = "run 'bash scripts/setup' in the livedesk checkout (it runs npm ci)"


def default_assets_dir(cwd: Path | None = None) -> Path:
    """node_modules of the source checkout this package lives in, else of ``cwd``.

    The checkout is found from this file (``src/livedesk/serve/`` → the repo root) for an
    editable install; an installed wheel falls back to the current directory.
    """
    checkout = Path(__file__).resolve().parents[3] / "node_modules"
    here = (cwd or Path.cwd()) / "node_modules"
    for candidate in (checkout, here):
        if has_assets(candidate):
            return candidate
    return checkout if (checkout.parent / "pyproject.toml").exists() else here


def assets_dir_from(setting: str, cwd: Path | None = None) -> Path:
    """The ``assets_dir`` setting as a folder (empty: :func:`default_assets_dir`)."""
    return Path(setting).expanduser() if setting else default_assets_dir(cwd)


def has_assets(folder: Path) -> bool:
    return all((folder / marker).is_file() for marker in MARKERS)


def missing_assets(folder: Path) -> list[str]:
    return [marker for marker in MARKERS if not (folder / marker).is_file()]
