"""Two small learned models: headline/body stance (FNC-1) and same-claim (MRPC).

Both are gradient-boosted trees over cheap text features (:mod:`coverage._features`);
the stance trees also read the scores of a linear model of the words of the body
sentences closest to the headline. They are trained by ``scripts/train_stance.py`` and
``scripts/train_same_claim.py`` and shipped in ``coverage/models/`` as plain arrays (NPZ,
loaded with ``allow_pickle=False``) plus a JSON description. Prediction walks the trees
with numpy, so no pickled estimator is ever loaded. Each model is read once, on first use.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from . import _features
from ._validation import check_int
from .errors import InvalidArticleError, InvalidParameterError, ModelError

__all__ = [
    "SAME_CLAIM_FEATURES",
    "STANCE_LABELS",
    "TreeEnsemble",
    "load_model",
    "same_claim",
    "same_claim_features",
    "stance",
]

#: Labels :func:`stance` returns, in the order of the model's outputs.
STANCE_LABELS = ("agree", "disagree", "discuss", "unrelated")
#: Names of the columns of :func:`same_claim_features`.
SAME_CLAIM_FEATURES = _features.SAME_CLAIM_FEATURES


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """Gradient-boosted trees stored as flat node arrays.

    A split node ``i`` sends a row to ``left[i]`` when its value of ``feature[i]`` is at
    most ``threshold[i]`` (or is NaN and ``missing_left[i]``), else to ``right[i]``, which
    is always ``left[i] + 1``. A leaf points to itself with an infinite threshold, so rows
    that reach it early stay there; it adds ``value[i]`` to output column
    ``output[t]`` of its tree ``t``. Raw scores start at ``baseline``; no path is
    longer than ``depth`` splits.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray
    roots: np.ndarray
    output: np.ndarray
    baseline: np.ndarray
    depth: np.ndarray

    @classmethod
    def from_arrays(cls, arrays: Any, *, prefix: str = "tree_") -> TreeEnsemble:
        """Read the ensemble from a mapping of arrays whose names start with ``prefix``."""
        fields = {name: np.asarray(arrays[prefix + name]) for name in cls.__slots__}
        ensemble = cls(**fields)
        split = ensemble.left != np.arange(len(ensemble.left))
        if np.any(ensemble.right[split] != ensemble.left[split] + 1):
            raise ModelError("Tree arrays must keep the two children of a split adjacent.")
        return ensemble

    def raw_scores(self, X: np.ndarray) -> np.ndarray:
        """Sum of the leaf values reached by each row, per output column.

        All trees are walked together, one level per step, as gathers on flat arrays.

        Parameters
        ----------
        X : numpy.ndarray of shape (n_samples, n_features)

        Returns
        -------
        numpy.ndarray of shape (n_samples, n_outputs)
        """
        X = np.ascontiguousarray(X, dtype=np.float64)
        flat = X.ravel()
        row_start = (np.arange(len(X)) * X.shape[1])[:, None]
        has_missing = bool(np.isnan(flat).any())
        node = np.broadcast_to(self.roots, (len(X), len(self.roots)))
        for _ in range(int(self.depth)):
            values = flat[row_start + self.feature[node]]
            go_right = values > self.threshold[node]
            if has_missing:
                go_right |= np.isnan(values) & ~self.missing_left[node] & (self.left[node] != node)
            node = self.left[node] + go_right
        scores = np.tile(self.baseline, (len(X), 1))
        leaf_values = self.value[node]
        for output in range(len(self.baseline)):
            scores[:, output] += leaf_values[:, self.output == output].sum(axis=1)
        return scores


@lru_cache(maxsize=None)
def load_model(name: str) -> tuple[dict, dict[str, np.ndarray]]:
    """Description and arrays of a shipped model, read once.

    Parameters
    ----------
    name : {"stance", "same_claim"}

    Returns
    -------
    meta : dict
        The model's JSON description (features, classes, training settings, dev scores).
    arrays : dict of numpy.ndarray
        Its arrays, read with ``allow_pickle=False``.
    """
    folder = resources.files("coverage") / "models"
    try:
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        with (folder / f"{name}.npz").open("rb") as handle, np.load(
            handle, allow_pickle=False
        ) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except (OSError, ValueError) as error:
        raise ModelError(
            f"The shipped model {name!r} is missing or malformed; reinstall news-coverage. "
            f"({error})"
        ) from error
    return meta, arrays


@lru_cache(maxsize=None)
def _stance_model():
    meta, arrays = load_model("stance")
    vocabulary = _features.word_hashes(list(arrays["vocabulary"]))
    order = np.argsort(vocabulary)
    return (
        vocabulary[order],
        arrays["idf"][order],
        arrays["components"].astype(np.float64)[:, order],
        (arrays["lexical_coef"][:, order], arrays["lexical_intercept"]),
        TreeEnsemble.from_arrays(arrays),
        tuple(meta["classes"]),
    )


@lru_cache(maxsize=None)
def _same_claim_model():
    _, arrays = load_model("same_claim")
    vocabulary = _features.word_hashes(list(arrays["vocabulary"]))
    order = np.argsort(vocabulary)
    return vocabulary[order], arrays["idf"][order], TreeEnsemble.from_arrays(arrays)


