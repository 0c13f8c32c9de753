"""Candidate generation and matching of claims across articles.

Candidates come from sparse TF-IDF products (word and character n-grams): for every
claim, its ``top_k`` nearest claims in each other article. Each candidate pair is then
described by a few similarity features (TF-IDF cosines, rapidfuzz scores, shared names
and numbers, and the shipped same-claim model where available) and kept when the
combined score passes ``threshold``. Claims of the same article are never aligned.
Events of more than ``POOLED_CLAIMS`` claims and ``POOLED_ARTICLES`` articles score each
claim only against a pool of likely neighbours (an approximation; see _pooled_candidates).
"""

from __future__ import annotations

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from .similarity import normalize_for_matching, row_cosine
from .types import Claim

__all__ = ["AlignmentModel", "Candidates", "FEATURE_NAMES", "add_same_claim", "candidate_pairs", "decide",
           "default_model", "pair_features"]

# Most claim-by-claim products scored at once (see _scored_candidates): bounds memory.
_BLOCK_CELLS = 2_000_000
# Up to this many claims squared, the word and character cosines of all pairs are kept
# (8 bytes a pair), so that each is computed once rather than from both sides; rows of
# the products computed at once, above the diagonal.
_SYMMETRIC_CELLS = 8_000_000
_STRIP_ROWS = 512
# Events with fewer claims than this are scored on the calling thread alone.
_THREADED_CLAIMS = 512


