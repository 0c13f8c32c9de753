"""Command line: ``news-coverage compare ...`` / ``news-coverage corpus ...`` (also ``python -m coverage``)."""

from __future__ import annotations

import argparse
import numbers
import sys
import warnings
from pathlib import Path

__all__ = ["main"]

PROG = "news-coverage"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

_EPILOG = """\
examples:
  news-coverage compare reuters.txt ap.txt bbc.txt
      three plain-text reports; each outlet is named after its file
  news-coverage compare a.txt b.txt --outlet Reuters --outlet "Daily Clarion" --html report.html
      name the outlets (one --outlet per file) and write the interactive HTML report
  news-coverage compare event.json --json report.json --csv tables/
      an event pack or a list of records; the full report as JSON and one CSV per table
  news-coverage compare page1.html page2.html
      web pages (main text extracted with trafilatura: pip install "news-coverage[html]")
  news-coverage corpus feed.jsonl --out events/
      group many articles into events, compare each event, write one JSON per event
      and events/summary.csv

Inputs: .txt (one article), .html (one page), .json (a record, a list of records or an
event pack {"articles": [...]}), .jsonl (one record a line), .csv (columns text,
outlet and optionally id, title, published, url).
Exit codes: 0 success, 2 bad input or usage (missing file, too few articles, empty text ...).
"""


