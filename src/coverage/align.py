"""Candidate generation and matching of claims across articles.

Candidates come from sparse TF-IDF products (word and character n-grams): for every
claim, its ``top_k`` nearest claims in each other article. Each candidate pair is then
described by a few similarity features (TF-IDF cosines, rapidfuzz scores, shared names
and numbers, and the shipped same-claim model where available) and kept when the
combined score passes ``threshold``. Claims of the same article are never aligned.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from .similarity import normalize_for_matching, row_cosine
from .types import Claim

__all__ = ["AlignmentModel", "Candidates", "FEATURE_NAMES", "add_same_claim", "candidate_pairs", "decide",
           "default_model", "pair_features"]

# Largest own-claims x all-claims block scored at once (see _top_k_blocks).
_FULL_BLOCK_CELLS = 20_000_000
# Pseudo-count of claims that shrinks the event-mean centring of sentence vectors.
CENTRING_PRIOR = 20
# Candidates proposed by the sentence embeddings, besides the lexical ones.
SEMANTIC_TOP_K = 2
SEMANTIC_MIN_SCORE = 0.3

FEATURE_NAMES = (
    "word_cosine", "char_cosine", "token_set", "partial", "shared_names", "shared_numbers",
    "length_ratio", "rank_a", "rank_b", "same_count_noun", "shared_time", "embed_cosine",
    "same_claim",
)


@dataclass(frozen=True)
class Candidates:
    """Candidate claim pairs (indices into the claim list) with their features."""

    left: np.ndarray
    right: np.ndarray
    features: np.ndarray


def _vectors(claims: list[Claim]):
    # scikit-learn is imported here, not at module level, to keep `import coverage` light.
    from sklearn.feature_extraction.text import TfidfVectorizer

    normalized = [normalize_for_matching(c.text) or "_" for c in claims]
    word = TfidfVectorizer(analyzer=str.split, ngram_range=(1, 1), sublinear_tf=True, dtype=np.float32)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32,
                           lowercase=True)
    word_x = word.fit_transform(normalized)
    char_x = char.fit_transform(normalized)
    return normalized, word_x.tocsr(), char_x.tocsr()


def _top_k_blocks(claims: list[Claim], score_block, top_k: int, min_score: float):
    """For each article, score its claims against every other article's claims (never its
    own) with ``score_block(own, others) -> sparse or dense matrix`` and keep, per claim
    and other article, the ``top_k`` best as (row, col, rank) arrays."""
    articles = np.array([c.article_id for c in claims])
    order = np.argsort(articles, kind="stable")
    sorted_articles = articles[order]
    bounds = np.flatnonzero(np.r_[True, sorted_articles[1:] != sorted_articles[:-1], True])
    rows_out, cols_out, ranks_out = [], [], []
    everyone = np.arange(len(claims))
    for start, end in zip(bounds[:-1], bounds[1:]):
        own = order[start:end]
        if len(own) == len(claims):
            continue
        # Scoring against all claims and dropping the article's own columns afterwards
        # avoids copying the other articles' rows for every article; a very long
        # article is scored against the others only, so its own block is never built.
        whole = len(own) * len(claims) <= _FULL_BLOCK_CELLS
        others = everyone if whole else np.concatenate([order[:start], order[end:]])
        block = score_block(own, others)
        if sp.issparse(block):
            block = block.tocoo()
            b_row, b_col, b_val = block.row, block.col, block.data
        else:
            b_row, b_col = np.nonzero(block >= min_score)
            b_val = block[b_row, b_col]
        keep = b_val >= min_score
        r, c, v = own[b_row[keep]], others[b_col[keep]], b_val[keep]
        if whole:
            foreign = articles[c] != articles[own[0]]
            r, c, v = r[foreign], c[foreign], v[foreign]
        if len(r) == 0:
            continue
        group_article = articles[c]
        idx = np.lexsort((-v, group_article, r))
        r, c, group_article = r[idx], c[idx], group_article[idx]
        new_group = np.r_[True, (r[1:] != r[:-1]) | (group_article[1:] != group_article[:-1])]
        group_start = np.flatnonzero(new_group)
        rank = np.arange(len(r)) - group_start[np.cumsum(new_group) - 1]
        chosen = rank < top_k
        rows_out.append(r[chosen])
        cols_out.append(c[chosen])
        ranks_out.append(rank[chosen])
    if not rows_out:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(rows_out), np.concatenate(cols_out), np.concatenate(ranks_out)


def candidate_pairs(claims: list[Claim], *, top_k: int = 3, min_score: float = 0.05,
                    features: tuple[str, ...] | None = None) -> Candidates:
    """Candidate pairs of claims from different articles, with their features.

    For every claim and every other article, the ``top_k`` claims of that article with
    the highest mean of word and character TF-IDF cosine (at least ``min_score``) are
    candidates; a pair is kept once whichever side proposed it. ``features`` names the
    features to compute (all by default). Claims are only ever
    scored against other articles' claims, so memory grows with the cross-article
    products, not with the square of the largest article.
    """
    empty = Candidates(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, len(FEATURE_NAMES))))
    if len(claims) < 2:
        return empty
    normalized, word_x, char_x = _vectors(claims)
    embedded = _centred_sentence_vectors(claims)
    lexical = _top_k_blocks(
        claims, lambda own, others: (word_x[own] @ word_x[others].T + char_x[own] @ char_x[others].T) * 0.5,
        top_k, min_score)
    semantic = _top_k_blocks(
        claims, lambda own, others: embedded[own] @ embedded[others].T, SEMANTIC_TOP_K, SEMANTIC_MIN_SCORE)
    rows, cols = np.concatenate([lexical[0], semantic[0]]), np.concatenate([lexical[1], semantic[1]])
    # a pair proposed only by the semantic side gets the worst lexical rank
    ranks = np.concatenate([lexical[2], np.full(len(semantic[0]), top_k)])
    if len(rows) == 0:
        return empty
    n = len(claims)
    left, right = np.minimum(rows, cols), np.maximum(rows, cols)
    key = left * n + right
    # rank of the pair as proposed from each side (top_k when that side did not propose it)
    from_left = np.where(rows == left, ranks, top_k)
    from_right = np.where(rows == right, ranks, top_k)
    unique_keys, inverse = np.unique(key, return_inverse=True)
    rank_left = np.full(len(unique_keys), top_k, dtype=np.int64)
    rank_right = np.full(len(unique_keys), top_k, dtype=np.int64)
    np.minimum.at(rank_left, inverse, from_left)
    np.minimum.at(rank_right, inverse, from_right)
    left, right = unique_keys // n, unique_keys % n
    matrix = pair_features(claims, left, right, normalized=normalized, word_x=word_x, char_x=char_x,
                           embedded=embedded, names=features)
    matrix[:, FEATURE_NAMES.index("rank_a")] = np.minimum(rank_left, rank_right)
    matrix[:, FEATURE_NAMES.index("rank_b")] = np.maximum(rank_left, rank_right)
    return Candidates(left.astype(np.int64), right.astype(np.int64), matrix)


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
            sets = [extract(c) for c in claims]
            values = [len(sets[i] & sets[j]) for i, j in zip(left, right)]
            out[:, column(name)] = values if name in ("shared_names", "shared_numbers") else np.minimum(values, 1)
    if "length_ratio" in wanted:
        lengths = np.array([len(t.split()) for t in normalized], dtype=np.float64) + 1
        out[:, column("length_ratio")] = (np.minimum(lengths[left], lengths[right])
                                          / np.maximum(lengths[left], lengths[right]))
    return out


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