def _product_threads() -> int:
    """Threads for the sparse products: scipy releases the GIL while it multiplies, so the
    strips of one event run on two cores side by side; but one where OMP_NUM_THREADS asks
    for one thread a process (as dask's workers do: one process per core), since there the
    extra thread only takes turns with the other processes and costs 5 % more CPU time."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    wanted = os.environ.get("OMP_NUM_THREADS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        cores = min(cores, int(wanted))
    return max(1, min(2, cores))


_PRODUCT_THREADS = _product_threads()

# Features that come with the candidate blocks rather than from pair_features.
_BLOCK_FEATURES = frozenset({"word_cosine", "char_cosine", "embed_cosine", "rank_a", "rank_b"})
# Pseudo-count of claims that shrinks the event-mean centring of sentence vectors.
CENTRING_PRIOR = 20
# Candidates proposed by the sentence embeddings, besides the lexical ones.
SEMANTIC_TOP_K = 2
SEMANTIC_MIN_SCORE = 0.3
# At most this many lexical (or 10 x top_k, if more) / semantic candidates per claim over
# all other articles: with eleven articles or fewer every claim keeps its top_k per
# article; beyond, the work grows with the number of claims rather than claims x articles.
LEXICAL_LIMIT = 30
SEMANTIC_LIMIT = 18

FEATURE_NAMES = (
    "word_cosine", "char_cosine", "token_set", "partial", "shared_names", "shared_numbers",
    "length_ratio", "rank_a", "rank_b", "same_count_noun", "shared_time", "embed_cosine",
    "same_claim", "figure_match", "figure_conflict", "position_gap", "depth",
)
# How deep into its article a claim counts for "depth": beyond it, all claims are alike.
DEPTH_CAP = 5


@dataclass(frozen=True)
class Candidates:
    """Candidate claim pairs (indices into the claim list) with their features."""

    left: np.ndarray
    right: np.ndarray
    features: np.ndarray


@lru_cache(maxsize=65536)
def _word_char_ngrams(word: str) -> tuple[str, ...]:
    """The 3- to 5-character n-grams of `` word `` (scikit-learn's ``char_wb`` analyser)."""
    padded = f" {word} "
    grams = []
    for n in range(3, 6):
        grams.extend(padded[k:k + n] for k in range(max(1, len(padded) - n + 1)))
        if len(padded) <= n:
            break  # a word no longer than n gives one n-gram and no longer ones
    return tuple(grams)


def _char_ngrams(text: str) -> list[str]:
    """``char_wb`` 3-5-grams of an already lower-cased text, computed once per distinct word."""
    grams: list[str] = []
    for word in text.split():
        grams.extend(_word_char_ngrams(word))
    return grams


@lru_cache(maxsize=1)
def _blas_controller():
    # threadpoolctl comes with scikit-learn; one controller, since building it inspects
    # every loaded library (milliseconds), while limiting with it is cheap. It only knows
    # the libraries loaded when it is built: scipy's own BLAS (which scikit-learn loads
    # as the candidates are scored) is loaded first.
    import scipy.linalg  # noqa: F401
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextlib.contextmanager
def _one_blas_thread():
    """Limit BLAS to one thread for the duration of the block, when called from the main
    thread (else nothing changes).

    The dense products of a comparison are small: a multi-threaded BLAS only adds
    contention there (and slows down badly when the other cores are busy), and after
    each product it splits (a matrix-vector product of some 30,000 rows or more) its
    idle threads spin, waiting for more work, for about 0.1 s of CPU time. The limit is
    process-wide and restored on exit, so it is only set from the main thread:
    overlapping compare() calls in threads would restore it out of order.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


def _in_vectorizer_layout(counts, terms: list[str]):
    """A count matrix whose columns number ``terms`` in order of first appearance, laid
    out as scikit-learn's CountVectorizer lays out its result: float32, columns in sorted
    term order, each row's entries still in order of first appearance.

    The layout matters beyond the values: the entry order fixes the summation order of
    the row norms and of the cosine products, so any other order changes the last bits.
    """
    from scipy import sparse

    counts = counts.tocsr()
    counts.sum_duplicates()  # also sorts each row by first appearance
    column = np.empty(len(terms), dtype=np.int32)
    # numpy orders its strings by code point, as Python does (none has a NUL, which numpy
    # would drop at the end), and sorts tens of thousands of n-grams in half the time
    column[np.argsort(np.array(terms), kind="stable")] = np.arange(len(terms), dtype=np.int32)
    return sparse.csr_matrix((counts.data.astype(np.float32), column[counts.indices],
                              counts.indptr.astype(np.int32)), shape=counts.shape)


def _vectors(claims: list[Claim]):
    """Normalised texts and their word and character (``char_wb`` 3-5) TF-IDF matrices.

    The matrices are bit for bit those of scikit-learn's ``TfidfVectorizer`` (analysers
    ``str.split`` and ``_char_ngrams``, ``sublinear_tf``, float32), built faster: the
    whitespace words are counted once, and the character n-gram counts are the product
    of the word counts with each distinct word's n-gram counts.
    """
    # scikit-learn and scipy are imported here, not at module level, to keep `import coverage` light.
    from scipy import sparse
    from sklearn import config_context
    from sklearn.feature_extraction.text import TfidfTransformer

    normalized = [normalize_for_matching(c.text) or "_" for c in claims]
    n = len(normalized)
    tokens = [text.split() for text in normalized]
    # terms are numbered in order of first appearance, as CountVectorizer numbers them
    # (each term gets its number as it is first met: one pass over the tokens)
    word_id: dict[str, int] = {}
    token_ids = np.array([word_id.setdefault(word, len(word_id)) for word in chain.from_iterable(tokens)],
                         dtype=np.int64)
    words = list(word_id)
    token_rows = np.repeat(np.arange(n), [len(t) for t in tokens])
    # counts in float32, the type the TF-IDF matrices end in: small integers, exact, and the
    # character counts and their copies take half the memory of float64 ones
    occurrences = sparse.csr_matrix((np.ones(len(token_ids), dtype=np.float32), (token_rows, token_ids)),
                                    shape=(n, len(words)))
    # A gram first appears within the first appearance of a word, so numbering the grams
    # over the distinct words in their order numbers them as over the corpus.
    word_grams = [_word_char_ngrams(word) for word in words]
    gram_id: dict[str, int] = {}
    gram_ids = np.array([gram_id.setdefault(gram, len(gram_id)) for gram in chain.from_iterable(word_grams)],
                        dtype=np.int64)
    grams = list(gram_id)
    per_word = sparse.csr_matrix(
        (np.ones(len(gram_ids), dtype=np.float32),
         (np.repeat(np.arange(len(words)), [len(g) for g in word_grams]), gram_ids)),
        shape=(len(words), len(grams)))
    word_counts = _in_vectorizer_layout(occurrences, words)
    # exact (small integers); the round trip through CSC sorts the product's rows in
    # linear time, cheaper than sorting them
    char_counts = _in_vectorizer_layout((occurrences @ per_word).tocsc().tocsr(), grams)
    # the parameters are ours and fixed: re-validating them costs more than small events' fits
    with config_context(skip_parameter_validation=True):
        word_x = TfidfTransformer(sublinear_tf=True).fit(word_counts).transform(word_counts, copy=False)
        char_x = TfidfTransformer(sublinear_tf=True).fit(char_counts).transform(char_counts, copy=False)
    return normalized, word_x.tocsr(), char_x.tocsr()


def _segment_top_k(values: np.ndarray, starts: np.ndarray, top_k: int, min_score: float, limit: int,
                   scratch: _Scratch | None = None):
    """Positions of the ``top_k`` largest entries (at least ``min_score``) of every row
    within each column segment (segments begin at ``starts``, the first at column 0), and
    of these at most the ``limit`` largest per row (ties: the lower column first):
    (rows, cols, ranks within the segment), ordered by row, value (descending) and
    column; when ``limit`` cuts nothing at all, by rank, row and column instead.

    Entries tied with a segment's best share its rank (the rank counts the distinct
    larger values of the segment). ``scratch``, when given, holds the block's mask of
    entries worth ranking from one call to the next (see _Scratch).
    """
    n_rows, n_cols = values.shape
    # A row's limit-th best segment maximum bounds what the row keeps from below: that
    # many entries of rank 0 are at least as large. Dropping the entries under it changes
    # no rank (a rank counts larger values only), and leaves a few dozen entries per row.
    segment_best = np.maximum.reduceat(values, starts, axis=1)
    # (a segment whose best is -inf has no entry: masked, or min_score is -inf)
    reachable = (segment_best >= min_score) & (segment_best > -np.inf)
    bounded = int(reachable.sum()) > limit and segment_best.shape[1] >= limit
    if bounded:
        best = np.where(reachable, segment_best, -np.inf)
        floor = np.partition(best, best.shape[1] - limit, axis=1)[:, best.shape[1] - limit]
        # at least min_score and at least the floor, in one pass over the block
        least = np.maximum(floor, min_score).astype(values.dtype)[:, None]
    else:
        least = min_score
    mask = None if scratch is None else scratch.empty("mask", values.size, bool).reshape(values.shape)
    candidate = np.greater_equal(values, least, out=mask)
    flat = np.flatnonzero(candidate)  # row-major: each (row, segment) is a contiguous run
    rows, cols = np.divmod(flat, n_cols)
    kept = values[rows, cols]
    segment_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, n_cols]))
    group = rows * len(starts) + segment_of[cols]
    new_group = np.r_[True, group[1:] != group[:-1]] if len(group) else np.zeros(0, dtype=bool)
    first = np.flatnonzero(new_group)
    group_id = np.cumsum(new_group) - 1
    rank = np.full(len(kept), top_k, dtype=np.int64)  # top_k: not among the run's best
    work = kept.copy()
    for r in range(top_k if len(first) else 0):
        hit = np.flatnonzero((work == np.maximum.reduceat(work, first)[group_id]) & (work > -np.inf))
        if len(hit) == 0:
            break
        rank[hit] = r
        work[hit] = -np.inf
    chosen = np.flatnonzero(rank < top_k)
    rows, cols, ranks, kept = rows[chosen], cols[chosen], rank[chosen], kept[chosen]
    if not bounded and len(rows) <= limit:
        by_rank = np.argsort(ranks, kind="stable")
        return rows[by_rank], cols[by_rank], ranks[by_rank]
    # the limit best of each row, by value then column: a stable sort of each row's
    # entries (already in column order) in a table padded with +inf
    counts = np.bincount(rows, minlength=n_rows)
    row_start = np.cumsum(counts) - counts
    table = np.full((n_rows, max(int(counts.max(initial=0)), 1)), np.inf, dtype=kept.dtype)
    table[rows, np.arange(len(rows)) - row_start[rows]] = -kept
    best_places = np.argsort(table, axis=1, kind="stable")[:, :limit]
    real = best_places < counts[:, None]
    picked = (row_start[:, None] + best_places)[real]  # row-major: by row, then rank in the row
    return rows[picked], cols[picked], ranks[picked]


def _product_into(a, b, out, offset: int = 0, scratch: "_Scratch | None" = None) -> None:
    """Add the sparse product ``a @ b`` (CSR, float32) to the C-contiguous float32 rows
    ``out``, its columns from ``offset`` on; ``out`` is zero there beforehand.

    The values are bit for bit those of ``(a @ b).toarray()``: scipy's own kernel
    (``csr_matmat``) sums each cell, but its first pass, which only counts the entries
    of the result, is skipped (a cell has at most one entry, so rows x columns bound
    them), and the entries go straight into ``out`` instead of a new dense array.
    ``scratch``, when given, holds the kernel's working arrays from one product to the
    next (see _Scratch).
    """
    kernels = _private_kernels()
    if kernels is None:  # a scipy whose private kernels are missing or differ: the public way
        product = (a @ b).tocsr()
        np.add(out[:, offset:offset + b.shape[1]], product.toarray(), out=out[:, offset:offset + b.shape[1]])
        return
    _fast_product_into(kernels, a, b, out, offset, scratch)


class _Scratch:
    """Working arrays kept from one sparse product to the next on one thread.

    The kernel's output arrays are as large as the dense result (megabytes a strip), and
    fresh memory costs a page fault per page (large arrays get huge pages, each zeroed by
    the kernel): reusing one set per thread rather than allocating one per strip saves
    most of the system time of the products in a process's first comparisons.
    """

    def __init__(self) -> None:
        self.arrays: dict = {}

    def empty(self, name: str, size: int, dtype) -> np.ndarray:
        """An uninitialised array of ``size`` entries of ``dtype``, reusing the last one
        of that name when it is large enough and of that dtype."""
        held = self.arrays.get(name)
        if held is None or held.dtype != dtype or len(held) < size:
            held = self.arrays[name] = np.empty(size, dtype=dtype)
        return held[:size]


@lru_cache(maxsize=1)
def _private_kernels():
    """scipy's private ``csr_matmat`` and ``csr_todense``, or None when they are missing or
    do not give, on a small product, exactly what the public product gives."""
    try:
        from scipy import sparse
        from scipy.sparse._sparsetools import csr_matmat, csr_todense

        rng = np.random.default_rng(0)
        a = sparse.random(7, 11, density=0.4, format="csr", dtype=np.float32, random_state=rng)
        b = sparse.random(11, 5, density=0.4, format="csr", dtype=np.float32, random_state=rng)
        out = np.zeros((7, 8), dtype=np.float32)
        _fast_product_into((csr_matmat, csr_todense), a, b, out, 2)
        if np.array_equal(out[:, 2:7], (a @ b).toarray()) and not out[:, :2].any() and not out[:, 7:].any():
            return csr_matmat, csr_todense
    except Exception:  # noqa: BLE001 - any failure means: use the public product
        pass
    return None


def _fast_product_into(kernels, a, b, out, offset: int, scratch: _Scratch | None = None) -> None:
    csr_matmat, csr_todense = kernels
    m, width = a.shape[0], b.shape[1]
    index_arrays = (a.indptr, a.indices, b.indptr, b.indices)
    # the kernel takes one index type for all its arrays
    wide = m * width >= 2**31 or any(part.dtype != np.int32 for part in index_arrays)
    index_type = np.int64 if wide else np.int32
    a_indptr, a_indices, b_indptr, b_indices = (part.astype(index_type, copy=False) for part in index_arrays)
    indptr = np.empty(m + 1, dtype=index_type)
    value_type = np.result_type(a.data, b.data)
    if scratch is None:
        indices = np.empty(m * width, dtype=index_type)
        data = np.empty(m * width, dtype=value_type)
    else:
        indices = scratch.empty("indices", m * width, index_type)
        data = scratch.empty("data", m * width, value_type)
    csr_matmat(m, width, a_indptr, a_indices, a.data, b_indptr, b_indices, b.data, indptr, indices, data)
    nnz = int(indptr[-1])
    indices = indices[:nnz]
    if offset:
        indices += offset
    csr_todense(m, out.shape[1], indptr, indices, data[:nnz], out)


def _symmetric_cosines(*matrices) -> list[np.ndarray]:
    """``x @ x.T`` of each matrix as a dense float32 array, each cell computed once:
    strips of rows against the columns from the diagonal on, mirrored below it.

    Bit for bit the full product: a sparse product adds the terms of cell (i, j) in the
    entry order of row i, and every row of our TF-IDF matrices lists its terms in one
    common order (first appearance, see _vectors), so (i, j) and (j, i) add the same
    products in the same order. The strips of all the matrices share the threads.
    """
    n = matrices[0].shape[0]
    # Every cell is written by one strip: its product adds into the cells from the
    # diagonal on (zeroed by the strip itself, on its thread), and its mirror sets those
    # below. No array of zeros up front, then: zeroing all of it (memory that the
    # allocator hands back from an earlier call is not zero) took the calling thread
    # some 10 ms a matrix at 2,000 claims.
    outs = [np.empty((n, n), dtype=np.float32) for _ in matrices]
    per_thread = threading.local()  # each thread's _Scratch, for this call only

    def fill(task: tuple[int, int]) -> None:
        # strips write disjoint cells (rows lo:hi from the diagonal on, and their mirror)
        k, lo = task
        x, out = matrices[k], outs[k]
        hi = min(n, lo + _STRIP_ROWS)
        if not hasattr(per_thread, "scratch"):
            per_thread.scratch = _Scratch()
        out[lo:hi, lo:] = 0.0
        _product_into(x[lo:hi], x[lo:].T.tocsr(), out[lo:hi], lo, per_thread.scratch)
        out[hi:, lo:hi] = out[lo:hi, hi:].T

    tasks = [(k, lo) for lo in range(0, n, _STRIP_ROWS) for k in range(len(matrices))]
    _run_all(fill, tasks, threaded=n >= _THREADED_CLAIMS)  # small events: threads would cost more
    return outs


def _run_all(function, arguments, *, threaded: bool = True) -> list:
    """``function`` on every argument, on ``_PRODUCT_THREADS`` threads when ``threaded``
    and there are several; the results in the order of the arguments."""
    arguments = list(arguments)
    if not threaded or _PRODUCT_THREADS < 2 or len(arguments) < 2:
        return [function(argument) for argument in arguments]
    with ThreadPoolExecutor(max_workers=_PRODUCT_THREADS) as pool:
        return [future.result() for future in [pool.submit(function, argument) for argument in arguments]]


class _Done:
    """A result already at hand, with a future's ``result``."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def _scored_candidates(claims, word_x, char_x, embedded, top_k: int, min_score: float):
    """Lexical and semantic nearest claims of every claim in each other article.

    ``embedded`` (the sentence vectors) is a future: it is only waited for once the
    TF-IDF products of the first rows are under way.

    Claims are taken in article order, in row chunks of at most ``_BLOCK_CELLS``
    products, and scored against all claims at once (an article's own claims masked): word and character TF-IDF cosines
    from sparse products, sentence-vector cosines from a dense one. Per claim and other
    article, the ``top_k`` best by the mean TF-IDF cosine (at least ``min_score``) and
    the ``SEMANTIC_TOP_K`` best by sentence-vector cosine (at least
    ``SEMANTIC_MIN_SCORE``) are proposed, at most ``LEXICAL_LIMIT`` and
    ``SEMANTIC_LIMIT`` per claim (the best ones). Returns (rows, cols, lexical rank or top_k
    when only the semantic side proposed the pair, word, char and embedding cosines).
    """
    _, article_code = np.unique(np.array([c.article_id for c in claims]), return_inverse=True)
    order = np.argsort(article_code, kind="stable")
    sorted_codes = article_code[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    ends = np.r_[starts[1:], len(order)]
    n = len(claims)
    if len(starts) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0), np.zeros(0), np.zeros(0)
    if _pooled(n, len(starts)):
        return _pooled_candidates(word_x, char_x, embedded, article_code, top_k, min_score)
    chunk_rows = max(1, _BLOCK_CELLS // n)
    whole = n * n <= _SYMMETRIC_CELLS
    if whole:
        word_all, char_all = _symmetric_cosines(word_x[order], char_x[order])
    else:
        word_t, char_t = word_x[order].T.tocsr(), char_x[order].T.tocsr()
    scratch, chunk_scratch = _Scratch(), _Scratch()  # (products() never runs on two threads at once)

    def products(lo: int) -> tuple[np.ndarray, np.ndarray]:
        own = order[lo:min(n, lo + chunk_rows)]
        word, char = np.zeros((len(own), n), dtype=np.float32), np.zeros((len(own), n), dtype=np.float32)
        _product_into(word_x[own], word_t, word, scratch=scratch)
        _product_into(char_x[own], char_t, char, scratch=scratch)
        return word, char

    # Larger events: the next chunk's products are computed on another thread while
    # this chunk's candidates are picked (scipy and numpy release the GIL meanwhile).
    pool = None if whole or _PRODUCT_THREADS < 2 or n <= chunk_rows else ThreadPoolExecutor(max_workers=1)
    try:
        pending = pool.submit(products, 0) if pool else None
        embedded = embedded.result()
        # columns in article order, so that each other article is one contiguous segment
        embedded_t = np.ascontiguousarray(embedded[order].T)
        # rows in article order too, several articles per chunk: fewer, larger array operations
        if whole:
            # Every row's cosines are at hand, so the chunks are independent: they run on
            # the product threads side by side (their array operations release the GIL).
            per_thread = threading.local()  # each thread's _Scratch, for this call only

            def chunk(lo: int):
                hi = min(n, lo + chunk_rows)
                if not hasattr(per_thread, "scratch"):
                    per_thread.scratch = _Scratch()
                return _chunk_candidates(lo, hi, order[lo:hi], word_all[lo:hi], char_all[lo:hi],  # read only
                                         embedded, embedded_t, order, starts, ends, top_k, min_score,
                                         per_thread.scratch)

            found = _run_all(chunk, range(0, n, chunk_rows), threaded=n >= _THREADED_CLAIMS)
        else:
            found = []
            for lo in range(0, n, chunk_rows):
                hi = min(n, lo + chunk_rows)
                if pool:
                    word, char = pending.result()
                    if hi < n:
                        pending = pool.submit(products, hi)
                else:
                    word, char = products(lo)
                found.append(_chunk_candidates(lo, hi, order[lo:hi], word, char, embedded, embedded_t, order,
                                               starts, ends, top_k, min_score, chunk_scratch))
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0), np.zeros(0), np.zeros(0)
    return tuple(np.concatenate(parts) for parts in zip(*found))


