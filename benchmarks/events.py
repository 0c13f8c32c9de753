"""Score coverage.compare on every gold event pack: alignment, contradiction, false alarms, types.

Usage::

    python benchmarks/events.py                      # ../shared/data/events, benchmarks/packs, the example
                                                     # pack and the held-out check packs (benchmarks/packs-check)
    python benchmarks/events.py --data PATH --pack extra.json --json out.json

Prints alignment P/R/F1, contradiction P/R/F1, false-alarm rate and type accuracy per
pack and overall (micro-averaged over the gold pairs of all packs, macro in brackets).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import coverage
from coverage.align import default_model
from coverage.evaluate import load_pack, score_pack

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
EXAMPLE_PACK = ROOT / "examples" / "data" / "kadhemi-drone-attack.json"
PROJECT_PACKS = ROOT / "benchmarks" / "packs"
# Held-out check packs: never used to tune rules or train models.
CHECK_PACKS = ROOT / "benchmarks" / "packs-check"
METRICS = ["alignment_precision", "alignment_recall", "alignment_f1", "contradiction_precision",
           "contradiction_recall", "contradiction_f1", "false_alarm_rate", "type_accuracy"]


def run_pack(path: Path, **options) -> dict:
    pack = load_pack(path)
    started = time.perf_counter()
    report = coverage.compare(pack["articles"], **options)
    elapsed = time.perf_counter() - started
    claims = [{"claim_id": r.claim_id, "article": r.article_id, "start": r.start, "end": r.end}
              for r in report.claims.itertuples()]
    relations = [{"claim_a": r.claim_a, "claim_b": r.claim_b, "relation": r.relation, "type": r.type}
                 for r in report.relations.itertuples()]
    score = score_pack(pack, claims, relations).as_dict()
    score["seconds"] = elapsed
    return score


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (has events/)")
    parser.add_argument("--pack", type=Path, action="append", default=[], help="extra pack(s) to score")
    parser.add_argument("--no-example", action="store_true", help="skip the worked example's pack")
    parser.add_argument("--no-project-packs", action="store_true",
                        help=f"skip the project's own dev packs in {PROJECT_PACKS.relative_to(ROOT)}")
    parser.add_argument("--no-check-packs", action="store_true",
                        help=f"skip the held-out check packs in {CHECK_PACKS.relative_to(ROOT)}")
    parser.add_argument("--stance-check", choices=["auto", "on", "off"], default="off",
                        help="compare()'s stance_check: off (its default), auto or on")
    parser.add_argument("--json", type=Path, help="write the per-pack figures here")
    args = parser.parse_args(argv)
    packs = sorted((args.data / "events").glob("*.json"))
    if not args.no_project_packs:
        packs += sorted(PROJECT_PACKS.glob("*.json"))
    if not args.no_example and EXAMPLE_PACK.exists():
        packs.append(EXAMPLE_PACK)
    if not args.no_check_packs:
        packs += sorted(CHECK_PACKS.glob("*.json"))
    packs += args.pack
    options = {"stance_check": {"auto": None, "on": True, "off": False}[args.stance_check]}
    trained_on = set((default_model().info or {}).get("trained_on", ()))
    if not packs:
        print(f"No packs found under {args.data / 'events'}", file=sys.stderr)
        return 1
    results = {}
    header = f"{'pack':32s} " + " ".join(f"{m.replace('contradiction', 'con').replace('alignment', 'aln')[:13]:>13s}" for m in METRICS)
    print(header)
    for path in packs:
        res = run_pack(path, **options)
        results[path.stem] = res
        mark = "*" if path.stem in trained_on else " "
        print(f"{(path.stem + mark)[:32]:32s} " + " ".join(f"{res[m]:13.3f}" for m in METRICS))
    macro = {m: sum(r[m] for r in results.values()) / len(results) for m in METRICS}
    print(f"{'macro mean':32s} " + " ".join(f"{macro[m]:13.3f}" for m in METRICS))
    held_out = [r for name, r in results.items() if name not in trained_on]
    if held_out and len(held_out) < len(results):
        macro_held = {m: sum(r[m] for r in held_out) / len(held_out) for m in METRICS}
        print(f"{'macro mean, held-out packs':32s} " + " ".join(f"{macro_held[m]:13.3f}" for m in METRICS))
    if trained_on & set(results):
        print("* the shipped alignment model was fitted on this pack; its leave-one-pack-out figures "
              "are in src/coverage/models/align.md")
    if args.json:
        args.json.write_text(json.dumps({"packs": results, "macro": macro}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
