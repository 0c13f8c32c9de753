"""Loaders of the shared training data (FNC-1, MRPC) and model writers, for the training
scripts and benchmarks.

They live outside the package so that importing ``coverage`` stays light and never touches
training data or scikit-learn internals.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_DATA",
    "STANCES",
    "fnc1_pairs",
    "fnc1_split",
    "mrpc_pairs",
    "mrpc_split",
    "export_trees",
    "fnc_score",
    "sha256",
    "write_json",
    "write_npz",
]

#: ``shared/data`` next to the repository checkout.
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

STANCES = ("agree", "disagree", "discuss", "unrelated")


def fnc1_pairs(stances_path: Path, bodies_path: Path) -> pd.DataFrame:
    """Join an FNC-1 stances file with its bodies file.

    Returns
    -------
    pandas.DataFrame
        Columns ``headline`` (str), ``body_id`` (int), ``body`` (str) and, when the stances file
        is labelled, ``stance`` (str), one row per stance row, in file order.
    """
    stances = pd.read_csv(stances_path, encoding="utf-8", dtype={"Headline": str})
    bodies = pd.read_csv(bodies_path, encoding="utf-8", dtype={"articleBody": str})
    text_of = dict(zip(bodies["Body ID"].astype(int), bodies["articleBody"]))
    frame = pd.DataFrame(
        {
            "headline": stances["Headline"].astype(str),
            "body_id": stances["Body ID"].astype(int),
        }
    )
    frame["body"] = frame["body_id"].map(text_of)
    if frame["body"].isna().any():
        missing = sorted(frame.loc[frame["body"].isna(), "body_id"].unique())[:5]
        raise ValueError(f"Body IDs without a body in {bodies_path}: {missing} ...")
    if "Stance" in stances:
        frame["stance"] = stances["Stance"].astype(str)
    return frame


def fnc1_split(data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """FNC-1 train and dev frames, split by Body ID with the baseline's split files."""
    fnc = Path(data) / "fnc1"
    pairs = fnc1_pairs(fnc / "train_stances.csv", fnc / "train_bodies.csv")
    hold_out = {int(line) for line in (fnc / "splits" / "hold_out_ids.txt").read_text().split()}
    training = {int(line) for line in (fnc / "splits" / "training_ids.txt").read_text().split()}
    if hold_out & training:
        raise ValueError("The FNC-1 split files share Body IDs.")
    in_dev = pairs["body_id"].isin(hold_out)
    return pairs[~in_dev].reset_index(drop=True), pairs[in_dev].reset_index(drop=True)


def fnc_score(gold, predicted) -> tuple[float, float]:
    """FNC-1 score and its maximum on ``gold``.

    Per pair +0.25 when the related/unrelated call is right, and +0.75 more when gold and
    prediction are both related and equal.
    """
    score = 0.0
    best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        g_related = g != "unrelated"
        best += 1.0 if g_related else 0.25
        if g_related == (p != "unrelated"):
            score += 0.25
        if g_related and g == p:
            score += 0.75
    return score, best


def mrpc_pairs(path: Path) -> pd.DataFrame:
    """Read an MRPC file (tab-separated, UTF-8 with BOM, no CSV quoting).

    Returns
    -------
    pandas.DataFrame
        Columns ``label`` (int, 1 = paraphrase), ``id1``, ``id2`` (int), ``a``, ``b`` (str).
    """
    frame = pd.read_csv(
        path,
        sep="\t",
        quoting=csv.QUOTE_NONE,
        encoding="utf-8-sig",
        dtype={"#1 String": str, "#2 String": str},
        keep_default_na=False,
    )
    return pd.DataFrame(
        {
            "label": frame["Quality"].astype(int),
            "id1": frame["#1 ID"].astype(int),
            "id2": frame["#2 ID"].astype(int),
            "a": frame["#1 String"].astype(str),
            "b": frame["#2 String"].astype(str),
        }
    )