def _chunk_candidates(lo, hi, own, word, char, embedded, embedded_t, order, starts, ends, top_k, min_score,
                      scratch: _Scratch | None = None):
    """The candidates proposed by the claims of rows ``lo:hi`` (in article order), given
    their word and character cosines with every claim (see _scored_candidates).
    ``scratch``, when given, holds the block of lexical scores (then sentence-vector
    cosines) from one chunk to the next (see _Scratch)."""
    if scratch is None:
        scratch = _Scratch()
    # The lexical scores are only read to pick the lexical candidates, so the sentence-
    # vector cosines are then written over them: one held array serves both blocks.
    embed_type = np.result_type(embedded, embedded_t)
    shape = (len(own), embedded_t.shape[1])
    block = scratch.empty("block", max(word.nbytes, shape[0] * shape[1] * embed_type.itemsize), np.uint8)
    lexical = np.add(word, char, out=block.view(word.dtype)[:word.size].reshape(word.shape))
    lexical *= 0.5
    # never an article's own claims (masked in place: only the cells of proposed pairs,
    # of other articles, are read from the blocks afterwards)
    own_articles = [(slice(max(start, lo) - lo, min(end, hi) - lo), slice(start, end))
                    for start, end in zip(starts, ends) if end > lo and start < hi]
    for rows, columns in own_articles:
        lexical[rows, columns] = -np.inf
    lex_r, lex_c, lex_rank = _segment_top_k(lexical, starts, top_k, min_score,
                                            max(LEXICAL_LIMIT, 10 * top_k), scratch)
    # (the same product as ``embedded[own] @ embedded_t``, written into the held array)
    embed = np.matmul(embedded[own], embedded_t, out=block.view(embed_type)[:shape[0] * shape[1]].reshape(shape))
    for rows, columns in own_articles:
        embed[rows, columns] = -np.inf
    sem_r, sem_c, _ = _segment_top_k(embed, starts, SEMANTIC_TOP_K, SEMANTIC_MIN_SCORE,
                                     SEMANTIC_LIMIT, scratch)
    r = np.concatenate([lex_r, sem_r])
    c = np.concatenate([lex_c, sem_c])
    return (own[r], order[c], np.concatenate([lex_rank, np.full(len(sem_r), top_k)]),
            word[r, c], char[r, c], embed[r, c])


