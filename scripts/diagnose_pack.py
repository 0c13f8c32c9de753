"""Print a pack's predicted relations marked right/wrong and the gold pairs missed.

Usage: python scripts/diagnose_pack.py PACK.json [--only-contradictions]
A development aid for reading errors; the figures come from benchmarks/events.py.
"""

from __future__ import annotations

import argparse

import coverage
from coverage.evaluate import _matches, gold_pairs, load_pack


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pack")
    parser.add_argument("--only-contradictions", action="store_true")
    args = parser.parse_args()
    pack = load_pack(args.pack)
    gold = gold_pairs(pack)
    report = coverage.compare(pack["articles"])
    claims = report.claims.set_index("claim_id")
    span = {cid: (r.article_id, r.start, r.end) for cid, r in claims.iterrows()}
    quotes = {cid: [q for q in gold["quotes"] if _matches(s, q)] for cid, s in span.items()}

    def gold_of(x, y, pairs):
        keys = set()
        for qx in quotes[x]:
            for qy in quotes[y]:
                key = (qx, qy) if qx[0] < qy[0] else (qy, qx)
                if key in pairs:
                    keys.add(key)
        return keys

    found_a, found_c = set(), set()
    for r in report.relations.itertuples():
        ga = gold_of(r.claim_a, r.claim_b, gold["alignment"])
        gc = gold_of(r.claim_a, r.claim_b, gold["contradiction"])
        found_a |= ga
        found_c |= gc
        if args.only_contradictions and r.relation != "contradict" and not gc:
            continue
        tag = ("TP " if ga else "FP ") + (f"C:{r.type}" if r.relation == "contradict" else "agree")
        tag += f" gold={','.join(sorted({gold['contradiction'][k] for k in gc}))}" if gc else ""
        print(f"{tag:28s} {r.score:.2f} | {claims.loc[r.claim_a, 'text'][:80]} || {claims.loc[r.claim_b, 'text'][:80]}")
        if r.relation == "contradict":
            print(f"{'':28s} {r.explanation[:150]}")
    texts = {a["id"]: a["text"] for a in pack["articles"]}
    print("--- missed alignment pairs")
    for pair in sorted(gold["alignment"] - found_a):
        a, b = pair
        print(f"MISS {'C' if pair in gold['contradiction'] else ' '} {texts[a[0]][a[1]:a[2]][:80]} || {texts[b[0]][b[1]:b[2]][:80]}")


if __name__ == "__main__":
    main()
