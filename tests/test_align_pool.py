"""The pooled candidates of large events (align.POOLED_CLAIMS): exact pieces, bounded loss."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from coverage import Article, align
from coverage.segment import segment


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_pair_top_k_over_every_entry_chooses_what_segment_top_k_chooses(data):
    """Listed entries instead of a dense block: same (row, col, rank) choices, ties included."""
    lengths = data.draw(st.lists(st.integers(1, 6), min_size=1, max_size=10))
    rows = data.draw(st.integers(1, 10))
    levels = data.draw(st.integers(1, 10))  # few distinct values: many ties
    cells = st.one_of(st.integers(-levels, levels).map(lambda v: v / levels), st.just(-np.inf))
    values = np.array(data.draw(st.lists(cells, min_size=rows * sum(lengths), max_size=rows * sum(lengths))))
    values = values.reshape(rows, sum(lengths)).astype(data.draw(st.sampled_from([np.float64, np.float32])))
    starts = np.cumsum([0] + lengths[:-1])
    segment_of = np.repeat(np.arange(len(lengths)), lengths)
    top_k, limit = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 20))
    min_score = data.draw(st.sampled_from([0.05, 0.3, 0.0]))
    r, c, rank = align._segment_top_k(values, starts, top_k, min_score, limit)
    listed_rows, listed_cols = np.nonzero(values > -np.inf)  # a masked cell is no entry
    # in a scrambled order: the choice must not depend on it
    scramble = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1))).permutation(len(listed_rows))
    listed_rows, listed_cols = listed_rows[scramble], listed_cols[scramble]
    pr, pc, prank, at = align._pair_top_k(listed_rows, listed_cols, values[listed_rows, listed_cols], segment_of,
                                          top_k, min_score, limit)
    assert set(zip(pr.tolist(), pc.tolist(), prank.tolist())) == set(zip(r.tolist(), c.tolist(), rank.tolist()))
    np.testing.assert_array_equal(listed_rows[at], pr)
    np.testing.assert_array_equal(listed_cols[at], pc)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 5), max_size=12), min_size=1, max_size=12), st.integers(1, 6))
def test_row_floors_are_the_per_row_th_largest_values(rows, per_row):
    indptr = np.r_[0, np.cumsum([len(r) for r in rows])]
    values = np.array([v for r in rows for v in r], dtype=np.float32)
    expected = [sorted(r, reverse=True)[per_row - 1] if len(r) > per_row else -np.inf for r in rows]
    np.testing.assert_array_equal(align._row_floors(indptr, values, per_row), np.array(expected, dtype=np.float32))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_pair_dots_are_the_row_products(n_rows, n_cols, seed):
    rng = np.random.default_rng(seed)
    x = sparse.random(n_rows, n_cols, density=0.3, format="csr", dtype=np.float32, random_state=rng)
    left, right = rng.integers(0, n_rows, 50), rng.integers(0, n_rows, 50)
    expected = np.asarray(x[left].multiply(x[right]).sum(axis=1)).ravel()
    np.testing.assert_allclose(align._pair_dots(x, left, right), expected, rtol=1e-5, atol=1e-6)


def test_events_of_at_most_a_hundred_articles_are_scored_exactly(monkeypatch):
    """Below the thresholds the pooled path is never taken, however many claims."""
    assert not align._pooled(10 * align.POOLED_CLAIMS, align.POOLED_ARTICLES)
    assert not align._pooled(align.POOLED_CLAIMS, 10 * align.POOLED_ARTICLES)
    assert align._pooled(align.POOLED_CLAIMS + 1, align.POOLED_ARTICLES + 1)

    def refuse(*args, **kwargs):
        raise AssertionError("pooled candidates for a small event")

    monkeypatch.setattr(align, "_pooled_candidates", refuse)
    claims = _event_claims(n_articles=12, seed=1)
    assert len(align.candidate_pairs(claims).left) > 0


# A synthetic story: facts told with varying words, figures and names, each article telling
# some of them in its own order, a few words dropped or swapped for a synonym.
_FACTS = [
    "{n} people were killed when a {what} hit the {place} on {day}",
    "rescue teams pulled {n2} survivors from the {ruins} near {place}",
    "the {agency} said the {what} was caused by heavy rain",
    "{name} said the company had inspected the site in {month}",
    "officials in {place} closed the road to the airport after the {what}",
    "the government promised {n2} million dollars in aid to the families",
    "{name} told reporters that the warnings had been ignored for years",
    "schools across {place} stayed shut while crews cleared the debris",
    "the death toll rose to {n} after {n3} more bodies were found",
    "{agency} experts warned that more rain was expected on {day}",
    "the prime minister visited the {place} camp and met survivors",
    "local residents blamed illegal mining for weakening the hillside",
    "aid groups sent tents, water and food to the displaced families",
    "the army deployed {n2} soldiers to help with the search",
    "an investigation into the {what} was opened by prosecutors in {place}",
]
_SLOTS = {
    "what": ["landslide", "mudslide", "collapse"], "place": ["Riverton", "Halden", "the valley"],
    "day": ["Tuesday", "Monday", "Wednesday"], "ruins": ["mud", "rubble", "wreckage"],
    "agency": ["emergency agency", "disaster office", "weather service"], "name": ["Ines Varga", "Tom Reyes"],
    "month": ["March", "April"], "n": ["12", "15", "14"], "n2": ["30", "40", "25"], "n3": ["two", "three"],
}
_SYNONYMS = {"killed": "died", "survivors": "people", "said": "stated", "closed": "shut", "heavy": "torrential"}


def _event_claims(n_articles: int, seed: int):
    rng = random.Random(seed)
    claims = []
    for k in range(n_articles):
        sentences = []
        for fact in rng.sample(_FACTS, rng.randint(6, len(_FACTS))):
            words = fact.format(**{slot: rng.choice(options) for slot, options in _SLOTS.items()}).split()
            words = [_SYNONYMS.get(w, w) if rng.random() < 0.3 else w for w in words
                     if rng.random() > 0.1 or w[0].isupper()]
            sentences.append(" ".join(words).capitalize() + ".")
        claims.extend(segment(Article(text=" ".join(sentences), outlet=f"Outlet {k}", id=f"a{k:03d}")))
    return claims


@pytest.mark.parametrize("seed", [0, 1])
def test_pooled_candidates_keep_the_exact_candidates_that_align(monkeypatch, seed):
    """Forced onto a small event with small pools and cells, the pooled candidates keep
    nearly all the exact candidates, and nearly all those the model aligns; the features of
    the pairs both find are the exact ones."""
    claims = _event_claims(n_articles=40, seed=seed)
    exact = align.candidate_pairs(claims)
    monkeypatch.setattr(align, "POOLED_CLAIMS", 0)
    monkeypatch.setattr(align, "POOLED_ARTICLES", 0)
    monkeypatch.setattr(align, "_CELL_CLAIMS", 24)
    monkeypatch.setattr(align, "_CELL_PROBES", 4)
    monkeypatch.setattr(align, "_PRUNED_MAX_DF", 40)
    pooled = align.candidate_pairs(claims)
    exact_pairs = dict(zip(zip(exact.left.tolist(), exact.right.tolist()), range(len(exact.left))))
    pooled_pairs = dict(zip(zip(pooled.left.tolist(), pooled.right.tolist()), range(len(pooled.left))))
    common = exact_pairs.keys() & pooled_pairs.keys()
    assert len(common) >= 0.9 * len(exact_pairs)
    aligned = {pair for pair, k in exact_pairs.items() if align.decide(exact.features[k:k + 1])[0][0]}
    assert len(aligned) > 100
    assert len(aligned & pooled_pairs.keys()) >= 0.97 * len(aligned)
    both = sorted(common)
    cosines = [align.FEATURE_NAMES.index(name) for name in ("word_cosine", "char_cosine", "embed_cosine")]
    np.testing.assert_allclose(pooled.features[[pooled_pairs[p] for p in both]][:, cosines],
                               exact.features[[exact_pairs[p] for p in both]][:, cosines], atol=1e-5)


def test_semantic_pool_of_claims_without_known_words_is_empty():
    rows, cols = align._semantic_pool(np.zeros((5, 100)), np.array([0, 0, 1, 1, 2]))
    assert len(rows) == 0 and len(cols) == 0