def mrpc_split(data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """MRPC train and dev frames: dev = the GLUE pairs of ``dev_ids.tsv``, train = the rest."""
    mrpc = Path(data) / "mrpc"
    pairs = mrpc_pairs(mrpc / "msr_paraphrase_train.txt")
    dev_ids = pd.read_csv(
        mrpc / "dev_ids.tsv", sep="\t", header=None, names=["id1", "id2"], encoding="utf-8-sig"
    )
    keys = set(zip(dev_ids["id1"].astype(int), dev_ids["id2"].astype(int)))
    in_dev = [(i, j) in keys for i, j in zip(pairs["id1"], pairs["id2"])]
    if sum(in_dev) != len(keys):
        raise ValueError(f"{len(keys)} dev ids but {sum(in_dev)} matching MRPC pairs.")
    in_dev = pd.Series(in_dev)
    return pairs[~in_dev].reset_index(drop=True), pairs[in_dev].reset_index(drop=True)


def export_trees(model, *, prefix: str = "tree_") -> dict[str, np.ndarray]:
    """Flat node arrays of a fitted ``HistGradientBoostingClassifier``.

    The layout is the one :class:`coverage.learned.TreeEnsemble` reads: nodes of each tree
    in breadth-first order, so the two children of a split are adjacent
    (``right == left + 1``); a leaf points to itself with an infinite threshold. Only
    numerical splits are exported; the models here have no categorical features.
    """
    fields: dict[str, list] = {
        name: [] for name in ("feature", "threshold", "left", "right", "value", "missing_left")
    }
    roots, outputs, depth = [], [], 0
    offset = 0
    for iteration in model._predictors:
        for output, predictor in enumerate(iteration):
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ValueError("Categorical splits cannot be exported.")
            order = [0]
            for old in order:  # breadth-first: the list grows while it is walked
                if not nodes["is_leaf"][old]:
                    order.extend((int(nodes["left"][old]), int(nodes["right"][old])))
            new_of = {old: offset + new for new, old in enumerate(order)}
            for new, old in enumerate(order):
                node = nodes[old]
                own = offset + new
                leaf = bool(node["is_leaf"])
                fields["feature"].append(0 if leaf else int(node["feature_idx"]))
                fields["threshold"].append(np.inf if leaf else float(node["num_threshold"]))
                fields["left"].append(own if leaf else new_of[int(node["left"])])
                fields["right"].append(own if leaf else new_of[int(node["right"])])
                fields["value"].append(float(node["value"]) if leaf else 0.0)
                fields["missing_left"].append(bool(node["missing_go_to_left"]))
            depth = max(depth, int(nodes["depth"].max()))
            roots.append(offset)
            outputs.append(output)
            offset += len(nodes)
    dtypes = {"feature": np.int32, "threshold": np.float64, "left": np.int32,
              "right": np.int32, "value": np.float64, "missing_left": bool}
    arrays = {prefix + name: np.asarray(values, dtype=dtypes[name]) for name, values in fields.items()}
    arrays[prefix + "roots"] = np.asarray(roots, dtype=np.int32)
    arrays[prefix + "output"] = np.asarray(outputs, dtype=np.int32)
    arrays[prefix + "baseline"] = np.asarray(model._baseline_prediction, dtype=np.float64).ravel()
    arrays[prefix + "depth"] = np.asarray(depth, dtype=np.int32)
    return arrays


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as an NPZ file whose bytes depend on the arrays alone.

    ``numpy.savez`` stamps each member with the current time; here every member gets a
    fixed date so that retraining with the same seed reproduces the file byte for byte.
    """
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            # Not np.ascontiguousarray, which turns 0-d arrays into 1-d ones.
            array = np.asarray(arrays[name]).copy(order="C")
            if array.dtype == object:
                raise TypeError(f"Array {name!r} holds Python objects; they would need pickle.")
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            archive.writestr(info, buffer.getvalue())


def write_json(path: Path, meta: dict) -> None:
    """Write ``meta`` as sorted, indented UTF-8 JSON with a final newline."""
    Path(path).write_text(
        json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def report_written(out: Path, name: str, started: float) -> None:
    """Print the size and sha256 of a written model (NPZ + JSON) and the training time."""
    for suffix in ("npz", "json"):
        path = out / f"{name}.{suffix}"
        print(f"{path.name}: {path.stat().st_size} bytes, sha256 {sha256(path)}")
    print(f"training time {time.perf_counter() - started:.1f} s")


def warn_refitted(meta: dict) -> None:
    """Say that dev figures of a model refitted on train + dev are not held-out ones."""
    print(
        "WARNING: the shipped model was refitted on train + dev, so the dev figures below "
        "are not a held-out estimate. Held-out dev figures of the train-only fit: "
        f"{meta['dev_scores_train_only_fit']}"
    )