# --- Large events: candidates from a bounded pool per claim -------------------------------
#
# Scoring every claim against every other claim costs the square of the number of claims,
# while what survives (at most LEXICAL_LIMIT + SEMANTIC_LIMIT candidates per claim) grows
# with the number of claims alone. Above these sizes each claim is therefore scored only
# against a pool of likely neighbours, found with work that grows linearly: its best
# matches in a TF-IDF product pruned to each claim's distinctive terms, and its nearest
# sentence vectors among the cells (k-means) closest to it. The pool's pairs get their
# exact cosines and the usual selection (per other article the top_k, at most the limits
# per claim). This is an approximation: a pair that the exact scoring proposes is lost
# when it is in no pool, and a rank counts only the pool's larger values: on FNC-1 events
# of 400 and 600 articles, about 99% of the exact method's relations are kept (see
# benchmarks/pool_recall.py). Events of at most POOLED_ARTICLES articles, and any of at
# most POOLED_CLAIMS claims, are always scored exactly; below about 5,000 claims the
# exact scoring is also the cheaper one.
POOLED_CLAIMS = 5_000
POOLED_ARTICLES = 100
# Lexical pool: the best _POOL_LEXICAL claims of each claim by the product of TF-IDF rows
# pruned to their terms found in at most _PRUNED_MAX_DF claims (and, for the character
# n-grams, to the _PRUNED_CHAR_TERMS heaviest of these). Rare terms weigh most in a
# cosine, and a fixed document-frequency cap keeps the product's output at a bounded
# number of entries per claim however large the event.
_POOL_LEXICAL = 50
_PRUNED_CHAR_TERMS = 40
_PRUNED_MAX_DF = 500
_POOL_ROWS = 1024  # rows of the pruned product computed at once (bounds memory)
# Semantic pool: the best _POOL_SEMANTIC claims of each claim (sentence-vector cosine at
# least SEMANTIC_MIN_SCORE) among the claims of the _CELL_PROBES k-means cells, of about
# _CELL_CLAIMS claims each, whose centres are nearest to it.
_POOL_SEMANTIC = 30
_CELL_CLAIMS = 256
_CELL_PROBES = 8
_KMEANS_ROUNDS = 4
# Rows whose TF-IDF vectors are spread out at once when the cosines of listed pairs are
# computed (see _pair_dots): small enough for the spread rows to stay in the cache.
_PAIR_ROWS = 8
_PAIR_GATHER = 64
_PAIR_CHUNK = 65_536  # pairs whose sentence vectors are gathered at once


def _pooled(n_claims: int, n_articles: int) -> bool:
    """Whether an event is large enough for pooled (approximate) candidates."""
    return n_claims > POOLED_CLAIMS and n_articles > POOLED_ARTICLES


def _pruned(x, max_df: int, terms: int | None = None):
    """``x`` (CSR) without the terms found in more than ``max_df`` rows and, when ``terms``
    is given, only each row's ``terms`` heaviest entries of the others (and ties)."""
    from scipy import sparse

    df = np.bincount(x.indices, minlength=x.shape[1])
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    chosen = df[x.indices] <= max_df
    if terms is not None:
        weights = np.where(chosen, x.data, -np.inf)
        chosen &= weights >= _row_floors(x.indptr, weights, terms)[rows]
    chosen = np.flatnonzero(chosen)
    return sparse.csr_matrix((x.data[chosen], x.indices[chosen], np.r_[0, np.cumsum(np.bincount(
        rows[chosen], minlength=x.shape[0]))]), shape=x.shape)


