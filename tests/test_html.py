"""The HTML report: self-contained, escaped, every claim highlighted from its offsets."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

import coverage
from coverage.html import render_html


class _Spans(HTMLParser):
    """Collects each claim span's attributes and text, every src/href, and the script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.claims: dict[str, dict] = {}
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._stack: list[str | None] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.links.extend(v for k, v in attrs.items() if k in ("src", "href") and v)
        self._in_script = tag == "script"
        if tag == "span" and "data-claim" in attrs:
            self.claims[attrs["data-claim"]] = {**attrs, "text": ""}
            self._stack.append(attrs["data-claim"])
        elif tag == "span":
            self._stack.append(None)

    def handle_endtag(self, tag):
        if tag == "span" and self._stack:
            self._stack.pop()
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        for claim in self._stack:
            if claim is not None:
                self.claims[claim]["text"] += data


def _parse(page: str) -> _Spans:
    parser = _Spans()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def report():
    from conftest import LOCAL, TABLOID, WIRE

    return coverage.compare([
        {"id": "w", "outlet": "Northline", "text": WIRE, "published": "2021-05-04"},
        {"id": "t", "outlet": "Daily Blast", "text": TABLOID, "published": "2021-05-04"},
        {"id": "l", "outlet": "Riverton Post", "text": LOCAL, "published": "2021-05-05"},
    ])


@pytest.fixture(scope="module")
def page(report):
    return report.to_html()


def test_page_is_self_contained(page):
    parsed = _parse(page)
    assert not [link for link in parsed.links if re.match(r"(?i)\s*(https?:)?//", link)]
    assert not re.search(r"(?i)(src|href)\s*=\s*[\"']?\s*(https?:)?//", page)
    assert "@import" not in page and "url(" not in page
    assert "<style>" in page and parsed.scripts


def test_every_claim_span_is_present_with_its_attributes(report, page):
    spans = _parse(page).claims
    status = dict(zip(report.facts["fact_id"], report.facts["status"]))
    assert set(spans) == set(report.claims["claim_id"])
    for claim in report.claims.itertuples():
        span = spans[claim.claim_id]
        assert span["text"] == claim.text
        assert span["data-fact"] == claim.fact_id
        assert span["data-status"] == status[claim.fact_id]
        assert f"st-{status[claim.fact_id]}" in span["class"].split()
        assert "data-agree" in span and "data-contra" in span


def test_aligned_claims_point_at_each_other(report, page):
    import json

    spans = _parse(page).claims
    for row in report.relations.itertuples():
        key = "data-contra" if row.relation == "contradict" else "data-agree"
        assert row.claim_b in json.loads(spans[row.claim_a][key])
        assert row.claim_a in json.loads(spans[row.claim_b][key])


def test_text_between_claims_is_kept(report, page):
    """Datelines and other text outside any claim appear as plain text, in order."""
    body = re.sub(r"<[^>]+>", "", page)
    from html import unescape

    plain = unescape(body)
    for article in report.articles:
        assert article.text in plain


def test_script_injection_is_escaped():
    evil = "<script>alert(1)</script>"
    report = coverage.compare([
        {"text": f"Three drones hit the house on Sunday, police said. {evil}", "outlet": f"Wire {evil}",
         "title": evil},
        {"text": "Two drones hit the house on Sunday, police said.", "outlet": '"><img src=x onerror=alert(1)>'},
    ])
    page = render_html(report, title=evil)
    assert evil not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    assert page.count("<script>") == 1  # the page's own script only


def test_contradictions_show_both_sides_with_attribution():
    report = coverage.compare([
        {"text": "Fourteen workers were taken to hospital after the fire, police said.", "outlet": "Wire"},
        {"text": "Nineteen workers were taken to hospital after the fire.", "outlet": "Daily"},
    ])
    page = report.to_html()
    section = page[page.index('id="contradictions"'):page.index('id="outlets"')]
    assert "numeric" in section
    assert "<mark>Fourteen</mark>" in section and "<mark>Nineteen</mark>" in section
    assert "attributed to police" in section and "own voice" in section


def test_heatmap_leaves_nan_cells_empty(report, page):
    section = page[page.index('id="outlets"'):page.index('id="coverage"')]
    n = len(report.outlets)
    assert section.count('<td class="na"></td>') >= 2 * n  # at least the diagonals of both tables
    assert "shared</small>" in section


def test_to_html_writes_a_file(report, tmp_path):
    path = tmp_path / "report.html"
    assert report.to_html(path) is None
    assert path.read_text(encoding="utf-8") == report.to_html()


def _eight_outlets(example_pack):
    base = [{k: a[k] for k in ("id", "outlet", "title", "published", "text")} for a in example_pack["articles"]]
    extra = [{**base[i], "id": f"x{i}", "outlet": f"Copy Desk {i}"} for i in range(3)]
    return base + extra


def test_eight_outlets_render(example_pack):
    report = coverage.compare(_eight_outlets(example_pack))
    page = report.to_html()
    parsed = _parse(page)
    assert page.count('class="article"') == 8
    assert 'style="--n:8"' in page
    assert set(parsed.claims) == set(report.claims["claim_id"])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")
def test_chromium_renders_the_page(example_pack, tmp_path):
    report = coverage.compare(_eight_outlets(example_pack))
    html_path, png = tmp_path / "report.html", tmp_path / "report.png"
    report.to_html(html_path)
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1600,1000", f"--screenshot={png}",
         html_path.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert png.stat().st_size > 20_000
