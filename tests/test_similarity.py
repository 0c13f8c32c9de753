from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.similarity import normalize_for_matching, stem, token_set_similarity

words = st.text(alphabet=st.sampled_from(list("abcdefgh XYZ0123.,'")), max_size=60)


@settings(max_examples=200)
@given(words, words)
def test_token_set_similarity_is_total_bounded_symmetric(a, b):
    score = token_set_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == token_set_similarity(b, a)


@given(words)
def test_identity_and_empty(a):
    if normalize_for_matching(a):
        assert token_set_similarity(a, a) == 1.0
    assert token_set_similarity(a, "") == 0.0


def test_score_cutoff():
    assert token_set_similarity("three drones hit", "two boats sank", score_cutoff=0.9) == 0.0


def test_number_words_match_digits():
    assert token_set_similarity("Three drones attacked", "3 drones attacked") == 1.0


def test_stem():
    assert stem("workers") == "worker" and stem("evacuation") == "evacu"
    assert stem("is") == "is"
