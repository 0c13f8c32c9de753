"""B-cubed quality of ``coverage.cluster.cluster_events`` on FNC-1 and Emergent.

Gold stories:

- FNC-1 bodies: two bodies belong to one story when they are related (agree,
  disagree or discuss) to the same headline; stories are the connected components of
  the body-headline links over all of train_stances.csv, restricted to the bodies
  scored. Bodies related to no headline are stories of their own. Tuning split:
  ``splits/training_ids.txt``; dev: ``splits/hold_out_ids.txt``.
- Emergent: article headlines (the text) grouped by ``claimId``. Tuning split:
  claim folds 1-8; dev: folds 9-10; all folds are also reported.

Usage::

    python benchmarks/cluster_quality.py                 # defaults of cluster_events
    python benchmarks/cluster_quality.py --threshold 0.25 --n-neighbors 20
    python benchmarks/cluster_quality.py --tune          # grid on the tuning splits only
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from coverage.cluster import cluster_events

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def bcubed(predicted, gold) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted partition against a gold one."""
    table = pd.crosstab(np.asarray(predicted), np.asarray(gold))
    counts = table.to_numpy().astype(np.float64)
    pred_sizes, gold_sizes = counts.sum(axis=1), counts.sum(axis=0)
    total = counts.sum()
    precision = float((counts**2 / pred_sizes[:, None]).sum() / total)
    recall = float((counts**2 / gold_sizes[None, :]).sum() / total)
    return precision, recall, 2 * precision * recall / (precision + recall)


def load_fnc1(data: Path) -> dict[str, pd.DataFrame]:
    """FNC-1 bodies with gold story ids, split into 'train' and 'dev'."""
    bodies = pd.read_csv(data / "fnc1" / "train_bodies.csv", encoding="utf-8")
    stances = pd.read_csv(data / "fnc1" / "train_stances.csv", encoding="utf-8")
    related = stances[stances["Stance"] != "unrelated"]
    body_index = {body: i for i, body in enumerate(bodies["Body ID"])}
    headline_index = {h: len(body_index) + i for i, h in enumerate(related["Headline"].unique())}
    size = len(body_index) + len(headline_index)
    links = sparse.coo_matrix(
        (
            np.ones(len(related)),
            ([body_index[b] for b in related["Body ID"]], [headline_index[h] for h in related["Headline"]]),
        ),
        shape=(size, size),
    )
    _, component = connected_components(links, directed=False)
    frame = pd.DataFrame(
        {
            "id": bodies["Body ID"].astype(str),
            "text": bodies["articleBody"],
            "outlet": "fnc1",
            "gold": component[: len(body_index)],
        }
    )
    splits = {}
    for name, file in (("train", "training_ids.txt"), ("dev", "hold_out_ids.txt")):
        ids = (data / "fnc1" / "splits" / file).read_text().split()
        splits[name] = frame[frame["id"].isin(ids)].reset_index(drop=True)
    return splits


def load_emergent(data: Path) -> dict[str, pd.DataFrame]:
    """Emergent article headlines with their claim as gold, split by claim folds."""
    rows = pd.read_csv(data / "emergent" / "url-versions-2015-06-14-clean-train.csv", encoding="utf-8")
    folds = pd.read_csv(data / "emergent" / "train_claim_folds.csv")
    rows = rows.merge(folds, on="claimId", how="left", validate="many_to_one")
    frame = pd.DataFrame(
        {
            "id": rows["articleId"].astype(str),
            "text": rows["articleHeadline"],
            "outlet": "emergent",
            "gold": rows["claimId"],
            "fold": rows["fold"],
        }
    )
    return {
        "train (folds 1-8)": frame[frame["fold"] <= 8].reset_index(drop=True),
        "dev (folds 9-10)": frame[frame["fold"] >= 9].reset_index(drop=True),
        "all folds": frame,
    }


def score(frame: pd.DataFrame, **options) -> dict[str, float]:
    started = time.perf_counter()
    events = cluster_events(frame[["id", "text", "outlet"]], **options)
    seconds = time.perf_counter() - started
    precision, recall, f1 = bcubed(events["event_id"], frame["gold"])
    return {
        "articles": len(frame),
        "gold": frame["gold"].nunique(),
        "predicted": events["event_id"].nunique(),
        "singletons": int((events["event_size"] == 1).sum()),
        "P": precision,
        "R": recall,
        "F1": f1,
        "seconds": seconds,
    }


def tune(datasets: dict[str, dict[str, pd.DataFrame]]) -> None:
    """Grid over threshold x n_neighbors on the tuning splits; mean F1 ranks."""
    tuning = {"fnc1": datasets["fnc1"]["train"], "emergent": datasets["emergent"]["train (folds 1-8)"]}
    results = []
    for threshold, n_neighbors in itertools.product(np.arange(0.05, 0.41, 0.025), (5, 10, 20, 40)):
        row = {"threshold": round(float(threshold), 3), "n_neighbors": n_neighbors}
        for name, frame in tuning.items():
            row[name] = score(frame, threshold=float(threshold), n_neighbors=n_neighbors)["F1"]
        row["mean"] = (row["fnc1"] + row["emergent"]) / 2
        results.append(row)
    table = pd.DataFrame(results).sort_values("mean", ascending=False)
    print("B-cubed F1 on the tuning splits (FNC-1 training_ids, Emergent folds 1-8):")
    print(table.to_string(index=False, float_format="%.3f"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--threshold", type=float, help="override the default threshold")
    parser.add_argument("--n-neighbors", type=int, help="override the default n_neighbors")
    parser.add_argument("--tune", action="store_true", help="grid search on the tuning splits")
    args = parser.parse_args()
    datasets = {"fnc1": load_fnc1(args.data), "emergent": load_emergent(args.data)}
    if args.tune:
        tune(datasets)
        return
    options = {}
    if args.threshold is not None:
        options["threshold"] = args.threshold
    if args.n_neighbors is not None:
        options["n_neighbors"] = args.n_neighbors
    rows = []
    for dataset, splits in datasets.items():
        for split, frame in splits.items():
            rows.append({"dataset": dataset, "split": split, **score(frame, **options)})
    print(f"cluster_events options: {options or 'defaults'}")
    print(pd.DataFrame(rows).to_string(index=False, float_format="%.3f"))


if __name__ == "__main__":
    main()
