"""What the pooled candidates of large events lose, against the exact scoring.

Events with more than ``align.POOLED_CLAIMS`` claims (and more than
``align.POOLED_ARTICLES`` articles) get their candidate pairs from a bounded pool per
claim (see ``coverage.align``). This compares, on FNC-1 events of N articles (built as in
``speed.py``), ``compare`` with the pool against ``compare`` with the exact scoring forced:

- the share of the exact candidate pairs that the pooled run also proposes;
- the share of the exact relations (``report.relations`` claim pairs) that the pooled run
  also reports, and with the same relation and type;
- the relations only the pooled run reports;
- CPU seconds of the candidate step (``candidate_pairs``) and of ``compare``, each way.

Usage::

    python benchmarks/pool_recall.py                 # 400 and 600 articles
    python benchmarks/pool_recall.py --sizes 300 800
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import DEFAULT_DATA, build_event  # noqa: E402


def run(articles, *, pooled: bool) -> dict:
    import coverage
    from coverage import align, pipeline

    seen = {}
    candidate_pairs = pipeline.candidate_pairs

    def recorded(claims, **kwargs):
        started = time.process_time()
        cand = candidate_pairs(claims, **kwargs)
        seen["candidate_s"] = time.process_time() - started
        seen["candidates"] = {(claims[i].claim_id, claims[j].claim_id) for i, j in zip(cand.left, cand.right)}
        return cand

    forced = align._pooled
    pipeline.candidate_pairs = recorded
    if not pooled:
        align._pooled = lambda n_claims, n_articles: False
    try:
        started = time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = coverage.compare(articles)
        seconds = time.process_time() - started
    finally:
        pipeline.candidate_pairs = candidate_pairs
        align._pooled = forced
    rel = report.relations
    return {"claims": len(report.claims), "compare_s": seconds, **seen,
            "relations": set(zip(rel["claim_a"], rel["claim_b"])),
            "labelled": set(zip(rel["claim_a"], rel["claim_b"], rel["relation"], rel["type"]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 600])
    args = parser.parse_args()
    import coverage

    coverage.compare(build_event(args.data, 25))  # loads the shipped models
    print(f"{'articles':>8} {'claims':>7} {'cand kept':>9} {'rel kept':>8} {'same label':>10} {'new rel':>7} "
          f"{'exact rel':>9} {'cand s exact/pool':>18} {'compare s exact/pool':>21}")
    for size in args.sizes:
        articles = build_event(args.data, size)
        exact, pooled = run(articles, pooled=False), run(articles, pooled=True)
        share = lambda key: len(exact[key] & pooled[key]) / max(1, len(exact[key]))  # noqa: E731
        print(f"{size:>8} {exact['claims']:>7} {share('candidates'):>9.4f} {share('relations'):>8.4f} "
              f"{share('labelled'):>10.4f} {len(pooled['relations'] - exact['relations']):>7} "
              f"{len(exact['relations']):>9} {exact['candidate_s']:>8.2f} / {pooled['candidate_s']:<7.2f} "
              f"{exact['compare_s']:>9.2f} / {pooled['compare_s']:<9.2f}", flush=True)


if __name__ == "__main__":
    main()
