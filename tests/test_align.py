import json

import numpy as np

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import Article
from coverage.align import FEATURE_NAMES, AlignmentModel, candidate_pairs, decide, default_model
from coverage.errors import ModelError
from coverage.segment import segment

SENTENCES = [
    "Three drones attacked the residence of the prime minister.",
    "The prime minister escaped unhurt.",
    "Six guards were wounded in the attack.",
    "Militia leaders denied any role in the attack.",
    "The election result angered the factions.",
    "Police closed the road to the airport.",
]


def claims_for(texts):
    claims = []
    for n, text in enumerate(texts):
        claims.extend(segment(Article(text=text, outlet=f"o{n}", id=f"a{n}")))
    return claims


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), min_size=2, max_size=4))
def test_candidates_never_pair_claims_of_one_article(article_sentences):
    claims = claims_for([" ".join(s) for s in article_sentences])
    cand = candidate_pairs(claims)
    for i, j in zip(cand.left, cand.right):
        assert claims[i].article_id != claims[j].article_id
        assert i < j
    keep, prob = decide(cand.features)
    assert ((0 <= prob) & (prob <= 1)).all()
    assert len(set(zip(cand.left.tolist(), cand.right.tolist()))) == len(cand.left)


def test_identical_sentences_are_aligned():
    claims = claims_for([SENTENCES[0] + " " + SENTENCES[4], SENTENCES[0] + " " + SENTENCES[5]])
    cand = candidate_pairs(claims)
    keep, prob = decide(cand.features)
    aligned = {(claims[i].text, claims[j].text) for i, j in zip(cand.left[keep], cand.right[keep])}
    assert (SENTENCES[0], SENTENCES[0]) in aligned
    assert (SENTENCES[4], SENTENCES[5]) not in aligned


def test_only_requested_features_are_computed():
    claims = claims_for(SENTENCES[:3] + SENTENCES[:2])
    cand = candidate_pairs(claims, features=("word_cosine",))
    assert (cand.features[:, FEATURE_NAMES.index("token_set")] == 0).all()
    assert (cand.features[:, FEATURE_NAMES.index("word_cosine")] > 0).any()


def test_shipped_model_round_trips_as_json():
    model = default_model()
    again = AlignmentModel.from_json(model.to_json())
    assert again == model
    assert set(model.feature_names) <= set(FEATURE_NAMES)


@pytest.mark.parametrize("bad", ["{}", "not json", json.dumps({"feature_names": ["nope"], "coef": [1],
                                                                "intercept": 0, "mean": [0], "scale": [1],
                                                                "threshold": 0.5})])
def test_malformed_model_is_a_model_error(bad):
    with pytest.raises(ModelError):
        AlignmentModel.from_json(bad)


def test_single_article_has_no_candidates():
    claims = claims_for([" ".join(SENTENCES)])
    assert len(candidate_pairs(claims).left) == 0
    assert len(candidate_pairs([]).left) == 0


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_segment_top_k_matches_a_plain_loop(data):
    import numpy as np

    from coverage.align import _segment_top_k

    lengths = data.draw(st.lists(st.integers(1, 5), min_size=1, max_size=5))
    rows = data.draw(st.integers(1, 4))
    top_k, limit = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 8))
    # distinct values, so that the expected top entries are unambiguous
    values = np.array(data.draw(st.permutations(range(rows * sum(lengths)))), dtype=float)
    values = values.reshape(rows, sum(lengths)) / values.size
    starts = np.cumsum([0] + lengths[:-1])
    r, c, rank = _segment_top_k(values, starts, top_k, 0.1, limit)
    expected = set()
    for row in range(rows):
        picks = []
        for start, length in zip(starts, lengths):
            segment = [(values[row, col], col) for col in range(start, start + length) if values[row, col] >= 0.1]
            for k, (value, col) in enumerate(sorted(segment, reverse=True)[:top_k]):
                picks.append((value, col, k))
        expected |= {(row, col, k) for value, col, k in sorted(picks, reverse=True)[:limit]}
    assert set(zip(r.tolist(), c.tolist(), rank.tolist())) == expected


