"""FNC-1 stance benchmark of :func:`coverage.learned.stance`.

Prints the FNC score (as % of the maximum), macro-F1, per-class F1 and the confusion
matrix. By default on the dev split (the baseline's hold-out bodies); any labelled file
pair of the FNC-1 format (e.g. the competition test set) with ``--stances`` and
``--bodies``. Usage::

    python benchmarks/fnc1.py [--data PATH] [--stances PATH --bodies PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score

# The data loaders are shared with the training scripts.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from _data import DEFAULT_DATA, warn_refitted, STANCES, fnc1_pairs, fnc1_split, fnc_score  # noqa: E402

from coverage.learned import load_model, stance  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--stances", type=Path, help="labelled stances CSV (Headline, Body ID, Stance)")
    parser.add_argument("--bodies", type=Path, help="bodies CSV (Body ID, articleBody)")
    args = parser.parse_args(argv)
    if (args.stances is None) != (args.bodies is None):
        parser.error("--stances and --bodies go together")
    if args.stances is not None:
        pairs, name = fnc1_pairs(args.stances, args.bodies), str(args.stances)
    else:
        pairs, name = fnc1_split(args.data)[1], "FNC-1 dev (hold-out bodies)"
        meta, _ = load_model("stance")
        warn_refitted(meta)

    started = time.perf_counter()
    predicted = stance(list(pairs["headline"]), list(pairs["body"]))
    elapsed = time.perf_counter() - started
    gold = pairs["stance"].to_numpy()
    score, best = fnc_score(gold, predicted)
    per_class = f1_score(gold, predicted, labels=list(STANCES), average=None)
    print(f"{name}: {len(pairs)} pairs, {len(pairs) / elapsed:.0f} pairs/s")
    print(f"FNC score   {score:.2f} / {best:.2f} = {100 * score / best:.2f}%")
    print(f"macro-F1    {per_class.mean():.4f}")
    for label, value in zip(STANCES, per_class):
        print(f"  F1 {label:<10} {value:.4f}")
    matrix = confusion_matrix(gold, predicted, labels=list(STANCES))
    width = max(map(len, STANCES)) + 1
    print("confusion (rows gold, columns predicted)")
    print(" " * width + "".join(f"{label:>{width}}" for label in STANCES))
    for label, row in zip(STANCES, np.asarray(matrix)):
        print(f"{label:<{width}}" + "".join(f"{count:>{width}}" for count in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
