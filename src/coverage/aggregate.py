"""From claim pairs to facts and outlets: fact clusters, coverage, outlet tables, wire copies."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist
from scipy import sparse

from .types import FactStatus

__all__ = ["build_facts", "coverage_table", "outlet_tables", "wire_copies", "omissions"]


class _UnionFind:
    def __init__(self, items):
        self.parent = {item: item for item in items}

    def find(self, item):
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


# rapidfuzz ratio from which two claims are taken for the same wire text.
NEAR_IDENTICAL = 0.9


def wire_copies(claims: pd.DataFrame, candidate_scores: pd.DataFrame, *, min_shared: int = 2,
                min_share: float = 0.25, near_identical: float = NEAR_IDENTICAL) -> pd.DataFrame:
    """Article pairs that carry the same wire text.

    Two articles are copies when at least ``min_shared`` of their claims are near
    identical (rapidfuzz ``ratio`` of the raw texts >= ``near_identical``, checked on the
    candidates whose character TF-IDF cosine is already high) and these make up at least
    ``min_share`` of the shorter article's claims.
    """
    if candidate_scores.empty:
        return pd.DataFrame(columns=WIRE_COPY_COLUMNS)
    close = (candidate_scores["char_cosine"] >= near_identical - 0.1).to_numpy()
    claim_index = pd.Index(claims["claim_id"])
    rows_a = claim_index.get_indexer(candidate_scores["claim_a"].to_numpy()[close])
    rows_b = claim_index.get_indexer(candidate_scores["claim_b"].to_numpy()[close])
    return _wire_copies(claims, rows_a, rows_b, min_shared=min_shared, min_share=min_share,
                        near_identical=near_identical)


WIRE_COPY_COLUMNS = ["article_a", "article_b", "outlet_a", "outlet_b", "shared_claims", "share"]


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct integers of ``values``, sorted (a sort is quicker than hashing here)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def _wire_copies(claims: pd.DataFrame, rows_a: np.ndarray, rows_b: np.ndarray, *, min_shared: int = 2,
                 min_share: float = 0.25, near_identical: float = NEAR_IDENTICAL) -> pd.DataFrame:
    """:func:`wire_copies`, given the claim rows of the candidates whose character cosine
    is already high (compare() has them as positions)."""
    # (tolist() first: iterating text columns element by element is slow)
    text = claims["text"].tolist()
    ratio = cpdist([text[i] for i in rows_a.tolist()], [text[j] for j in rows_b.tolist()],
                   scorer=fuzz.ratio, workers=1) / 100.0 if len(rows_a) else np.zeros(0)
    identical = ratio >= near_identical
    rows_a, rows_b = rows_a[identical], rows_b[identical]
    article_code, article_ids = pd.factorize(claims["article_id"])
    article_ids = article_ids.tolist()
    n_articles, n_claims = len(article_ids), len(text)
    # near-identical claims per article pair: the distinct claims on either side
    pair = article_code[rows_a].astype(np.int64) * n_articles + article_code[rows_b]
    pairs = _distinct(pair)
    shared = np.minimum(*(np.bincount(np.searchsorted(pairs, _distinct(pair * n_claims + rows) // n_claims),
                                      minlength=len(pairs))
                          for rows in (rows_a, rows_b)))
    counts = np.bincount(article_code, minlength=n_articles).tolist()  # claims per article
    first = np.unique(article_code, return_index=True)[1]  # the first claim of each article
    outlet = claims["outlet"].to_numpy()[first].tolist()
    found = []
    for code, count in zip(pairs.tolist(), shared.tolist()):
        a, b = divmod(code, n_articles)
        share = count / min(counts[a], counts[b])
        if count >= min_shared and share >= min_share:
            found.append((article_ids[a], article_ids[b], outlet[a], outlet[b], int(count), float(share)))
    return pd.DataFrame(sorted(found), columns=WIRE_COPY_COLUMNS)


def build_facts(claims: pd.DataFrame, relations: pd.DataFrame, copies: pd.DataFrame) -> pd.DataFrame:
    """Cluster claims into facts from the ``agree`` relations.

    Relations are merged from the most to the least confident, and two clusters are
    only merged when they hold no claims of the same article (an article states a
    fact once, so this keeps loosely linked chains from swallowing the whole story)
    and no two claims that contradict each other.

    A fact is ``disputed`` when one of its claims is contradicted, ``consensus`` when
    at least two independent outlets report it (articles that share wire text count
    as one source), and ``single-source`` otherwise.
    """
    ids = claims["claim_id"].tolist()
    n = len(ids)
    article_ids = claims["article_id"].tolist()
    article_codes, _ = pd.factorize(claims["article_id"])
    is_agree = (relations["relation"] == "agree").to_numpy(dtype=bool)
    claim_index = pd.Index(ids)
    pos_a, pos_b = claim_index.get_indexer(relations["claim_a"]), claim_index.get_indexer(relations["claim_b"])
    if (pos_a < 0).any() or (pos_b < 0).any():
        unknown = np.concatenate([relations["claim_a"].to_numpy()[pos_a < 0],
                                  relations["claim_b"].to_numpy()[pos_b < 0]])
        raise KeyError(unknown[0])
    # Claims are numbered by their row; a cluster is a union-find tree of rows, its root
    # holding the cluster's articles (a bit mask of article codes), its size and its
    # conflicted members.
    parent = list(range(n))

    def find(item: int) -> int:
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    cluster_articles = [1 << code for code in article_codes.tolist()]
    conflicts: dict[int, set[int]] = defaultdict(set)
    for a, b in zip(pos_a[~is_agree].tolist(), pos_b[~is_agree].tolist()):
        conflicts[a].add(b)
        conflicts[b].add(a)
    # the cluster's size, and those of its claims that contradict some claim (few are)
    size = [1] * n
    conflicted: list[list[int]] = [[row] if row in conflicts else [] for row in range(n)]
    order = np.argsort(-relations["score"].to_numpy(dtype=np.float64), kind="stable")
    order = order[is_agree[order]]
    for a, b in zip(pos_a[order].tolist(), pos_b[order].tolist()):
        ra, rb = find(a), find(b)
        if ra == rb or cluster_articles[ra] & cluster_articles[rb]:
            continue
        small, large = (ra, rb) if size[ra] <= size[rb] else (rb, ra)
        if conflicted[small] and conflicted[large] and any(
                find(other) == large for row in conflicted[small] for other in conflicts[row]):
            continue  # a fact never holds two claims that contradict each other
        parent[small] = large
        cluster_articles[large] |= cluster_articles[small]
        size[large] += size[small]
        conflicted[large] += conflicted[small]
    copy_uf = _UnionFind(list(dict.fromkeys(article_ids)))
    for a, b in zip(copies["article_a"], copies["article_b"]):
        copy_uf.union(a, b)
    # facts are numbered by their first claim
    roots = np.fromiter((find(row) for row in range(n)), dtype=np.int64, count=n)
    _, first, inverse = np.unique(roots, return_index=True, return_inverse=True)
    number = np.empty(len(first), dtype=np.int64)
    number[np.argsort(first, kind="stable")] = np.arange(len(first))
    fact_of = number[inverse.reshape(-1)]  # fact number (from 0) of each claim row
    fact_ids = [f"f{k}" for k in range(1, len(first) + 1)]
    # each fact's claim rows in row order: the slice bounds[k]:bounds[k + 1] of by_fact
    by_fact = np.argsort(fact_of, kind="stable").tolist()
    bounds = np.concatenate(([0], np.cumsum(np.bincount(fact_of, minlength=len(first))))).tolist()
    sorted_ids = [ids[p] for p in by_fact]
    sorted_articles = [article_ids[p] for p in by_fact]
    outlet_of, texts = claims["outlet"].tolist(), claims["text"].tolist()
    sorted_outlets = [outlet_of[p] for p in by_fact]
    source = {article: copy_uf.find(article) for article in copy_uf.parent}
    rows = []
    for k, fact_id in enumerate(fact_ids):
        start, end = bounds[k], bounds[k + 1]
        outlets = list(dict.fromkeys(sorted_outlets[start:end]))
        article_list = list(dict.fromkeys(sorted_articles[start:end]))
        independent = len({source[article] for article in article_list})
        rows.append((fact_id, texts[by_fact[start]], sorted_ids[start:end], article_list, outlets,
                     len(outlets), min(independent, len(outlets))))
    facts = pd.DataFrame(rows, columns=["fact_id", "text", "claim_ids", "article_ids", "outlets",
                                        "n_outlets", "n_independent"])
    # each unordered pair of conflicting facts, both ways round, ordered by fact number
    fa, fb = fact_of[pos_a[~is_agree]], fact_of[pos_b[~is_agree]]
    split = fa != fb
    disputes = np.unique(np.concatenate([np.stack([fa[split], fb[split]], axis=1),
                                         np.stack([fb[split], fa[split]], axis=1)]), axis=0)
    contradicted_by: list[list[str]] = [[] for _ in fact_ids]
    for f, other in disputes.tolist():
        contradicted_by[f].append(fact_ids[other])
    facts["contradicted_by"] = contradicted_by
    facts["status"] = [
        FactStatus.DISPUTED.value if others else
        FactStatus.CONSENSUS.value if n >= 2 else FactStatus.SINGLE_SOURCE.value
        for others, n in zip(contradicted_by, facts["n_independent"].tolist())
    ]
    # the fact id of each claim row, for compare() to add to the claims table
    facts.attrs["fact_of"] = [fact_ids[k] for k in fact_of.tolist()]
    return facts


# The cells of the coverage table, by code: coverage_codes() gives outlet x fact codes into this.
COVERAGE_LABELS = ("omitted", "reported", "contradicted")
OMITTED, REPORTED, CONTRADICTED = 0, 1, 2


def _fact_outlets(facts: pd.DataFrame, outlets: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (fact row, outlet position) pairs of the facts' outlet lists, fact by fact, and
    where each fact's pairs start (one more entry than facts)."""
    fact_outlets = facts["outlets"].tolist()
    lengths = np.fromiter(map(len, fact_outlets), dtype=np.int64, count=len(fact_outlets))
    flat = [outlet for names in fact_outlets for outlet in names]
    columns = pd.Index(outlets).get_indexer(flat) if flat else np.zeros(0, dtype=np.int64)
    if (columns < 0).any():
        raise KeyError(flat[int(np.flatnonzero(columns < 0)[0])])
    rows = np.repeat(np.arange(len(fact_outlets)), lengths)
    starts = np.zeros(len(fact_outlets) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    return rows, columns, starts


def _dispute_pairs(facts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(fact row, row of a fact it is contradicted by), for every entry of ``contradicted_by``."""
    others = facts["contradicted_by"].tolist()
    lengths = np.fromiter(map(len, others), dtype=np.int64, count=len(others))
    flat = [other for ids in others for other in ids]
    rows = pd.Index(facts["fact_id"]).get_indexer(flat) if flat else np.zeros(0, dtype=np.int64)
    if (rows < 0).any():
        raise KeyError(flat[int(np.flatnonzero(rows < 0)[0])])
    return np.repeat(np.arange(len(others)), lengths), rows


def coverage_codes(facts: pd.DataFrame, outlets: list[str]) -> np.ndarray:
    """Outlet x fact int8 codes of :func:`coverage_table`: OMITTED, REPORTED or CONTRADICTED
    (indices into COVERAGE_LABELS)."""
    rows, columns, starts = _fact_outlets(facts, outlets)
    codes = np.full((len(outlets), len(facts)), OMITTED, dtype=np.int8)
    # contradicted first, so that "reported" overwrites it: an outlet reporting the fact itself
    # does not contradict it
    fact, other = _dispute_pairs(facts)
    if len(fact):
        # every outlet of every fact that contradicts fact j: the pairs starts[other] ... starts[other + 1]
        count = starts[other + 1] - starts[other]
        offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        codes[columns[np.repeat(starts[other], count) + offset], np.repeat(fact, count)] = CONTRADICTED
    codes[columns, rows] = REPORTED
    return codes


def coverage_table(facts: pd.DataFrame, outlets: list[str], *, codes: np.ndarray | None = None) -> pd.DataFrame:
    """Outlet x fact: "reported", "contradicted" (the outlet reports a conflicting fact) or "omitted".

    ``codes`` are those of :func:`coverage_codes` when the caller has them already.
    """
    if codes is None:
        codes = coverage_codes(facts, outlets)
    index = pd.Index(outlets, name="outlet")
    columns = pd.Index(facts["fact_id"].tolist(), name="fact_id")
    labels = np.array(COVERAGE_LABELS, dtype=object)
    dtype = pd.Series(list(COVERAGE_LABELS)).dtype  # what pandas infers for text: object, or str
    if dtype == object or not len(outlets) or not len(columns):
        return pd.DataFrame(labels[codes], index=index, columns=columns)
    # One extension array per fact: slicing a single long array of labels (one per cell, fact
    # by fact) is several times faster than letting pandas convert a 2-D object array column
    # by column (hundreds of facts). The slices are the table's own (copy=False): copying
    # each again costs a third of the time of building the table.
    cells = pd.array(labels, dtype=dtype).take(codes.T.ravel())
    n = len(outlets)
    return pd.DataFrame({fact_id: cells[j * n:(j + 1) * n] for j, fact_id in enumerate(columns)},
                        index=index, columns=columns, copy=False)


def omissions(facts: pd.DataFrame, coverage: pd.DataFrame, *, omitted: np.ndarray | None = None) -> pd.DataFrame:
    """One row per (outlet, fact) the outlet leaves out although another outlet reports it.

    ``omitted`` is the boolean mask of the "omitted" cells of ``coverage`` when the caller
    has it (reading it back from the table's hundreds of text columns is slow).
    """
    columns = ["outlet", "fact_id", "status", "n_outlets_reporting", "text"]
    if omitted is None:
        omitted = coverage.to_numpy() == "omitted"
    rows, cols = np.nonzero(omitted)  # row-major: outlet by outlet
    position = pd.Index(facts["fact_id"]).get_indexer(coverage.columns)[cols]

    def take(values, positions):
        # take() on the tables' own arrays keeps their (text) dtype without converting tens
        # of thousands of strings one by one; no rows stay object, as pandas infers for them
        return values.array.take(positions) if len(positions) else values.to_numpy()[positions]

    return pd.DataFrame({
        "outlet": take(coverage.index, rows),
        "fact_id": take(coverage.columns, cols),
        "status": take(facts["status"], position),
        "n_outlets_reporting": facts["n_outlets"].to_numpy()[position],
        "text": take(facts["text"], position),
    }, columns=columns)


def outlet_tables(relations: pd.DataFrame, facts: pd.DataFrame, outlets: list[str]):
    """Outlet x outlet agreement and contradiction rates, and the shared facts behind them.

    For two outlets, the shared facts are the facts both report plus the pairs of
    conflicting facts one reports and the other contradicts. Agreement is the share of
    shared facts on which they agree, contradiction the share on which they conflict;
    NaN where they share none.
    """
    # fact x outlet incidence: agreement counts are its co-occurrences (sparse: a fact has
    # few outlets, and a dense product would wake up the BLAS threads for a few counts)
    rows, columns, _ = _fact_outlets(facts, outlets)
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(facts), len(outlets)))
    agree = (incidence.T @ incidence).toarray()
    fact, other = _dispute_pairs(facts)
    # each unordered pair of conflicting facts once
    disputes = np.unique(np.stack([np.minimum(fact, other), np.maximum(fact, other)], axis=1), axis=0)
    if len(disputes):
        first, second = disputes[:, 0], disputes[:, 1]
        contra = (incidence[first].T @ incidence[second]).toarray()
        contra = contra + contra.T
    else:
        contra = np.zeros_like(agree)
    np.fill_diagonal(agree, 0.0)
    np.fill_diagonal(contra, 0.0)
    shared = agree + contra
    with np.errstate(invalid="ignore", divide="ignore"):
        agreement = np.where(shared > 0, agree / shared, np.nan)
        contradiction = np.where(shared > 0, contra / shared, np.nan)
    np.fill_diagonal(shared, np.nan)
    index = pd.Index(outlets, name="outlet")
    columns = pd.Index(outlets, name="other")
    return (pd.DataFrame(agreement, index=index, columns=columns),
            pd.DataFrame(contradiction, index=index, columns=columns),
            pd.DataFrame(shared, index=index, columns=columns))