def test_segment_top_k_with_a_held_mask_is_that_without():
    """One _Scratch's mask serves blocks of several shapes (smaller after larger) and both
    the bounded and the unbounded selection."""
    from coverage.align import _Scratch, _segment_top_k

    rng = np.random.default_rng(11)
    scratch = _Scratch()
    for rows, cols, limit in [(30, 40, 5), (7, 12, 40), (12, 25, 3), (40, 9, 2)]:
        values = np.round(rng.random((rows, cols)), 2).astype(np.float32)  # ties too
        values[rng.random((rows, cols)) < 0.1] = -np.inf
        starts = np.flatnonzero(np.r_[True, rng.random(cols - 1) < 0.3])
        for got, expected in zip(_segment_top_k(values, starts, 2, 0.2, limit, scratch),
                                 _segment_top_k(values, starts, 2, 0.2, limit)):
            np.testing.assert_array_equal(got, expected)


def test_candidates_per_claim_are_capped_in_large_events():
    from coverage.align import LEXICAL_LIMIT, SEMANTIC_LIMIT

    claims = claims_for([" ".join(SENTENCES)] * 40)
    cand = candidate_pairs(claims, features=("word_cosine",))
    per_claim = np.bincount(np.r_[cand.left, cand.right], minlength=len(claims))
    # each claim proposes at most the limits; it may also be proposed by others
    assert per_claim.max() <= 2 * (LEXICAL_LIMIT + SEMANTIC_LIMIT)
    assert per_claim.min() >= 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcé1 ", max_size=9), max_size=6).map(" ".join))
def test_char_ngrams_match_scikit_learns_char_wb(text):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from coverage.align import _char_ngrams

    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    assert _char_ngrams(text) == reference(text)


def _segment_top_k_by_rounds(values, starts, top_k, min_score, limit):
    """The straightforward _segment_top_k: top_k rounds of segment-wise maxima over the
    whole block, then a three-key sort for the per-row limit."""
    work = np.where(values >= min_score, values, -np.inf)
    lengths = np.diff(np.r_[starts, values.shape[1]])
    rows_out, cols_out, ranks_out = [], [], []
    for rank in range(top_k):
        best = np.maximum.reduceat(work, starts, axis=1)
        hit = (work == np.repeat(best, lengths, axis=1)) & (work > -np.inf)
        r, c = np.nonzero(hit)
        if len(r) == 0:
            break
        rows_out.append(r)
        cols_out.append(c)
        ranks_out.append(np.full(len(r), rank, dtype=np.int64))
        work[r, c] = -np.inf
    if not rows_out:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    rows, cols, ranks = np.concatenate(rows_out), np.concatenate(cols_out), np.concatenate(ranks_out)
    if len(rows) > limit:
        order = np.lexsort((cols, -values[rows, cols], rows))
        rows, cols, ranks = rows[order], cols[order], ranks[order]
        new_row = np.r_[True, rows[1:] != rows[:-1]]
        place = np.arange(len(rows)) - np.flatnonzero(new_row)[np.cumsum(new_row) - 1]
        within = place < limit
        rows, cols, ranks = rows[within], cols[within], ranks[within]
    return rows, cols, ranks


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_segment_top_k_matches_the_rounds_over_the_whole_block(data):
    """Same entries in the same order, ties (shared ranks, equal values at the limit),
    masked (-inf) entries and float32 blocks included."""
    from coverage.align import _segment_top_k

    lengths = data.draw(st.lists(st.integers(1, 8), min_size=1, max_size=12))
    rows = data.draw(st.integers(1, 12))
    levels = data.draw(st.integers(1, 12))  # few distinct values: many ties
    cells = st.one_of(st.integers(-levels, levels).map(lambda v: v / levels), st.just(-np.inf))
    values = np.array(data.draw(st.lists(cells, min_size=rows * sum(lengths), max_size=rows * sum(lengths))))
    values = values.reshape(rows, sum(lengths)).astype(data.draw(st.sampled_from([np.float64, np.float32])))
    starts = np.cumsum([0] + lengths[:-1])
    top_k, limit = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 20))
    min_score = data.draw(st.sampled_from([0.05, 0.3, 0.0, -np.inf]))
    got = _segment_top_k(values, starts, top_k, min_score, limit)
    expected = _segment_top_k_by_rounds(values, starts, top_k, min_score, limit)
    for a, b in zip(got, expected):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["fire", "fir", "plant", "14", "0.5", "ſix", "a", "_", "é", "blaze",
                                          "firefighters", "x" * 9]), max_size=8).map(" ".join),
                min_size=2, max_size=12))
