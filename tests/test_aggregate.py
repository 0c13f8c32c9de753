"""The column-wise aggregate tables against straightforward row-by-row implementations."""

from __future__ import annotations

import gc
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coverage
from coverage import aggregate
from coverage.types import FactStatus

# --- reference implementations: one Python loop per row, as the tables are defined ---


class _UnionFind:
    def __init__(self, items):
        self.parent = {item: item for item in items}

    def find(self, item):
        while self.parent[item] != item:
            item = self.parent[item]
        return item

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def reference_facts(claims, relations, copies):
    ids = claims["claim_id"].tolist()
    article_ids = claims["article_id"].tolist()
    outlet_of = claims["outlet"].tolist()
    texts = claims["text"].tolist()
    uf = _UnionFind(ids)
    is_agree = (relations["relation"] == "agree").to_numpy()
    pairs_a, pairs_b = relations["claim_a"].to_numpy(), relations["claim_b"].to_numpy()
    article_of = dict(zip(ids, article_ids))
    cluster_articles = {cid: {article_of[cid]} for cid in ids}
    members_of = {cid: [cid] for cid in ids}
    conflicts = defaultdict(set)
    for a, b in zip(pairs_a[~is_agree], pairs_b[~is_agree]):
        conflicts[a].add(b)
        conflicts[b].add(a)
    for k in np.argsort(-relations["score"].to_numpy(), kind="stable"):
        if not is_agree[k]:
            continue
        ra, rb = uf.find(pairs_a[k]), uf.find(pairs_b[k])
        if ra == rb or cluster_articles[ra] & cluster_articles[rb]:
            continue
        if any(uf.find(other) == rb for cid in members_of[ra] for other in conflicts.get(cid, ())):
            continue
        uf.union(ra, rb)
        root = uf.find(ra)
        cluster_articles[root] = cluster_articles[ra] | cluster_articles[rb]
        members_of[root] = members_of[ra] + members_of[rb]
    copy_uf = _UnionFind(list(dict.fromkeys(article_ids)))
    for a, b in zip(copies["article_a"], copies["article_b"]):
        copy_uf.union(a, b)
    members = defaultdict(list)
    for position, cid in enumerate(ids):
        members[uf.find(cid)].append(position)
    fact_of, rows = {}, []
    for number, positions in enumerate(sorted(members.values(), key=lambda m: m[0]), 1):
        fact_id = f"f{number}"
        for p in positions:
            fact_of[ids[p]] = fact_id
        outlets = list(dict.fromkeys(outlet_of[p] for p in positions))
        independent = len({copy_uf.find(article_ids[p]) for p in positions})
        rows.append((fact_id, texts[positions[0]], [ids[p] for p in positions],
                     list(dict.fromkeys(article_ids[p] for p in positions)), outlets, len(outlets),
                     min(independent, len(outlets))))
    facts = pd.DataFrame(rows, columns=["fact_id", "text", "claim_ids", "article_ids", "outlets",
                                        "n_outlets", "n_independent"])
    disputed = defaultdict(set)
    for a, b in zip(pairs_a[~is_agree], pairs_b[~is_agree]):
        if fact_of[a] != fact_of[b]:
            disputed[fact_of[a]].add(fact_of[b])
            disputed[fact_of[b]].add(fact_of[a])
    facts["contradicted_by"] = [sorted(disputed.get(f, ()), key=lambda x: int(x[1:])) for f in facts["fact_id"]]
    facts["status"] = [
        FactStatus.DISPUTED.value if disputed.get(f) else
        FactStatus.CONSENSUS.value if n >= 2 else FactStatus.SINGLE_SOURCE.value
        for f, n in zip(facts["fact_id"], facts["n_independent"])
    ]
    return facts, fact_of


def reference_coverage(facts, outlets):
    position = {outlet: i for i, outlet in enumerate(outlets)}
    fact_ids = facts["fact_id"].tolist()
    fact_outlets = dict(zip(fact_ids, facts["outlets"]))
    values = np.full((len(outlets), len(fact_ids)), "omitted", dtype=object)
    for j, fact_id in enumerate(fact_ids):
        for outlet in fact_outlets[fact_id]:
            values[position[outlet], j] = "reported"
    for j, others in enumerate(facts["contradicted_by"]):
        for other in others:
            for outlet in fact_outlets[other]:
                if values[position[outlet], j] != "reported":
                    values[position[outlet], j] = "contradicted"
    return pd.DataFrame(values, index=pd.Index(outlets, name="outlet"), columns=pd.Index(fact_ids, name="fact_id"))


