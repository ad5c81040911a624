"""The bundled demo reports (``livedesk/demo/``), written by the livedesk team.

``reports.jsonl`` holds one report per line (``id, outlet, url, title, published`` and ``text``,
or ``html_file`` naming a page in the same folder). They serve the demo and the tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from livedesk.ingest.source import RawDocument


def demo_records() -> list[dict[str, Any]]:
    """The raw records of reports.jsonl, HTML pages loaded into ``html``."""
    folder = resources.files("livedesk.demo")
    records = []
    for line in folder.joinpath("reports.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if "html_file" in record:
            record["html"] = folder.joinpath(record["html_file"]).read_text("utf-8")
        records.append(record)
    return records


def demo_documents() -> Iterator[RawDocument]:
    """Every demo report as a raw document, in file order."""
    for record in demo_records():
        yield RawDocument(
            id=record["id"],
            text=record.get("text"),
            html=record.get("html"),
            title=record.get("title"),
            url=record.get("url"),
            published=record.get("published"),
        )


def demo_outlets() -> dict[str, str]:
    """The outlet of each demo report, by report id (pass ``outlets.get`` as ``outlet_of``)."""
    return {record["id"]: record["outlet"] for record in demo_records() if record.get("outlet")}