def _row_floors(indptr, values, per_row: int) -> np.ndarray:
    """The ``per_row``-th largest value of every row of a CSR layout (``indptr``,
    ``values``; -inf where a row has fewer): the entries at least as large as their row's
    floor are its ``per_row`` best, and ties with the last. Partitions of the rows padded
    into tables cost linear time, where sorting the entries would not; rows are padded
    with rows of similar length (lengths within a factor of two), so that a few long
    rows do not widen every row's table."""
    lengths = np.diff(indptr)
    floors = np.full(len(lengths), -np.inf, dtype=values.dtype)
    long = np.flatnonzero(lengths > per_row)
    bucket = np.log2(lengths[long]).astype(np.int64)
    for b in np.unique(bucket):
        rows = long[bucket == b]
        width = int(lengths[rows].max())
        owner = np.repeat(np.arange(len(rows)), lengths[rows])  # table row of each entry
        place = np.arange(len(owner)) - (np.cumsum(lengths[rows]) - lengths[rows])[owner]
        table = np.full((len(rows), width), -np.inf, dtype=values.dtype)
        table[owner, place] = values[indptr[rows][owner] + place]
        floors[rows] = np.partition(table, width - per_row, axis=1)[:, width - per_row]
    return floors


def _ordered(major, values, cols) -> np.ndarray:
    """The order of entries by ``major`` (ascending, non-negative integers), then
    ``values`` (descending), then ``cols`` (ascending, non-negative integers), as
    ``np.lexsort((cols, -values, major))`` gives it, but from one sort of one integer key
    (the values replaced by their rank) when that key fits in 63 bits: lexsort sorts
    once per key, and slowly."""
    if len(major) == 0:
        return np.zeros(0, dtype=np.int64)
    by_value = np.argsort(-values)
    descending = values[by_value]
    new_level = np.r_[True, descending[1:] != descending[:-1]]
    value_rank = np.empty(len(values), dtype=np.int64)
    value_rank[by_value] = np.cumsum(new_level) - 1
    levels, n_cols = int(value_rank.max()) + 1, int(cols.max()) + 1
    if (int(major.max()) + 1) * levels * n_cols >= 2**62:
        return np.lexsort((cols, -values, major))
    return np.argsort((major.astype(np.int64) * levels + value_rank) * n_cols + cols)


def _lexical_pool(word_x, char_x, article_code):
    """(rows, cols): each claim's best ``_POOL_LEXICAL`` claims of other articles by the
    pruned word plus character TF-IDF product (see _pruned)."""
    from scipy import sparse

    n = word_x.shape[0]
    # side by side, one product adds the word and the character parts
    pruned = sparse.hstack([_pruned(word_x, _PRUNED_MAX_DF),
                            _pruned(char_x, _PRUNED_MAX_DF, _PRUNED_CHAR_TERMS)], format="csr")
    pruned_t = pruned.T.tocsr()
    found = []

    def rows_from(lo: int) -> None:
        product = (pruned[lo:lo + _POOL_ROWS] @ pruned_t).tocsr()
        rows = np.repeat(np.arange(lo, lo + product.shape[0]), np.diff(product.indptr))
        cols, values = product.indices.astype(np.int64), product.data
        values[article_code[rows] == article_code[cols]] = -np.inf  # never an article's own claims
        floors = _row_floors(product.indptr, values, _POOL_LEXICAL)
        chosen = np.flatnonzero((values >= floors[rows - lo]) & (values > -np.inf))
        found.append((lo, rows[chosen], cols[chosen]))

    _run_all(rows_from, range(0, n, _POOL_ROWS))
    found.sort(key=lambda part: part[0])
    return (np.concatenate([part[1] for part in found]), np.concatenate([part[2] for part in found]))


def _semantic_pool(embedded, article_code):
    """(rows, cols): each claim's best ``_POOL_SEMANTIC`` claims of other articles by
    sentence-vector cosine (at least SEMANTIC_MIN_SCORE), searched only among the claims
    of the ``_CELL_PROBES`` k-means cells nearest to it."""
    from scipy import sparse

    known = np.flatnonzero(np.linalg.norm(embedded, axis=1) > 0)  # a zero vector has cosine 0
    if len(known) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # single precision is enough to find the pool (its cosines are computed again exactly)
    vectors = embedded[known].astype(np.float32)
    n_cells = max(1, round(len(known) / _CELL_CLAIMS))
    # spherical k-means from a fixed random start: the same event always gets the same cells
    centres = vectors[np.random.default_rng(0).choice(len(known), n_cells, replace=False)]
    for _ in range(_KMEANS_ROUNDS):
        cell = np.argmax(vectors @ centres.T, axis=1)
        sums = sparse.csr_matrix((np.ones(len(cell)), (cell, np.arange(len(cell)))),
                                 shape=(n_cells, len(cell))) @ vectors
        norms = np.linalg.norm(sums, axis=1)
        filled = norms > 0  # an empty cell keeps its centre
        centres[filled] = sums[filled] / norms[filled, None]
    closeness = vectors @ centres.T
    cell = np.argmax(closeness, axis=1)
    probes = min(_CELL_PROBES, n_cells)
    probed = np.argpartition(-closeness, probes - 1, axis=1)[:, :probes]
    # for every cell, the claims that probe it
    by_cell = np.argsort(probed.ravel(), kind="stable")
    probe_starts = np.searchsorted(probed.ravel()[by_cell], np.arange(n_cells + 1))
    member_order = np.argsort(cell, kind="stable")
    member_starts = np.searchsorted(cell[member_order], np.arange(n_cells + 1))
    found_rows, found_cols, found_values = [], [], []
    for c in range(n_cells):
        queries = by_cell[probe_starts[c]:probe_starts[c + 1]] // probes
        members = member_order[member_starts[c]:member_starts[c + 1]]
        if len(queries) == 0 or len(members) == 0:
            continue
        block = vectors[queries] @ vectors[members].T
        block[article_code[known[queries]][:, None] == article_code[known[members]][None, :]] = -np.inf
        floor = np.full(len(queries), SEMANTIC_MIN_SCORE)
        if block.shape[1] > _POOL_SEMANTIC:  # only a claim's best in each cell can be in its pool
            floor = np.maximum(floor, np.partition(block, -_POOL_SEMANTIC, axis=1)[:, -_POOL_SEMANTIC])
        r, k = np.nonzero(block >= floor[:, None])
        found_rows.append(known[queries[r]].astype(np.int32))  # (int32: these add up to millions)
        found_cols.append(known[members[k]].astype(np.int32))
        found_values.append(block[r, k])
    if not found_rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows, cols, values = (np.concatenate(parts) for parts in (found_rows, found_cols, found_values))
    n = len(embedded)
    table = sparse.csr_matrix((values, (rows, cols)), shape=(n, n))  # by row, in linear time
    rows = np.repeat(np.arange(n), np.diff(table.indptr))
    chosen = table.data >= _row_floors(table.indptr, table.data, _POOL_SEMANTIC)[rows]
    return rows[chosen], table.indices[chosen].astype(np.int64)


