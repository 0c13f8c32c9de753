"""Tests of coverage.cluster.cluster_events."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.cluster import cluster_events
from coverage.errors import CoverageError, EmptyInputError, InvalidArticleError, InvalidParameterError
from coverage.types import Article

STORIES = {
    "quake": [
        "A magnitude 6.1 earthquake struck near Lima on Monday, Peru's geophysical institute said.",
        "An earthquake of magnitude 6.1 shook Lima and coastal towns; the geophysical institute "
        "reported no tsunami.",
        "Buildings swayed in Lima when the 6.1 magnitude earthquake hit, and the institute said "
        "aftershocks were likely.",
    ],
    "rates": [
        "The central bank raised interest rates by half a point to fight inflation, its governor said.",
        "Inflation pushed the central bank to lift its benchmark interest rate by half a point on Thursday.",
        "Borrowing costs rose as the central bank's governor announced a half-point interest rate hike "
        "against inflation.",
    ],
    "ferry": [
        "A ferry carrying 300 passengers ran aground off the island of Hydra; coast guard boats "
        "evacuated everyone.",
        "Coast guard vessels rescued all 300 passengers after their ferry ran aground near Hydra.",
    ],
}


def fixture_articles() -> tuple[list[dict], list[str]]:
    articles, gold = [], []
    for story, texts in STORIES.items():
        for k, text in enumerate(texts):
            articles.append({"id": f"{story}-{k}", "text": text, "outlet": f"outlet{k}"})
            gold.append(story)
    return articles, gold


def partition(frame: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(group) for group in frame.groupby("event_id")["article_id"].agg(list)}


def test_fixture_stories_are_recovered():
    articles, gold = fixture_articles()
    events = cluster_events(articles)
    expected = {frozenset(a["id"] for a, g in zip(articles, gold) if g == story) for story in STORIES}
    assert partition(events) == expected


def test_one_row_per_article_in_input_order_with_documented_columns():
    articles, _ = fixture_articles()
    articles = articles[::-1]
    events = cluster_events(articles)
    assert list(events.columns) == ["article_id", "event_id", "event_size", "event_label"]
    assert events["article_id"].tolist() == [a["id"] for a in articles]
    assert events["event_id"].dtype == "int64" and events["event_size"].dtype == "int64"
    assert events["event_id"].iloc[0] == 0
    assert (events["event_size"] == events.groupby("event_id")["article_id"].transform("size")).all()


def test_event_label_names_the_story():
    articles, _ = fixture_articles()
    events = cluster_events(articles).set_index("article_id")
    assert "earthquake" in events.loc["quake-0", "event_label"].split(", ")
    assert len(events.loc["rates-0", "event_label"].split(", ")) == 3


def test_same_input_gives_the_same_frame():
    articles, _ = fixture_articles()
    pd.testing.assert_frame_equal(cluster_events(articles), cluster_events(articles))


def test_articles_dicts_and_dataframe_agree():
    articles, _ = fixture_articles()
    as_records = [Article(**a) for a in articles]
    expected = cluster_events(articles)
    pd.testing.assert_frame_equal(cluster_events(as_records), expected)
    pd.testing.assert_frame_equal(cluster_events(pd.DataFrame(articles)), expected)


def test_one_article_is_one_event():
    events = cluster_events([{"text": "A ferry ran aground.", "outlet": "Wire"}])
    assert events.to_dict("records") == [
        {"article_id": "a1", "event_id": 0, "event_size": 1, "event_label": "aground, ferry, ran"}
    ]


def test_stop_words_only_articles_are_singletons_with_empty_labels():
    events = cluster_events([{"text": "It is what it is.", "outlet": "A"}, {"text": "It is what it is.", "outlet": "B"}])
    assert events["event_size"].tolist() == [1, 1]
    assert events["event_label"].tolist() == ["", ""]


def test_exact_duplicates_share_an_event_at_the_strictest_threshold():
    text = STORIES["ferry"][0]
    events = cluster_events([{"text": text, "outlet": "A"}, {"text": text, "outlet": "B"}], threshold=0.99)
    assert events["event_id"].nunique() == 1


@pytest.mark.parametrize(
    ("window_days", "same_event"),
    [(7, False), (400, True), (None, True)],
)
def test_window_days_keeps_apart_dated_copies(window_days, same_event):
    text = STORIES["ferry"][0]
    articles = [
        {"text": text, "outlet": "A", "published": "2020-01-01"},
        {"text": text, "outlet": "B", "published": "2021-01-01"},
    ]
    events = cluster_events(articles, window_days=window_days)
    assert (events["event_id"].nunique() == 1) is same_event


def test_undated_article_joins_dated_ones():
    text = STORIES["ferry"][0]
    articles = [
        {"text": text, "outlet": "A", "published": "2020-01-01"},
        {"text": text, "outlet": "B"},
    ]
    assert cluster_events(articles)["event_id"].nunique() == 1


def test_threshold_one_splits_distinct_texts_and_zero_joins_overlapping_ones():
    articles, _ = fixture_articles()
    assert cluster_events(articles, threshold=1.0)["event_id"].nunique() == len(articles)
    quake = [a for a in articles if a["id"].startswith("quake")]
    assert cluster_events(quake, threshold=0.0)["event_id"].nunique() == 1


# Story vocabularies for property tests: disjoint content words, so that the right
# partition is known and every corpus has ties and near-ties to break.
VOCABULARY = {
    0: "volcano eruption ash lava iceland flights grounded airport".split(),
    1: "election ballots turnout parliament coalition minister vote".split(),
    2: "football striker transfer club goal season coach".split(),
    3: "vaccine trial doses patients hospital virus approval".split(),
}


@st.composite
def corpora(draw) -> list[dict]:
    n = draw(st.integers(min_value=1, max_value=12))
    articles = []
    for k in range(n):
        story = draw(st.sampled_from(sorted(VOCABULARY)))
        words = draw(st.lists(st.sampled_from(VOCABULARY[story]), min_size=1, max_size=8))
        articles.append({"id": f"x{k}", "text": " ".join(words) + ".", "outlet": f"o{k % 3}"})
    return articles


@settings(max_examples=60, deadline=None)
@given(corpora(), st.randoms(use_true_random=False))
def test_partition_is_invariant_to_input_order(articles, random):
    shuffled = list(articles)
    random.shuffle(shuffled)
    events = cluster_events(articles)
    assert partition(cluster_events(shuffled)) == partition(events)
    assert events["event_id"].min() == 0 and len(events) == len(articles)


@settings(max_examples=40, deadline=None)
@given(corpora())
def test_articles_of_disjoint_vocabularies_never_share_an_event(articles):
    events = cluster_events(articles, threshold=0.0)
    story_of = {a["id"]: next(s for s, words in VOCABULARY.items() if a["text"].split()[0].strip(".") in words)
                for a in articles}
    for group in partition(events):
        assert len({story_of[i] for i in group}) == 1


@pytest.mark.parametrize(
    ("articles", "error"),
    [
        ([], EmptyInputError),
        (None, EmptyInputError),
        ("just a string", InvalidParameterError),
        (42, InvalidParameterError),
        ([42], InvalidArticleError),
        ([{"text": "", "outlet": "A"}], InvalidArticleError),
        ([{"text": "No outlet here."}], InvalidArticleError),
        (pd.DataFrame({"body": ["x"]}), InvalidArticleError),
    ],
)
def test_bad_articles_raise(articles, error):
    with pytest.raises(error):
        cluster_events(articles)


@pytest.mark.parametrize(
    "options",
    [
        {"threshold": 1.5},
        {"threshold": -0.1},
        {"threshold": "high"},
        {"n_neighbors": 0},
        {"n_neighbors": 2.5},
        {"n_neighbors": True},
        {"window_days": -1},
        {"window_days": 1.5},
        {"window_days": "7"},
    ],
)
def test_bad_options_raise_invalid_parameter(options):
    articles, _ = fixture_articles()
    with pytest.raises(InvalidParameterError, match=f"'{next(iter(options))}' parameter of cluster_events"):
        cluster_events(articles, **options)


def test_every_error_is_a_coverage_error():
    for error in (EmptyInputError, InvalidArticleError, InvalidParameterError):
        assert issubclass(error, CoverageError)


def test_options_are_keyword_only():
    articles, _ = fixture_articles()
    with pytest.raises(TypeError):
        cluster_events(articles, 0.2)  # type: ignore[misc]


def test_neighbour_chunks_on_threads_give_the_events_of_one_thread(monkeypatch):
    from coverage import cluster as cluster_module

    articles, _ = fixture_articles()
    monkeypatch.setattr(cluster_module, "_CHUNK_ENTRIES", 8)  # several chunks of the product
    results = []
    for threads in (1, 2):
        monkeypatch.setattr(cluster_module, "_product_threads", lambda: threads)
        results.append(cluster_events(articles))
    pd.testing.assert_frame_equal(results[0], results[1])
    assert results[0]["event_id"].nunique() < len(articles)