def reference_omissions(facts, coverage_df):
    rows, cols = np.nonzero(coverage_df.to_numpy() == "omitted")
    position = pd.Index(facts["fact_id"]).get_indexer(coverage_df.columns)[cols]
    return pd.DataFrame({
        "outlet": coverage_df.index.to_numpy()[rows],
        "fact_id": coverage_df.columns.to_numpy()[cols],
        "status": facts["status"].to_numpy()[position],
        "n_outlets_reporting": facts["n_outlets"].to_numpy()[position],
        "text": facts["text"].to_numpy()[position],
    }, columns=["outlet", "fact_id", "status", "n_outlets_reporting", "text"])


def reference_outlet_tables(facts, outlets):
    position = {outlet: i for i, outlet in enumerate(outlets)}
    incidence = np.zeros((len(facts), len(outlets)))
    for row, fact_outlets in enumerate(facts["outlets"]):
        incidence[row, [position[o] for o in fact_outlets]] = 1.0
    agree = incidence.T @ incidence
    row_of = {fact_id: row for row, fact_id in enumerate(facts["fact_id"])}
    disputes = {(min(row_of[f], row_of[o]), max(row_of[f], row_of[o]))
                for f, others in zip(facts["fact_id"], facts["contradicted_by"]) for o in others}
    contra = np.zeros_like(agree)
    for first, second in disputes:
        contra += np.outer(incidence[first], incidence[second])
    contra = contra + contra.T
    np.fill_diagonal(agree, 0.0)
    np.fill_diagonal(contra, 0.0)
    shared = agree + contra
    with np.errstate(invalid="ignore", divide="ignore"):
        agreement = np.where(shared > 0, agree / shared, np.nan)
        contradiction = np.where(shared > 0, contra / shared, np.nan)
    np.fill_diagonal(shared, np.nan)
    return agreement, contradiction, shared


# --- random events: claims of a few articles, relations between articles, wire copies ---

@st.composite
def events(draw):
    n_articles = draw(st.integers(1, 5))
    outlet_of_article = [f"O{draw(st.integers(0, n_articles - 1))}" for _ in range(n_articles)]
    articles = draw(st.lists(st.integers(0, n_articles - 1), min_size=0, max_size=25))
    claims = pd.DataFrame({
        "claim_id": [f"a{a}c{k}" for k, a in enumerate(articles)],
        "article_id": [f"a{a}" for a in articles],
        "outlet": [outlet_of_article[a] for a in articles],
        "text": [f"claim {k}" for k in range(len(articles))],
    })
    cross = [(i, j) for i in range(len(articles)) for j in range(i + 1, len(articles)) if articles[i] != articles[j]]
    chosen = draw(st.lists(st.sampled_from(cross), unique=True, max_size=40)) if cross else []
    relations = pd.DataFrame({
        "claim_a": [claims["claim_id"][i] for i, _ in chosen],
        "claim_b": [claims["claim_id"][j] for _, j in chosen],
        "relation": [draw(st.sampled_from(["agree", "agree", "contradict"])) for _ in chosen],
        # few distinct scores, so that ties (kept in relation order) are common
        "score": [draw(st.sampled_from([0.5, 0.7, 0.9, 1.0])) for _ in chosen],
    }, columns=["claim_a", "claim_b", "relation", "score"])
    used = sorted(set(claims["article_id"]))
    pairs = [(a, b) for a in used for b in used if a < b]
    copied = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3)) if pairs else []
    copies = pd.DataFrame(copied, columns=["article_a", "article_b"])
    outlets = list(dict.fromkeys(outlet_of_article))
    return claims, relations, copies, outlets


@settings(max_examples=60, deadline=None)
@given(events())
def test_tables_match_the_row_by_row_definitions(event):
    claims, relations, copies, outlets = event
    expected_facts, fact_of = reference_facts(claims, relations, copies)
    facts = aggregate.build_facts(claims, relations, copies)
    assert facts.attrs.pop("fact_of") == [fact_of[c] for c in claims["claim_id"]]
    pd.testing.assert_frame_equal(facts, expected_facts, check_exact=True)

    expected_coverage = reference_coverage(facts, outlets)
    codes = aggregate.coverage_codes(facts, outlets)
    pd.testing.assert_frame_equal(aggregate.coverage_table(facts, outlets), expected_coverage, check_exact=True)
    covered = aggregate.coverage_table(facts, outlets, codes=codes)
    pd.testing.assert_frame_equal(covered, expected_coverage, check_exact=True)

    expected_omissions = reference_omissions(facts, expected_coverage)
    pd.testing.assert_frame_equal(aggregate.omissions(facts, covered), expected_omissions, check_exact=True)
    pd.testing.assert_frame_equal(aggregate.omissions(facts, covered, omitted=codes == aggregate.OMITTED),
                                  expected_omissions, check_exact=True)

    tables = aggregate.outlet_tables(relations, facts, outlets)
    for table, expected in zip(tables, reference_outlet_tables(facts, outlets)):
        np.testing.assert_array_equal(table.to_numpy(), expected)


