"""Group articles that report the same story into events.

The pipeline is TF-IDF vectors, a sparse nearest-neighbour graph and average-link
agglomeration cut at a similarity threshold. Every step works on sparse matrices
in bounded chunks, so memory grows with the number of articles, never with its
square.
"""

from __future__ import annotations

import numbers
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ._validation import check_float, check_int, coerce_articles
from .align import _product_threads
from .errors import InvalidParameterError

__all__ = ["cluster_events"]

_FUNC = "cluster_events"
# Candidates are generated from each article's heaviest terms only: rare, telling terms
# carry the story, while common terms would make the sparse product quadratic.
_CANDIDATE_TERMS = 32
# Terms in more articles than this are left out of candidate generation.
_MAX_POSTINGS = 1_000
# Approximate candidates kept per article for exact rescoring, beyond n_neighbors.
_EXTRA_CANDIDATES = 10
# Upper bound on the entries one chunk of the sparse product may produce (~100 MB).
_CHUNK_ENTRIES = 8_000_000
# Upper bound on the rows a chunk may copy when rescoring pairs exactly.
_PAIR_ENTRIES = 4_000_000
_LABEL_TERMS = 3


def cluster_events(
    articles: Any,
    *,
    threshold: float = 0.15,
    n_neighbors: int = 10,
    window_days: int | None = 7,
) -> pd.DataFrame:
    """Group articles that report the same story into events.

    Each article becomes a TF-IDF vector of its title and text (sublinear term
    frequency, English stop words removed). Every article is linked to its
    ``n_neighbors`` most similar articles (cosine) at or above ``threshold``;
    articles whose publication dates are more than ``window_days`` apart are not
    linked, while undated articles are linked on text alone. Linked groups are then
    merged by average link: two groups join only when the mean cosine over *all*
    their cross pairs reaches ``threshold``, which stops one loose link from chaining
    unrelated stories together. The groups found are linked again through their
    summed vectors until nothing merges, so that an article whose neighbours are all
    copies of it (syndicated wire copy) still reaches the rest of its story. Every
    article is assigned; an article like no other is an event of its own.

    The partition does not depend on the order of the input; only the numbering of
    the events does (events are numbered by their first article in input order).
    The defaults were tuned for B-cubed F1 on FNC-1 bodies (long texts) and
    Emergent headlines (short texts); see ``benchmarks/cluster_quality.py``.

    Parameters
    ----------
    articles : sequence of Article or dict, or pandas.DataFrame
        The articles, as accepted by :func:`coverage.compare`. One article is fine.
    threshold : float in [0, 1], default 0.15
        Mean cosine similarity two groups need to be merged into one event. Higher
        gives smaller, purer events.
    n_neighbors : int >= 1, default 10
        Most similar articles each article is linked to before merging. Larger
        values find more links in big stories at some cost in speed.
    window_days : int >= 0 or None, default 7
        Two dated articles further apart than this are not linked directly (they may
        still meet in one event through articles in between). None ignores dates.

    Returns
    -------
    pandas.DataFrame
        One row per input article, in input order, with columns

        - ``article_id`` (str): the article's id (assigned ``a1``, ``a2`` ... if absent);
        - ``event_id`` (int): the event, numbered 0, 1 ... by first appearance;
        - ``event_size`` (int): number of articles in the event;
        - ``event_label`` (str): the event's heaviest terms, comma-separated
          (empty when the articles have no terms beyond stop words).

    Raises
    ------
    EmptyInputError
        If no article is given.
    InvalidArticleError, InvalidParameterError
        If an article or an option is malformed.

    Examples
    --------
    >>> from coverage.cluster import cluster_events
    >>> events = cluster_events([
    ...     {"text": "A magnitude 6 earthquake struck Lima on Monday.", "outlet": "Wire"},
    ...     {"text": "An earthquake of magnitude 6 hit Lima, officials said.", "outlet": "Daily"},
    ...     {"text": "The central bank raised interest rates by half a point.", "outlet": "Wire"},
    ... ])
    >>> events["event_id"].tolist()
    [0, 0, 1]
    """
    threshold = check_float(threshold, "threshold", _FUNC)
    n_neighbors = check_int(n_neighbors, "n_neighbors", _FUNC)
    if window_days is not None and (
        isinstance(window_days, bool) or not isinstance(window_days, numbers.Integral) or window_days < 0
    ):
        raise InvalidParameterError(
            f"The 'window_days' parameter of {_FUNC} must be an int >= 0 or None. "
            f"Got {window_days!r} instead."
        )
    records = coerce_articles(articles, func=_FUNC, min_articles=1)

    # Work in an order fixed by content, so that the partition (ties included) cannot
    # depend on the order the articles came in.
    order = sorted(range(len(records)), key=lambda i: _content_key(records[i]))
    ordered = [records[i] for i in order]
    vectors, terms = _tfidf([_document(a) for a in ordered])
    days = np.array(
        [a.published.toordinal() if a.published is not None else -1 for a in ordered], dtype=np.int64
    )
    labels = _cluster(vectors, days, threshold=threshold, n_neighbors=n_neighbors, window_days=window_days)

    position = np.empty(len(order), dtype=np.int64)
    position[np.asarray(order)] = np.arange(len(order))
    event_labels = _event_labels(vectors, labels, terms)[labels]
    labels_in_input, labels_text = labels[position], event_labels[position]
    _, first, inverse = np.unique(labels_in_input, return_index=True, return_inverse=True)
    event_ids = np.argsort(np.argsort(first, kind="stable"), kind="stable")[inverse]
    sizes = np.bincount(event_ids)
    return pd.DataFrame(
        {
            "article_id": [a.id for a in records],
            "event_id": event_ids.astype(np.int64),
            "event_size": sizes[event_ids].astype(np.int64),
            "event_label": labels_text.astype(object),
        }
    )


