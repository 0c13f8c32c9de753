"""Time and peak memory of ``coverage.cluster.cluster_events`` as the corpus grows.

The corpus is built from real text: FNC-1 bodies, each copied several times with
light perturbation (sentences shuffled, about a fifth of them dropped), so that
near-duplicates are not exact. Each body gets a date and its copies fall within a
few days of it, so the date window is exercised too.

Every size runs in a fresh process, so the peak resident memory (``ru_maxrss``) of
that process is the peak of that size alone; it includes the corpus itself, whose
share is printed separately.

Usage::

    python benchmarks/cluster_speed.py                      # 10k, 30k, 100k
    python benchmarks/cluster_speed.py --sizes 2000 5000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def synthetic_corpus(data: Path, size: int, *, seed: int = 0) -> pd.DataFrame:
    """``size`` perturbed copies of FNC-1 bodies, with dates, as a DataFrame."""
    rng = np.random.default_rng(seed)
    bodies = pd.read_csv(data / "fnc1" / "train_bodies.csv", encoding="utf-8")["articleBody"].tolist()
    sentences = [[s for s in _SENTENCE_END.split(body) if s.strip()] or [body] for body in bodies]
    first_day = dt.date(2015, 1, 1).toordinal()
    body_days = first_day + rng.integers(0, 365, size=len(bodies))
    texts, days = [], []
    for k in range(size):
        source = k % len(bodies)
        parts = sentences[source]
        kept = [s for s in parts if rng.random() > 0.2] or [parts[0]]
        # Shuffle a few neighbouring sentences rather than all, as an edit would.
        for _ in range(max(1, len(kept) // 5)):
            i = int(rng.integers(0, len(kept)))
            j = min(len(kept) - 1, i + 1)
            kept[i], kept[j] = kept[j], kept[i]
        texts.append(" ".join(kept))
        days.append(dt.date.fromordinal(int(body_days[source] + rng.integers(0, 4))).isoformat())
    return pd.DataFrame({"text": texts, "outlet": [f"outlet{k % 50}" for k in range(size)], "published": days})


def run_one(data: Path, size: int) -> dict[str, float]:
    """Build the corpus and cluster it in this process; time and memory of that."""
    from coverage.cluster import cluster_events

    corpus = synthetic_corpus(data, size)
    corpus_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    events = cluster_events(corpus)
    seconds = time.perf_counter() - started
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": size,
        "seconds": seconds,
        "peak_rss_mb": peak_rss,
        "corpus_rss_mb": corpus_rss,
        "events": int(events["event_id"].nunique()),
        "largest_event": int(events["event_size"].max()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(run_one(args.data, args.worker)))
        return
    rows = []
    print(f"{'articles':>9} {'seconds':>8} {'peak_rss_mb':>12} {'corpus_rss_mb':>14} {'events':>7} {'largest':>8}")
    for size in args.sizes:
        result = subprocess.run(
            [sys.executable, __file__, "--data", str(args.data), "--worker", str(size)],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(result.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['articles']:>9} {row['seconds']:>8.1f} {row['peak_rss_mb']:>12.0f} "
            f"{row['corpus_rss_mb']:>14.0f} {row['events']:>7} {row['largest_event']:>8}",
            flush=True,
        )
    if len(rows) > 1:
        table = pd.DataFrame(rows)
        exponent = np.polyfit(np.log(table["articles"]), np.log(table["seconds"]), 1)[0]
        print(f"fitted growth exponent (seconds ~ articles^k): k = {exponent:.2f}")


if __name__ == "__main__":
    main()
