"""Contract tests of the learned models (coverage.learned) and their features."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import _features
from coverage.errors import CoverageError, InvalidArticleError, InvalidParameterError
from coverage.learned import (
    SAME_CLAIM_FEATURES,
    STANCE_LABELS,
    TreeEnsemble,
    load_model,
    same_claim,
    same_claim_features,
    stance,
)

HEADLINES = [
    "Mayor of Springfield resigns after bribery probe",
    "Mayor of Springfield resigns after bribery probe",
    "Giant spider found in Australian bathroom",
]
BODIES = [
    "The mayor of Springfield resigned on Monday after a month-long bribery investigation, "
    "city officials said. He denied wrongdoing.",
    "Shares in the carmaker rose 3% on Tuesday after it reported record quarterly sales.",
    "Reports claim a spider the size of a dinner plate was found in a bathroom in Sydney, "
    "but experts say the photo may be fake.",
]
SENTENCES_A = ["The fire killed ten people.", "Shares rose 3% on Monday.", "Rain is expected."]
SENTENCES_B = ["Ten people died in the fire.", "The mayor resigned.", "It will rain tomorrow."]


@pytest.mark.parametrize("name", ["stance", "same_claim"])
def test_model_files_load_without_pickle(name):
    folder = resources.files("coverage") / "models"
    meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    with (folder / f"{name}.npz").open("rb") as handle, np.load(handle, allow_pickle=False) as npz:
        assert all(npz[key].dtype != object for key in npz.files)
        assert "tree_threshold" in npz.files and "vocabulary" in npz.files
    assert meta["name"] == name
    assert (folder / f"{name}.md").is_file()


def test_stance_labels_one_per_pair():
    labels = stance(HEADLINES, BODIES)
    assert len(labels) == len(HEADLINES)
    assert set(labels) <= set(STANCE_LABELS)


def test_stance_obvious_cases():
    labels = stance(HEADLINES, BODIES)
    assert labels[0] != "unrelated"
    assert labels[1] == "unrelated"


def test_stance_is_deterministic_and_batch_invariant():
    assert stance(HEADLINES, BODIES) == stance(HEADLINES, BODIES, batch_size=1)


def test_same_claim_shape_and_range():
    p = same_claim(SENTENCES_A, SENTENCES_B)
    assert p.shape == (3,) and p.dtype == np.float64
    assert np.all((p >= 0) & (p <= 1))


def test_identical_pair_beats_paraphrase_beats_unrelated():
    p = same_claim(
        ["The fire killed ten people."] * 3,
        ["The fire killed ten people.", "Ten people died in the fire.", "Shares rose 3% on Monday."],
    )
    assert p[0] > p[1] > p[2]


def test_same_claim_is_deterministic_and_batch_invariant():
    first = same_claim(SENTENCES_A, SENTENCES_B)
    np.testing.assert_array_equal(first, same_claim(SENTENCES_A, SENTENCES_B))
    # Other batches sum the same terms in another order: equal up to rounding.
    np.testing.assert_allclose(first, same_claim(SENTENCES_A, SENTENCES_B, batch_size=1), rtol=1e-12)


def test_same_claim_features_are_symmetric():
    forward = same_claim_features(SENTENCES_A, SENTENCES_B)
    assert forward.shape == (3, len(SAME_CLAIM_FEATURES))
    np.testing.assert_allclose(forward, same_claim_features(SENTENCES_B, SENTENCES_A))


def test_empty_input_gives_empty_result():
    assert stance([], []) == []
    assert same_claim([], []).shape == (0,)
    assert same_claim_features([], []).shape == (0, len(SAME_CLAIM_FEATURES))


def test_empty_strings_are_scored():
    assert stance([""], [""])[0] in STANCE_LABELS
    assert 0.0 <= same_claim([""], ["Ten people died."])[0] <= 1.0


@pytest.mark.parametrize(
    "func", [lambda a, b: stance(a, b), same_claim, same_claim_features]
)
@pytest.mark.parametrize(
    ("a", "b", "error"),
    [
        (["one", "two"], ["one"], InvalidParameterError),
        ("one", "one", InvalidParameterError),
        (3, ["one"], InvalidParameterError),
        (["one", None], ["one", "two"], InvalidArticleError),
        (["one"], [b"one"], InvalidArticleError),
    ],
)
def test_bad_pairs_raise(func, a, b, error):
    with pytest.raises(error):
        func(a, b)


@pytest.mark.parametrize("batch_size", [0, -1, 1.5, True, "8", None])
@pytest.mark.parametrize("func", [stance, same_claim])
def test_bad_batch_size_raises(func, batch_size):
    with pytest.raises(InvalidParameterError, match="batch_size"):
        func(["a"], ["b"], batch_size=batch_size)


def test_errors_are_coverage_errors():
    with pytest.raises(CoverageError):
        same_claim(["a"], [])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.text(max_size=60), st.text(max_size=60)), max_size=6),
)
def test_same_claim_is_a_probability(pairs):
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    p = same_claim(a, b)
    assert p.shape == (len(pairs),)
    assert np.all((p >= 0.0) & (p <= 1.0))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_hashed_tokens_match_tokenize(text):
    tokens = _features.Tokens([text, text])
    words = _features.tokenize(text)
    expected = _features.word_hashes(words) if words else np.zeros(0, dtype=np.uint64)
    np.testing.assert_array_equal(tokens.hashes, np.concatenate([expected, expected]))


def test_tokenize_keeps_numbers_whole():
    assert _features.tokenize("Sales of $1,800.50 rose 2.5%, to 3.") == [
        "sales", "of", "1,800.50", "rose", "2.5", "to", "3"
    ]


@pytest.fixture(scope="module")
def export_trees():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from _data import export_trees

    return export_trees


@pytest.mark.parametrize("n_classes", [2, 4])
def test_tree_walk_reproduces_scikit_learn(export_trees, n_classes):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 5))
    X[rng.random(X.shape) < 0.05] = np.nan  # exercise the routing of missing values
    y = (np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 1]) > 0).astype(int)
    if n_classes == 4:
        y = y + 2 * (np.nan_to_num(X[:, 2]) > 0)
    # One thread: OpenMP threads only slow a fit this small.
    with threadpool_limits(limits=1):
        model = HistGradientBoostingClassifier(max_iter=15, max_depth=4, random_state=0).fit(X, y)
    trees = TreeEnsemble.from_arrays(export_trees(model))
    raw = trees.raw_scores(X)
    if n_classes == 2:
        probability = 1.0 / (1.0 + np.exp(-raw[:, 0]))
        np.testing.assert_allclose(probability, model.predict_proba(X)[:, 1], atol=1e-12)
    else:
        probability = np.exp(raw - raw.max(axis=1, keepdims=True))
        probability /= probability.sum(axis=1, keepdims=True)
        np.testing.assert_allclose(probability, model.predict_proba(X), atol=1e-12)


def test_shipped_models_carry_dev_scores():
    stance_meta, _ = load_model("stance")
    same_meta, _ = load_model("same_claim")
    assert 0 < stance_meta["dev_scores_train_only_fit"]["fnc_score_percent"] <= 100
    assert 0 < same_meta["dev_scores_train_only_fit"]["accuracy"] <= 1


def test_stance_arrays_share_one_vocabulary():
    meta, arrays = load_model("stance")
    size = len(arrays["vocabulary"])
    assert arrays["idf"].shape == (size,)
    assert arrays["components"].shape[1] == size
    assert arrays["lexical_coef"].shape == (3, size)
    assert int(arrays["tree_feature"].max()) < len(meta["features"])


def test_a_refit_keeps_the_previous_setting_unless_a_new_one_wins_clearly(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import train_align

    results = {(0.3, 0.8, 0.8): (0.6048, "a"), (0.3, 0.85, 0.8): (0.6078, "b"), (3.0, 0.9, 1.0): (0.6200, "c")}
    best = ((0.3, 0.85, 0.8), results[(0.3, 0.85, 0.8)])
    assert train_align.choose_setting(best, results, (0.3, 0.8, 0.8)) == ((0.3, 0.8, 0.8), (0.6048, "a"))
    assert train_align.choose_setting(best, results, None) == best
    assert train_align.choose_setting(best, results, (1.0, 0.5, 0.2)) == best  # not in the grid
    clear = ((3.0, 0.9, 1.0), results[(3.0, 0.9, 1.0)])
    assert train_align.choose_setting(clear, results, (0.3, 0.8, 0.8)) == clear
    # the previous setting is read from the shipped model file
    shipped = Path(__file__).resolve().parents[1] / "src" / "coverage" / "models" / "align.json"
    feature_set, c, threshold, margin = train_align._previous_setting(shipped)
    assert feature_set in train_align.FEATURE_SETS and c > 0 and 0 < threshold < 1 and 0 < margin <= 1
    assert train_align._previous_setting(tmp_path / "missing.json") is None
