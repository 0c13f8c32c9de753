"""Cheap text features shared by the learned models and their training scripts.

Everything here is vectorised over a batch of strings: each string is tokenised once, the
tokens of a batch are mapped to columns of a batch-local vocabulary, and set operations
between the two sides of a pair become row-wise products of sparse binary matrices.
The training scripts call the very same functions, so shipped models see the features
they were fitted on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from rapidfuzz import distance, fuzz, process, utils

__all__ = [
    "HEDGE_WORDS",
    "NEGATION_WORDS",
    "REFUTING_WORDS",
    "SAME_CLAIM_FEATURES",
    "STOP_WORDS",
    "TokenBatch",
    "fuzzy_scores",
    "rowwise_dot",
    "same_claim_matrix",
    "Tokens",
    "idf_lookup",
    "tokenize",
    "word_hashes",
]

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself now of off on once only or other our ours ourselves
    out over own s same she should so some such t than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself yourselves said says
    also""".split()
)

NEGATION_WORDS = frozenset(
    """not no never none nobody nothing neither nor without cannot cant don dont doesn doesnt
    didn didnt isn isnt wasn wasnt aren arent weren werent won wont wouldn wouldnt shouldn
    couldn couldnt hasn hasnt haven havent hadn hadnt""".split()
)

# The refuting words of the FNC-1 baseline, with a few inflections it missed.
REFUTING_WORDS = frozenset(
    """fake fraud hoax false deny denies denied denying not despite nope doubt doubts bogus
    debunk debunks debunked pranks prank retract retracts retracted fabricated untrue myth
    rumour rumor rumours rumors misleading baseless refute refutes refuted dismiss dismissed
    dismisses""".split()
)

# Words by which a writer reports a claim without vouching for it ("discuss" in FNC-1).
HEDGE_WORDS = frozenset(
    """allegedly reportedly apparently reports reported report claim claims claimed claiming
    according rumoured rumored suggest suggests suggested may might could possibly perhaps
    unconfirmed unverified purportedly supposedly believed appears appear seems seem
    speculation speculate speculated alleged purported""".split()
)


def tokenize(text: str) -> list[str]:
    """Word and number tokens of ``text``, ASCII letters lower-cased.

    This is the tokenisation :class:`Tokens` hashes; training scripts use it to build
    vocabularies. A token is a run of ASCII letters and digits and non-ASCII characters;
    a ``.`` or ``,`` between two digits stays inside a number.

    Examples
    --------
    >>> tokenize("Shares fell 2.5% on Monday, to 1,800")
    ['shares', 'fell', '2.5', 'on', 'monday', 'to', '1,800']
    """
    return _TOKEN.findall(text.translate(_ASCII_LOWER))


