"""Cheap text features shared by the learned models and their training scripts.

Everything here is vectorised over a batch of strings: the batch is tokenised in one pass
of numpy operations over its UTF-8 bytes (tokens become 64-bit hashes), the tokens are
mapped to columns of a batch-local vocabulary, and set operations between the two sides of
a pair become row-wise products of sparse binary matrices.
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
    "STANCE_FEATURES",
    "STOP_WORDS",
    "TokenBatch",
    "fuzzy_scores",
    "rowwise_dot",
    "same_claim_matrix",
    "split_sentences",
    "stance_features",
    "tfidf_matrix",
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
# Polynomial hashing modulo 2**64; an odd base keeps every power odd, never zero.
_HASH_BASE = 0x9E3779B97F4A7C15


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
        # Hash = sum of byte * base**(offset in token), modulo 2**64, one reduceat per batch.
        token_lengths = ends - starts
        first_byte = np.cumsum(token_lengths) - token_lengths
        offsets = np.arange(int(token_lengths.sum())) - np.repeat(first_byte, token_lengths)
        terms = _LOWER_BYTE[raw[word]] * _powers(_HASH_BASE, int(token_lengths.max(initial=0)))[offsets]
        self.hashes = (
            np.add.reduceat(terms, first_byte, dtype=np.uint64)
            if len(starts)
            else np.zeros(0, dtype=np.uint64)
        )
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


_REFUTING_HASHES = np.sort(word_hashes(sorted(REFUTING_WORDS)))
_HEDGE_HASHES = np.sort(word_hashes(sorted(HEDGE_WORDS)))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Sentences at the top of an article carry its stance; the rest is background.
_LEAD_SENTENCES = 3
_BIGRAM_MIX = np.uint64(0x100000001B3)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` by end punctuation and line breaks; at least one (maybe empty)."""
    parts = [part for part in _SENTENCE_END.split(text) if part.strip()]
    return parts or [text]