def test_coverage_of_no_facts_keeps_the_pandas_dtypes():
    facts, _ = reference_facts(pd.DataFrame(columns=["claim_id", "article_id", "outlet", "text"]),
                               pd.DataFrame(columns=["claim_a", "claim_b", "relation", "score"]),
                               pd.DataFrame(columns=["article_a", "article_b"]))
    expected = reference_coverage(facts, ["A", "B"])
    covered = aggregate.coverage_table(facts, ["A", "B"])
    pd.testing.assert_frame_equal(covered, expected, check_exact=True)
    pd.testing.assert_frame_equal(aggregate.omissions(facts, covered), reference_omissions(facts, expected),
                                  check_exact=True)


def test_an_outlet_missing_from_the_list_is_an_error():
    claims = pd.DataFrame({"claim_id": ["c1"], "article_id": ["a1"], "outlet": ["A"], "text": ["t"]})
    facts = aggregate.build_facts(claims, pd.DataFrame(columns=["claim_a", "claim_b", "relation", "score"]),
                                  pd.DataFrame(columns=["article_a", "article_b"]))
    with pytest.raises(KeyError):
        aggregate.coverage_table(facts, ["B"])


@pytest.mark.parametrize("enabled", [True, False])
def test_compare_restores_the_garbage_collector_state(small_event, enabled, monkeypatch):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        coverage.compare(small_event)
        assert gc.isenabled() is enabled

        def failing(*args, **kwargs):
            assert not gc.isenabled()
            raise RuntimeError("segmentation failed")

        monkeypatch.setattr(coverage.pipeline, "_segment", failing)
        with pytest.raises(RuntimeError):
            coverage.compare(small_event)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_compare_leaves_the_garbage_collector_on_while_other_threads_run(small_event, monkeypatch):
    """The collector is process-wide: compare() in one thread must not keep it off for the
    others (calls overlapping in a worker's threads would keep it off for good)."""
    import threading

    segment = coverage.pipeline._segment
    seen = []

    def segment_and_look(*args, **kwargs):
        seen.append(gc.isenabled())
        return segment(*args, **kwargs)

    monkeypatch.setattr(coverage.pipeline, "_segment", segment_and_look)
    was = gc.isenabled()
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        gc.enable()
        coverage.compare(small_event)
        assert seen and all(seen)
        assert gc.isenabled()
    finally:
        done.set()
        other.join()
        (gc.enable if was else gc.disable)()


def test_claims_without_relations_give_typed_empty_tables():
    with pytest.warns(coverage.CoverageWarning, match="yielded no claims"):
        report = coverage.compare([{"text": "Photo: Reuters", "outlet": "A"}, {"text": "Photo: AP", "outlet": "B"}])
    assert report.relations.empty and list(report.relations.columns) == coverage.report.RELATION_COLUMNS
    assert report.relations["score"].dtype == np.float64
    assert report.omissions.empty


def test_wire_copies_from_claim_rows_match_the_candidate_table():
    from coverage.aggregate import _wire_copies, wire_copies

    texts = {"a": ["The fire began at noon in the warehouse.", "Fourteen workers were taken to hospital.",
                   "Police closed the road for the evening."],
             "b": ["The fire began at noon in the warehouse.", "Fourteen workers were taken to hospital!",
                   "A spokesman declined to comment further."],
             "c": ["Police closed the road for the evening.", "Nobody else was hurt in the blaze."],
             "d": ["The fire began at noon in the warehouse.", "Nobody else was hurt in the blaze."]}
    rows = [(f"{article}-c{k}", article, f"Outlet {article.upper()}", text)
            for article, claims in texts.items() for k, text in enumerate(claims)]
    claims = pd.DataFrame(rows, columns=["claim_id", "article_id", "outlet", "text"])
    left, right = map(np.array, zip(*[(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
                                      if rows[i][1] != rows[j][1]]))
    scores = pd.DataFrame({"char_cosine": np.ones(len(left)), "claim_a": claims["claim_id"].to_numpy()[left],
                           "claim_b": claims["claim_id"].to_numpy()[right],
                           "article_a": claims["article_id"].to_numpy()[left],
                           "article_b": claims["article_id"].to_numpy()[right]})
    copies = wire_copies(claims, scores, min_share=0.5)
    pd.testing.assert_frame_equal(_wire_copies(claims, left, right, min_share=0.5), copies)
    assert copies.values.tolist() == [["a", "b", "Outlet A", "Outlet B", 2, 2 / 3]]
    assert _wire_copies(claims, left[:0], right[:0]).empty