# Numbers keep their inner separators ("2.5", "1,800") so that "2.5 billion" and
# "2 billion" differ.
_TOKEN = re.compile(r"(?:[0-9a-z]|[^\x00-\x7f]|(?<=[0-9])[.,](?=[0-9]))+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

_BYTES = np.arange(256)
_WORD_BYTE = (
    ((_BYTES >= 48) & (_BYTES <= 57)) | ((_BYTES >= 65) & (_BYTES <= 90))
    | ((_BYTES >= 97) & (_BYTES <= 122)) | (_BYTES >= 128)
)
_DIGIT_BYTE = (_BYTES >= 48) & (_BYTES <= 57)
_UPPER_BYTE = (_BYTES >= 65) & (_BYTES <= 90)
_LOWER_BYTE = np.where(_UPPER_BYTE, _BYTES + 32, _BYTES).astype(np.uint64)
_SEPARATOR_BYTE = (_BYTES == 44) | (_BYTES == 46)
# Polynomial hashing modulo 2**64 needs an odd base, which has an inverse modulo 2**64.
_HASH_BASE = 0x9E3779B97F4A7C15
_HASH_BASE_INVERSE = pow(_HASH_BASE, -1, 2**64)


def _powers(base: int, size: int) -> np.ndarray:
    """``base**0 .. base**(size - 1)`` modulo 2**64 (unsigned overflow wraps)."""
    powers = np.full(size, base, dtype=np.uint64)
    powers[:1] = 1
    return np.cumprod(powers, dtype=np.uint64)


class Tokens:
    """The tokens of a batch of texts, as 64-bit hashes, found without Python-level loops.

    A batch is joined into one UTF-8 byte array; token boundaries, lower-casing and a
    polynomial hash of each token are numpy operations on it. Tokens are those of
    :func:`tokenize`, and ``Tokens(words).hashes`` hashes a vocabulary the same way.

    Parameters
    ----------
    texts : sequence of str

    Attributes
    ----------
    hashes : numpy.ndarray of uint64
        Hash of each lower-cased token, in text order.
    doc : numpy.ndarray of int64
        Index of the text of each token.
    position : numpy.ndarray of int64
        Position of each token within its text.
    capitalised, number : numpy.ndarray of bool
        Whether each token starts with an upper-case ASCII letter or a digit.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        # A zero byte after each text keeps tokens from running across texts.
        raw = np.frombuffer(b"\x00".join(encoded) + b"\x00", dtype=np.uint8)
        word = _WORD_BYTE[raw]
        inner = np.zeros_like(word)
        inner[1:-1] = _SEPARATOR_BYTE[raw[1:-1]] & _DIGIT_BYTE[raw[:-2]] & _DIGIT_BYTE[raw[2:]]
        word |= inner
        edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
        starts = np.flatnonzero(edges == 1)
        ends = np.flatnonzero(edges == -1)
        prefix = np.zeros(len(raw) + 1, dtype=np.uint64)
        np.cumsum(_LOWER_BYTE[raw] * _powers(_HASH_BASE, len(raw)), dtype=np.uint64, out=prefix[1:])
        unshift = _powers(_HASH_BASE_INVERSE, len(raw) + 1)[starts]
        self.hashes = (prefix[ends] - prefix[starts]) * unshift
        text_starts = np.cumsum(lengths + 1) - (lengths + 1)
        self.doc = np.searchsorted(text_starts, starts, side="right") - 1
        first_token = np.searchsorted(self.doc, np.arange(len(encoded)))
        self.position = np.arange(len(starts)) - first_token[self.doc]
        self.capitalised = _UPPER_BYTE[raw[starts]]
        self.number = _DIGIT_BYTE[raw[starts]]
        self.n_texts = len(encoded)


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """Hash of each word, as :class:`Tokens` computes it; each must be one token."""
    tokens = Tokens(words)
    if len(tokens.hashes) != len(words) or np.any(tokens.position):
        raise ValueError("Every word of a vocabulary must be exactly one token.")
    return tokens.hashes


_STOP_HASHES = np.sort(word_hashes(sorted(STOP_WORDS)))
_NEGATION_HASHES = np.sort(word_hashes(sorted(NEGATION_WORDS)))


class TokenBatch:
    """Binary token-set matrices of the two sides of a batch of pairs.

    Both sides share one batch-local vocabulary, so set intersections are row-wise products.

    Parameters
    ----------
    a, b : sequence of str
        The two sides, of equal length.

    Attributes
    ----------
    words : numpy.ndarray of uint64
        Hash of the word of each column of the ``words_*`` and ``names_*`` matrices.
    words_a, words_b : scipy.sparse.csr_matrix
        Sets of lower-cased words.
    bigrams_a, bigrams_b : scipy.sparse.csr_matrix
        Sets of pairs of adjacent words.
    names_a, names_b : scipy.sparse.csr_matrix
        Sets of capitalised words other than the first of each text, a cheap stand-in for
        names.
    number : numpy.ndarray of bool
        Whether the word of each column is a number.
    """

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        n = len(a)
        tokens = Tokens([*a, *b])
        self.words, ids = np.unique(tokens.hashes, return_inverse=True)
        ids = ids.ravel()
        self.number = np.zeros(len(self.words), dtype=bool)
        self.number[ids[tokens.number]] = True
        is_name = tokens.capitalised & (tokens.position > 0)
        within = tokens.doc[1:] == tokens.doc[:-1]
        bigram_codes, bigram_ids = np.unique(
            ids[:-1][within] * max(len(self.words), 1) + ids[1:][within], return_inverse=True
        )

        def split(rows, columns, width):
            matrix = sp.csr_matrix((np.ones(len(columns)), (rows, columns)), shape=(2 * n, width))
            matrix.data[:] = 1.0  # sets, not counts
            return matrix[:n], matrix[n:]

        self.words_a, self.words_b = split(tokens.doc, ids, len(self.words))
        self.names_a, self.names_b = split(tokens.doc[is_name], ids[is_name], len(self.words))
        self.bigrams_a, self.bigrams_b = split(
            tokens.doc[1:][within], bigram_ids.ravel(), len(bigram_codes)
        )

    def word_mask(self, sorted_hashes: np.ndarray) -> np.ndarray:
        """Float mask of the word columns whose hash is in ``sorted_hashes``."""
        return np.isin(self.words, sorted_hashes, assume_unique=True).astype(np.float64)


def fuzzy_scores(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Pairwise rapidfuzz similarities in [0, 1], one column per scorer.

    Only scorers that cost a few microseconds per sentence pair are used: this runs on
    every candidate pair of the alignment step.
    """
    a = [utils.default_process(t) for t in a]
    b = [utils.default_process(t) for t in b]
    columns = [
        process.cpdist(a, b, scorer=scorer, workers=-1, dtype=np.float64) / 100.0
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio, fuzz.token_set_ratio)
    ]
    columns.extend(
        process.cpdist(a, b, scorer=scorer, workers=-1, dtype=np.float64)
        for scorer in (distance.JaroWinkler.normalized_similarity, distance.LCSseq.normalized_similarity)
    )
    return np.column_stack(columns)


