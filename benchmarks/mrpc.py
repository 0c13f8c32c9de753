"""MRPC benchmark of :func:`coverage.learned.same_claim`: accuracy, F1, throughput.

By default on the GLUE dev pairs; any file of the MRPC format (e.g. the test file) with
``--test``. Throughput is measured on pairs of distinct sentences from the evaluated
file, the case with no repeated strings to share work. Usage::

    python benchmarks/mrpc.py [--data PATH] [--test PATH] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

# The data loaders are shared with the training scripts.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from _data import DEFAULT_DATA, warn_refitted, mrpc_pairs, mrpc_split  # noqa: E402

from coverage.learned import load_model, same_claim  # noqa: E402

THROUGHPUT_PAIRS = 40_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--test", type=Path, help="MRPC-format file to evaluate")
    parser.add_argument("--threshold", type=float, default=0.5, help="probability cut")
    args = parser.parse_args(argv)
    if args.test is not None:
        pairs, name = mrpc_pairs(args.test), str(args.test)
    else:
        pairs, name = mrpc_split(args.data)[1], "MRPC dev (GLUE dev_ids.tsv)"
        meta, _ = load_model("same_claim")
        warn_refitted(meta)

    probability = same_claim(list(pairs["a"]), list(pairs["b"]))
    predicted = (probability >= args.threshold).astype(int)
    gold = pairs["label"].to_numpy()
    print(f"{name}: {len(pairs)} pairs")
    print(f"accuracy    {100 * accuracy_score(gold, predicted):.2f}%")
    print(f"F1 (paraphrase) {100 * f1_score(gold, predicted):.2f}")

    # Random re-pairings of the file's sentences: unrelated, mostly distinct strings.
    sentences = np.array([*pairs["a"], *pairs["b"]], dtype=object)
    rng = np.random.default_rng(0)
    a = list(sentences[rng.integers(len(sentences), size=THROUGHPUT_PAIRS)])
    b = list(sentences[rng.integers(len(sentences), size=THROUGHPUT_PAIRS)])
    same_claim(a[:100], b[:100])  # load the model outside the timing
    started = time.perf_counter()
    same_claim(a, b)
    elapsed = time.perf_counter() - started
    print(f"throughput  {THROUGHPUT_PAIRS / elapsed:,.0f} pairs/s ({THROUGHPUT_PAIRS} pairs, {elapsed:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
