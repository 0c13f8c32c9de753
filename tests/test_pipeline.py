import importlib
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coverage
from coverage.report import CLAIM_COLUMNS, RELATION_COLUMNS


def test_contract_columns(small_event):
    report = coverage.compare(small_event)
    assert set(CLAIM_COLUMNS) <= set(report.claims.columns)
    assert set(RELATION_COLUMNS) <= set(report.relations.columns)
    assert set(report.relations["relation"]) <= {"agree", "contradict"}
    contra = report.relations[report.relations["relation"] == "contradict"]
    assert contra["type"].isin(["numeric", "negation", "entity", "temporal", "modality"]).all()
    assert report.relations.loc[report.relations["relation"] == "agree", "type"].isna().all()
    assert report.relations["score"].between(0, 1).all()
    assert set(report.facts["status"]) <= {"consensus", "disputed", "single-source"}
    assert list(report.coverage.index) == ["Northline", "Daily Blast", "Riverton Post"]


def test_offsets_and_evidence_point_into_the_articles(small_event):
    report = coverage.compare(small_event)
    texts = {a.id: a.text for a in report.articles}
    for row in report.claims.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text
    for row in report.relations.itertuples():
        assert texts[row.article_a][row.evidence_a_start:row.evidence_a_end] == row.evidence_a
        assert texts[row.article_b][row.evidence_b_start:row.evidence_b_end] == row.evidence_b


def test_finds_the_death_toll_conflict(small_event):
    report = coverage.compare(small_event)
    contra = report.relations[report.relations["relation"] == "contradict"]
    numeric = contra[contra["type"] == "numeric"]
    pairs = {frozenset((r.outlet_a, r.outlet_b)) for r in numeric.itertuples()}
    assert frozenset(("Northline", "Daily Blast")) in pairs or frozenset(("Daily Blast", "Riverton Post")) in pairs


def test_claims_of_one_article_are_never_aligned(small_event):
    report = coverage.compare(small_event)
    assert (report.relations["article_a"] != report.relations["article_b"]).all()


def test_exact_copy_under_another_outlet_gives_only_agreements(small_event):
    wire = small_event[0]
    report = coverage.compare([wire, {**wire, "id": "copy", "outlet": "Copycat"}])
    assert len(report.relations) > 0
    assert (report.relations["relation"] == "agree").all()
    assert len(report.wire_copies) == 1


def _relation_set(report):
    out = set()
    for r in report.relations.itertuples():
        out.add((frozenset((r.claim_a, r.claim_b)), r.relation, r.type))
    return out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations([0, 1, 2]))
def test_same_relations_whatever_the_order(small_event, order):
    base = coverage.compare(small_event)
    shuffled = coverage.compare([small_event[i] for i in order])
    assert _relation_set(base) == _relation_set(shuffled)


def test_dataframe_and_article_inputs(small_event):
    from_dicts = coverage.compare(small_event)
    from_frame = coverage.compare(pd.DataFrame(small_event))
    from_articles = coverage.compare([coverage.Article(**d) for d in small_event])
    assert _relation_set(from_dicts) == _relation_set(from_frame) == _relation_set(from_articles)


def test_outlet_tables_are_labelled_and_nan_without_shared_facts():
    report = coverage.compare([
        {"text": "The river flooded the old bridge on Monday.", "outlet": "A"},
        {"text": "Parliament passed the budget after a long debate.", "outlet": "B"},
    ])
    assert list(report.agreement.index) == ["A", "B"]
    assert math.isnan(report.agreement.loc["A", "B"])
    assert report.shared_facts.loc["A", "B"] == 0 or math.isnan(report.shared_facts.loc["A", "B"])


def test_summary_mentions_contradictions(small_event):
    text = coverage.compare(small_event).summary()
    assert "Contradictions:" in text and "Agreement" in text


def test_stance_check_option(small_event):
    on = coverage.compare(small_event, stance_check=True)
    off = coverage.compare(small_event, stance_check=False)
    assert set(on.relations["claim_a"] + on.relations["claim_b"]) <= set(off.relations["claim_a"] + off.relations["claim_b"])
    with pytest.raises(coverage.InvalidParameterError):
        coverage.compare(small_event, stance_check="yes")


def test_loosely_matched_claims_that_date_the_same_occurrence_are_compared():
    report = coverage.compare([
        {"text": "A blaze broke out at a timber yard in the north of the town shortly after 2 a.m. on "
                 "Thursday, sending 6 workers to hospital, the fire service said.", "outlet": "Wire",
         "published": "2025-03-06"},
        {"text": "The fire started at about 11.30 p.m. on Wednesday and spread quickly.", "outlet": "Local",
         "published": "2025-03-07"},
    ])
    assert report.relations[["relation", "type"]].values.tolist() == [["contradict", "temporal"]]


