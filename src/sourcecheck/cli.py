"""The command line: parse options, call the library, format, exit.

Exit codes: 0 all clear, 1 findings, 2 could not run (bad input, named in one line on
stderr), 3 an internal error (a bug: its traceback is written to a file whose path is
printed).  Never 1 for anything but findings, so CI can tell them apart.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import check, validate
from .config import parse_size
from .errors import SourcecheckError, UsageError
from .formats import FORMATTERS, get_formatter
from .formats.codelist import render
from .formats.common import visible
from .project import Project
from .sources.lock import lock
from .textfile import write_atomically

REPORT_FORMATS = sorted(FORMATTERS)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcecheck",
        description="Tie every number in an article to its source, and fail when they drift.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def report_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("path", nargs="?", default=".", help="project folder (default: .)")
        command.add_argument("--format", choices=REPORT_FORMATS, default="text")
        command.add_argument("--output", metavar="FILE", help="write the report here, not stdout")
        command.add_argument("--allow-remote", action="store_true",
                             help="let resources be read from remote addresses")
        command.add_argument("--scheduler", metavar="ADDRESS",
                             help="validate the resources on a dask.distributed cluster: its scheduler's "
                                  "tcp://host:port, or 'local' (needs sourcecheck[dask]; docs/scale.md)")
        command.add_argument("--memory-budget", type=_size, metavar="SIZE",
                             help="validate a resource larger than this (e.g. 2GB) block by block")

    check = commands.add_parser("check", help="check every claim of every article")
    report_options(check)
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the cache folder (.sourcecheck-cache/)")
    check.add_argument("--workers", type=_positive, metavar="N",
                       help="share a large project's articles among N processes "
                            "(default: one per CPU; 1 runs in this process)")
    report_options(commands.add_parser("validate", help="validate data packages and schemas"))

    extract = commands.add_parser("extract", help="list every number in a text")
    extract.add_argument("file")
    extract.add_argument("--lang", choices=["nl", "en"],
                         help="language (default: from the file name, e.g. article.nl.txt)")
    extract.add_argument("--format", choices=["text", "json"], default="text")

    mutate = commands.add_parser("mutate", help="edit every linked number and see the check catch it")
    mutate.add_argument("path", nargs="?", default=".", help="project folder (default: .)")
    mutate.add_argument("--format", choices=["text", "json"], default="text")
    mutate.add_argument("--all", action="store_true", help="list the caught mutants too")

    rules = commands.add_parser("rules", help="list every finding code")
    rules.add_argument("--format", choices=["text", "markdown", "json"], default="text")

    init = commands.add_parser("init", help="draft a claims ledger for an article")
    init.add_argument("article", help="the article's text file")
    init.add_argument("--lang", choices=["nl", "en"],
                      help="language (default: from the file name, e.g. article.nl.txt)")
    init.add_argument("--force", action="store_true",
                      help="redraft the whole ledger, replacing an existing one (default: add to it "
                           "the numbers it does not cover, leaving its text as it is)")
    init.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
    init.add_argument("--link", action="store_true",
                      help="propose for each number the source cell it most likely rests on, as claims "
                           "marked `review: pending`")

    accept = commands.add_parser("accept", help="mark reviewed claims as trusted (remove `review: pending`)")
    accept.add_argument("names", nargs="*", metavar="CLAIM-ID",
                        help="the claims to accept; a last argument that is no claim id (it holds a / or a .) "
                             "is the ledger, article, article folder or project (default: .)")
    accept.add_argument("--all", action="store_true", help="accept every claim pending review")

    package = commands.add_parser("package", help="make a data package")
    package_commands = package.add_subparsers(dest="package_command", required=True, metavar="COMMAND")
    new = package_commands.add_parser(
        "new", help="a data package from raw CSV tables: Table Schema, keys and pandera stubs inferred",
        usage="sourcecheck package new NAME FILE.csv [FILE.csv ...] --title T --publisher P --source URL "
              "[--retrieved DATE] [--doi DOI] [--force] [PATH]")
    new.add_argument("name", metavar="NAME", help="the package's folder name under datapackages/")
    new.add_argument("tables", nargs="+", metavar="FILE.csv",
                     help="the raw tables; a last argument that is a folder is the project (default: .)")
    new.add_argument("--title", required=True, help="the title of the publication the tables come from")
    new.add_argument("--publisher", required=True, help="who published it")
    new.add_argument("--source", required=True, metavar="URL", help="its address (recorded, never fetched)")
    new.add_argument("--retrieved", metavar="DATE", help="when it was retrieved, YYYY-MM-DD (default: today)")
    new.add_argument("--doi", help="its DOI")
    new.add_argument("--force", action="store_true", help="replace an existing package and its schemas")
    _import_parser(commands)

    pin = commands.add_parser("lock", help="pin every local resource to its bytes (hash and bytes)")
    pin.add_argument("path", nargs="?", default=".", help="project or package folder (default: .)")
    refresh = commands.add_parser("refresh", help="fetch each resource's upstream again; say what changed "
                                  "and which claims would break")
    refresh.add_argument("path", nargs="?", default=".", help="project or package folder (default: .)")
    refresh.add_argument("--check", action="store_true",
                         help="write nothing: report the changes and the claims they would break (exit 1 "
                              "when anything changed)")
    refresh.add_argument("--allow-remote", action="store_true", help="let refresh fetch (required)")
    refresh.add_argument("--format", choices=["text", "json"], default="text")
    return parser


def _import_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = commands.add_parser("import", help="a data package from a statistics office's table")
    offices = importer.add_subparsers(dest="office", required=True, metavar="OFFICE")
    cbs = offices.add_parser("cbs", help="a CBS StatLine table (OData)")
    cbs.add_argument("table", metavar="TABLE-ID", help="the table's identifier, e.g. 37296ned")
    eurostat = offices.add_parser("eurostat", help="a Eurostat dataset (Statistics API, JSON-stat)")
    eurostat.add_argument("table", metavar="DATASET", help="the dataset's code, e.g. demo_pjan")
    eurostat.add_argument("--filter", action="append", default=[], metavar="DIMENSION=CODE",
                          help="keep this code of a dimension (repeat for more), e.g. --filter geo=NL")
    eurostat.add_argument("--lang", choices=["EN", "FR", "DE"], default="EN", help="the labels' language")
    for office in (cbs, eurostat):
        office.add_argument("name", metavar="NAME", help="the package's folder name under datapackages/")
        office.add_argument("path", nargs="?", default=".", help="project folder (default: .)")
        office.add_argument("--allow-remote", action="store_true", help="fetch the table (required)")
        office.add_argument("--base-url", metavar="URL", help="another server speaking the same API")
        office.add_argument("--force", action="store_true", help="replace an existing package and its schemas")


def main(argv: Sequence[str] | None = None) -> int:
    # millions of small objects, almost no cycles: collect rarely (docs/performance.md,
    # "Kept for speed"); the thresholds are given back after the run
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 50, 100)
    hidden = _hidden_for_the_run()
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        return _main(argv)
    except Exception:  # a bug, not bad input: its own exit code, never the findings' 1
        return _internal_error()
    finally:
        gc.set_threshold(*thresholds)
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


def _hidden_for_the_run() -> list[str]:
    """Modules a command's run shows as absent (given back when it ends).

    pandera imports hypothesis only to offer data synthesis, which no command uses: unless
    this process has imported it already (a test session has), it is hidden.  pandera also
    tries to import geopandas, an optional extra, for every column it checks; when it is not
    installed, its absence is said once.  (docs/performance.md, "Kept for speed".)
    """
    hidden = ["hypothesis"] if "hypothesis" not in sys.modules else []
    if "geopandas" not in sys.modules and importlib.util.find_spec("geopandas") is None:
        hidden.append("geopandas")
    return hidden


def run() -> NoReturn:
    """The ``sourcecheck`` command: :func:`main`, then an exit that does not free, one by
    one, the objects the run built (docs/performance.md, "Kept for speed").  Nothing of
    sourcecheck's waits for the interpreter's clean-up (the cache is closed and the workers
    are joined before :func:`main` returns); what is written is flushed first."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`sourcecheck check | head`): nothing to keep
            pass
    os._exit(code)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command in ("accept", "package") and not any(word.startswith("-") for word in extra):
        # names, tables or PATH after an option: argparse takes one run of positionals
        (args.names if args.command == "accept" else args.tables).extend(extra)
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.command in ("check", "validate", "mutate"):
            args.path = os.fspath(Project.find(args.path).root)  # run from a subfolder: its project
        if args.command == "extract":
            output = _extract(args)
            code = 0
        elif args.command == "rules":
            output, code = render(args.format), 0
        elif args.command == "mutate":
            output, code = _mutate(args)
        elif args.command == "package":
            output, code = _package_new(args), 0
        elif args.command == "import":
            output, code = _import(args), 0
        elif args.command == "init":
            from . import linked_ledger, scaffold

            draft = (linked_ledger.link_ledger if args.link else scaffold.init_ledger)(
                args.article, lang=args.lang, force=args.force, dry_run=args.dry_run)
            output, code = draft.summary(), 0
        elif args.command == "accept":
            output, code = _accept(args), 0
        elif args.command == "lock":
            output, code = lock(args.path).summary(), 0
        elif args.command == "refresh":
            output, code = _refresh(args)
        else:
            output, code = _report(args)
        _write(output, getattr(args, "output", None), _inputs(args))
    except SourcecheckError as error:
        _say(f"sourcecheck: error: {visible(str(error))}")
        return 2
    return code