def _content_key(article) -> tuple[str, str, int]:
    published = article.published.toordinal() if article.published is not None else -1
    return (article.text, article.title or "", published)


def _document(article) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


def _tfidf(documents: list[str]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """L2-normalised float32 TF-IDF rows (all zero for an article with no terms)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:
        # Only stop words (or no words) in every article: nothing to compare on.
        return sparse.csr_matrix((len(documents), 0), dtype=np.float32), np.array([], dtype=object)
    matrix = sparse.csr_matrix(matrix, dtype=np.float32)
    matrix.sort_indices()
    return matrix, vectorizer.get_feature_names_out()


def _row_ids(indptr: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))


def _top_per_row(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest values of each row; ties go to the smaller column."""
    order = np.lexsort((cols, -values, rows))
    sorted_rows = rows[order]
    starts = np.searchsorted(sorted_rows, sorted_rows, side="left")
    return order[np.arange(len(order)) - starts < k]


def _heaviest_terms(matrix: sparse.csr_matrix, k: int) -> sparse.csr_matrix:
    rows = _row_ids(matrix.indptr)
    keep = np.sort(_top_per_row(rows, matrix.indices, matrix.data, k))
    return sparse.csr_matrix(
        (matrix.data[keep], (rows[keep], matrix.indices[keep])), shape=matrix.shape, dtype=np.float32
    )


def _pair_dots(a: sparse.csr_matrix, rows_a: np.ndarray, b: sparse.csr_matrix, rows_b: np.ndarray) -> np.ndarray:
    """Dot products a[rows_a[i]] . b[rows_b[i]], in chunks of bounded size."""
    out = np.empty(len(rows_a), dtype=np.float64)
    width = np.diff(a.indptr)[rows_a] + np.diff(b.indptr)[rows_b]
    bounds = _chunk_bounds(width, _PAIR_ENTRIES)
    for start, stop in zip(bounds[:-1], bounds[1:]):
        left, right = a[rows_a[start:stop]], b[rows_b[start:stop]]
        out[start:stop] = np.asarray(left.multiply(right).sum(axis=1), dtype=np.float64).ravel()
    return out


def _chunk_bounds(cost: np.ndarray, budget: int) -> np.ndarray:
    """Split consecutive items into runs whose summed cost stays within budget."""
    if len(cost) == 0:
        return np.array([0], dtype=np.int64)
    cumulative = np.cumsum(cost, dtype=np.int64)
    bounds, start = [0], 0
    while start < len(cost):
        base = cumulative[start - 1] if start else 0
        # At least one item per chunk, even if it alone exceeds the budget.
        stop = max(int(np.searchsorted(cumulative, base + budget, side="right")), start + 1)
        bounds.append(stop)
        start = stop
    return np.asarray(bounds, dtype=np.int64)


def _neighbour_graph(
    vectors: sparse.csr_matrix,
    n_neighbors: int,
    threshold: float,
    first_day: np.ndarray,
    last_day: np.ndarray,
    window_days: int | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric k-nearest-neighbour edges (i < j) with cosine >= threshold.

    Rows without a date have ``first_day == -1``; dated rows are linked only when
    their date ranges come within ``window_days`` of each other.
    """
    n = vectors.shape[0]
    # Terms in very many articles would make each article a candidate of thousands
    # (the cost of the product grows with the square of a term's frequency); they
    # say little about which story an article tells, so candidates come from the others.
    frequency = np.bincount(vectors.indices, minlength=vectors.shape[1])
    telling = vectors.copy()
    telling.data[frequency[telling.indices] > _MAX_POSTINGS] = 0
    telling.eliminate_zeros()
    heavy = _heaviest_terms(telling, _CANDIDATE_TERMS)
    postings = heavy.T.tocsr()
    # Entries a row of heavy @ postings can produce: the summed posting lengths.
    binary = heavy.copy()
    binary.data[:] = 1
    cost = np.asarray(binary @ np.diff(postings.indptr).astype(np.float64)).ravel().astype(np.int64)
    bounds = _chunk_bounds(cost + 1, _CHUNK_ENTRIES)
    n_candidates = n_neighbors + _EXTRA_CANDIDATES

    def neighbours(chunk: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        start, stop = chunk
        approx = (heavy[start:stop] @ postings).tocsr()
        rows = _row_ids(approx.indptr) + start
        cols = approx.indices.astype(np.int64)
        keep = cols != rows
        if window_days is not None:
            dated = (first_day[rows] >= 0) & (first_day[cols] >= 0)
            gap = np.maximum(first_day[rows] - last_day[cols], first_day[cols] - last_day[rows])
            keep &= ~dated | (gap <= window_days)
        rows, cols, values = rows[keep], cols[keep], approx.data[keep]
        best = _top_per_row(rows, cols, values, n_candidates)
        rows, cols = rows[best], cols[best]
        exact = _pair_dots(vectors, rows, vectors, cols)
        close = exact >= threshold
        rows, cols, exact = rows[close], cols[close], exact[close]
        best = _top_per_row(rows, cols, exact, n_neighbors)
        return rows[best], cols[best]

    chunks = list(zip(bounds[:-1].tolist(), bounds[1:].tolist()))
    threads = _product_threads()
    if threads > 1 and len(chunks) > 1:
        # the chunks are independent, and scipy and numpy release the GIL for most of
        # their work (products, sorts): two chunks at a time, on two cores
        with ThreadPoolExecutor(max_workers=threads) as pool:
            found = list(pool.map(neighbours, chunks))
    else:
        found = [neighbours(chunk) for chunk in chunks]
    rows = np.concatenate([r for r, _ in found]) if found else np.empty(0, dtype=np.int64)
    cols = np.concatenate([c for _, c in found]) if found else np.empty(0, dtype=np.int64)
    keys = np.unique(np.minimum(rows, cols) * n + np.maximum(rows, cols))
    return keys // n, keys % n


def _cluster_sums(
    sums: sparse.csr_matrix, sizes: np.ndarray, labels: np.ndarray, clusters: np.ndarray
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Merge rows of ``sums`` (groups of ``sizes`` articles) by label.

    Returns the summed vectors and sizes of the given clusters, in their order.
    """
    slot = np.full(len(labels), -1, dtype=np.int64)
    slot[clusters] = np.arange(len(clusters))
    members = np.flatnonzero(slot[labels] >= 0)
    indicator = sparse.csr_matrix(
        (np.ones(len(members)), (slot[labels[members]], members)),
        shape=(len(clusters), len(labels)),
    )
    merged_sizes = np.bincount(slot[labels[members]], weights=sizes[members], minlength=len(clusters))
    return (indicator @ sums).tocsr(), merged_sizes


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """float32 rows scaled to unit length (rows of zeros stay zero)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sparse.csr_matrix(sparse.diags(scale) @ matrix, dtype=np.float32)


def _cluster(
    vectors: sparse.csr_matrix,
    days: np.ndarray,
    *,
    threshold: float,
    n_neighbors: int,
    window_days: int | None,
) -> np.ndarray:
    """A cluster label per article (the index of one of its members).

    The first stage links articles; each later stage links the clusters found so
    far through their summed vectors. Later stages matter when an article's nearest
    neighbours are all near-copies of it (wire copy reprinted by many outlets): the
    copies merge first, and the merged group then finds the rest of its story.
    """
    article_item = np.arange(vectors.shape[0], dtype=np.int64)
    sums, sizes = sparse.csr_matrix(vectors, dtype=np.float64), np.ones(vectors.shape[0])
    first_day, last_day = days, days
    while True:
        unit = _unit_rows(sums)
        rows, cols = _neighbour_graph(unit, n_neighbors, threshold, first_day, last_day, window_days)
        means = _pair_dots(sums, rows, sums, cols) / (sizes[rows] * sizes[cols])
        merged = _average_link(sums, sizes, rows, cols, means, threshold)
        clusters = np.unique(merged)
        if len(clusters) == len(merged):
            return article_item
        position = np.searchsorted(clusters, merged)
        article_item = position[article_item]
        sums, sizes = _cluster_sums(sums, sizes, merged, clusters)
        # A cluster's dates span its dated members; a cluster of undated ones stays undated.
        undated = np.iinfo(np.int64).max
        earliest = np.full(len(clusters), undated)
        np.minimum.at(earliest, position, np.where(first_day >= 0, first_day, undated))
        latest = np.full(len(clusters), -1, dtype=np.int64)
        np.maximum.at(latest, position, last_day)
        first_day, last_day = np.where(earliest == undated, -1, earliest), latest

def _average_link(
    sums: sparse.csr_matrix,
    sizes: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    means: np.ndarray,
    threshold: float,
) -> np.ndarray:
    """Average-link clusters of the graph over items, cut at ``threshold``.

    Items are groups of articles given by their summed vectors and sizes; ``means``
    are the mean similarities of the linked pairs. Returns a label per item (the
    index of one of its members).

    Reciprocal nearest-neighbour pairs of clusters are merged in rounds, which gives
    the same result as merging the best pair one at a time, because average link is
    reducible. The mean similarity of two clusters is exact over all their cross
    pairs: for unit vectors it is ``sum_a . sum_b / (|a| |b|)``. A pair below the
    threshold can never rise above it through later merges (the new mean is a
    weighted mean of old ones), so such pairs are dropped for good.
    """
    labels = np.arange(sums.shape[0], dtype=np.int64)
    keep = means >= threshold
    left, right, means = rows[keep], cols[keep], means[keep]
    while len(left):
        ends = np.concatenate([left, right])
        others = np.concatenate([right, left])
        scores = np.concatenate([means, means])
        first = _top_per_row(ends, others, scores, 1)
        partner = np.full(len(labels), -1, dtype=np.int64)
        partner[ends[first]] = others[first]
        mutual = (partner[left] == right) & (partner[right] == left)
        merged_into = np.arange(len(labels), dtype=np.int64)
        merged_into[right[mutual]] = left[mutual]
        labels = merged_into[labels]
        new_clusters = left[mutual]

        left, right = merged_into[left], merged_into[right]
        distinct = left != right
        left, right, means = left[distinct], right[distinct], means[distinct]
        touched = np.isin(left, new_clusters) | np.isin(right, new_clusters)
        stale_left, stale_right = left[touched], right[touched]
        pair_keys = np.unique(np.minimum(stale_left, stale_right) * len(labels) + np.maximum(stale_left, stale_right))
        stale_left, stale_right = pair_keys // len(labels), pair_keys % len(labels)
        involved = np.unique(np.concatenate([stale_left, stale_right]))
        merged_sums, merged_sizes = _cluster_sums(sums, sizes, labels, involved)
        at_left, at_right = np.searchsorted(involved, stale_left), np.searchsorted(involved, stale_right)
        fresh = _pair_dots(merged_sums, at_left, merged_sums, at_right) / (
            merged_sizes[at_left] * merged_sizes[at_right]
        )
        left = np.concatenate([left[~touched], stale_left])
        right = np.concatenate([right[~touched], stale_right])
        means = np.concatenate([means[~touched], fresh])
        keep = means >= threshold
        left, right, means = left[keep], right[keep], means[keep]
    return labels


def _event_labels(vectors: sparse.csr_matrix, labels: np.ndarray, terms: np.ndarray) -> np.ndarray:
    """The heaviest terms of each cluster's summed vector, indexed by cluster label."""
    out = np.full(len(labels), "", dtype=object)
    clusters = np.unique(labels)
    sums, _ = _cluster_sums(vectors, np.ones(len(labels)), labels, clusters)
    rows = _row_ids(sums.indptr)
    top = _top_per_row(rows, sums.indices, sums.data, _LABEL_TERMS)
    if len(top):
        names = pd.Series(terms[sums.indices[top]]).groupby(rows[top], sort=True).agg(", ".join)
        out[clusters[names.index.to_numpy()]] = names.to_numpy()
    return out
