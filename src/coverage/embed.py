"""Sentence vectors from the shipped count-based word vectors.

The word vectors (``models/word_vectors.npz``, card in ``models/word_vectors.md``) are a
PPMI + truncated-SVD embedding trained on news text, so words that occur in the same contexts
("fire" / "blaze", "injured" / "wounded") get close vectors even though they share no letters.
A sentence vector is the idf-weighted mean of the vectors of its known words, L2-normalised.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import numpy as np
from scipy import sparse

from .errors import InvalidParameterError, ModelError
from .similarity import stem as _stem

__all__ = ["pairwise_cosine", "sentence_vectors", "tokenize"]

_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+(?:[.,][0-9]+)*")
_MODEL_PATH = "models/word_vectors.npz"


class _WordVectors(NamedTuple):
    vocab: np.ndarray  # sorted unicode array, so tokens are found with np.searchsorted
    vectors: np.ndarray  # float32, one L2-normalised row per vocabulary word
    idf: np.ndarray  # float32
    stemmed: bool


def tokenize(text: str, *, stemmed: bool = True) -> list[str]:
    """Lower-cased word and number tokens of ``text``, optionally stemmed.

    This is the tokenisation the word vectors were trained with; the shipped model records
    whether it was stemmed (with :func:`coverage.similarity.stem`).

    Examples
    --------
    >>> tokenize("Fire crews evacuated 1,200 homes.")
    ['fire', 'crew', 'evacuat', '1,200', 'hom']
    >>> tokenize("Fire crews evacuated", stemmed=False)
    ['fire', 'crews', 'evacuated']
    """
    tokens = _TOKEN_RE.findall(text.lower())
    if stemmed:
        return [_stem(t) for t in tokens]
    return tokens


def _read_model(source) -> _WordVectors:
    try:
        with np.load(source, allow_pickle=False) as data:
            vocab = data["vocab"]
            vectors = data["vectors"].astype(np.float32)
            idf = data["idf"].astype(np.float32)
            settings = json.loads(str(data["settings"]))
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"The word-vector model could not be read: {exc}") from None
    if vocab.dtype.kind != "U" or vocab.ndim != 1:
        raise ModelError(f"Malformed word-vector model: 'vocab' must be a 1-d unicode array, got {vocab.dtype}.")
    if vectors.ndim != 2 or vectors.shape[0] != vocab.shape[0] or idf.shape != vocab.shape:
        raise ModelError(
            "Malformed word-vector model: shapes of 'vocab', 'vectors' and 'idf' disagree "
            f"({vocab.shape}, {vectors.shape}, {idf.shape})."
        )
    if vocab.size > 1 and not np.all(vocab[:-1] < vocab[1:]):
        raise ModelError("Malformed word-vector model: 'vocab' must be sorted and unique.")
    if not (np.isfinite(vectors).all() and np.isfinite(idf).all()):
        raise ModelError("Malformed word-vector model: non-finite values.")
    return _WordVectors(vocab, vectors, idf, bool(settings.get("stem", False)))


@lru_cache(maxsize=1)
def _model() -> _WordVectors:
    """The shipped word vectors, loaded once."""
    from importlib.resources import files

    try:
        with files("coverage").joinpath(_MODEL_PATH).open("rb") as handle:
            return _read_model(handle)
    except FileNotFoundError:
        raise ModelError(f"The shipped word-vector model {_MODEL_PATH} is missing.") from None


def _check_texts(texts, name: str, caller: str) -> list[str]:
    if isinstance(texts, str) or not hasattr(texts, "__iter__"):
        raise InvalidParameterError(
            f"The {name!r} parameter of {caller} must be a list of strings. "
            f"Got {type(texts).__name__} instead."
        )
    texts = list(texts)
    for text in texts:
        if not isinstance(text, str):
            raise InvalidParameterError(
                f"The {name!r} parameter of {caller} must be a list of strings. "
                f"Got an element of type {type(text).__name__} instead."
            )
    return texts


def _embed(texts: list[str], model: _WordVectors) -> np.ndarray:
    token_lists = [tokenize(t, stemmed=False) for t in texts]
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    dim = model.vectors.shape[1]
    if lengths.sum() == 0:
        return np.zeros((len(texts), dim), dtype=np.float32)
    # Each distinct surface form is stemmed and looked up once, not every occurrence.
    flat = list(chain.from_iterable(token_lists))
    distinct = list(dict.fromkeys(flat))
    forms = np.array([_stem(t) for t in distinct] if model.stemmed else distinct)
    position = np.searchsorted(model.vocab, forms).clip(max=model.vocab.size - 1)
    found = np.where(model.vocab[position] == forms, position, -1)  # -1: not in the vocabulary
    column = dict(zip(distinct, found.tolist()))
    position = np.array(list(map(column.__getitem__, flat)), dtype=np.int64)
    known = position >= 0
    rows = np.repeat(np.arange(len(texts)), lengths)[known]
    cols = position[known]
    weights = sparse.csr_matrix(
        (model.idf[cols], (rows, cols)), shape=(len(texts), model.vocab.size), dtype=np.float32
    )
    summed = np.asarray(weights @ model.vectors, dtype=np.float32)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    np.divide(summed, norms, out=summed, where=norms > 0)
    return summed


def sentence_vectors(texts) -> np.ndarray:
    """Idf-weighted mean word vectors of ``texts``, one L2-normalised row per text.

    Words missing from the model's vocabulary are ignored; a text with no known word gets a
    row of zeros. Repeated words count once per occurrence.

    Parameters
    ----------
    texts : iterable of str
        The sentences (any length).

    Returns
    -------
    numpy.ndarray
        Array of shape ``(len(texts), d)``, dtype float32.

    Raises
    ------
    InvalidParameterError
        If ``texts`` is a single string or holds a non-string.
    ModelError
        If the shipped model file is missing or malformed.

    Examples
    --------
    >>> vectors = sentence_vectors(["A huge blaze ripped through the plant", ""])
    >>> vectors.shape[0], round(float(vectors[0] @ vectors[0]), 3), float(abs(vectors[1]).sum())
    (2, 1.0, 0.0)
    """
    texts = _check_texts(texts, "texts", "sentence_vectors")
    return _embed(texts, _model())


def pairwise_cosine(a_texts, b_texts) -> np.ndarray:
    """Cosine of the sentence vectors of row-aligned pairs ``(a_texts[i], b_texts[i])``.

    Parameters
    ----------
    a_texts, b_texts : iterable of str
        Two sequences of the same length.

    Returns
    -------
    numpy.ndarray
        Array of shape ``(n,)``, dtype float32, values in [-1, 1]; 0.0 when either text of a
        pair has no known word.

    Examples
    --------
    >>> scores = pairwise_cosine(["Fire broke out at the plant", "Fire broke out"],
    ...                          ["A blaze ripped through the factory", ""])
    >>> bool(scores[0] > 0.3), float(scores[1])
    (True, 0.0)
    """
    a_texts = _check_texts(a_texts, "a_texts", "pairwise_cosine")
    b_texts = _check_texts(b_texts, "b_texts", "pairwise_cosine")
    if len(a_texts) != len(b_texts):
        raise InvalidParameterError(
            "The 'a_texts' and 'b_texts' parameters of pairwise_cosine must have the same "
            f"length. Got {len(a_texts)} and {len(b_texts)} instead."
        )
    vectors = _embed(a_texts + b_texts, _model())
    n = len(a_texts)
    return np.clip(np.einsum("ij,ij->i", vectors[:n], vectors[n:]), -1.0, 1.0).astype(np.float32)