def test_vectors_are_scikit_learns_tfidf_bit_for_bit(texts):
    """Values, and the order of each row's entries (it fixes the summation order of the
    cosine products), as TfidfVectorizer makes them."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from coverage import align
    from coverage.types import Claim

    claims = [Claim(claim_id=f"c{k}", article_id="a", outlet="o", start=0, end=len(t), text=t)
              for k, t in enumerate(texts)]
    normalized, word_x, char_x = align._vectors(claims)
    assert normalized == [align.normalize_for_matching(t) or "_" for t in texts]
    for got, analyzer in ((word_x, str.split), (char_x, align._char_ngrams)):
        expected = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32).fit_transform(normalized)
        assert got.shape == expected.shape and got.dtype == expected.dtype
        for part in ("data", "indices", "indptr"):
            np.testing.assert_array_equal(getattr(got, part), getattr(expected, part))
            assert getattr(got, part).dtype == getattr(expected, part).dtype


def test_segment_top_k_does_not_count_masked_segments_towards_the_limit():
    """With min_score -inf, masked (-inf) segments hold no entry: five entries and a limit
    of five cut nothing, so they come in rank order, as the rounds give them."""
    from coverage.align import _segment_top_k

    values = np.array([[-np.inf, 0.0, 0.5, 0.1, 0.9, 0.5]], dtype=np.float32)
    starts = np.arange(6)
    got = _segment_top_k(values, starts, 2, -np.inf, 5)
    expected = _segment_top_k_by_rounds(values, starts, 2, -np.inf, 5)
    for a, b in zip(got, expected):
        np.testing.assert_array_equal(a, b)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sets(st.one_of(st.sampled_from(["fire", "kyiv", "2"]), st.tuples(st.sampled_from([2, 2.0, 0.5]),
                                                                                      st.sampled_from(["", "m"])))),
                min_size=1, max_size=8), st.data())
def test_shared_counts_are_the_sizes_of_the_intersections(sets, data):
    from coverage.align import _shared_counts

    pairs = data.draw(st.lists(st.tuples(st.integers(0, len(sets) - 1), st.integers(0, len(sets) - 1)), max_size=20))
    left = np.array([i for i, _ in pairs], dtype=np.int64)
    right = np.array([j for _, j in pairs], dtype=np.int64)
    expected = [len(sets[i] & sets[j]) for i, j in pairs]
    np.testing.assert_array_equal(_shared_counts(sets, left, right), np.array(expected, dtype=np.float64))


def test_cosines_kept_whole_are_those_of_the_blocks(example_pack, monkeypatch):
    """The symmetric products (each pair computed once, mirrored) give bit for bit the
    candidates and features of products computed block by block from both sides."""
    from coverage import align
    from coverage.pipeline import coerce_articles

    claims = []
    for article in coerce_articles(example_pack["articles"], func="compare", min_articles=2):
        claims.extend(segment(article))
    monkeypatch.setattr(align, "_STRIP_ROWS", 7)  # many strips, diagonal blocks cut anywhere
    # several blocks of 13 rows (the same in both runs: BLAS may round the embedding
    # products differently for other block shapes)
    monkeypatch.setattr(align, "_BLOCK_CELLS", 13 * len(claims))
    whole = candidate_pairs(claims)
    monkeypatch.setattr(align, "_SYMMETRIC_CELLS", 0)
    blocks = candidate_pairs(claims)
    assert len(whole.left) > 100
    for a, b in ((whole.left, blocks.left), (whole.right, blocks.right), (whole.features, blocks.features)):
        np.testing.assert_array_equal(a, b)


def test_chunks_picked_on_threads_are_those_picked_one_by_one(example_pack, monkeypatch):
    """With every cosine at hand the row chunks are picked on the product threads side by
    side; the candidates and features are bit for bit those of one chunk after another."""
    from coverage import align
    from coverage.pipeline import coerce_articles

    claims = []
    for article in coerce_articles(example_pack["articles"], func="compare", min_articles=2):
        claims.extend(segment(article))
    monkeypatch.setattr(align, "_BLOCK_CELLS", 13 * len(claims))  # several chunks of 13 rows
    monkeypatch.setattr(align, "_PRODUCT_THREADS", 2)
    monkeypatch.setattr(align, "_THREADED_CLAIMS", 0)
    threaded = candidate_pairs(claims)
    monkeypatch.setattr(align, "_THREADED_CLAIMS", len(claims) + 1)
    serial = candidate_pairs(claims)
    assert len(threaded.left) > 100
    for a, b in ((threaded.left, serial.left), (threaded.right, serial.right),
                 (threaded.features, serial.features)):
        np.testing.assert_array_equal(a, b)


def _poisoned(size, dtype):
    """A fresh array of garbage: NaN for floats, -1 for integers."""
    dtype = np.dtype(dtype)
    return np.full(size, np.nan if dtype.kind == "f" else np.iinfo(dtype).max if dtype.kind in "iu" else True,
                   dtype=dtype)


@pytest.mark.parametrize("whole", [True, False])
def test_chunks_reusing_scratch_arrays_are_those_of_fresh_arrays(example_pack, monkeypatch, whole):
    """The row chunks write their sentence-vector and lexical blocks into arrays held from
    one chunk to the next (the last chunk is smaller); the candidates and features are bit
    for bit those of fresh arrays for every chunk."""
    from coverage import align
    from coverage.pipeline import coerce_articles

    claims = []
    for article in coerce_articles(example_pack["articles"], func="compare", min_articles=2):
        claims.extend(segment(article))
    monkeypatch.setattr(align, "_BLOCK_CELLS", 13 * len(claims))  # several chunks of 13 rows
    monkeypatch.setattr(align, "_SYMMETRIC_CELLS", len(claims) ** 2 if whole else 0)
    reused = candidate_pairs(claims)
    monkeypatch.setattr(align._Scratch, "empty", lambda self, name, size, dtype: _poisoned(size, dtype))
    fresh = candidate_pairs(claims)
    assert len(reused.left) > 100
    for a, b in ((reused.left, fresh.left), (reused.right, fresh.right), (reused.features, fresh.features)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("threaded, whole", [(False, True), (True, True), (True, False)])
def test_meanwhile_is_called_once_on_every_path(example_pack, monkeypatch, threaded, whole):
    """candidate_pairs calls ``meanwhile`` once: on its helper thread while all-pairs
    products are computed, on the calling thread otherwise; the candidates are the same."""
    import threading

    from coverage import align
    from coverage.pipeline import coerce_articles

    claims = []
    for article in coerce_articles(example_pack["articles"], func="compare", min_articles=2):
        claims.extend(segment(article))
    monkeypatch.setattr(align, "_PRODUCT_THREADS", 2)
    monkeypatch.setattr(align, "_THREADED_CLAIMS", 0 if threaded else len(claims) + 1)
    monkeypatch.setattr(align, "_SYMMETRIC_CELLS", len(claims) ** 2 if whole else 0)
    monkeypatch.setattr(align, "_BLOCK_CELLS", 13 * len(claims))  # the same blocks either way
    calls = []
    with_work = candidate_pairs(claims, meanwhile=lambda: calls.append(threading.current_thread()))
    without = candidate_pairs(claims)
    assert len(calls) == 1
    assert (calls[0] is threading.main_thread()) == (not (threaded and whole))
    for a, b in ((with_work.left, without.left), (with_work.right, without.right),
                 (with_work.features, without.features)):
        np.testing.assert_array_equal(a, b)
    calls.clear()
    candidate_pairs(claims[:1], meanwhile=lambda: calls.append(1))  # no pairs at all
    assert calls == [1]


def test_run_all_keeps_the_order_of_its_arguments(monkeypatch):
    from coverage import align

    monkeypatch.setattr(align, "_PRODUCT_THREADS", 2)
    assert align._run_all(lambda k: k * k, range(7)) == [k * k for k in range(7)]
    assert align._run_all(lambda k: k * k, range(7), threaded=False) == [k * k for k in range(7)]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(1, 12), st.integers(1, 9), st.integers(0, 3), st.integers(0, 2**32 - 1))
def test_product_into_is_the_sparse_product_bit_for_bit(rows, inner, cols, offset, seed):
    from scipy import sparse

    from coverage.align import _product_into

    rng = np.random.default_rng(seed)
    a = sparse.random(rows, inner, density=0.5, format="csr", dtype=np.float32, random_state=rng)
    b = sparse.random(inner, cols, density=0.5, format="csr", dtype=np.float32, random_state=rng)
    a.indices, a.indptr = a.indices.astype(np.int32), a.indptr.astype(np.int32)
    b.indices, b.indptr = b.indices.astype(np.int32), b.indptr.astype(np.int32)
    out = np.zeros((rows, cols + offset + 2), dtype=np.float32)
    _product_into(a, b, out, offset)
    expected = np.zeros_like(out)
    expected[:, offset:offset + cols] = (a @ b).toarray()
    np.testing.assert_array_equal(out, expected)


def test_product_into_reusing_scratch_arrays_gives_each_product_bit_for_bit():
    """One _Scratch serves products of several sizes (larger, then smaller, then larger again)."""
    from scipy import sparse

    from coverage.align import _product_into, _Scratch

    rng = np.random.default_rng(5)
    scratch = _Scratch()
    for rows, inner, cols in [(6, 9, 8), (2, 5, 3), (9, 12, 11), (4, 7, 9)]:
        a = sparse.random(rows, inner, density=0.6, format="csr", dtype=np.float32, random_state=rng)
        b = sparse.random(inner, cols, density=0.6, format="csr", dtype=np.float32, random_state=rng)
        out = np.zeros((rows, cols + 1), dtype=np.float32)
        _product_into(a, b, out, 1, scratch)
        expected = np.zeros_like(out)
        expected[:, 1:] = (a @ b).toarray()
        np.testing.assert_array_equal(out, expected)
    assert len(scratch.arrays["data"]) == 9 * 11  # grown once to the largest, not shrunk


@pytest.mark.parametrize("threaded", [False, True])
def test_symmetric_cosines_write_every_cell(monkeypatch, threaded):
    """The result arrays are not zeroed up front: every cell must be written by a strip's
    product or its mirror (here the arrays start out NaN)."""
    from scipy import sparse

    from coverage import align

    rng = np.random.default_rng(3)
    x = sparse.random(23, 15, density=0.3, format="csr", dtype=np.float32, random_state=rng)
    y = sparse.random(23, 40, density=0.2, format="csr", dtype=np.float32, random_state=rng)
    monkeypatch.setattr(align, "_STRIP_ROWS", 5)  # strips of 5 rows, the last of 3
    monkeypatch.setattr(align, "_PRODUCT_THREADS", 2)
    monkeypatch.setattr(align, "_THREADED_CLAIMS", 0 if threaded else 100)
    monkeypatch.setattr(align.np, "empty", lambda shape, dtype=float: _poisoned(shape, dtype))
    for matrix, cosines in zip((x, y), align._symmetric_cosines(x, y)):
        np.testing.assert_array_equal(cosines, (matrix @ matrix.T).toarray())


def test_candidates_are_the_same_without_the_private_kernels(monkeypatch):
    """A scipy whose private product kernels are missing or differ falls back to the public product."""
    from coverage import align
    from coverage.segment import segment
    from coverage import Article

    texts = ["Fourteen workers were taken to hospital after the fire at the plant.",
             "Nineteen workers were taken to hospital after a fire broke out at the plant.",
             "The fire at the plant started in a warehouse, officials said."]
    claims = [c for k, t in enumerate(texts) for c in segment(Article(text=t, outlet=f"O{k}", id=f"a{k}"))]
    fast = align.candidate_pairs(claims)
    monkeypatch.setattr(align, "_private_kernels", lambda: None)
    slow = align.candidate_pairs(claims)
    assert np.array_equal(fast.left, slow.left) and np.array_equal(fast.right, slow.right)
    assert np.array_equal(fast.features, slow.features)


def test_position_features():
    from coverage import Article
    from coverage.align import FEATURE_NAMES, _positions, candidate_pairs
    from coverage.segment import segment

    a = Article(text="The dam burst on Sunday. Ten homes were flooded. Crews worked all night.", outlet="A", id="a")
    b = Article(text="Ten homes were flooded. The dam burst on Sunday.", outlet="B", id="b")
    claims = segment(a) + segment(b)
    position, relative = _positions(list(reversed(claims)))  # by offset, whatever the list order
    assert position.tolist() == [1, 0, 2, 1, 0] and relative.tolist() == [1.0, 0.0, 1.0, 0.5, 0.0]
    cand = candidate_pairs(claims)
    gap, depth = cand.features[:, FEATURE_NAMES.index("position_gap")], cand.features[:, FEATURE_NAMES.index("depth")]
    for k, (i, j) in enumerate(zip(cand.left, cand.right)):
        if (claims[i].text, claims[j].text) == ("The dam burst on Sunday.", "The dam burst on Sunday."):
            assert gap[k] == 1.0 and depth[k] == 1  # first of three vs last of two
        if (claims[i].text, claims[j].text) == ("Ten homes were flooded.", "Ten homes were flooded."):
            assert gap[k] == 0.5 and depth[k] == 1
    assert ((gap >= 0) & (gap <= 1)).all()


def test_figure_overlaps_once_per_distinct_figures_match_pair_by_pair():
    from coverage.align import _figure_overlaps
    from coverage.judge import figure_overlap

    texts = ["Fourteen workers were taken to hospital.", "Nineteen workers were taken to hospital.",
             "About 14 workers were hurt and 3 firefighters were treated.", "14 workers were taken to hospital.",
             "The fire burned 300 hectares.", "The fire burned about 740 acres.", "Three people died."]
    claims = [segment(Article(text=t, outlet=f"o{k}", id=f"a{k}"))[0] for k, t in enumerate(texts * 3)]
    left, right = map(np.array, zip(*[(i, j) for i in range(len(claims)) for j in range(len(claims)) if i != j]))
    calls = []

    def counted(a, b):
        calls.append((a, b))
        return figure_overlap(a, b)

    got = _figure_overlaps(claims, left, right, counted)
    expected = np.array([figure_overlap(claims[i], claims[j]) for i, j in zip(left, right)], dtype=np.float64)
    np.testing.assert_array_equal(got, expected)
    # one call per ordered pair of distinct figure lists ("Fourteen workers" and "14 workers" give one)
    assert len(calls) == 6 ** 2
    assert _figure_overlaps(claims, left[:0], right[:0], counted).shape == (0, 2)


@pytest.mark.parametrize("setting, most", [(None, 2), ("", 2), ("1", 1), ("4", 2), ("0", 2), ("x", 2)])
def test_product_threads_follow_omp_num_threads(monkeypatch, setting, most):
    from coverage.align import _product_threads

    if setting is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", setting)
    assert 1 <= _product_threads() <= most
    if setting == "1":
        assert _product_threads() == 1