def _ngrams(tokens: Tokens, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Text index and hash of every run of ``n`` adjacent tokens within one text."""
    if len(tokens.hashes) < n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    size = len(tokens.hashes) - n + 1
    hashes = tokens.hashes[:size].copy()
    for shift in range(1, n):
        hashes = hashes * _BIGRAM_MIX + tokens.hashes[shift : shift + size]
    same_text = tokens.doc[n - 1 :] == tokens.doc[:size]
    return tokens.doc[:size][same_text], hashes[same_text]


def _set_matrices(*parts: tuple[np.ndarray, np.ndarray, int]) -> list[sp.csr_matrix]:
    """Binary matrices over one shared column space, one per ``(doc, hashes, n_docs)``."""
    _, columns = np.unique(np.concatenate([hashes for _, hashes, _ in parts]), return_inverse=True)
    columns = columns.ravel()
    width = int(columns.max()) + 1 if len(columns) else 0
    matrices = []
    offset = 0
    for doc, hashes, n_docs in parts:
        matrix = sp.csr_matrix(
            (np.ones(len(hashes)), (doc, columns[offset : offset + len(hashes)])),
            shape=(n_docs, width),
        )
        matrix.data[:] = 1.0
        matrices.append(matrix)
        offset += len(hashes)
    return matrices


def tfidf_matrix(tokens: Tokens, vocabulary: np.ndarray, idf: np.ndarray) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of the texts of ``tokens`` over a fixed vocabulary.

    ``vocabulary`` holds sorted word hashes and ``idf`` their weights; unknown words are
    dropped, as a fitted vectoriser drops them.
    """
    where = np.minimum(np.searchsorted(vocabulary, tokens.hashes), len(vocabulary) - 1)
    known = vocabulary[where] == tokens.hashes
    matrix = sp.csr_matrix(
        (idf[where[known]], (tokens.doc[known], where[known])),
        shape=(tokens.n_texts, len(vocabulary)),
    )
    matrix.sum_duplicates()
    return _normalised_sparse_rows(matrix)


def _lexicon_counts(tokens: Tokens, sorted_hashes: np.ndarray) -> np.ndarray:
    """Number of tokens of each text found in a lexicon."""
    hits = np.isin(tokens.hashes, sorted_hashes)
    return np.bincount(tokens.doc[hits], minlength=tokens.n_texts).astype(np.float64)


def _token_counts(tokens: Tokens) -> np.ndarray:
    return np.bincount(tokens.doc, minlength=tokens.n_texts).astype(np.float64)


def _normalised_rows(dense: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0)


STANCE_FEATURES = (
    "headline_tokens",
    "body_tokens_log",
    "word_jaccard",
    "headline_in_body",
    "idf_headline_in_body",
    "content_headline_in_body",
    "headline_in_lead",
    "idf_headline_in_lead",
    "bigrams_headline_in_body",
    "bigrams_headline_in_lead",
    "trigrams_headline_in_body",
    "numbers_headline",
    "numbers_headline_not_in_body",
    "tfidf_cosine_body",
    "tfidf_cosine_lead",
    "lsa_cosine_body",
    "lsa_cosine_lead",
    "sentence_cosine_max",
    "sentence_cosine_top3",
    "sentence_best_position",
    "sentence_best_refuting",
    "sentence_best_hedging",
    "sentence_best_negations",
    "top3_refuting",
    "top3_hedging",
    "top3_negations",
    "headline_refuting",
    "headline_hedging",
    "headline_negations",
    "headline_question",
    "body_refuting_rate",
    "body_hedging_rate",
    "body_negation_rate",
    "lead_refuting",
    "lead_hedging",
    "lead_negations",
    "refuting_parity_headline",
    "refuting_parity_body",
)


def stance_features(
    headlines: Sequence[str],
    bodies: Sequence[str],
    *,
    vocabulary: np.ndarray,
    idf: np.ndarray,
    components: np.ndarray,
) -> tuple[np.ndarray, sp.csr_matrix]:
    """Features of headline/body pairs: a dense matrix and sparse word vectors.

    Each distinct headline and body is processed once, so many headlines against one
    body cost little more than one.

    Parameters
    ----------
    headlines, bodies : sequence of str
        The two sides, of equal length.
    vocabulary, idf : numpy.ndarray
        Sorted word hashes and their inverse document frequencies (TF-IDF weights).
    components : numpy.ndarray
        Latent topic directions (LSA), one row per topic, one column per vocabulary word.

    Returns
    -------
    features : numpy.ndarray of shape (n_pairs, len(STANCE_FEATURES))
        Columns named by :data:`STANCE_FEATURES`.
    words : scipy.sparse.csr_matrix of shape (n_pairs, len(vocabulary))
        TF-IDF of the three body sentences closest to the headline: the input of a linear
        model of stance words beyond the fixed lexicons. The headline's own words are left
        out, so that the model cannot learn which claims tend to be true.
    """
    n = len(headlines)
    if n == 0:
        return np.zeros((0, len(STANCE_FEATURES))), sp.csr_matrix((0, len(vocabulary)))
    head_index = dict(zip(dict.fromkeys(headlines), range(n)))
    head_texts = list(head_index)
    head_of = np.fromiter(map(head_index.__getitem__, headlines), dtype=np.int64, count=n)
    body_index = dict(zip(dict.fromkeys(bodies), range(n)))
    body_texts = list(body_index)
    body_of = np.fromiter(map(body_index.__getitem__, bodies), dtype=np.int64, count=n)
    n_heads, n_bodies = len(head_texts), len(body_texts)

    sentences = [split_sentences(text) for text in body_texts]
    sentence_counts = np.fromiter(map(len, sentences), dtype=np.int64, count=n_bodies)
    sentence_body = np.repeat(np.arange(n_bodies), sentence_counts)
    sentence_start = np.cumsum(sentence_counts) - sentence_counts
    sentence_rank = np.arange(len(sentence_body)) - sentence_start[sentence_body]
    lead_of_sentence = np.where(sentence_rank < _LEAD_SENTENCES, sentence_body, -1)

    head_tokens = Tokens(head_texts)
    body_tokens = Tokens(body_texts)
    sentence_tokens = Tokens([s for body in sentences for s in body])
    lead_rows = lead_of_sentence[sentence_tokens.doc] >= 0
    lead_doc = lead_of_sentence[sentence_tokens.doc][lead_rows]
    lead_hashes = sentence_tokens.hashes[lead_rows]

    # Sets of words, bigrams and trigrams: headline rows against body and lead rows.
    head_words, body_words, lead_words = _set_matrices(
        (head_tokens.doc, head_tokens.hashes, n_heads),
        (body_tokens.doc, body_tokens.hashes, n_bodies),
        (lead_doc, lead_hashes, n_bodies),
    )
    head_bigrams, body_bigrams, lead_bigrams = _set_matrices(
        (*_ngrams(head_tokens, 2), n_heads),
        (*_ngrams(body_tokens, 2), n_bodies),
        (*_ngrams(_lead_tokens(sentence_tokens, lead_of_sentence), 2), n_bodies),
    )
    head_trigrams, body_trigrams = _set_matrices(
        (*_ngrams(head_tokens, 3), n_heads), (*_ngrams(body_tokens, 3), n_bodies)
    )
    all_hashes = np.unique(np.concatenate([head_tokens.hashes, body_tokens.hashes, lead_hashes]))
    weights = idf_lookup(all_hashes, vocabulary, idf)
    content = 1.0 - np.isin(all_hashes, _STOP_HASHES).astype(np.float64)
    head_numbers_mask = np.zeros(len(all_hashes))
    head_numbers_mask[np.searchsorted(all_hashes, head_tokens.hashes[head_tokens.number])] = 1.0

    h_words = head_words[head_of]
    b_words = body_words[body_of]
    l_words = lead_words[body_of]
    h_size = np.asarray(h_words.sum(axis=1)).ravel()
    common = rowwise_dot(h_words, b_words)
    b_size = np.asarray(b_words.sum(axis=1)).ravel()
    idf_head = h_words @ weights
    content_head = h_words @ content
    numbers_head = h_words @ head_numbers_mask

    h_bigrams, h_trigrams = head_bigrams[head_of], head_trigrams[head_of]
    bigram_size = np.asarray(h_bigrams.sum(axis=1)).ravel()
    trigram_size = np.asarray(h_trigrams.sum(axis=1)).ravel()

    # TF-IDF and LSA similarities of headline to body, lead and each body sentence.
    head_tfidf = tfidf_matrix(head_tokens, vocabulary, idf)
    body_tfidf = tfidf_matrix(body_tokens, vocabulary, idf)
    sentence_tfidf = tfidf_matrix(sentence_tokens, vocabulary, idf)
    lead_tfidf = _normalised_sparse_rows(
        sp.csr_matrix(
            (np.ones(int((lead_of_sentence >= 0).sum())),
             (lead_of_sentence[lead_of_sentence >= 0], np.flatnonzero(lead_of_sentence >= 0))),
            shape=(n_bodies, len(sentence_body)),
        )
        @ sentence_tfidf
    )
    head_lsa = _normalised_rows(head_tfidf @ components.T)
    body_lsa = _normalised_rows(body_tfidf @ components.T)
    lead_lsa = _normalised_rows(lead_tfidf @ components.T)

    sentence_refuting = _lexicon_counts(sentence_tokens, _REFUTING_HASHES)
    sentence_hedging = _lexicon_counts(sentence_tokens, _HEDGE_HASHES)
    sentence_negations = _lexicon_counts(sentence_tokens, _NEGATION_HASHES)
    sentence_features = np.zeros((n, 9))
    closest_pair, closest_sentence = [], []
    by_body = np.argsort(body_of, kind="stable")
    for body, pairs in enumerate(np.split(by_body, np.cumsum(np.bincount(body_of))[:-1])):
        rows = slice(sentence_start[body], sentence_start[body] + sentence_counts[body])
        cosines = (head_tfidf[head_of[pairs]] @ sentence_tfidf[rows].T).toarray()
        order = np.argsort(-cosines, axis=1, kind="stable")
        best = order[:, 0]
        top = order[:, :3]
        top_weights = np.take_along_axis(cosines, top, axis=1)
        offset = sentence_start[body]
        closest_pair.append(np.repeat(pairs, top.shape[1]))
        closest_sentence.append((offset + top).ravel())
        sentence_features[pairs] = np.column_stack(
            [
                cosines[np.arange(len(pairs)), best],
                top_weights.mean(axis=1),
                best / max(sentence_counts[body], 1),
                sentence_refuting[offset + best],
                sentence_hedging[offset + best],
                sentence_negations[offset + best],
                sentence_refuting[offset + top].sum(axis=1),
                sentence_hedging[offset + top].sum(axis=1),
                sentence_negations[offset + top].sum(axis=1),
            ]
        )

    body_length = _token_counts(body_tokens)
    body_refuting = _lexicon_counts(body_tokens, _REFUTING_HASHES)
    head_refuting = _lexicon_counts(head_tokens, _REFUTING_HASHES)
    lead_refuting = np.bincount(lead_doc[np.isin(lead_hashes, _REFUTING_HASHES)], minlength=n_bodies)
    lead_hedging = np.bincount(lead_doc[np.isin(lead_hashes, _HEDGE_HASHES)], minlength=n_bodies)
    lead_negations = np.bincount(lead_doc[np.isin(lead_hashes, _NEGATION_HASHES)], minlength=n_bodies)
    question = np.fromiter(("?" in text for text in head_texts), dtype=np.float64, count=n_heads)
    rate = lambda counts: (counts / np.maximum(body_length, 1.0))[body_of]  # noqa: E731

    columns = [
        h_size,
        np.log1p(b_size),
        _ratio(common, h_size + b_size - common),
        _ratio(common, h_size),
        _ratio(rowwise_dot(h_words @ sp.diags(weights), b_words), idf_head),
        _ratio(rowwise_dot(h_words @ sp.diags(content), b_words), content_head),
        _ratio(rowwise_dot(h_words, l_words), h_size),
        _ratio(rowwise_dot(h_words @ sp.diags(weights), l_words), idf_head),
        _ratio(rowwise_dot(h_bigrams, body_bigrams[body_of]), bigram_size),
        _ratio(rowwise_dot(h_bigrams, lead_bigrams[body_of]), bigram_size),
        _ratio(rowwise_dot(h_trigrams, body_trigrams[body_of]), trigram_size),
        numbers_head,
        numbers_head - rowwise_dot(h_words @ sp.diags(head_numbers_mask), b_words),
        rowwise_dot(head_tfidf[head_of], body_tfidf[body_of]),
        rowwise_dot(head_tfidf[head_of], lead_tfidf[body_of]),
        np.einsum("ij,ij->i", head_lsa[head_of], body_lsa[body_of]),
        np.einsum("ij,ij->i", head_lsa[head_of], lead_lsa[body_of]),
        *sentence_features.T,
        head_refuting[head_of],
        _lexicon_counts(head_tokens, _HEDGE_HASHES)[head_of],
        _lexicon_counts(head_tokens, _NEGATION_HASHES)[head_of],
        question[head_of],
        rate(body_refuting),
        rate(_lexicon_counts(body_tokens, _HEDGE_HASHES)),
        rate(_lexicon_counts(body_tokens, _NEGATION_HASHES)),
        lead_refuting[body_of].astype(np.float64),
        lead_hedging[body_of].astype(np.float64),
        lead_negations[body_of].astype(np.float64),
        (head_refuting % 2)[head_of],
        (body_refuting % 2)[body_of],
    ]
    closest = sp.csr_matrix(
        (
            np.ones(sum(map(len, closest_pair))),
            (np.concatenate(closest_pair), np.concatenate(closest_sentence)),
        ),
        shape=(n, len(sentence_body)),
    )
    return np.column_stack(columns), _normalised_sparse_rows(closest @ sentence_tfidf).tocsr()


def _lead_tokens(sentence_tokens: Tokens, lead_of_sentence: np.ndarray) -> Tokens:
    """The tokens of the lead sentences, re-indexed by body (a view for n-gram building)."""
    lead = Tokens.__new__(Tokens)
    keep = lead_of_sentence[sentence_tokens.doc] >= 0
    lead.hashes = sentence_tokens.hashes[keep]
    # Adjacent lead sentences of one body join into one text, as they are in the body.
    lead.doc = lead_of_sentence[sentence_tokens.doc][keep]
    lead.n_texts = int(lead_of_sentence.max()) + 1 if len(lead_of_sentence) else 0
    return lead


def _normalised_sparse_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ matrix
