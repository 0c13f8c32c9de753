"""CSV and Parquet export of every table; HTML ingest through trafilatura."""

from __future__ import annotations

import builtins
import json

import pandas as pd
import pytest

import coverage

TABLES = ["articles", "claims", "relations", "facts", "wire_copies", "omissions",
          "coverage", "agreement", "contradiction", "shared_facts"]


@pytest.fixture(scope="module")
def report():
    from conftest import LOCAL, TABLOID, WIRE

    return coverage.compare([
        {"id": "w", "outlet": "Northline", "text": WIRE},
        {"id": "t", "outlet": "Daily Blast", "text": TABLOID},
        {"id": "l", "outlet": "Riverton Post", "text": LOCAL},
    ])


def test_csv_one_file_per_table(report, tmp_path):
    folder = tmp_path / "new" / "tables"
    paths = report.to_csv(folder)
    assert sorted(p.name for p in paths) == sorted(f"{name}.csv" for name in TABLES)
    claims = pd.read_csv(folder / "claims.csv")
    assert claims["claim_id"].tolist() == report.claims["claim_id"].tolist()
    assert [json.loads(v) for v in claims["numbers"]] == report.claims["numbers"].tolist()
    agreement = pd.read_csv(folder / "agreement.csv", index_col=0)
    pd.testing.assert_frame_equal(agreement, report.agreement, check_names=False)
    facts = pd.read_csv(folder / "facts.csv")
    assert [json.loads(v) for v in facts["claim_ids"]] == report.facts["claim_ids"].tolist()
    articles = pd.read_csv(folder / "articles.csv")
    assert articles["text"].tolist() == [a.text for a in report.articles]


def test_parquet_one_file_per_table(report, tmp_path):
    pytest.importorskip("pyarrow")
    paths = report.to_parquet(tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{name}.parquet" for name in TABLES)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "shared_facts.parquet"), report.shared_facts)
    claims = pd.read_parquet(tmp_path / "claims.parquet")
    assert [list(v) for v in claims["names"]] == report.claims["names"].tolist()


def test_parquet_without_pyarrow_names_the_extra(report, tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(coverage.MissingDependencyError, match=r'pip install "news-coverage\[parquet\]"'):
        report.to_parquet(tmp_path)


PAGE = """<!DOCTYPE html><html><head><title>Landslide buries mining camp</title>
<meta property="article:published_time" content="2021-05-04"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Landslide buries mining camp</h1>
<p>A landslide buried part of a mining camp near Riverton early on Tuesday, killing 12 workers,
the regional emergency agency said.</p>
<p>Rescue teams pulled 30 people from the mud, according to the agency. The company that runs
the camp, Halden Minerals, said the slope had been inspected in March.</p></article>
<footer>Copyright Example News</footer></body></html>"""


def test_article_from_html():
    pytest.importorskip("trafilatura")
    article = coverage.Article.from_html(PAGE, outlet="Example News")
    assert "killing 12 workers" in article.text
    assert "Copyright" not in article.text
    assert article.outlet == "Example News"
    assert article.title == "Landslide buries mining camp"


def test_html_files_are_read(tmp_path):
    pytest.importorskip("trafilatura")
    from coverage.io import read_articles

    (tmp_path / "example.html").write_text(PAGE, encoding="utf-8")
    [record] = read_articles([tmp_path / "example.html"])
    assert record["outlet"] == "example" and "Halden Minerals" in record["text"]
