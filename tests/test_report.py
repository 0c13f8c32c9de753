import math

import pandas as pd

import coverage
from coverage import CoverageReport


def test_json_round_trip(small_event, tmp_path):
    report = coverage.compare(small_event)
    path = tmp_path / "report.json"
    report.to_json(path)
    again = CoverageReport.from_json(path)
    assert [a.id for a in again.articles] == [a.id for a in report.articles]
    pd.testing.assert_frame_equal(again.agreement, report.agreement)
    pd.testing.assert_frame_equal(again.coverage, report.coverage)
    assert again.relations[["claim_a", "claim_b", "relation"]].values.tolist() == \
        report.relations[["claim_a", "claim_b", "relation"]].values.tolist()
    assert again.claims["text"].tolist() == report.claims["text"].tolist()
    assert CoverageReport.from_json(report.to_json()).to_json() == report.to_json()


def test_contradictions_view(small_event):
    view = coverage.compare(small_event).contradictions()
    assert {"type", "evidence_a", "evidence_b", "claim_text_a", "attributed_to_a"} <= set(view.columns)


def test_coverage_and_omissions_are_consistent(small_event):
    report = coverage.compare(small_event)
    assert set(report.coverage.stack().unique()) <= {"reported", "contradicted", "omitted"}
    omitted = (report.coverage == "omitted").sum().sum()
    assert omitted == len(report.omissions)
    for fact in report.facts.itertuples():
        for outlet in fact.outlets:
            assert report.coverage.loc[outlet, fact.fact_id] == "reported"


def test_facts_partition_the_claims(small_event):
    report = coverage.compare(small_event)
    ids = [cid for ids in report.facts["claim_ids"] for cid in ids]
    assert sorted(ids) == sorted(report.claims["claim_id"])
    assert report.claims["fact_id"].notna().all()


def test_agreement_matrix_is_symmetric(small_event):
    report = coverage.compare(small_event)
    a = report.agreement.to_numpy()
    assert all(math.isnan(x) and math.isnan(y) or x == y for x, y in zip(a.ravel(), a.T.ravel()))


def test_repr_html(small_event):
    html = coverage.compare(small_event)._repr_html_()
    assert "CoverageReport" in html


def test_round_trip_keeps_none(small_event):
    report = coverage.compare(small_event)
    again = CoverageReport.from_json(report.to_json())
    assert again.relations["type"].tolist() == report.relations["type"].tolist()
    assert again.claims["attributed_to"].tolist() == report.claims["attributed_to"].tolist()


import pytest  # noqa: E402


@pytest.mark.parametrize("bad", ["not json", "{bad", "[1, 2]", b"\xff\xfe", {"schema_version": 1}, 42])
def test_from_json_rejects_malformed_input(bad):
    with pytest.raises(coverage.CoverageError):
        CoverageReport.from_json(bad)


def test_a_fact_never_holds_contradicting_claims():
    report = coverage.compare([
        {"text": "Three drones attacked the residence of the prime minister on Sunday.", "outlet": "A"},
        {"text": "Drones attacked the residence of the prime minister on Sunday.", "outlet": "B"},
        {"text": "Two drones attacked the residence of the prime minister on Sunday.", "outlet": "C"},
    ])
    contra = report.relations[report.relations["relation"] == "contradict"]
    assert len(contra) == 1
    fact_of = dict(zip(report.claims["claim_id"], report.claims["fact_id"]))
    row = contra.iloc[0]
    assert fact_of[row["claim_a"]] != fact_of[row["claim_b"]]
    assert report.contradiction.loc["A", "C"] > 0


def test_summary_width_is_checked(small_event):
    with pytest.raises(coverage.InvalidParameterError):
        coverage.compare(small_event).summary(width=0)