INTERNAL_ERROR = 3


def _internal_error() -> int:
    """Write the traceback of the exception being handled to a file and name it."""
    handle, path = tempfile.mkstemp(prefix="sourcecheck-internal-error-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as file:
        traceback.print_exc(file=file)
    _say(f"sourcecheck: internal error (a bug in sourcecheck, not in your files); "
         f"the traceback is in {path}: please report it")
    return INTERNAL_ERROR


def _say(line: str) -> None:
    """One line on stderr; any text from input that cannot be encoded is shown escaped."""
    try:
        sys.stderr.write(line.encode("utf-8", "backslashreplace").decode("utf-8") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # no stderr to tell


def _inputs(args: argparse.Namespace) -> list[Path]:
    """What the command reads, which --output must not overwrite."""
    if args.command not in ("check", "validate"):
        return []
    root = Path(args.path)
    try:
        project = Project.load(root)
    except SourcecheckError:
        return [root / "pyproject.toml"]
    return [root / "pyproject.toml", project.articles, project.datapackages, project.schemas]


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


def _size(text: str) -> int:
    try:
        return parse_size(text, "--memory-budget")
    except SourcecheckError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _report(args: argparse.Namespace) -> tuple[str, int]:
    formatter = get_formatter(args.format)
    _status(f"sourcecheck: {args.command} {args.path}")
    try:
        if args.command == "check":
            report = check(args.path, allow_remote=args.allow_remote, cache=not args.no_cache,
                           workers=args.workers, texts=formatter.needs_context, scheduler=args.scheduler,
                           memory_budget=args.memory_budget)
        else:
            report = validate(args.path, allow_remote=args.allow_remote, texts=formatter.needs_context,
                              scheduler=args.scheduler, memory_budget=args.memory_budget)
        return formatter.format(report), report.exit_code
    finally:
        _status("")


def _status(line: str) -> None:
    """On a terminal only, which run is going on (stderr; erased when it ends)."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\x1b[K{line}")
        sys.stderr.flush()


def _mutate(args: argparse.Namespace) -> tuple[str, int]:
    from .mutate import run

    report = run(args.path)
    if args.format == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", report.exit_code
    return report.to_text(every=args.all), report.exit_code


def _accept(args: argparse.Namespace) -> str:
    from .review import CLAIM_ID, accept

    ids = [name for name in args.names if CLAIM_ID.fullmatch(name)]
    paths = [name for name in args.names if not CLAIM_ID.fullmatch(name)]
    if len(paths) > 1:
        raise UsageError(f"one place to look at most, not {len(paths)} ({', '.join(paths)}); "
                         "a claim id is lowercase letters, digits and hyphens", paths[1])
    done = accept(ids, paths[0] if paths else ".", every=args.all)
    return "".join(result.summary() for result in done) or "no claim pending review: nothing to do\n"


def _refresh(args: argparse.Namespace) -> tuple[str, int]:
    from .refresh import refresh  # pandas and the whole check: only when refreshing

    report = refresh(args.path, allow_remote=args.allow_remote, check_only=args.check)
    if args.format == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", report.exit_code
    return report.to_text(), report.exit_code


def _package_new(args: argparse.Namespace) -> str:
    from .sources.new_package import Provenance, new_package

    tables, project = list(args.tables), "."
    if len(tables) > 1 and Path(tables[-1]).is_dir():  # a table is never a folder: the project's
        project = tables.pop()
    provenance = Provenance(args.title, args.publisher, args.source, args.retrieved, args.doi)
    return new_package(args.name, tables, provenance, project=project, force=args.force).summary()


def _import(args: argparse.Namespace) -> str:
    if not args.allow_remote:
        raise UsageError(f"`sourcecheck import {args.office}` fetches the table from its publisher: "
                         "give --allow-remote to let it (nothing was fetched)")
    from .importers import cbs, eurostat

    if args.office == "cbs":
        written = cbs.import_table(args.table, args.name, project=args.path, base_url=args.base_url,
                                   force=args.force)
    else:
        written = eurostat.import_dataset(args.table, args.name, filters=args.filter, lang=args.lang,
                                          project=args.path, base_url=args.base_url, force=args.force)
    return written.summary()


def _extract(args: argparse.Namespace) -> str:
    from .numbers import extract_file

    mentions = extract_file(Path(args.file), lang=args.lang)
    if args.format == "json":
        return json.dumps([m.to_dict() for m in mentions], indent=2, ensure_ascii=False) + "\n"
    rows = [f"{m.line}:{m.column}: {m.kind} {m.qualifier} "
            f"{'[no figure]' if m.value is None else f'[{m.low}, {m.high}]'} {m.text}"
            for m in mentions]
    return "".join(row + "\n" for row in rows)


def _write(output: str, path: str | None, inputs: Sequence[Path] = ()) -> None:
    """The report to stdout, or atomically to ``path``, which must be none of ``inputs``
    (files, or folders whose files the run reads)."""
    safe = output.encode("utf-8", "backslashreplace").decode("utf-8")  # a lone surrogate from input
    if path is None:
        try:
            sys.stdout.write(safe)
            sys.stdout.flush()
        except OSError as error:  # a full disk, /dev/full
            raise SourcecheckError(f"cannot write the report: {error.strerror}", "stdout") from None
        return
    target = Path(path).resolve()
    for source in inputs:
        source = source.resolve()
        if target == source or source in target.parents:
            raise UsageError("--output would overwrite a file the run reads; write the report elsewhere", path)
    try:
        write_atomically(Path(path), safe, overwrite=True)
    except OSError as error:
        raise SourcecheckError(f"cannot write the report: {error.strerror}", path) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
