"""Tests of coverage.embed: sentence vectors from the shipped word vectors."""

from __future__ import annotations

import io
import zipfile
from importlib.resources import files

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import embed
from coverage.errors import InvalidParameterError, ModelError

MODEL = files("coverage").joinpath("models/word_vectors.npz")
SENTENCES = [
    "A huge blaze ripped through a chemical recycling plant",
    "Fire broke out at the Veltrac Solvents plant",
    "Families were forced to flee their homes",
    "No homes were evacuated",
    "The minister won the election",
]


def word_cosine(a: str, b: str) -> float:
    vectors = embed.sentence_vectors([a, b])
    assert np.abs(vectors).sum(axis=1).all(), f"{a!r} or {b!r} is out of vocabulary"
    return float(vectors[0] @ vectors[1])


def test_shapes_and_dtype():
    vectors = embed.sentence_vectors(SENTENCES)
    assert vectors.shape == (len(SENTENCES), embed._model().vectors.shape[1])
    assert vectors.dtype == np.float32
    assert embed.sentence_vectors([]).shape == (0, vectors.shape[1])


def test_rows_are_unit_length():
    norms = np.linalg.norm(embed.sentence_vectors(SENTENCES), axis=1)
    np.testing.assert_allclose(norms, 1.0, atol=1e-5)


def test_deterministic_and_independent_of_batch():
    together = embed.sentence_vectors(SENTENCES)
    again = embed.sentence_vectors(SENTENCES)
    alone = np.vstack([embed.sentence_vectors([s]) for s in SENTENCES])
    np.testing.assert_array_equal(together, again)
    np.testing.assert_allclose(together, alone, atol=1e-6)


@pytest.mark.parametrize("text", ["", "   ", "!!! ...", "qqqzzxq wwvvxxq"])
def test_text_without_known_words_gives_zero_vector_and_zero_cosine(text):
    vectors = embed.sentence_vectors([text, SENTENCES[0]])
    assert not vectors[0].any()
    assert embed.pairwise_cosine([text], [SENTENCES[0]])[0] == 0.0
    assert embed.pairwise_cosine([text], [text])[0] == 0.0


@pytest.mark.parametrize(
    "word, synonym, unrelated",
    [
        ("fire", "blaze", "election"),
        ("injured", "wounded", "album"),
        ("killed", "dead", "smartphone"),
        ("evacuated", "fled", "football"),
        ("police", "officers", "fashion"),
    ],
)
def test_synonyms_closer_than_unrelated_words(word, synonym, unrelated):
    assert word_cosine(word, synonym) > word_cosine(word, unrelated)


def test_paraphrased_facts_closer_than_unrelated_sentences():
    a = [SENTENCES[0], SENTENCES[2]]
    same_fact = embed.pairwise_cosine(a, [SENTENCES[1], SENTENCES[3]])
    unrelated = embed.pairwise_cosine(a, [SENTENCES[4], SENTENCES[4]])
    assert (same_fact > unrelated).all()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5), st.data())
def test_pairwise_cosine_is_bounded_and_symmetric(a, data):
    b = data.draw(st.lists(st.text(max_size=40), min_size=len(a), max_size=len(a)))
    forward = embed.pairwise_cosine(a, b)
    assert forward.shape == (len(a),)
    assert ((forward >= -1.0) & (forward <= 1.0)).all()
    np.testing.assert_allclose(forward, embed.pairwise_cosine(b, a), atol=1e-6)


def test_pairwise_cosine_identity():
    np.testing.assert_allclose(embed.pairwise_cosine(SENTENCES, SENTENCES), 1.0, atol=1e-5)


@pytest.mark.parametrize("bad", ["a single string", None, 3, ["ok", 4]])
def test_bad_input_raises(bad):
    with pytest.raises(InvalidParameterError, match="sentence_vectors"):
        embed.sentence_vectors(bad)


def test_pairwise_cosine_length_mismatch():
    with pytest.raises(InvalidParameterError, match="same length"):
        embed.pairwise_cosine(["a"], ["a", "b"])


def test_model_file_loads_without_pickle_and_fits_budget():
    raw = MODEL.read_bytes()
    assert len(raw) <= 8 * 1024 * 1024
    with np.load(io.BytesIO(raw), allow_pickle=False) as data:
        assert data["vocab"].dtype.kind == "U"
        assert data["vectors"].dtype == np.float16
        assert data["idf"].dtype == np.float32
        assert data["vectors"].shape == (data["vocab"].size, data["vectors"].shape[1])
        assert 100 <= data["vectors"].shape[1] <= 200


def test_malformed_model_raises_model_error():
    with pytest.raises(ModelError):
        embed._read_model(io.BytesIO(b"not a zip file"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("vocab.npy", b"")
    buffer.seek(0)
    with pytest.raises(ModelError):
        embed._read_model(buffer)


def test_missing_model_raises_model_error(monkeypatch):
    monkeypatch.setattr(embed, "_MODEL_PATH", "models/no_such_file.npz")
    embed._model.cache_clear()
    try:
        with pytest.raises(ModelError, match="missing"):
            embed.sentence_vectors(["fire"])
    finally:
        monkeypatch.undo()
        embed._model.cache_clear()


def _embed_straightforwardly(texts, model):
    """embed._embed as first written: every occurrence looked up in the vocabulary."""
    from scipy import sparse

    token_lists = [embed.tokenize(t, stemmed=False) for t in texts]
    lengths = np.array([len(t) for t in token_lists], dtype=np.int64)
    if lengths.sum() == 0:
        return np.zeros((len(texts), model.vectors.shape[1]), dtype=np.float32)
    flat = np.array([tok for tokens in token_lists for tok in tokens])
    if model.stemmed:
        flat = np.array([embed._stem(str(t)) for t in flat])
    position = np.searchsorted(model.vocab, flat).clip(max=model.vocab.size - 1)
    known = model.vocab[position] == flat
    rows = np.repeat(np.arange(len(texts)), lengths)[known]
    cols = position[known]
    weights = sparse.csr_matrix((model.idf[cols], (rows, cols)), shape=(len(texts), model.vocab.size),
                                dtype=np.float32)
    summed = np.asarray(weights @ model.vectors, dtype=np.float32)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    np.divide(summed, norms, out=summed, where=norms > 0)
    return summed


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["fire", "Fire", "fires", "blaze", "1,200", "workers", "zzqx", "the",
                                          "ſix", "İ", "evacuated", "evacuation", "a" * 25]),
                         max_size=10).map(" ".join), max_size=6), st.booleans())
def test_embed_matches_the_straightforward_version(texts, stemmed):
    model = embed._model()._replace(stemmed=stemmed)
    got, expected = embed._embed(texts, model), _embed_straightforwardly(texts, model)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got, expected)