def test_loosely_matched_claims_counting_the_same_thing_are_compared():
    report = coverage.compare([
        {"text": "Three drones carrying explosives were launched at the residence before dawn.", "outlet": "Wire"},
        {"text": "According to the government's account, two small drones approached the home inside "
                 "the Green Zone shortly before midnight.", "outlet": "Site"},
    ])
    contra = report.relations[report.relations["relation"] == "contradict"]
    assert "numeric" in contra["type"].tolist()


def test_loosely_matched_claims_measuring_one_thing_are_compared():
    # a duration in hours and one in days measure the same thing, whatever the wording
    report = coverage.compare([
        {"text": "The walkout, called for 48 hours, began at one minute past midnight, the union said.",
         "outlet": "Wire"},
        {"text": "The 72-hour walkout is set to wreck travel plans until Monday.", "outlet": "Tabloid"},
    ])
    contra = report.relations[report.relations["relation"] == "contradict"]
    assert contra["type"].tolist() == ["numeric"]


def test_relations_do_not_depend_on_article_order_on_a_dev_pack():
    import json
    from pathlib import Path

    pack = json.loads((Path(__file__).resolve().parents[1] / "benchmarks" / "packs" / "tervane-layoffs.json")
                      .read_text(encoding="utf-8"))

    def relations(articles):
        report = coverage.compare(articles, stance_check=False)
        return {(frozenset((r.claim_a, r.claim_b)), r.relation, r.type) for r in report.relations.itertuples()}

    assert relations(pack["articles"]) == relations(pack["articles"][::-1])


def test_compare_warnings_point_at_the_callers_line(small_event):
    # compare() does its work in a helper (see _compared): its warnings still name the caller
    shared = [dict(article, outlet="Northline") for article in small_event]
    with pytest.warns(coverage.CoverageWarning, match="share an outlet") as caught:
        coverage.compare(shared)
    assert {w.filename for w in caught if "share an outlet" in str(w.message)} == {__file__}
    with pytest.warns(coverage.CoverageWarning, match="yielded no claims") as caught:
        coverage.compare(small_event + [{"text": "PHOTO: Reuters", "outlet": "Captions"}])
    assert {w.filename for w in caught if "yielded no claims" in str(w.message)} == {__file__}


def test_the_collector_resumes_after_the_pipelines_objects_are_freed(small_event):
    # the first collection after compare() walks only what the report keeps: the claims
    # and their caches stay, but no intermediate object of the pipeline (see _compared).
    # In a process of its own: compare() pauses the collector only when no other thread runs.
    import json
    import subprocess
    import sys

    code = """if True:
        import gc, json, sys
        import coverage

        def judgements():
            return {id(o) for o in gc.get_objects() if type(o).__name__ == "_Judgements"}

        seen = []

        def watch(phase, info):
            if phase == "start" and not seen:
                seen.append(bool(judgements()))

        event = json.loads(sys.stdin.read())
        coverage.compare(event)  # the shipped models are loaded
        gc.collect()
        gc.callbacks.append(watch)
        report = coverage.compare(event)
        gc.collect()
        print(len(report.relations), seen)
    """
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(small_event), capture_output=True,
                          text=True, check=True)
    relations, seen = done.stdout.split(maxsplit=1)
    assert int(relations) > 0 and seen.strip() == "[False]"


def test_no_claim_outlives_its_comparison_in_the_judges_caches():
    from coverage import judge

    a = {"text": "Fourteen workers were hurt in the fire on Sunday.", "outlet": "A"}
    b = {"text": "Nineteen workers were hurt in the fire on Sunday.", "outlet": "B"}
    first = coverage.compare([a, b])
    assert judge._content.cache_info().currsize == 0
    assert len(judge._judged_parts.cached) == 0
    assert segment_module._FOLDED_TEXTS == {}
    # and a second call on the same articles reads them afresh, with the same result
    second = coverage.compare([a, b])
    assert first.relations.equals(second.relations)