def _pair_dots(x, left, right) -> np.ndarray:
    """``x[left[p]] . x[right[p]]`` for every pair p (CSR ``x``), without the product of
    all rows. With the pairs sorted by left row, ``_PAIR_ROWS`` left rows at a time are
    spread out into one dense vector (row k at offset k * width), and each entry of their
    pairs' right rows picks its partner from it. The right rows are gathered
    ``_PAIR_GATHER`` left rows at a time, few enough to stay in the cache. Summed in
    another order than a sparse product sums them, so the last bits may differ."""
    out = np.zeros(len(left), dtype=x.dtype)
    if len(left) == 0:
        return out
    n, width = x.shape
    order = np.argsort(left, kind="stable")
    left_sorted, right_sorted = left[order], right[order]
    own_places = (np.repeat(np.arange(n), np.diff(x.indptr)) % _PAIR_ROWS) * width + x.indices
    spread = np.zeros(_PAIR_ROWS * width, dtype=x.dtype)
    bounds = np.searchsorted(left_sorted, np.arange(0, n + _PAIR_ROWS, _PAIR_ROWS))
    for outer in range(0, n, _PAIR_GATHER):
        b0, b1 = outer // _PAIR_ROWS, -(-min(n, outer + _PAIR_GATHER) // _PAIR_ROWS)  # blocks b0 to b1 - 1
        first, last = bounds[b0], bounds[b1]
        if first == last:
            continue
        gathered = x[right_sorted[first:last]]  # the right row of every pair, in pair order
        lengths = np.diff(gathered.indptr)
        places = gathered.indices + np.repeat((left_sorted[first:last] % _PAIR_ROWS) * width, lengths)
        partners = np.empty(len(places), dtype=x.dtype)
        for block in range(b0, b1):
            p0, p1 = bounds[block] - first, bounds[block + 1] - first
            if p0 == p1:
                continue
            lo = block * _PAIR_ROWS
            s, e = x.indptr[lo], x.indptr[min(lo + _PAIR_ROWS, n)]
            spread[own_places[s:e]] = x.data[s:e]
            q0, q1 = gathered.indptr[p0], gathered.indptr[p1]
            partners[q0:q1] = spread[places[q0:q1]]
            spread[own_places[s:e]] = 0
        partners *= gathered.data
        filled = np.flatnonzero(lengths > 0)  # (reduceat would give an empty run the next run's first entry)
        if len(filled):
            out[order[first + filled]] = np.add.reduceat(partners, gathered.indptr[:-1][filled])
    return out


def _pair_top_k(rows, cols, values, segment, top_k: int, min_score: float, limit: int):
    """_segment_top_k over listed entries rather than a dense block: of the entries (row,
    col, value), every row's ``top_k`` largest (at least ``min_score``) within each
    segment (``segment[col]``), ranks counting the distinct larger values, and of these
    the ``limit`` largest per row (ties: lower column first). Returns (rows, cols, ranks,
    positions of the chosen entries), ordered by row, value (descending) and column.

    Over all the entries of a block it chooses what _segment_top_k chooses (tested).
    """
    at = np.flatnonzero(values >= min_score)
    if len(at) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    seg = segment[cols[at]]
    at = at[_ordered(rows[at] * (int(segment.max()) + 1) + seg, values[at], cols[at])]
    r, seg, v = rows[at], segment[cols[at]], values[at]
    new_group = np.r_[True, (r[1:] != r[:-1]) | (seg[1:] != seg[:-1])]
    distinct = np.cumsum(new_group | np.r_[True, v[1:] != v[:-1]])
    rank = distinct - distinct[np.flatnonzero(new_group)][np.cumsum(new_group) - 1]
    at, rank = at[rank < top_k], rank[rank < top_k]
    # the limit best of each row
    by_row = _ordered(rows[at], values[at], cols[at])
    at, rank = at[by_row], rank[by_row]
    r = rows[at]
    new_row = np.r_[True, r[1:] != r[:-1]]
    place = np.arange(len(r)) - np.flatnonzero(new_row)[np.cumsum(new_row) - 1]
    at, rank = at[place < limit], rank[place < limit]
    return rows[at], cols[at], rank.astype(np.int64), at


def _pooled_candidates(word_x, char_x, embedded, article_code, top_k: int, min_score: float):
    """_scored_candidates for large events: the same selection over each claim's pool
    (see POOLED_CLAIMS) instead of over all claims. ``embedded`` is a future."""
    n = word_x.shape[0]
    # the semantic pool is searched on another thread while the lexical one is (the
    # sparse and dense products release the GIL)
    helper = ThreadPoolExecutor(max_workers=1) if _PRODUCT_THREADS > 1 else None
    try:
        semantic = (helper.submit(lambda: _semantic_pool(embedded.result(), article_code)) if helper
                    else None)
        lex_rows, lex_cols = _lexical_pool(word_x, char_x, article_code)
        embedded = embedded.result()
        sem_rows, sem_cols = semantic.result() if helper else _semantic_pool(embedded, article_code)
    finally:
        if helper:
            helper.shutdown()
    rows, cols = np.r_[lex_rows, sem_rows], np.r_[lex_cols, sem_cols]
    keys = np.sort(np.minimum(rows, cols) * n + np.maximum(rows, cols))
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]]  # (np.unique hashes, slower here)
    left, right = keys // n, keys % n
    word, char = _pair_dots(word_x, left, right), _pair_dots(char_x, left, right)
    # in single precision, since gathering the vectors of every pair is what this costs,
    # and some pairs at a time, since all the gathered vectors would take hundreds of MB
    single = embedded.astype(np.float32)
    embed = np.empty(len(left), dtype=np.float64)
    for lo in range(0, len(left), _PAIR_CHUNK):
        hi = lo + _PAIR_CHUNK
        embed[lo:hi] = np.einsum("ij,ij->i", single[left[lo:hi]], single[right[lo:hi]])
    # every pair from both sides: a pair in one claim's pool counts for the other claim too
    rows, cols = np.r_[left, right], np.r_[right, left]
    lexical = word + char
    lexical *= 0.5
    lex_r, lex_c, lex_rank, lex_at = _pair_top_k(rows, cols, np.r_[lexical, lexical], article_code, top_k,
                                                 min_score, max(LEXICAL_LIMIT, 10 * top_k))
    sem_r, sem_c, _, sem_at = _pair_top_k(rows, cols, np.r_[embed, embed], article_code, SEMANTIC_TOP_K,
                                          SEMANTIC_MIN_SCORE, SEMANTIC_LIMIT)
    pair = np.r_[lex_at, sem_at] % len(left)
    return (np.r_[lex_r, sem_r], np.r_[lex_c, sem_c], np.r_[lex_rank, np.full(len(sem_r), top_k)],
            word[pair], char[pair], embed[pair])


