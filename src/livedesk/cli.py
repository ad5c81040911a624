"""The command line: parse arguments, call plain functions, print results.

Every error livedesk raises on purpose is printed as one line on standard error with a
non-zero exit status (2 for bad input or settings, 1 for anything unexpected); no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from livedesk.errors import InputError, LivedeskError, RegistryError, SettingsError
from livedesk.export import commands as export_commands
from livedesk.feeds import commands as feed_commands
from livedesk.ingest.source import RawDocument, parse_jsonl_line, read_bytes, read_path
from livedesk.models import Reading
from livedesk.pipeline import Failure
from livedesk.render import render_text
from livedesk.serve import commands as serve_commands
from livedesk.settings import SETTINGS, Settings, load_settings

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def _add_settings_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="TOML file of settings")
    for setting in SETTINGS:
        flag = "--" + setting.name.replace("_", "-")
        parser.add_argument(flag, dest=f"setting_{setting.name}", default=None, help=setting.help)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livedesk",
        description="Read crisis reports into cited, structured readings.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = commands.add_parser(
        "extract", help="read one report (.txt, .html or -) or a JSONL batch into readings"
    )
    extract.add_argument("path", nargs="?", default="-", help="file to read, or - for stdin")
    extract.add_argument("--published", help="publication time (ISO 8601); wins over the text")
    extract.add_argument("--retrieved", help="when the page was fetched (ISO 8601)")
    extract.add_argument("--url", help="the report's URL")
    extract.add_argument("--title", help="the report's title (else read from the text)")
    extract.add_argument("--id", dest="doc_id", help="the reading's id (default: file stem)")
    extract.add_argument(
        "--input-format",
        choices=("auto", "jsonl"),
        default="auto",
        help="jsonl: one {id, text|html, title?, url?, published?, retrieved?} per line",
    )
    extract.add_argument("--format", choices=("json", "text"), default="json")
    _add_settings_flags(extract)

    served = serve_commands.register(commands, _add_settings_flags)
    served["demo"].add_argument(
        "--print",
        dest="print_readings",
        action="store_true",
        help="print the demo readings instead of serving them",
    )
    served["demo"].add_argument(
        "--format", choices=("json", "text"), default="text", help="with --print"
    )

    bench = commands.add_parser(
        "bench", help="time the reader against a bare spaCy pass over the same texts"
    )
    bench.add_argument(
        "folder", nargs="?", type=Path, help="folder of .txt reports (default: demo)"
    )
    bench.add_argument("--repeat", type=int, default=3, help="passes over the texts per side")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument(
        "--desk",
        type=int,
        metavar="N",
        help="instead: fill a scratch store with N generated readings and time the desk",
    )
    _add_settings_flags(bench)

    evaluate = commands.add_parser("eval", help="score the reader on gold data (../shared/eval)")
    evaluate.add_argument("task", help="one of: " + ", ".join(_task_names()))
    evaluate.add_argument("--data", type=Path, required=True, help="gold file or folder")
    evaluate.add_argument("--json", action="store_true", help="print one flat JSON object")
    _add_settings_flags(evaluate)

    export_commands.register(commands, _add_settings_flags)
    feed_commands.register(commands, _add_settings_flags)

    gazetteer = commands.add_parser("gazetteer", help="build or inspect the offline gazetteer")
    gazetteer.add_argument("action", choices=("build", "build-if-missing", "path"))
    gazetteer.add_argument("--path", type=Path, help="where the SQLite file goes")
    return parser


def _task_names() -> list[str]:
    from livedesk.evaluate import TASKS

    return list(TASKS)


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {
        setting.name: getattr(args, f"setting_{setting.name}", None) for setting in SETTINGS
    }
    return load_settings(config=getattr(args, "config", None), overrides=overrides)


def _documents(args: argparse.Namespace, settings: Settings, stdin: Any) -> Iterator[Any]:
    cap = settings.max_input_bytes
    meta = {
        "title": args.title,
        "url": args.url,
        "published": args.published,
        "retrieved": args.retrieved,
    }
    if args.input_format == "jsonl":
        stream = stdin if args.path == "-" else _open_text(Path(args.path))
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                yield parse_jsonl_line(line, number, max_bytes=cap)
            except InputError as error:
                yield Failure(id=_line_id(line, number), error=str(error), stage="input")
        return
    if args.path == "-":
        data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
        yield read_bytes(data, doc_id=args.doc_id or "stdin", max_bytes=cap, **meta)
        return
    document = read_path(Path(args.path), max_bytes=cap, **meta)
    if args.doc_id:
        document = RawDocument(**{**document.__dict__, "id": args.doc_id})
    yield document


def _line_id(line: str, number: int) -> str:
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return f"line-{number}"
    if isinstance(value, dict) and value.get("id") is not None:
        return str(value["id"])
    return f"line-{number}"


def _open_text(path: Path) -> TextIO:
    if not path.exists():
        raise InputError(f"File not found: '{path}'.")
    if path.is_dir():
        raise InputError(f"'{path}' is a directory; give a .jsonl file.")
    return path.open(encoding="utf-8", errors="replace")


def _emit(result: Reading | Failure, fmt: str, batch: bool, out: TextIO) -> None:
    if isinstance(result, Failure):
        out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        return
    if fmt == "text":
        out.write(render_text(result) + "\n")
    elif batch:
        out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    else:
        out.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: Any) -> int:
    from livedesk.reader import Reader

    settings = _settings(args)
    batch = args.input_format == "jsonl"
    documents = list(_documents(args, settings, stdin)) if not batch else None
    reader = Reader(settings).load()
    failures = 0
    for result in reader.read_many(
        documents if documents is not None else _documents(args, settings, stdin)
    ):
        if isinstance(result, Failure):
            failures += 1
            if not batch:
                bad_input = result.stage in {"input", "prepare"}
                raise (InputError if bad_input else LivedeskError)(result.error)
        _emit(result, args.format, batch, out)
    if failures:
        err.write(f"livedesk: {failures} document(s) could not be read (see their error lines)\n")
    return 0


def cmd_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from livedesk.demo_data import demo_documents
    from livedesk.reader import Reader

    reader = Reader(_settings(args)).load()
    count = 0
    for result in reader.read_many(demo_documents()):
        _emit(result, args.format, True, out)
        count += 1
    err.write(f"livedesk: read {count} bundled demo reports\n")
    return 0


def cmd_bench(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.desk is not None:
        return _bench_desk(args, out, err)
    from livedesk.bench import format_bench, run_bench

    result = run_bench(_settings(args), args.folder, repeat=args.repeat)
    out.write(json.dumps(result) + "\n" if args.json else format_bench(result))
    return 0


def _bench_desk(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from livedesk.benchdesk import format_desk_bench, run_desk_bench
    from livedesk.demo_data import demo_documents
    from livedesk.reader import Reader

    if args.desk < 1:
        raise InputError(f"--desk {args.desk}: give the number of reports to generate (>= 1)")
    reader = Reader(_settings(args)).load()
    templates = [r for r in reader.read_many(demo_documents()) if isinstance(r, Reading)]
    result = run_desk_bench(templates, args.desk)
    out.write(json.dumps(result) + "\n" if args.json else format_desk_bench(result))
    return 0


def cmd_eval(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from livedesk.evaluate import EvalContext, run_task

    scores = run_task(args.task, args.data, EvalContext(_settings(args)))
    if args.json:
        out.write(json.dumps(scores) + "\n")
    else:
        out.write(f"{args.task} on {args.data}\n")
        for key, value in scores.items():
            shown = f"{value:.4f}" if isinstance(value, float) else str(value)
            out.write(f"  {key:<24} {shown}\n")
    return 0


def cmd_gazetteer(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from livedesk.resolve.gazetteer import Gazetteer, default_gazetteer_path

    path = args.path or default_gazetteer_path()
    if args.action == "path":
        out.write(f"{path}\n")
        return 0
    if args.action == "build-if-missing" and Gazetteer(path).is_current():
        return 0
    Gazetteer.build(path).close()
    out.write(f"gazetteer written to {path}\n")
    return 0


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: Any = None,
) -> int:
    out, err, stdin = out or sys.stdout, err or sys.stderr, stdin or sys.stdin
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(out)
        return 0
    try:
        if args.command == "extract":
            return cmd_extract(args, out, err, stdin)
        if args.command == "serve":
            return serve_commands.run_serve(args, out, err)
        if args.command == "demo":
            if args.print_readings:
                return cmd_demo(args, out, err)
            return serve_commands.run_demo(args, out, err)
        if args.command == "bench":
            return cmd_bench(args, out, err)
        if args.command == "eval":
            return cmd_eval(args, out, err)
        if args.command == "export":
            return export_commands.run_export(args, out, err)
        if args.command == "ingest":
            return feed_commands.run_ingest(args, out, err)
        if args.command == "watch":
            return feed_commands.run_watch(args, out, err)
        return cmd_gazetteer(args, out, err)
    except InputError as error:
        err.write(f"livedesk: error: {error}\n")
        return EXIT_BAD_INPUT
    except (SettingsError, RegistryError) as error:
        err.write(f"livedesk: error: {error}\n")
        return EXIT_BAD_INPUT
    except LivedeskError as error:
        err.write(f"livedesk: error: {error}\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        err.write("livedesk: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