def test_below_the_looser_match_figures_alone_keep_no_pair(monkeypatch):
    # two figures of one unit on a weak match are other facts far more often than a
    # conflict ("the limit is 40 mph" / "travelling at 47 mph")
    from coverage import pipeline

    decide = pipeline.decide

    def weak(features, **kwargs):
        keep, prob = decide(features, **kwargs)
        return np.zeros_like(keep), np.full_like(prob, 0.2)

    monkeypatch.setattr(pipeline, "decide", weak)
    figures = coverage.compare([
        {"text": "The speed limit on that stretch of line is 40 mph, the operator said.", "outlet": "Wire"},
        {"text": "Data from the locomotive showed the train was travelling at 47 mph on the curve.", "outlet": "Daily"},
    ])
    assert figures.relations.empty


segment_module = importlib.import_module("coverage.segment")


def test_the_folded_claim_texts_are_kept_by_compares_segmentation_alone():
    from coverage import Article, judge

    article = Article(text="No homes were evacuated. Officials said the fire may have started in a shed.",
                      outlet="A", id="a")
    plain = segment_module.segment(article)  # a segmentation of its own keeps nothing
    assert segment_module._FOLDED_TEXTS == {}
    claims = segment_module._segment(article, sentences={})  # as compare() segments
    try:
        assert [c.text for c in claims] == [c.text for c in plain]
        for claim in claims:
            folded = segment_module._fold(claim.text)
            # only the words some step tests claim texts for are kept: "no", "in"
            watched = segment_module._words(folded) & segment_module._WATCHED_WORDS
            assert segment_module._FOLDED_TEXTS[claim.text] == (folded, watched)
            assert segment_module._folded_words(claim.text) == (folded, watched)
            assert segment_module._folded(claim.text) == folded
        assert {"no", "in"} <= set().union(*(segment_module._FOLDED_TEXTS[c.text][1] for c in claims))
    finally:
        judge.forget_claims()
    assert segment_module._FOLDED_TEXTS == {}
    # texts never segmented are folded on the spot, with all their words
    assert segment_module._folded_words("ſix Homes") == ("six homes", {"six", "homes"})


def test_the_words_claim_texts_are_tested_for_are_watched():
    from coverage import judge, similarity
    from coverage._lexicon import NEGATION_WORDS

    watched = segment_module._WATCHED_WORDS
    assert NEGATION_WORDS <= watched and set(judge._PREP_SLOTS) <= watched
    assert similarity._NUMBER_WORD_STARTS <= watched
    from coverage._lexicon import STRONG_HEDGE_KEYS

    assert STRONG_HEDGE_KEYS <= watched and judge._ANTONYM_WORDS <= watched


def _blas_threads() -> set:
    from threadpoolctl import threadpool_info

    return {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}


def test_compare_runs_blas_on_one_thread_and_restores_it(monkeypatch):
    # a threaded matrix-vector product leaves BLAS threads spinning for ~0.1 s of CPU time
    from coverage import pipeline

    before = _blas_threads()
    seen = []
    decide = pipeline.decide

    def watched(features, **kwargs):
        seen.append(_blas_threads())
        return decide(features, **kwargs)

    monkeypatch.setattr(pipeline, "decide", watched)
    coverage.compare([
        {"text": "Fourteen workers were hurt in the fire on Sunday.", "outlet": "A"},
        {"text": "Nineteen workers were hurt in the fire on Sunday.", "outlet": "B"},
    ])
    assert seen == [{1}]
    assert _blas_threads() == before


def test_blas_threads_are_left_alone_off_the_main_thread():
    # the limit is process-wide: a thread of its own would restore it out of order
    import threading

    from coverage.align import _one_blas_thread

    before, seen = _blas_threads(), []

    def work():
        with _one_blas_thread():
            seen.append(_blas_threads())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [before]


def test_the_judge_caches_are_emptied_before_the_collector_resumes(monkeypatch):
    """compare() pauses the cyclic garbage collector; the judge's caches, which hold every
    claim, are emptied while it is still paused (else its first pass walks them all), and
    even when the comparison fails."""
    import gc

    from coverage import judge, pipeline

    seen = []

    def forget():
        seen.append(gc.isenabled())
        judge.forget_claims()

    monkeypatch.setattr(pipeline, "forget_claims", forget)
    # as when compare() runs alone in its process (other tests may leave threads behind,
    # and the collector is only paused when no other thread runs)
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: 1)
    articles = [{"text": "Fourteen workers were hurt in the fire.", "outlet": "A"},
                {"text": "Nineteen workers were hurt in the fire.", "outlet": "B"}]
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        coverage.compare(articles)
        assert seen == [True, False] and gc.isenabled()
        assert not judge._judged_parts.cached and not judge._core_words.cached
        seen.clear()
        monkeypatch.setattr(pipeline, "_compared", lambda *args, **kwargs: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            coverage.compare(articles)
        assert seen == [True, False] and gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()
