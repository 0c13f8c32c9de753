"""CPU time of ``coverage.compare`` over a sample of a synthetic corpus's events.

The corpus is the one of ``cluster_speed.py`` / ``corpus_speed.py``; it is clustered
with ``cluster_events``, the events of two or more articles are ordered by size, and
every ``--stride``-th of them is compared in this process, one after another. The CPU
time (``time.process_time``: this process and its threads) of each ``compare`` call is
printed per size band, with the total scaled back up by the stride: an estimate of the
CPU time that comparing every event costs, which the wall-clock figures of
``corpus_speed.py`` do not give on a machine shared with other work. Run it on two
checkouts alternately to compare them; the corpus and its sample are the same for both.

Usage::

    python benchmarks/corpus_sample.py --size 100000 --stride 40
    PYTHONPATH=other/checkout/src python benchmarks/corpus_sample.py --size 100000 --stride 40
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_speed import DEFAULT_DATA, synthetic_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--size", type=int, default=100_000, help="articles in the corpus")
    parser.add_argument("--stride", type=int, default=40, help="compare every stride-th event by size")
    args = parser.parse_args()

    import coverage
    from coverage._validation import coerce_articles
    from coverage.cluster import cluster_events

    frame = synthetic_corpus(args.data, args.size)
    started = time.perf_counter()
    assignments = cluster_events(frame)
    print(f"coverage from {Path(coverage.__file__).parent}; {args.size:,} articles clustered in "
          f"{time.perf_counter() - started:.0f} s")
    members: dict[int, list] = {}
    for article, event in zip(coerce_articles(frame, func="corpus_sample", min_articles=1),
                              assignments["event_id"].tolist()):
        members.setdefault(event, []).append(article)
    events = sorted((e for e in members if len(members[e]) >= 2), key=lambda e: (len(members[e]), e))
    sample = events[args.stride // 2::args.stride]
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Several articles share an outlet"
        coverage.compare(members[sample[0]])  # loads the shipped models and the lazy imports
        for event in sample:
            started = time.process_time()
            report = coverage.compare(members[event])
            rows.append((len(members[event]), len(report.claims), len(report.relations),
                         time.process_time() - started))
    sizes = np.array([r[0] for r in rows])
    seconds = np.array([r[3] for r in rows])
    print(f"{len(events)} events of 2+ articles, every {args.stride}th compared: {len(sample)}")
    print(f"{'articles':>12} {'events':>7} {'claims':>8} {'relations':>10} {'cpu_s':>7}")
    for low, high in ((2, 30), (30, 100), (100, 200), (200, 10**9)):
        band = (sizes >= low) & (sizes < high)
        if band.any():
            label = f"{low}-{high - 1}" if high < 10**9 else f"{low}+"
            print(f"{label:>12} {int(band.sum()):>7} {sum(r[1] for r, b in zip(rows, band) if b):>8} "
                  f"{sum(r[2] for r, b in zip(rows, band) if b):>10} {seconds[band].sum():>7.1f}")
    print(f"sample: {seconds.sum():.1f} CPU s; x{args.stride} = about {seconds.sum() * args.stride:,.0f} CPU s "
          f"to compare every event (estimated, not measured)")


if __name__ == "__main__":
    main()