def _version() -> str:
    from . import __version__

    return __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Compare how different outlets report the same event: agreement, contradictions, omissions.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    compare = commands.add_parser(
        "compare", help="compare several reports of one event",
        description="Compare several reports of one event and print the summary.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument("files", nargs="+", metavar="FILE", help="article files (.txt .html .json .jsonl .csv)")
    compare.add_argument("--outlet", action="append", metavar="NAME",
                         help="outlet of each file, in order (repeat once per file); default: the file name")
    compare.add_argument("--threshold", type=float, metavar="X",
                         help="minimum same-fact probability to align two claims (default: the model's)")
    compare.add_argument("--html", type=Path, metavar="FILE", help="write the HTML report here")
    compare.add_argument("--json", type=Path, metavar="FILE", help="write the full report as JSON here")
    compare.add_argument("--csv", type=Path, metavar="DIR", help="write one CSV per table into this folder")
    compare.add_argument("--quiet", "-q", action="store_true", help="do not print the summary")

    corpus = commands.add_parser(
        "corpus", help="group many articles into events and compare each event",
        description="Group many articles into events (coverage.cluster.cluster_events) and compare every "
                    "event with at least two articles.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    corpus.add_argument("files", nargs="+", metavar="FILE", help="article files (.json .jsonl .csv .txt .html)")
    corpus.add_argument("--outlet", action="append", metavar="NAME",
                        help="outlet of each file, in order (for .txt/.html files); default: the file name")
    corpus.add_argument("--out", type=Path, metavar="DIR",
                        help="write event-<id>.json per compared event and summary.csv here")
    corpus.add_argument("--html", action="store_true", help="also write event-<id>.html per event (needs --out)")
    corpus.add_argument("--threshold", type=float, metavar="X",
                        help="same-fact threshold passed to compare (default: the model's)")
    corpus.add_argument("--cluster-threshold", type=float, default=0.15, metavar="X",
                        help="similarity two groups need to merge into one event (default 0.15)")
    return parser


def main(argv=None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from .errors import CoverageError

    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        try:
            missing = [f for f in args.files if not Path(f).is_file()]
            if missing:
                _error(f"file not found: {', '.join(map(str, missing))}")
                return EXIT_USAGE
            unwritable = _unwritable_outputs(args)
            if unwritable:
                _error(f"cannot write to: {', '.join(unwritable)} (the folder does not exist)")
                return EXIT_USAGE
            if args.command == "compare":
                return _compare(args)
            return _corpus(args)
        except CoverageError as exc:
            _error(str(exc))
            return EXIT_USAGE
        except OSError as exc:
            _error(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
            return EXIT_ERROR
        except KeyboardInterrupt:
            _error("interrupted")
            return 130


def _unwritable_outputs(args) -> list[str]:
    """Output files whose folder is missing, found before any work is done."""
    paths = [getattr(args, name, None) for name in ("json", "html")]
    # In corpus mode --html is a switch (one page per event, under --out), not a path.
    return [str(p) for p in paths
            if isinstance(p, str | Path) and not Path(p).resolve().parent.is_dir()]


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _read(args) -> list[dict]:
    """The records of every file, with an empty article named by its file."""
    from .errors import InvalidArticleError
    from .io import read_articles

    if args.outlet and len(args.outlet) != len(args.files):
        raise InvalidArticleError(
            f"Give one --outlet per file: got {len(args.outlet)} outlets for {len(args.files)} files."
        )
    per_file = []
    for index, path in enumerate(args.files):
        records = read_articles([path], outlets=[args.outlet[index]] if args.outlet else None)
        for record in records:
            text = record.get("text") if isinstance(record, dict) else None
            if isinstance(text, str) and not text.strip():
                raise InvalidArticleError(f"{path}: the article text is empty.")
        per_file.append((Path(path), records))
    return _qualify_ids(per_file)


def _qualify_ids(per_file: list) -> list[dict]:
    """All records; ids that clash across files (packs all numbered a1, a2 ...) get the file's name."""
    files_of: dict[str, set] = {}
    for path, records in per_file:
        for record in records:
            if isinstance(record, dict) and record.get("id") is not None:
                files_of.setdefault(str(record["id"]), set()).add(path)
    clashing = {i for i, paths in files_of.items() if len(paths) > 1}
    if clashing:
        print(f"{PROG}: note: article ids repeated across files are prefixed with the file name "
              f"(e.g. {sorted(files_of[min(clashing)])[0].stem}:{min(clashing)})", file=sys.stderr)
    out = []
    for path, records in per_file:
        for record in records:
            if isinstance(record, dict) and record.get("id") is not None and str(record["id"]) in clashing:
                record = {**record, "id": f"{path.stem}:{record['id']}"}
            out.append(record)
    return out


def _compare(args) -> int:
    from .pipeline import compare

    report = compare(_read(args), threshold=args.threshold)
    if not args.quiet:
        print(report.summary())
    written = []
    if args.json:
        report.to_json(args.json, indent=1)
        written.append(str(args.json))
    if args.html:
        report.to_html(args.html)
        written.append(str(args.html))
    if args.csv:
        report.to_csv(args.csv)
        written.append(f"{args.csv}/ (CSV tables)")
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _corpus(args) -> int:
    import coverage

    from ._validation import coerce_articles
    from .errors import CoverageError

    if args.html and args.out is None:
        _error("--html needs --out DIR")
        return EXIT_USAGE
    articles = coerce_articles(_read(args), func="corpus", min_articles=1)
    compare_corpus = getattr(coverage, "compare_corpus", None)
    if compare_corpus is not None:
        result = compare_corpus(
            articles, cluster_options={"threshold": args.cluster_threshold},
            compare_options=None if args.threshold is None else {"threshold": args.threshold},
        )
        failed = result.events[result.events["status"] == "error"]
        reports = sorted(
            list(result.reports.items())
            + [(int(e), CoverageError(str(m))) for e, m in zip(failed["event_id"], failed["message"])],
            key=lambda pair: pair[0],
        )
        events = result.assignments
    else:
        reports, events = _compare_events(articles, threshold=args.threshold,
                                          cluster_threshold=args.cluster_threshold)
    rows = _write_events(reports, events, out=args.out, html=args.html)
    _print_summary(rows, n_articles=len(articles))
    if args.out is not None:
        print(f"wrote {len(reports)} event reports and {args.out / 'summary.csv'}", file=sys.stderr)
    return EXIT_OK


def _compare_events(articles, *, threshold, cluster_threshold):
    """cluster_events, then compare every event with at least two articles."""
    from .cluster import cluster_events
    from .errors import CoverageError
    from .pipeline import compare

    events = cluster_events(articles, threshold=cluster_threshold)
    members: dict[int, list] = {}
    for article, event_id in zip(articles, events["event_id"]):
        members.setdefault(int(event_id), []).append(article)
    todo = [(event_id, group) for event_id, group in members.items() if len(group) >= 2]
    progress = _Progress(len(todo), "comparing events")
    reports = []
    for done, (event_id, group) in enumerate(todo, 1):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # per-event warnings would drown the progress bar
                reports.append((event_id, compare(group, threshold=threshold)))
        except CoverageError as exc:
            reports.append((event_id, exc))
        progress.update(done)
    progress.close()
    return reports, events


class _Progress:
    """A plain-text progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int, label: str, *, width: int = 30) -> None:
        self.total, self.label, self.width = total, label, width
        self.active = total > 0 and sys.stderr.isatty()
        self.update(0)

    def update(self, done: int) -> None:
        if not self.active:
            return
        filled = int(self.width * done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        sys.stderr.write(f"\r{self.label} [{bar}] {done}/{self.total}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.active:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _write_events(reports, events, *, out: Path | None, html: bool) -> list[dict]:
    import pandas as pd

    labels = {}
    if events is not None:
        labels = dict(zip(events["event_id"].astype(int), events["event_label"]))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    rows = []
    for event_id, report in reports:
        row = {"event_id": event_id, "label": labels.get(event_id, ""), "articles": None, "outlets": None,
               "claims": None, "facts": None, "consensus": None, "disputed": None, "single_source": None,
               "contradictions": None, "wire_copies": None, "file": "", "error": ""}
        if isinstance(report, Exception):
            row["error"] = str(report)
            rows.append(row)
            continue
        counts = report.facts["status"].value_counts()
        row.update(
            articles=len(report.articles), outlets="; ".join(report.outlets), claims=len(report.claims),
            facts=len(report.facts), consensus=int(counts.get("consensus", 0)),
            disputed=int(counts.get("disputed", 0)), single_source=int(counts.get("single-source", 0)),
            contradictions=int((report.relations["relation"] == "contradict").sum()),
            wire_copies=len(report.wire_copies),
        )
        if out is not None:
            name = f"event-{int(event_id):04d}" if isinstance(event_id, numbers.Integral) else f"event-{event_id}"
            report.to_json(out / f"{name}.json", indent=1)
            row["file"] = f"{name}.json"
            if html:
                report.to_html(out / f"{name}.html")
        rows.append(row)
    if out is not None:
        pd.DataFrame(rows, columns=list(rows[0]) if rows else ["event_id"]).to_csv(out / "summary.csv", index=False)
        if events is not None:
            events.to_csv(out / "articles.csv", index=False)
    return rows


def _print_summary(rows: list[dict], *, n_articles: int) -> None:
    compared = [r for r in rows if not r["error"]]
    print(f"{n_articles} articles, {len(rows)} events with two or more articles, {len(compared)} compared.")
    for row in rows:
        label = f" ({row['label']})" if row["label"] else ""
        if row["error"]:
            print(f"  event {row['event_id']}{label}: not compared: {row['error']}")
        else:
            print(f"  event {row['event_id']}{label}: {row['articles']} articles, {row['facts']} facts, "
                  f"{row['consensus']} consensus, {row['disputed']} disputed, "
                  f"{row['contradictions']} contradictions")
