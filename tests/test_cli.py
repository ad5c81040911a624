"""The command line: readings out, and one clear line with a non-zero exit for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from livedesk.cli import main

pytestmark = pytest.mark.slow

REPORT = (
    "Shelling hits Kharkiv suburbs\n\n"
    "Russian forces shelled two districts of Kharkiv on Monday, killing at least four people "
    'and wounding 12, regional governor Oleh Synehubov said. "The strikes hit homes, not '
    'soldiers," he told reporters.\n'
)


def run(argv, stdin_text=None):
    out, err = io.StringIO(), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO((stdin_text or "").encode("utf-8")), encoding="utf-8")
    code = main(argv, out=out, err=err, stdin=stdin)
    return code, out.getvalue(), err.getvalue()


def test_extract_text_file_to_json(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    code, out, err = run(["extract", str(path), "--published", "2022-02-28", "--url", "u"])
    assert code == 0, err
    reading = json.loads(out)
    assert reading["title"] == "Shelling hits Kharkiv suburbs"
    assert reading["url"] == "u"
    assert any(f["kind"] == "killed" and f["low"] == 4 for f in reading["figures"])
    assert any(e["type"] == "ASSAULT" for e in reading["events"])


def test_extract_stdin_text_format():
    code, out, err = run(["extract", "-", "--format", "text"], REPORT)
    assert code == 0, err
    assert "# Shelling hits Kharkiv suburbs" in out
    assert "killed" in out


def test_batch_jsonl_keeps_ids_and_survives_a_bad_line():
    lines = [
        json.dumps({"id": "a", "text": REPORT, "published": "2022-02-28"}),
        "{not json",
        json.dumps({"id": "c", "title": "no body"}),
        json.dumps({"id": "d", "text": "   "}),
        json.dumps(
            {
                "id": "e",
                "html": "<html><body><p>Fighting near Kyiv killed 3 soldiers "
                "on Tuesday, officials said, and more fighting is expected.</p></body></html>",
            }
        ),
    ]
    code, out, err = run(["extract", "-", "--input-format", "jsonl"], "\n".join(lines) + "\n")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", "line-2", "c", "d", "e"]
    assert "body" in results[0] and "body" in results[4]
    assert "error" in results[1] and "not valid JSON" in results[1]["error"]
    assert "neither 'text' nor 'html'" in results[2]["error"]
    assert "empty" in results[3]["error"]
    assert "could not be read" in err


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "File not found"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b"\x00\x01\x02binary"), "looks binary"),
        (lambda p: p.write_text("   \n\n  ", encoding="utf-8"), "empty"),
        (
            lambda p: p.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8"),
            "no article",
        ),
    ],
)
def test_bad_input_one_line_error(tmp_path, setup, message):
    path = tmp_path / "input.html"
    setup(path)
    code, out, err = run(["extract", str(path)])
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_file_over_size_cap_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 10_000_000)  # 50 MB, over the documented 5 MB default cap
    code, _out, err = run(["extract", str(path)])
    assert code == 2
    assert "over the cap" in err and "max_input_bytes" in err


def test_non_utf8_decoded_with_note(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(REPORT.replace("Kharkiv", "Kharkiv caf\xe9").encode("latin-1"))
    code, out, err = run(["extract", str(path)])
    assert code == 0, err
    reading = json.loads(out)
    assert any("not valid UTF-8" in note for note in reading["notes"])


def test_bad_setting_is_one_line(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    code, _out, err = run(["extract", str(path), "--batch-size", "many"])
    assert code == 2
    assert "Setting 'batch_size'" in err and "not a valid int" in err


def test_bad_published_value(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    code, _out, err = run(["extract", str(path), "--published", "last tuesday-ish"])
    assert code == 2
    assert "last tuesday-ish" in err


def test_unsupported_language_reads_what_it_can(tmp_path):
    text = (
        "Kharkiv: au moins 9 morts mardi\n\n"
        "Au moins 9 personnes ont été tuées et 37 blessées mardi 1er mars à Kharkiv, selon le "
        "gouverneur de la région. Plus de 660 000 réfugiés ont déjà quitté l'Ukraine pour la "
        "Pologne et la Roumanie, selon les Nations unies."
    )
    path = tmp_path / "fr.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(["extract", str(path), "--published", "2022-03-01"])
    assert code == 0, err
    reading = json.loads(out)
    assert reading["language"] == "fr"
    assert reading["events"] == []
    assert any("events" in note for note in reading["notes"])
    assert {"killed", "injured", "displaced"} <= {f["kind"] for f in reading["figures"]}
    assert "Kharkiv" in {p["name"] for p in reading["places"]}


def test_console_script_runs_without_traceback(tmp_path):
    missing = tmp_path / "nope.txt"
    result = subprocess.run(
        [sys.executable, "-m", "livedesk.cli", "extract", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("livedesk: error: File not found")