def rowwise_dot(left: sp.spmatrix, right: sp.spmatrix) -> np.ndarray:
    """Dot product of each row of ``left`` with the same row of ``right``."""
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


def _set_scores(left: sp.csr_matrix, right: sp.csr_matrix, weights: np.ndarray | None = None):
    """Intersection, smaller and larger side, and union of two rows of (weighted) sets."""
    if weights is not None:
        left = left @ sp.diags(weights)
        right = right @ sp.diags(weights)
    common = rowwise_dot(left, right.sign()) if weights is not None else rowwise_dot(left, right)
    size_left = np.asarray(left.sum(axis=1)).ravel()
    size_right = np.asarray(right.sum(axis=1)).ravel()
    return common, np.minimum(size_left, size_right), np.maximum(size_left, size_right)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator`` with 0 where the denominator is 0."""
    return np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)


SAME_CLAIM_FEATURES = (
    "ratio",
    "token_sort_ratio",
    "token_set_ratio",
    "jaro_winkler",
    "lcs",
    "words_min",
    "words_max",
    "words_common",
    "words_jaccard",
    "words_overlap_min",
    "words_overlap_max",
    "idf_jaccard",
    "idf_overlap_min",
    "idf_unshared_max",
    "tfidf_cosine",
    "content_jaccard",
    "content_unshared_min",
    "content_unshared_max",
    "bigrams_jaccard",
    "bigrams_overlap_min",
    "numbers_min",
    "numbers_max",
    "numbers_unshared",
    "numbers_mismatch",
    "names_min",
    "names_max",
    "names_unshared",
    "names_overlap_min",
    "negations_min",
    "negations_max",
    "negations_differ",
    "chars_min",
    "chars_max",
    "chars_ratio",
)


def idf_lookup(hashes: np.ndarray, vocabulary: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """Inverse document frequency of each word hash; unknown words get the largest value.

    ``vocabulary`` holds sorted word hashes and ``idf`` their weights. The largest weight
    is that of the rarest known word, the natural guess for a word never seen.
    """
    if len(vocabulary) == 0:
        return np.ones(len(hashes))
    where = np.minimum(np.searchsorted(vocabulary, hashes), len(vocabulary) - 1)
    return np.where(vocabulary[where] == hashes, idf[where], idf.max())


def same_claim_matrix(
    a: Sequence[str], b: Sequence[str], vocabulary: np.ndarray, idf: np.ndarray
) -> np.ndarray:
    """Feature matrix of sentence pairs, columns named by :data:`SAME_CLAIM_FEATURES`.

    Every feature is symmetric in the two sides (per-side counts enter as min and max),
    so swapping ``a`` and ``b`` gives the same row.

    Parameters
    ----------
    a, b : sequence of str
        The two sides, of equal length.
    vocabulary, idf : numpy.ndarray
        Sorted word hashes (:func:`word_hashes`) and their inverse document frequencies,
        as :func:`idf_lookup` takes them.
    """
    n = len(a)
    if n == 0:
        return np.zeros((0, len(SAME_CLAIM_FEATURES)))
    batch = TokenBatch(a, b)
    weights = idf_lookup(batch.words, vocabulary, idf)
    content = 1.0 - batch.word_mask(_STOP_HASHES)
    numbers = batch.number.astype(np.float64)
    negations = batch.word_mask(_NEGATION_HASHES)

    common, small, large = _set_scores(batch.words_a, batch.words_b)
    union = small + large - common
    idf_common, idf_small, idf_large = _set_scores(batch.words_a, batch.words_b, weights)
    idf_union = idf_small + idf_large - idf_common
    squared = weights**2
    norm_a = np.sqrt(batch.words_a @ squared)
    norm_b = np.sqrt(batch.words_b @ squared)
    cosine = _ratio(batch.words_a.multiply(batch.words_b) @ squared, norm_a * norm_b)

    c_common, c_small, c_large = _set_scores(batch.words_a, batch.words_b, content)
    g_common, g_small, g_large = _set_scores(batch.bigrams_a, batch.bigrams_b)
    n_common, n_small, n_large = _set_scores(batch.words_a, batch.words_b, numbers)
    numbers_unshared = n_small + n_large - 2 * n_common
    p_common, p_small, p_large = _set_scores(batch.names_a, batch.names_b)
    negations_a = batch.words_a @ negations
    negations_b = batch.words_b @ negations
    chars_a = np.fromiter(map(len, a), dtype=np.float64, count=n)
    chars_b = np.fromiter(map(len, b), dtype=np.float64, count=n)
    chars_small = np.minimum(chars_a, chars_b)
    chars_large = np.maximum(chars_a, chars_b)

    columns = [
        small,
        large,
        common,
        _ratio(common, union),
        _ratio(common, small),
        _ratio(common, large),
        _ratio(idf_common, idf_union),
        _ratio(idf_common, idf_small),
        np.maximum(idf_small, idf_large) - idf_common,
        cosine,
        _ratio(c_common, c_small + c_large - c_common),
        c_small - c_common,
        c_large - c_common,
        _ratio(g_common, g_small + g_large - g_common),
        _ratio(g_common, g_small),
        n_small,
        n_large,
        numbers_unshared,
        ((numbers_unshared > 0) & (n_small > 0)).astype(np.float64),
        p_small,
        p_large,
        p_small + p_large - 2 * p_common,
        _ratio(p_common, p_small),
        np.minimum(negations_a, negations_b),
        np.maximum(negations_a, negations_b),
        (negations_a % 2 != negations_b % 2).astype(np.float64),
        chars_small,
        chars_large,
        _ratio(chars_small, chars_large),
    ]
    return np.column_stack([fuzzy_scores(a, b), *columns])
