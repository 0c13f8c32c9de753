"""Speed and memory of ``coverage.compare`` on events of 25 to 400 real articles.

Each event is made of FNC-1 bodies: the bodies related (agree / disagree / discuss)
to the headlines with the most related bodies, story by story, until the event has
N articles; each body gets its own outlet name. For every size, in a fresh process:

- per-stage seconds of one ``compare`` call, measured by wrapping the functions that
  ``coverage.pipeline`` calls (``segment``, ``candidate_pairs`` = candidates and
  features, ``decide``, ``judge._judge`` = the judge on the pairs it is asked about, the
  ``aggregate`` functions; "other" is the rest: validation, the agreements of plain
  claims that compare settles without the judge, DataFrames);
- end-to-end seconds of ``compare`` without the wrappers (best of ``--repeat``);
- the peak resident memory of the process (``ru_maxrss``) and its baseline after the
  imports, data and a warm-up call (which loads the shipped models);
- the naive baseline: every cross-article pair of the same claims scored with
  ``rapidfuzz.fuzz.token_set_ratio`` in a Python loop. Above ``--naive-pairs`` pairs
  a random sample of that many pairs is timed and the time extrapolated (marked ``*``).

Usage::

    python benchmarks/speed.py                       # 25 50 100 200 400
    python benchmarks/speed.py --sizes 25 50 100 --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
STAGES = ("segment", "align", "judge", "aggregate", "other")
TARGET_ARTICLES, TARGET_SECONDS, TARGET_SPEEDUP, TARGET_MB = 100, 1.0, 20.0, 1024


def build_event(data: Path, size: int) -> list[dict]:
    """``size`` FNC-1 bodies, most-covered stories first, each with an outlet name."""
    bodies = pd.read_csv(data / "fnc1" / "train_bodies.csv", encoding="utf-8")
    stances = pd.read_csv(data / "fnc1" / "train_stances.csv", encoding="utf-8")
    text_of = dict(zip(bodies["Body ID"], bodies["articleBody"]))
    related = stances[stances["Stance"] != "unrelated"]
    by_headline = related.groupby("Headline")["Body ID"].agg(lambda ids: sorted(set(ids)))
    order = sorted(by_headline.index, key=lambda h: (-len(by_headline[h]), h))
    chosen: list[int] = []
    seen: set[int] = set()
    for headline in order:
        for body_id in by_headline[headline]:
            if body_id not in seen and str(text_of[body_id]).strip():
                seen.add(body_id)
                chosen.append(body_id)
        if len(chosen) >= size:
            break
    if len(chosen) < size:
        raise SystemExit(f"FNC-1 has only {len(chosen)} related bodies; asked for {size}.")
    return [{"id": f"b{body_id}", "outlet": f"Outlet {k:03d}", "text": text_of[body_id]}
            for k, body_id in enumerate(chosen[:size])]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def staged_compare(articles: list[dict]):
    """One ``compare`` call with the pipeline's steps wrapped by timers: (report, seconds per stage)."""
    import coverage
    from coverage import aggregate, pipeline

    spent: dict[str, float] = defaultdict(float)

    def timed(stage, func):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - started
        return wrapper

    wrapped = {"_segment": "segment", "candidate_pairs": "align", "decide": "align", "_judge": "judge"}
    originals = {}
    for name, stage in wrapped.items():
        if hasattr(pipeline, name):
            originals[(pipeline, name)] = getattr(pipeline, name)
            setattr(pipeline, name, timed(stage, getattr(pipeline, name)))
    for name in ("_wire_copies", "build_facts", "coverage_table", "outlet_tables", "omissions"):
        originals[(aggregate, name)] = getattr(aggregate, name)
        setattr(aggregate, name, timed("aggregate", getattr(aggregate, name)))
    try:
        started = time.perf_counter()
        report = coverage.compare(articles)
        total = time.perf_counter() - started
    finally:
        for (module, name), func in originals.items():
            setattr(module, name, func)
    spent["other"] = total - sum(spent[s] for s in STAGES if s != "other")
    return report, {s: spent[s] for s in STAGES}


