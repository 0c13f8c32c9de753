"""Time and peak memory of ``coverage.compare_corpus`` as the corpus grows.

The corpus is the one of ``cluster_speed.py``: FNC-1 bodies copied with light
perturbation (about a fifth of the sentences dropped, a few neighbours swapped),
dated within a few days of each other, with 50 outlet names. Every size runs in a
fresh process; the clustering and the per-event comparisons are timed apart. Peak
memory is the largest total resident memory of the process and all its children
(the dask workers), sampled every 0.2 s with psutil (``ru_maxrss`` of the process
alone when psutil is missing).

Usage::

    python benchmarks/corpus_speed.py                          # 10k 30k 100k, dask, 2 workers
    python benchmarks/corpus_speed.py --sizes 10000 30000 --iterator
    python benchmarks/corpus_speed.py --sizes 100000 --iterator
    python benchmarks/corpus_speed.py --sizes 2000 5000 --engine local

These are wall-clock figures: on a machine shared with other work they drift by 10-30 %
from run to run (see the README for the measured ones). To compare two versions of the
code, ``corpus_sample.py`` gives the CPU time of a sample of the same corpus's events.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_speed import DEFAULT_DATA, synthetic_corpus  # noqa: E402

TARGET_ARTICLES, TARGET_SECONDS, TARGET_GB = 100_000, 600.0, 8.0


class PeakMemory:
    """Largest total RSS (MB) of this process and its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self._stop = threading.Event()
        try:
            import psutil
        except ImportError:
            self._process = None
        else:
            self._process = psutil.Process()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _total_mb(self) -> float:
        total = 0
        for proc in [self._process, *self._process.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except Exception:  # noqa: BLE001 - a worker may exit between listing and reading
                continue
        return total / 2**20

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, self._total_mb())
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        if self._process is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._process is not None:
            self._stop.set()
            self._thread.join()
        else:
            self.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_LAST_ASSIGNMENTS: list = []


def run_one(data: Path, size: int, engine: str, iterator: bool = False) -> dict:
    """Build the corpus and run compare_corpus on it in this process; time and memory of that."""
    from coverage import corpus as corpus_module

    frame = synthetic_corpus(data, size)
    cluster_seconds = []
    cluster_events = corpus_module.cluster_events

    def timed_cluster(*args, **kwargs):
        started = time.perf_counter()
        try:
            assignments = cluster_events(*args, **kwargs)
            _LAST_ASSIGNMENTS[:] = [assignments]
            return assignments
        finally:
            cluster_seconds.append(time.perf_counter() - started)

    corpus_module.cluster_events = timed_cluster
    if iterator:
        # one event's report at a time: only its counts are kept
        with PeakMemory() as memory:
            started = time.perf_counter()
            compared = claims = relations = 0
            for _, report in corpus_module.compare_corpus(frame, engine=engine, progress=True, iterator=True):
                compared += 1
                claims += len(report.claims)
                relations += len(report.relations)
            seconds = time.perf_counter() - started
        sizes = _LAST_ASSIGNMENTS[0].groupby("event_id").size()
        return {
            "articles": size, "seconds": seconds, "cluster_s": cluster_seconds[0],
            "compare_s": seconds - cluster_seconds[0], "peak_mb": memory.peak_mb,
            "events": len(sizes), "compared": compared, "single": int((sizes == 1).sum()), "errors": 0,
            "largest_event": int(sizes.max()), "claims": claims, "relations": relations,
        }
    with PeakMemory() as memory:
        started = time.perf_counter()
        result = corpus_module.compare_corpus(frame, engine=engine, progress=True)
        seconds = time.perf_counter() - started
    counts = result.events["status"].value_counts()
    return {
        "articles": size, "seconds": seconds, "cluster_s": cluster_seconds[0],
        "compare_s": seconds - cluster_seconds[0], "peak_mb": memory.peak_mb,
        "events": len(result.events), "compared": int(counts.get("compared", 0)),
        "single": int(counts.get("single-article", 0)), "errors": int(counts.get("error", 0)),
        "largest_event": int(result.events["size"].max()),
        "claims": int(result.events["n_claims"].sum()), "relations": len(result.relations),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--engine", choices=["dask", "local"], default="dask",
                        help="dask: a LocalCluster of two single-threaded worker processes")
    parser.add_argument("--iterator", action="store_true",
                        help="compare_corpus(iterator=True): reports consumed one at a time, not held")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(run_one(args.data, args.worker, args.engine, args.iterator)))
        return
    mode = "iterator=True (reports consumed one at a time)" if args.iterator else "one CorpusReport"
    print(f"compare_corpus, engine={args.engine}, {mode}; seconds = cluster + compare; peak = all processes")
    print(f"{'articles':>9} {'seconds':>8} {'cluster':>8} {'compare':>8} {'peak_mb':>8} {'events':>7} "
          f"{'compared':>8} {'single':>7} {'errors':>6} {'largest':>7} {'claims':>9} {'relations':>10}")
    rows = []
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--data", str(args.data), "--engine", args.engine, "--worker", str(size),
             *(["--iterator"] if args.iterator else [])],
            check=True, stdout=subprocess.PIPE, text=True,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{row['articles']:>9} {row['seconds']:>8.1f} {row['cluster_s']:>8.1f} {row['compare_s']:>8.1f} "
              f"{row['peak_mb']:>8.0f} {row['events']:>7} {row['compared']:>8} {row['single']:>7} "
              f"{row['errors']:>6} {row['largest_event']:>7} {row['claims']:>9} {row['relations']:>10}",
              flush=True)
    table = pd.DataFrame(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    if len(table) > 1:
        log_n = np.log(table["articles"])
        k_time, c_time = np.polyfit(log_n, np.log(table["seconds"]), 1)
        k_mem, c_mem = np.polyfit(log_n, np.log(table["peak_mb"]), 1)
        print(f"measured growth: seconds ~ articles^{k_time:.2f}, peak memory ~ articles^{k_mem:.2f}")
        if table["articles"].max() < TARGET_ARTICLES:
            seconds = float(np.exp(c_time + k_time * np.log(TARGET_ARTICLES)))
            memory = float(np.exp(c_mem + k_mem * np.log(TARGET_ARTICLES)))
            print(f"EXTRAPOLATED (not measured) from these sizes to {TARGET_ARTICLES:,} articles: "
                  f"~{seconds:,.0f} s (target <= {TARGET_SECONDS:.0f} s), ~{memory / 1024:.1f} GB "
                  f"(target <= {TARGET_GB:g} GB)")
    target = table[table["articles"] == TARGET_ARTICLES]
    if len(target):
        row = target.iloc[0]
        print(f"measured at {TARGET_ARTICLES:,} articles: {row['seconds']:.0f} s (target <= {TARGET_SECONDS:.0f} s), "
              f"{row['peak_mb'] / 1024:.1f} GB (target <= {TARGET_GB:g} GB)")


if __name__ == "__main__":
    main()
