"""Worked example: five reports of the 7 November 2021 drone attack on Iraq's prime minister.

The first report is the project's seed document (a Reuters report as carried by the
Straits Times); the other four were written for this example for invented outlets (a
wire service, a partisan site, a regional daily carrying the wire's copy, a state
broadcaster). Their gold annotation is in ``data/kadhemi-drone-attack.json``.

Run::

    python examples/compare_kadhemi.py [--html report.html] [--json report.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import coverage

HERE = Path(__file__).resolve().parent
PACK = HERE / "data" / "kadhemi-drone-attack.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the full report as JSON")
    args = parser.parse_args()

    pack = json.loads(PACK.read_text(encoding="utf-8"))
    articles = [coverage.Article(**{k: a[k] for k in ("id", "outlet", "title", "published", "text")})
                for a in pack["articles"]]
    report = coverage.compare(articles)
    print(report.summary())

    print("\nDisputed facts, both sides:")
    facts = report.facts.set_index("fact_id")
    for fact_id, fact in facts[facts["status"] == "disputed"].iterrows():
        for other in fact["contradicted_by"]:
            if other < fact_id:
                continue
            print(f"  {', '.join(fact['outlets'])}: {fact['text'][:110]}")
            print(f"  {', '.join(facts.loc[other, 'outlets'])}: {facts.loc[other, 'text'][:110]}")
            print()
    if args.json:
        report.to_json(args.json, indent=1)
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