def naive_seconds(claims: pd.DataFrame, max_pairs: int, seed: int = 0) -> tuple[float, int, bool]:
    """Seconds to score every cross-article claim pair with token_set_ratio in a Python loop.

    Returns (seconds, number of pairs, whether the time was extrapolated from a sample).
    """
    from rapidfuzz import fuzz

    texts = claims["text"].tolist()
    articles = claims["article_id"].to_numpy()
    per_article = pd.Series(articles).value_counts().to_numpy()
    n = len(texts)
    total_pairs = int((n * n - (per_article ** 2).sum()) // 2)
    if total_pairs <= max_pairs:
        started = time.perf_counter()
        for i in range(n):
            a, own = texts[i], articles[i]
            for j in range(i + 1, n):
                if articles[j] != own:
                    fuzz.token_set_ratio(a, texts[j])
        return time.perf_counter() - started, total_pairs, False
    rng = np.random.default_rng(seed)
    left = rng.integers(0, n, size=2 * max_pairs)
    right = rng.integers(0, n, size=2 * max_pairs)
    cross = articles[left] != articles[right]
    left, right = left[cross][:max_pairs].tolist(), right[cross][:max_pairs].tolist()
    started = time.perf_counter()
    for i, j in zip(left, right):
        fuzz.token_set_ratio(texts[i], texts[j])
    sample = time.perf_counter() - started
    return sample * total_pairs / len(left), total_pairs, True


def run_one(data: Path, size: int, repeat: int, max_pairs: int) -> dict:
    import coverage

    articles = build_event(data, size)
    coverage.compare(articles[:3])  # loads the shipped models, as any long-lived process would have
    baseline = _rss_mb()
    report, stages = staged_compare(articles)
    end_to_end = []
    for _ in range(repeat):
        started = time.perf_counter()
        coverage.compare(articles)
        end_to_end.append(time.perf_counter() - started)
    peak = _rss_mb()
    naive, pairs, sampled = naive_seconds(report.claims, max_pairs)
    return {
        "articles": size, "claims": len(report.claims), "candidates_judged": len(report.relations),
        **{f"{s}_s": v for s, v in stages.items()},
        "compare_s": min(end_to_end), "naive_s": naive, "naive_pairs": pairs, "naive_sampled": sampled,
        "peak_mb": peak, "baseline_mb": baseline,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100, 200, 400])
    parser.add_argument("--repeat", type=int, default=1, help="end-to-end runs per size (best is kept)")
    parser.add_argument("--naive-pairs", type=int, default=2_000_000,
                        help="largest number of pairs the naive loop scores in full")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(run_one(args.data, args.worker, args.repeat, args.naive_pairs)))
        return
    header = (f"{'articles':>8} {'claims':>6} {'relations':>9} "
              + " ".join(f"{s:>9}" for s in STAGES)
              + f" {'compare':>8} {'naive':>9} {'ratio':>6} {'peak_mb':>8} {'base_mb':>8}")
    print("seconds per stage (one instrumented call), end-to-end compare (best of "
          f"{args.repeat}), naive token_set_ratio loop; * = extrapolated from a sample of "
          f"{args.naive_pairs:,} pairs")
    print(header)
    rows = []
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--data", str(args.data), "--repeat", str(args.repeat),
             "--naive-pairs", str(args.naive_pairs), "--worker", str(size)],
            check=True, capture_output=True, text=True,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        naive = f"{row['naive_s']:.1f}{'*' if row['naive_sampled'] else ' '}"
        print(f"{row['articles']:>8} {row['claims']:>6} {row['candidates_judged']:>9} "
              + " ".join(f"{row[f'{s}_s']:>9.2f}" for s in STAGES)
              + f" {row['compare_s']:>8.2f} {naive:>9} {row['naive_s'] / row['compare_s']:>6.1f}"
              f" {row['peak_mb']:>8.0f} {row['baseline_mb']:>8.0f}", flush=True)
    table = pd.DataFrame(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    if len(table) > 1:
        exponent = np.polyfit(np.log(table["claims"]), np.log(table["compare_s"]), 1)[0]
        print(f"fitted growth exponent (compare seconds ~ claims^k, log-log least squares): k = {exponent:.2f}")
    share = table[[f"{s}_s" for s in STAGES]].sum() / table[[f"{s}_s" for s in STAGES]].sum().sum()
    print("share of instrumented time over all sizes: "
          + ", ".join(f"{s} {share[f'{s}_s']:.0%}" for s in STAGES))
    target = table[table["articles"] == TARGET_ARTICLES]
    if len(target):
        row = target.iloc[0]
        print(f"targets at {TARGET_ARTICLES} articles ({row['claims']} claims): "
              f"end to end {row['compare_s']:.2f} s (target <= {TARGET_SECONDS:g} s), "
              f"{row['naive_s'] / row['compare_s']:.1f}x the naive loop (target >= {TARGET_SPEEDUP:g}x), "
              f"peak {row['peak_mb']:.0f} MB (target <= {TARGET_MB} MB)")


if __name__ == "__main__":
    main()