def candidate_pairs(claims: list[Claim], *, top_k: int = 3, min_score: float = 0.05,
                    features: tuple[str, ...] | None = None, meanwhile=None) -> Candidates:
    """Candidate pairs of claims from different articles, with their features.

    For every claim and every other article, the ``top_k`` claims of that article with
    the highest mean of word and character TF-IDF cosine (at least ``min_score``) are
    candidates; a pair is kept once whichever side proposed it. ``features`` names the
    features to compute (all by default). Claims are only ever
    scored against other articles' claims, so memory grows with the cross-article
    products, not with the square of the largest article.

    ``meanwhile``, a function of no arguments, is called once before this returns: in
    events small enough for all-pairs products, on the thread that computes the sentence
    vectors while the products are computed (they release the GIL), so that Python work
    of the caller that needs no candidates takes turns with them instead of waiting.
    """
    empty = Candidates(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, len(FEATURE_NAMES))))
    if len(claims) < 2:
        if meanwhile is not None:
            meanwhile()
        return empty
    normalized, word_x, char_x = _vectors(claims)
    # The sentence vectors are Python work (tokens, dictionaries): on another thread they
    # take turns with the sparse products, which release the GIL, instead of waiting for them.
    helper = ThreadPoolExecutor(max_workers=1) if _PRODUCT_THREADS > 1 and len(claims) >= _THREADED_CLAIMS else None
    # The caller's work joins them where all the products are computed before any
    # candidate is picked (the sentence vectors are waited for in between); elsewhere
    # the picking runs beside the products, and Python work there would hold it up.
    alongside = meanwhile if helper and len(claims) ** 2 <= _SYMMETRIC_CELLS else None
    try:
        embedded = (helper.submit(_vectors_then, claims, alongside) if helper
                    else _Done(_centred_sentence_vectors(claims)))
        # many small dense products (see _one_blas_thread)
        with _one_blas_thread():
            scored = _scored_candidates(claims, word_x, char_x, embedded, top_k, min_score)
        embedded = embedded.result()
    finally:
        if helper:
            helper.shutdown()
    if meanwhile is not None and alongside is None:
        meanwhile()
    rows, cols, ranks, word, char, embed = scored
    if len(rows) == 0:
        return empty
    n = len(claims)
    left, right = np.minimum(rows, cols), np.maximum(rows, cols)
    key = left * n + right
    # rank of the pair as proposed from each side (top_k when that side did not propose it)
    from_left = np.where(rows == left, ranks, top_k)
    from_right = np.where(rows == right, ranks, top_k)
    unique_keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    rank_left = np.full(len(unique_keys), top_k, dtype=np.int64)
    rank_right = np.full(len(unique_keys), top_k, dtype=np.int64)
    np.minimum.at(rank_left, inverse, from_left)
    np.minimum.at(rank_right, inverse, from_right)
    left, right = unique_keys // n, unique_keys % n
    wanted = FEATURE_NAMES if features is None else features
    matrix = pair_features(claims, left, right, normalized=normalized, word_x=word_x, char_x=char_x,
                           embedded=embedded,
                           names=tuple(f for f in wanted if f not in _BLOCK_FEATURES))
    # the cosines were computed with the blocks (one product per pair, either way round)
    for name, values in (("word_cosine", word), ("char_cosine", char), ("embed_cosine", embed)):
        matrix[:, FEATURE_NAMES.index(name)] = values[first]
    matrix[:, FEATURE_NAMES.index("rank_a")] = np.minimum(rank_left, rank_right)
    matrix[:, FEATURE_NAMES.index("rank_b")] = np.maximum(rank_left, rank_right)
    return Candidates(left.astype(np.int64), right.astype(np.int64), matrix)


def _vectors_then(claims, meanwhile) -> np.ndarray:
    """The centred sentence vectors of the claims, then ``meanwhile()`` if given."""
    vectors = _centred_sentence_vectors(claims)
    if meanwhile is not None:
        meanwhile()
    return vectors


def _name_keys(claim: Claim) -> set[str]:
    keys = set()
    for span in claim.names:
        for word in span.text.lower().replace("al-", "").split():
            if len(word) > 2:
                keys.add(word.strip("'’s"))
    return keys


def _same_claim_probability(claims, left, right) -> np.ndarray:
    """The shipped paraphrase model's probability that the two claims state the same fact."""
    from .learned import same_claim

    return np.asarray(same_claim([claims[i].text for i in left], [claims[j].text for j in right]),
                      dtype=np.float64)