def _check_pairs(
    first: Any, second: Any, names: tuple[str, str], func: str
) -> tuple[list[str], list[str]]:
    """Two equal-length sequences of str, or an error naming the bad parameter."""
    checked = []
    for name, seq in zip(names, (first, second)):
        if isinstance(seq, str | bytes | Set | Mapping) or not isinstance(seq, Sequence | Iterable):
            raise InvalidParameterError(
                f"The '{name}' parameter of {func} must be a sequence of str. "
                f"Got {type(seq).__name__} instead."
            )
        items = list(seq)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise InvalidArticleError(
                    f"The '{name}' parameter of {func} must contain only str. "
                    f"Item {i} is {type(item).__name__}."
                )
        checked.append(items)
    if len(checked[0]) != len(checked[1]):
        raise InvalidParameterError(
            f"The '{names[0]}' and '{names[1]}' parameters of {func} must have the same "
            f"length. Got {len(checked[0])} and {len(checked[1])}."
        )
    return checked[0], checked[1]


def _batches(size: int, batch_size: int) -> Iterable[slice]:
    return (slice(start, start + batch_size) for start in range(0, size, batch_size))


def stance(
    headlines: Sequence[str], bodies: Sequence[str], *, batch_size: int = 1024
) -> list[str]:
    """Stance of each article body towards the headline paired with it (FNC-1 labels).

    Parameters
    ----------
    headlines, bodies : sequence of str
        Pairs, ``headlines[i]`` with ``bodies[i]``; equal lengths.
    batch_size : int, default=1024
        Pairs featurised at once; bounds memory, not the result.

    Returns
    -------
    list of str
        One of ``"agree"``, ``"disagree"``, ``"discuss"``, ``"unrelated"`` per pair.

    Raises
    ------
    InvalidParameterError
        When the sequences differ in length, are not sequences, or ``batch_size`` is not a
        positive int.
    InvalidArticleError
        When an item is not a str.

    Examples
    --------
    >>> stance(["Mayor resigns"], ["The city's mayor resigned on Monday, officials said."])
    ['agree']
    """
    headlines, bodies = _check_pairs(headlines, bodies, ("headlines", "bodies"), "stance")
    batch_size = check_int(batch_size, "batch_size", "stance")
    if not headlines:
        return []
    vocabulary, idf, components, (coef, intercept), trees, classes = _stance_model()
    labels: list[str] = []
    for part in _batches(len(headlines), batch_size):
        X, words = _features.stance_features(
            headlines[part], bodies[part], vocabulary=vocabulary, idf=idf, components=components
        )
        linear = words @ coef.T + intercept
        labels.extend(classes[i] for i in trees.raw_scores(np.hstack([X, linear])).argmax(axis=1))
    return labels


def same_claim_features(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Feature matrix the same-claim model scores, one row per pair.

    Cheap, vectorised string similarities (rapidfuzz ratios, word, bigram, number, name
    and negation overlaps, IDF-weighted overlap and cosine, lengths); columns are named by
    :data:`SAME_CLAIM_FEATURES` and every feature is symmetric in ``a`` and ``b``.

    Parameters
    ----------
    a, b : sequence of str
        Pairs, ``a[i]`` with ``b[i]``; equal lengths.

    Returns
    -------
    numpy.ndarray of shape (n_pairs, len(SAME_CLAIM_FEATURES))

    Examples
    --------
    >>> same_claim_features(["Ten people died."], ["Ten people were killed."]).shape
    (1, 34)
    """
    a, b = _check_pairs(a, b, ("a", "b"), "same_claim_features")
    vocabulary, idf, _ = _same_claim_model()
    return _features.same_claim_matrix(a, b, vocabulary, idf)


def same_claim(a: Sequence[str], b: Sequence[str], *, batch_size: int = 4096) -> np.ndarray:
    """Probability that ``a[i]`` and ``b[i]`` state the same fact (MRPC paraphrase model).

    Built for the many candidate claim pairs of the alignment step: features and trees are
    vectorised over each batch.

    Parameters
    ----------
    a, b : sequence of str
        Sentence-sized claims, ``a[i]`` with ``b[i]``; equal lengths.
    batch_size : int, default=4096
        Pairs scored at once; bounds memory, not the result.

    Returns
    -------
    numpy.ndarray of float64, shape (n_pairs,)
        Probabilities in [0, 1].

    Raises
    ------
    InvalidParameterError
        When the sequences differ in length, are not sequences, or ``batch_size`` is not a
        positive int.
    InvalidArticleError
        When an item is not a str.

    Examples
    --------
    >>> p = same_claim(["The fire killed ten people."] * 2,
    ...                ["Ten people died in the fire.", "Shares rose 3% on Monday."])
    >>> bool(p[0] > p[1])
    True
    """
    a, b = _check_pairs(a, b, ("a", "b"), "same_claim")
    batch_size = check_int(batch_size, "batch_size", "same_claim")
    vocabulary, idf, trees = _same_claim_model()
    scores = np.zeros(len(a))
    for part in _batches(len(a), batch_size):
        X = _features.same_claim_matrix(a[part], b[part], vocabulary, idf)
        scores[part] = trees.raw_scores(X)[:, 0]
    probabilities = 1.0 / (1.0 + np.exp(-scores))
    # An empty text states nothing, so it states no fact another text shares.
    empty = np.array([not x.strip() or not y.strip() for x, y in zip(a, b)], dtype=bool)
    probabilities[empty] = 0.0
    return probabilities
