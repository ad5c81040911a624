"""Docs are tested: generated references are current, every command and reading field is
documented, and the README's two Quickstart commands are what CI runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from livedesk.docs import cli_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_cli_doc_is_current():
    assert (ROOT / "docs" / "cli.md").read_text("utf-8") == cli_markdown(), (
        "regenerate with: python -m livedesk.docs"
    )


def test_every_command_documented():
    doc = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for command in (
        "extract",
        "demo",
        "serve",
        "ingest",
        "watch",
        "bench",
        "eval",
        "export",
        "gazetteer",
    ):
        assert f"## livedesk {command}" in doc


def _fields(schema, prefix=""):
    for name, spec in schema.get("properties", {}).items():
        yield name
        items = spec.get("items", {})
        yield from _fields(items if isinstance(items, dict) else {})
        yield from _fields(spec)


def test_every_reading_field_documented():
    schema = json.loads((ROOT / "src/livedesk/schema/reading.schema.json").read_text("utf-8"))
    doc = (ROOT / "docs" / "reading.md").read_text("utf-8")
    spans = re.findall(r"`([^`]+)`", doc)
    documented = {word for span in spans for word in re.findall(r"[a-z_]+", span)}
    missing = sorted({field for field in _fields(schema) if field not in documented})
    assert not missing, f"fields missing from docs/reading.md: {missing}"


def test_readme_quickstart_has_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text("utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```\n(.*?)```", quickstart, flags=re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["bash scripts/demo", "bash scripts/test"]
    assert "bash scripts/test" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_the_first_command_serves_the_demo_desk():
    script = (ROOT / "scripts" / "demo").read_text("utf-8")
    assert re.search(r"^exec \.venv/bin/livedesk demo\b", script, flags=re.M)


def test_every_doc_the_readme_links_exists():
    readme = (ROOT / "README.md").read_text("utf-8")
    linked = re.findall(r"\]\(([^)#]+\.md)\)", readme)
    assert linked
    missing = [path for path in linked if not (ROOT / path).is_file()]
    assert not missing, f"README links to missing docs: {missing}"