def _centred_sentence_vectors(claims) -> np.ndarray:
    """Word-vector sentence embeddings centred on the event's mean claim, L2-normalised.

    Centring removes what every claim of the event shares (its topic), so the cosine
    tells claims about the same detail from claims that are merely about the same story.
    """
    from .embed import sentence_vectors

    vectors = sentence_vectors([c.text for c in claims]).astype(np.float64)
    known = np.linalg.norm(vectors, axis=1) > 0
    if known.any():
        # The mean of a handful of claims is mostly those claims themselves (two claims
        # centred on their mean point in opposite directions), so the centring is
        # shrunk by the number of claims it rests on.
        n = int(known.sum())
        vectors[known] -= vectors[known].mean(axis=0) * (n / (n + CENTRING_PRIOR))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def _shared_counts(sets: list[set], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``len(sets[i] & sets[j])`` for every pair (i, j), as the dot products of rows of a
    claim-by-key membership matrix: no Python loop over the pairs."""
    from scipy import sparse

    key_id: dict = {}
    ids = [key_id.setdefault(key, len(key_id)) for keys in sets for key in keys]
    member = sparse.csr_matrix((np.ones(len(ids)), (np.repeat(np.arange(len(sets)), [len(s) for s in sets]), ids)),
                               shape=(len(sets), len(key_id)))
    return np.asarray(member[left].multiply(member[right]).sum(axis=1), dtype=np.float64).ravel()


def _positions(claims) -> tuple[np.ndarray, np.ndarray]:
    """Each claim's position in its article (0 for the first, by offset) and that
    position as a share of the article's claims (0 first, 1 last)."""
    by_article: dict[str, list[int]] = {}
    for k, claim in enumerate(claims):
        by_article.setdefault(claim.article_id, []).append(k)
    position = np.zeros(len(claims), dtype=np.float64)
    relative = np.zeros(len(claims), dtype=np.float64)
    for rows in by_article.values():
        rows.sort(key=lambda k: claims[k].start)
        position[rows] = np.arange(len(rows))
        relative[rows] = np.arange(len(rows)) / max(len(rows) - 1, 1)
    return position, relative


def pair_features(claims, left, right, *, normalized, word_x, char_x, embedded,
                  names: tuple[str, ...] | None = None) -> np.ndarray:
    """Feature matrix (one row per pair, columns in the order of FEATURE_NAMES).

    Only the features in ``names`` are computed (all by default); the other columns
    are left at 0, so that scoring many candidates costs only what the model reads.
    """
    wanted = set(FEATURE_NAMES if names is None else names)
    n = len(left)
    out = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    if n == 0:
        return out
    column = FEATURE_NAMES.index
    if "word_cosine" in wanted:
        out[:, column("word_cosine")] = row_cosine(word_x[left], word_x[right])
    if "char_cosine" in wanted:
        out[:, column("char_cosine")] = row_cosine(char_x[left], char_x[right])
    if "embed_cosine" in wanted:
        out[:, column("embed_cosine")] = np.einsum("ij,ij->i", embedded[left], embedded[right])
    if "same_claim" in wanted:
        out[:, column("same_claim")] = _same_claim_probability(claims, left, right)
    if wanted & {"token_set", "partial"}:
        a_texts = [normalized[i] for i in left]
        b_texts = [normalized[i] for i in right]
        if "token_set" in wanted:
            out[:, column("token_set")] = cpdist(a_texts, b_texts, scorer=fuzz.token_set_ratio, workers=1) / 100.0
        if "partial" in wanted:
            out[:, column("partial")] = cpdist(a_texts, b_texts, scorer=fuzz.partial_token_sort_ratio,
                                               workers=1) / 100.0
    set_features = {
        "shared_names": lambda c: _name_keys(c),
        "shared_numbers": lambda c: {(q.value, q.unit) for q in c.numbers},
        "same_count_noun": lambda c: {q.head or q.unit for q in c.numbers} - {""},
        "shared_time": lambda c: {t.value for t in c.dates if t.kind in ("date", "month", "year", "weekday")},
    }
    for name, extract in set_features.items():
        if name in wanted:
            values = _shared_counts([extract(c) for c in claims], left, right)
            out[:, column(name)] = values if name in ("shared_names", "shared_numbers") else np.minimum(values, 1)
    if wanted & {"figure_match", "figure_conflict"}:
        from .judge import base_unit, figure_overlap

        # figure_overlap only ever compares figures of one (base) unit: pairs without a
        # unit in common state nothing alike nor in conflict, (0, 0), and are not asked
        units = [{base_unit(q) for q in c.numbers} for c in claims]
        has_figures = np.array([bool(u) for u in units], dtype=bool)
        both = np.flatnonzero(has_figures[left] & has_figures[right])
        if len(both):
            both = both[_shared_counts(units, left[both], right[both]) > 0]
        overlap = _figure_overlaps(claims, left[both], right[both], figure_overlap)
        out[both, column("figure_match")] = np.minimum(overlap[:, 0], 2)
        out[both, column("figure_conflict")] = np.minimum(overlap[:, 1], 2)
    if wanted & {"position_gap", "depth"}:
        # News reports put the main facts first: two claims at like depths in their
        # articles, and early ones, more often state one fact.
        position, relative = _positions(claims)
        out[:, column("position_gap")] = np.abs(relative[left] - relative[right])
        out[:, column("depth")] = np.minimum(position[left], DEPTH_CAP) + np.minimum(position[right], DEPTH_CAP)
    if "length_ratio" in wanted:
        lengths = np.array([len(t.split()) for t in normalized], dtype=np.float64) + 1
        out[:, column("length_ratio")] = (np.minimum(lengths[left], lengths[right])
                                          / np.maximum(lengths[left], lengths[right]))
    return out


def _figure_overlaps(claims, left: np.ndarray, right: np.ndarray, figure_overlap) -> np.ndarray:
    """``figure_overlap`` of each pair, an (n, 2) float array, computed once per distinct
    pair of figure lists: it reads only the figures' values, units, nouns and bounds, and
    the same figures recur in many claims of an event (quoted alike by many outlets)."""
    if not len(left):
        return np.zeros((0, 2), dtype=np.float64)
    codes: dict = {}
    figures = np.array([codes.setdefault(tuple((q.value, q.unit, q.head, q.approx, q.bound) for q in c.numbers),
                                         len(codes)) for c in claims], dtype=np.int64)
    keys = figures[left] * len(codes) + figures[right]
    unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    values = np.array([figure_overlap(claims[i], claims[j])
                       for i, j in zip(left[first].tolist(), right[first].tolist())],
                      dtype=np.float64).reshape(-1, 2)
    return values[inverse.reshape(-1)]


@dataclass(frozen=True)
class AlignmentModel:
    """A logistic same-fact model over the candidate features, stored as JSON.

    ``predict_proba`` standardises the named feature columns with ``mean``/``scale``
    and applies the linear model; pairs at or above ``threshold`` are aligned, and
    pairs at or above ``threshold * conflict_margin`` are kept when their claims
    conflict on a figure or a date (see :func:`coverage.compare`).
    """

    feature_names: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float = 0.5
    conflict_margin: float = 1.0
    info: dict | None = None

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        columns = [FEATURE_NAMES.index(name) for name in self.feature_names]
        x = (features[:, columns] - np.asarray(self.mean)) / np.asarray(self.scale)
        z = x @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> str:
        import json

        return json.dumps({
            "format": "news-coverage/alignment-logistic/1",
            "feature_names": list(self.feature_names), "coef": list(self.coef),
            "intercept": self.intercept, "mean": list(self.mean), "scale": list(self.scale),
            "threshold": self.threshold, "conflict_margin": self.conflict_margin,
            "info": self.info or {},
        }, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "AlignmentModel":
        import json

        from .errors import ModelError

        try:
            data = json.loads(text)
            unknown = set(data["feature_names"]) - set(FEATURE_NAMES)
            if unknown:
                raise ModelError(f"The alignment model uses unknown features: {sorted(unknown)}.")
            return cls(tuple(data["feature_names"]), tuple(map(float, data["coef"])),
                       float(data["intercept"]), tuple(map(float, data["mean"])),
                       tuple(map(float, data["scale"])), float(data["threshold"]),
                       float(data.get("conflict_margin", 1.0)), data.get("info"))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"Malformed alignment model: {exc}") from None


@lru_cache(maxsize=1)
def default_model() -> AlignmentModel:
    """The shipped alignment model (``models/align.json``), loaded once."""
    from importlib.resources import files

    from .errors import ModelError

    try:
        text = files("coverage").joinpath("models/align.json").read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"The shipped alignment model could not be read: {exc}") from None
    return AlignmentModel.from_json(text)


def add_same_claim(claims, cand: Candidates, model: AlignmentModel, *, floor: float) -> None:
    """Fill the candidates' ``same_claim`` column, in place, where it can matter.

    The model is linear, so the probability a pair can reach with any same-claim value
    in [0, 1] is bounded; pairs that stay below ``floor`` even at the bound get the
    training mean instead (a neutral value), which spares the costly paraphrase model
    most of the candidates of a large event.
    """
    if "same_claim" not in model.feature_names or len(cand.left) == 0:
        return
    position = model.feature_names.index("same_claim")
    column = FEATURE_NAMES.index("same_claim")
    weight = model.coef[position] / model.scale[position]
    best_value = 1.0 if weight > 0 else 0.0
    features = cand.features.copy()
    features[:, column] = best_value
    reachable = model.predict_proba(features) >= floor
    cand.features[:, column] = model.mean[position]
    if reachable.any():
        cand.features[reachable, column] = _same_claim_probability(
            claims, cand.left[reachable], cand.right[reachable])


def decide(features: np.ndarray, *, threshold: float | None = None,
           model: AlignmentModel | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Which candidate pairs state the same fact: (mask, probability) per pair."""
    model = model or default_model()
    prob = model.predict_proba(features)
    cut = model.threshold if threshold is None else threshold
    return prob >= cut, prob
