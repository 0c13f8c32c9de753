"""Train the same-claim model (MRPC paraphrase) shipped as ``coverage/models/same_claim.*``.

Settings are chosen on the GLUE dev pairs (``dev_ids.tsv``) with models fitted on the rest
of the MRPC training file; the shipped model is then refitted with those settings on all
4,076 training pairs. Usage::

    python scripts/train_same_claim.py [--data PATH] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score, f1_score
from threadpoolctl import threadpool_limits

from _data import DEFAULT_DATA, export_trees, mrpc_split, report_written, write_json, write_npz
from coverage import _features
from coverage.learned import TreeEnsemble

SEED = 20240611
MODELS = Path(__file__).resolve().parents[1] / "src" / "coverage" / "models"
# Words seen in fewer sentences carry no reliable document frequency.
MIN_DF = 2
GRID = [
    {"learning_rate": rate, "max_iter": iterations, "max_leaf_nodes": leaves}
    for rate in (0.05, 0.1)
    for iterations in (100, 200, 400)
    for leaves in (7, 15, 31)
]
# Shallow trees keep the numpy walk short: same_claim runs on every candidate pair.
FIXED = {"max_depth": 6, "min_samples_leaf": 20, "l2_regularization": 1.0, "early_stopping": False}


def idf_table(sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Words seen in at least ``MIN_DF`` sentences (sorted) and their smoothed IDF."""
    frequency = Counter(word for text in sentences for word in set(_features.tokenize(text)))
    words = sorted(word for word, count in frequency.items() if count >= MIN_DF)
    counts = np.array([frequency[word] for word in words], dtype=np.float64)
    idf = np.log((1.0 + len(sentences)) / (1.0 + counts)) + 1.0
    return np.array(words, dtype=str), idf


def features(frame, words: np.ndarray, idf: np.ndarray) -> np.ndarray:
    hashes = _features.word_hashes(list(words))
    order = np.argsort(hashes)
    return _features.same_claim_matrix(list(frame["a"]), list(frame["b"]), hashes[order], idf[order])


def fit(X: np.ndarray, y: np.ndarray, settings: dict) -> HistGradientBoostingClassifier:
    model = HistGradientBoostingClassifier(**settings, **FIXED, random_state=SEED)
    return model.fit(X, y)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--out", type=Path, default=MODELS, help="folder for the model files")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    train, dev = mrpc_split(args.data)

    words, idf = idf_table([*train["a"], *train["b"]])
    X_train, X_dev = features(train, words, idf), features(dev, words, idf)
    y_train, y_dev = train["label"].to_numpy(), dev["label"].to_numpy()
    results = []
    for settings in GRID:
        predicted = fit(X_train, y_train, settings).predict(X_dev)
        scores = {
            "accuracy": accuracy_score(y_dev, predicted),
            "f1": f1_score(y_dev, predicted),
        }
        results.append((scores["accuracy"], scores["f1"], settings))
        print(f"{settings}: dev accuracy {scores['accuracy']:.4f}  F1 {scores['f1']:.4f}")
    dev_accuracy, dev_f1, best = max(results, key=lambda r: (r[0], r[1]))
    print(f"chosen {best}: dev accuracy {dev_accuracy:.4f}  F1 {dev_f1:.4f}")

    # The shipped model: chosen settings, refitted on train + dev.
    everything = pd.concat([train, dev], ignore_index=True)
    words, idf = idf_table([*everything["a"], *everything["b"]])
    model = fit(features(everything, words, idf), everything["label"].to_numpy(), best)
    arrays = {"vocabulary": words, "idf": idf, **export_trees(model)}

    # The numpy walk of the exported trees must reproduce scikit-learn.
    X_check = features(dev, words, idf)
    expected = model.predict_proba(X_check)[:, 1]
    raw = TreeEnsemble.from_arrays(arrays).raw_scores(X_check)[:, 0]
    mismatch = float(np.max(np.abs(1.0 / (1.0 + np.exp(-raw)) - expected)))
    if mismatch > 1e-9:
        raise RuntimeError(f"Exported trees differ from scikit-learn by {mismatch}.")

    args.out.mkdir(parents=True, exist_ok=True)
    write_npz(args.out / "same_claim.npz", arrays)
    write_json(
        args.out / "same_claim.json",
        {
            "name": "same_claim",
            "task": "MRPC paraphrase: probability that two sentences state the same fact",
            "classes": [0, 1],
            "output": "sigmoid of the raw score of output 0 = P(paraphrase)",
            "features": list(_features.SAME_CLAIM_FEATURES),
            "estimator": "sklearn.ensemble.HistGradientBoostingClassifier",
            "settings": {**best, **FIXED, "random_state": SEED},
            "selection": "grid on the GLUE dev pairs, models fitted on train minus dev",
            "dev_scores_train_only_fit": {"accuracy": dev_accuracy, "f1": dev_f1},
            "shipped_fit": "refitted on all 4,076 MRPC training pairs (train + dev)",
            "n_trees": len(arrays["tree_roots"]),
            "n_words": len(words),
            "sklearn_version": sklearn.__version__,
            "numpy_vs_sklearn_max_abs_diff_on_dev": mismatch,
        },
    )
    print(f"trees: {len(arrays['tree_roots'])}, words: {len(words)}, max |numpy - sklearn| {mismatch:.2e}")
    report_written(args.out, "same_claim", started)
    return 0


if __name__ == "__main__":
    # One thread: on a small, busy machine OpenMP threads mostly wait for each other, and a
    # single thread keeps every run identical.
    with threadpool_limits(limits=1):
        sys.exit(main())
