import json

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
