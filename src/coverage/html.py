"""A self-contained HTML page for a :class:`~coverage.CoverageReport`.

The page has no external resources (inline CSS and script, system fonts), so it can be
mailed or archived as one file. Every piece of article text and every table value goes
through :func:`html.escape`; claim highlighting follows the claims' character offsets
into ``article.text``, and the text between claims is rendered as plain escaped text.
"""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any

import pandas as pd

__all__ = ["render_html"]

STATUSES = ("consensus", "disputed", "single-source")
_STATUS_HELP = {
    "consensus": "reported by at least two independent outlets, contradicted by none",
    "disputed": "contradicted by another outlet",
    "single-source": "reported by one independent source only",
}


def render_html(report, *, title: str | None = None) -> str:
    """Render a report as one self-contained HTML page.

    The page shows the articles side by side with every claim highlighted by the
    status of its fact (hover or click a claim to light up the claims aligned with it
    in the other articles), the contradictions with their evidence and attribution,
    outlet x outlet agreement and contradiction heatmaps, each outlet's coverage and
    omissions, and the wire copies.

    Parameters
    ----------
    report : CoverageReport
    title : str, optional
        The page heading; defaults to ``report.meta["title"]`` or "Coverage report".

    Returns
    -------
    str
        The HTML document.

    Examples
    --------
    >>> import coverage
    >>> report = coverage.compare([
    ...     {"text": "Three drones hit the house.", "outlet": "Wire"},
    ...     {"text": "Two drones hit the house.", "outlet": "Daily"},
    ... ])
    >>> page = render_html(report)
    >>> page.startswith("<!DOCTYPE html>")
    True
    """
    if title is None:
        title = str(report.meta.get("title") or "Coverage report")
    claims = report.claims
    status_of_fact = dict(zip(report.facts["fact_id"], report.facts["status"]))
    partners = _partners(report)
    sections = [
        _summary(report),
        _articles(report, status_of_fact, partners),
        _contradictions(report),
        _outlet_tables(report),
        _coverage(report),
        _omissions(report),
        _wire_copies(report),
    ]
    nav = "".join(
        f'<a href="#{anchor}">{escape(label)}</a>'
        for anchor, label in (("articles", "Articles"), ("contradictions", "Contradictions"),
                              ("outlets", "Outlet tables"), ("coverage", "Coverage"),
                              ("omissions", "Omissions"), ("wire", "Wire copies"))
    )
    n_claims = len(claims)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(title)}</h1><nav>{nav}</nav></header>\n<main>\n"
        + "\n".join(sections)
        + f"\n</main>\n<div id=\"infobar\" role=\"status\">{escape(_HINT)}</div>\n"
        f"<footer>news-coverage report · {len(report.articles)} articles · {n_claims} claims</footer>\n"
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


_HINT = "Hover over a claim to see the claims aligned with it; click to pin it and scroll the other articles to them (Esc clears)."


def _partners(report) -> dict[str, dict[str, list[str]]]:
    """For each claim: the claims aligned with it that agree, and those that contradict it."""
    out: dict[str, dict[str, list[str]]] = {}
    for a, b, relation in zip(report.relations["claim_a"], report.relations["claim_b"],
                              report.relations["relation"]):
        key = "contra" if relation == "contradict" else "agree"
        out.setdefault(a, {"agree": [], "contra": []})[key].append(b)
        out.setdefault(b, {"agree": [], "contra": []})[key].append(a)
    # Claims merged into one fact are aligned too, even without a direct relation row.
    by_fact = report.claims.groupby("fact_id", sort=False)["claim_id"].apply(list)
    for members in by_fact:
        for claim in members:
            entry = out.setdefault(claim, {"agree": [], "contra": []})
            entry["agree"].extend(m for m in members if m != claim and m not in entry["agree"])
    for entry in out.values():
        entry["contra"] = list(dict.fromkeys(entry["contra"]))
        entry["agree"] = [c for c in dict.fromkeys(entry["agree"]) if c not in entry["contra"]]
    return out


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str:
    """Any table value as escaped text; missing values as an empty string."""
    if isinstance(value, (list, tuple)):
        return escape(", ".join(str(v) for v in value))
    return "" if _is_missing(value) else escape(str(value))


def _voice(attributed_to: Any) -> str:
    return "own voice" if _is_missing(attributed_to) else f"attributed to {attributed_to}"


def _summary(report) -> str:
    counts = report.facts["status"].value_counts()
    n_contra = int((report.relations["relation"] == "contradict").sum())
    items = [
        (str(len(report.articles)), "articles"),
        (str(len(report.outlets)), "outlets"),
        (str(len(report.claims)), "claims"),
        (str(len(report.facts)), "facts"),
    ] + [(str(int(counts.get(s, 0))), s) for s in STATUSES] + [
        (str(n_contra), "contradictions"),
        (str(len(report.wire_copies)), "wire-copy pairs"),
    ]
    cells = "".join(
        f'<div class="stat{" st-" + label if label in STATUSES else ""}"><b>{escape(n)}</b>'
        f"<span>{escape(label)}</span></div>"
        for n, label in items
    )
    return f'<section id="summary"><div class="stats">{cells}</div></section>'


def _legend() -> str:
    swatches = "".join(
        f'<span class="legend-item"><span class="claim st-{s}">{escape(s)}</span> {escape(_STATUS_HELP[s])}</span>'
        for s in STATUSES
    )
    return (
        f'<div class="legend">{swatches}'
        '<span class="legend-item"><span class="claim attributed">attributed</span> dotted underline: '
        "the outlet reports what a source said</span>"
        '<span class="legend-item"><span class="claim linked">aligned</span>'
        '<span class="claim linked-contra">contradicting</span> claims aligned with the one under the pointer</span>'
        "</div>"
    )


def _articles(report, status_of_fact: dict, partners: dict) -> str:
    claims_by_article = {aid: group.sort_values(["start", "end"])
                         for aid, group in report.claims.groupby("article_id", sort=False)}
    coverage = report.coverage
    columns = []
    for article in report.articles:
        group = claims_by_article.get(article.id)
        body = _highlight(article.text, group, status_of_fact, partners)
        meta = []
        if article.title:
            meta.append(f'<div class="title">{escape(article.title)}</div>')
        details = [f"id {article.id}"]
        if article.published:
            details.append(article.published.isoformat())
        if article.url:
            details.append(article.url)  # shown as text, never fetched or linked
        n_claims = 0 if group is None else len(group)
        details.append(f"{n_claims} claims")
        if article.outlet in coverage.index:
            row = coverage.loc[article.outlet]
            details.append(f"{int((row == 'omitted').sum())} facts omitted")
        meta.append(f'<div class="details">{escape(" · ".join(details))}</div>')
        columns.append(
            f'<div class="article" data-article="{escape(str(article.id))}">'
            f'<div class="article-head"><div class="outlet">{escape(article.outlet)}</div>{"".join(meta)}</div>'
            f'<div class="article-body">{body}</div></div>'
        )
    return (
        '<section id="articles"><h2>Articles</h2>' + _legend()
        + '<p class="note" id="scroll-note" hidden>Scroll sideways to see every outlet.</p>'
        + f'<div class="articles" style="--n:{len(columns)}">' + "".join(columns) + "</div></section>"
    )


def _highlight(text: str, claims: pd.DataFrame | None, status_of_fact: dict, partners: dict) -> str:
    """The article text with each claim wrapped in a span; the rest as plain escaped text."""
    if claims is None or not len(claims):
        return escape(text)
    out = []
    position = 0
    for claim in claims.itertuples(index=False):
        start, end = max(int(claim.start), position), min(int(claim.end), len(text))
        if end <= start:  # a claim wholly inside the previous one keeps no span of its own
            continue
        out.append(escape(text[position:start]))
        fact = None if _is_missing(claim.fact_id) else str(claim.fact_id)
        status = status_of_fact.get(fact, "single-source")
        links = partners.get(claim.claim_id, {"agree": [], "contra": []})
        classes = ["claim", f"st-{status}"]
        if not _is_missing(claim.attributed_to):
            classes.append("attributed")
        tip = [f"Fact {fact} · {status}" if fact else status, _voice(claim.attributed_to)]
        if links["agree"]:
            tip.append(f"{len(links['agree'])} aligned claim(s)")
        if links["contra"]:
            tip.append(f"contradicted by {len(links['contra'])} claim(s)")
        attributes = {
            "class": " ".join(classes),
            "tabindex": "0",
            "data-claim": claim.claim_id,
            "data-fact": fact or "",
            "data-status": status,
            "data-agree": json.dumps(links["agree"]),
            "data-contra": json.dumps(links["contra"]),
            "title": " · ".join(tip),
        }
        rendered = " ".join(f'{name}="{escape(str(value), quote=True)}"' for name, value in attributes.items())
        out.append(f"<span {rendered}>{escape(text[start:end])}</span>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def _marked(claim_text: str, claim_start: int, ev_start: int, ev_end: int, evidence: Any) -> str:
    """The claim text with its evidence span marked, or the evidence quoted below it."""
    lo, hi = ev_start - claim_start, ev_end - claim_start
    said = f'<div class="said">{escape(claim_text)}</div>'
    if (lo, hi) == (0, len(claim_text)):
        return said + '<div class="evidence">evidence: the whole claim</div>'
    if 0 <= lo < hi <= len(claim_text):
        return (f'<div class="said">{escape(claim_text[:lo])}<mark>{escape(claim_text[lo:hi])}</mark>'
                f"{escape(claim_text[hi:])}</div>")
    return said + f'<div class="evidence">evidence: <q>{_text(evidence)}</q></div>'


def _contradictions(report) -> str:
    rel = report.relations[report.relations["relation"] == "contradict"]
    head = '<section id="contradictions"><h2>Contradictions</h2>'
    if not len(rel):
        return head + '<p class="empty">No contradictions found.</p></section>'
    claims = report.claims.set_index("claim_id")
    items = []
    for row in rel.itertuples(index=False):
        sides = []
        for side in ("a", "b"):
            claim_id = getattr(row, f"claim_{side}")
            claim = claims.loc[claim_id]
            ev_start, ev_end = getattr(row, f"evidence_{side}_start"), getattr(row, f"evidence_{side}_end")
            sides.append(
                f'<div class="side"><div class="who"><b>{escape(str(getattr(row, f"outlet_{side}")))}</b> '
                f'<span class="voice">{escape(_voice(claim["attributed_to"]))}</span></div>'
                + _marked(str(claim["text"]), int(claim["start"]), int(ev_start), int(ev_end),
                          getattr(row, f"evidence_{side}"))
                + "</div>"
            )
        goto = escape(json.dumps([row.claim_a, row.claim_b]), quote=True)
        items.append(
            f'<div class="contra"><div class="contra-head"><span class="type">{_text(row.type)}</span>'
            f'<span class="explanation">{_text(row.explanation)}</span>'
            f'<button type="button" class="goto" data-goto="{goto}">show in articles</button></div>'
            f'<div class="sides">{"".join(sides)}</div></div>'
        )
    return head + f"<p>{len(items)} contradicting pairs of claims. The marked words are the evidence.</p>" + "".join(items) + "</section>"


def _heat(value: float, hue: int) -> str:
    """Background colour of a heatmap cell: white at 0, saturated at 1."""
    value = min(max(value, 0.0), 1.0)
    return f"hsl({hue} {int(20 + 55 * value)}% {int(97 - 45 * value)}%)"


def _heatmap(table: pd.DataFrame, counts: pd.DataFrame, *, hue: int, caption: str) -> str:
    outlets = list(table.index)
    head = "".join(f'<th scope="col"><div>{escape(str(o))}</div></th>' for o in table.columns)
    rows = []
    for a in outlets:
        cells = []
        for b in table.columns:
            value = table.loc[a, b]
            n = counts.loc[a, b] if a in counts.index and b in counts.columns else float("nan")
            if _is_missing(value) or not math.isfinite(float(value)):
                cells.append('<td class="na"></td>')
                continue
            shared = "" if _is_missing(n) else f'<small>{int(n)} shared</small>'
            cells.append(
                f'<td style="background:{_heat(float(value), hue)}" title="{escape(f"{a} / {b}: {value:.2f}", quote=True)}">'
                f"{escape(f'{value:.2f}')}{shared}</td>"
            )
        rows.append(f'<tr><th scope="row">{escape(str(a))}</th>{"".join(cells)}</tr>')
    return (f'<table class="heatmap"><caption>{escape(caption)}</caption>'
            f'<thead><tr><th></th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _outlet_tables(report) -> str:
    return (
        '<section id="outlets"><h2>Outlet × outlet</h2><div class="heatmaps">'
        + _heatmap(report.agreement, report.shared_facts, hue=135,
                   caption="Agreement: share of the facts both outlets report on which they agree")
        + _heatmap(report.contradiction, report.shared_facts, hue=5,
                   caption="Contradiction: share of the shared facts on which they conflict")
        + '</div><p class="note">Empty cells: the two outlets share no fact.</p></section>'
    )


def _coverage(report) -> str:
    coverage = report.coverage
    status_of_fact = dict(zip(report.facts["fact_id"], report.facts["status"]))
    text_of_fact = dict(zip(report.facts["fact_id"], report.facts["text"]))
    order = sorted(coverage.columns, key=lambda f: (STATUSES.index(status_of_fact.get(f, "single-source"))
                                                    if status_of_fact.get(f) in STATUSES else 3))
    rows = []
    for outlet in coverage.index:
        values = coverage.loc[outlet]
        counts = values.value_counts()
        cells = "".join(
            f'<td class="cov-{escape(str(values[f]))}" '
            f'title="{escape(_fact_tip(f, status_of_fact.get(f), values[f], text_of_fact.get(f)), quote=True)}"></td>'
            for f in order
        )
        numbers = "".join(f'<td class="num">{int(counts.get(k, 0))}</td>' for k in ("reported", "contradicted", "omitted"))
        rows.append(f'<tr><th scope="row">{escape(str(outlet))}</th>{numbers}<td class="strip"><table><tr>{cells}</tr></table></td></tr>')
    return (
        '<section id="coverage"><h2>Coverage</h2>'
        '<p class="note">One cell per fact, consensus facts first, then disputed, then single-source: '
        '<span class="key cov-reported"></span> reported <span class="key cov-contradicted"></span> '
        'contradicted <span class="key cov-omitted"></span> omitted.</p>'
        '<table class="coverage"><thead><tr><th></th><th>reported</th><th>contradicted</th><th>omitted</th>'
        f'<th>facts</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _fact_tip(fact_id: str, status: Any, value: Any, text: Any) -> str:
    return f"{fact_id} ({'' if _is_missing(status) else status}) {value}: {'' if _is_missing(text) else text}"


def _omissions(report) -> str:
    om = report.omissions
    parts = ['<section id="omissions"><h2>Omissions</h2>'
             '<p class="note">Facts other outlets report that this outlet leaves out, '
             "the most widely reported first.</p>"]
    for outlet in report.outlets:
        group = om[om["outlet"] == outlet].sort_values("n_outlets_reporting", ascending=False, kind="stable")
        wide = int((group["n_outlets_reporting"] >= 2).sum())
        items = "".join(
            f'<li><span class="badge st-{_text(row.status)}">{_text(row.status)}</span> '
            f'<span class="n">{_text(row.n_outlets_reporting)} outlets</span> {_text(row.text)}</li>'
            for row in group.itertuples(index=False)
        )
        parts.append(
            f"<details><summary><b>{escape(str(outlet))}</b>: {len(group)} facts omitted, "
            f"{wide} of them reported by two or more other outlets</summary><ul>{items}</ul></details>"
        )
    return "".join(parts) + "</section>"


def _wire_copies(report) -> str:
    wire = report.wire_copies
    head = '<section id="wire"><h2>Wire copies</h2>'
    if not len(wire):
        return head + '<p class="empty">No articles share wire copy.</p></section>'
    columns = [c for c in ("outlet_a", "article_a", "outlet_b", "article_b", "shared_claims", "share") if c in wire.columns]
    header = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)
    rows = []
    for _, row in wire.iterrows():
        cells = []
        for c in columns:
            value = row[c]
            shown = f"{value:.2f}" if c == "share" and not _is_missing(value) else value
            cells.append(f"<td>{_text(shown)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (head + '<p class="note">Article pairs carrying the same wire text count as one source for consensus.</p>'
            f'<table class="plain"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


_CSS = """
:root { --consensus: #c8ebc8; --disputed: #f7c4bd; --single: #e4e4ef; --ink: #1d2430; --muted: #5b6472;
  --line: #d9dce3; --accent: #2456c9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #f6f7f9; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 10px 24px; display: flex;
  align-items: baseline; gap: 24px; flex-wrap: wrap; position: sticky; top: 0; z-index: 5; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 17px; margin: 0 0 8px; }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
main { padding: 12px 24px 64px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; }
.stats { display: flex; flex-wrap: wrap; gap: 10px; }
.stat { border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; min-width: 84px; background: #fff; }
.stat b { display: block; font-size: 18px; }
.stat span { color: var(--muted); font-size: 12px; }
.stat.st-consensus { background: var(--consensus); } .stat.st-disputed { background: var(--disputed); }
.stat.st-single-source { background: var(--single); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; color: var(--muted); margin-bottom: 10px; }
.legend .claim { color: var(--ink); margin-right: 4px; }
.articles { display: grid; grid-template-columns: repeat(var(--n), minmax(290px, 1fr));
  grid-template-rows: auto auto; gap: 0 12px; overflow-x: auto; padding-bottom: 6px; }
.article { border: 1px solid var(--line); border-radius: 6px; display: grid; grid-row: span 2;
  grid-template-rows: subgrid; min-width: 0; background: #fff; }
.article-head { padding: 8px 10px; border-bottom: 1px solid var(--line); background: #fafbfc; border-radius: 6px 6px 0 0;
}
.article.has-linked .article-head { box-shadow: inset 0 -3px 0 var(--accent); }
.outlet { font-weight: 700; font-size: 15px; }
.title { font-size: 13px; }
.details { font-size: 11px; color: var(--muted); overflow-wrap: anywhere; }
.article-body { position: relative; padding: 8px 12px; white-space: pre-wrap; overflow-wrap: break-word;
  overflow-y: auto; max-height: 70vh; font-family: Georgia, "Times New Roman", serif; font-size: 14px; line-height: 1.55; }
.claim { border-radius: 3px; padding: 1px 0; cursor: pointer; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.claim.st-consensus { background: var(--consensus); }
.claim.st-disputed { background: var(--disputed); }
.claim.st-single-source { background: var(--single); }
.claim.attributed { text-decoration: underline dotted #555; text-underline-offset: 3px; }
.claim:focus { outline: none; }
.claim.focus { outline: 2px solid var(--ink); }
.claim.linked { outline: 2px solid var(--accent); background: #cfe0ff; }
.claim.linked-contra { outline: 2px solid #c0392b; background: #ffb1a6; }
#infobar { position: fixed; left: 0; right: 0; bottom: 0; background: #1d2430; color: #fff; padding: 6px 24px;
  font-size: 13px; z-index: 6; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.contra { border: 1px solid var(--line); border-left: 4px solid #c0392b; border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
.contra-head { display: flex; gap: 12px; align-items: baseline; margin-bottom: 6px; }
.type { font-weight: 700; text-transform: uppercase; font-size: 12px; color: #c0392b; letter-spacing: .04em; }
.explanation { color: var(--muted); font-size: 12px; flex: 1; }
.goto { font-size: 12px; border: 1px solid var(--line); background: #fff; border-radius: 4px; cursor: pointer; color: var(--accent); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.side .voice { color: var(--muted); font-size: 12px; font-style: italic; }
.said { font-family: Georgia, "Times New Roman", serif; }
mark { background: #ffe27a; padding: 0 1px; }
.evidence { font-size: 12px; color: var(--muted); }
.heatmaps { display: flex; flex-wrap: wrap; gap: 24px; overflow-x: auto; }
table { border-collapse: collapse; }
.heatmap caption { text-align: left; font-size: 12px; color: var(--muted); caption-side: top; padding-bottom: 4px; max-width: 520px; }
.heatmap th { font-weight: 600; font-size: 12px; padding: 4px 6px; }
.heatmap thead th div { width: 88px; white-space: normal; line-height: 1.2; }
.heatmap tbody th { text-align: right; max-width: 200px; }
.heatmap td { width: 88px; height: 44px; text-align: center; border: 1px solid #fff; font-variant-numeric: tabular-nums; }
.heatmap td small { display: block; font-size: 10px; color: #3a3f47; }
.heatmap td.na { background: #f1f2f4; }
.note, .empty { color: var(--muted); font-size: 12px; }
.coverage th { text-align: right; font-size: 12px; padding: 2px 8px; white-space: nowrap; }
.coverage thead th { text-align: center; }
.coverage td.num { text-align: right; padding: 0 8px; font-variant-numeric: tabular-nums; }
.coverage td.strip table td { width: 9px; height: 16px; border: 1px solid #fff; padding: 0; }
.cov-reported { background: #4caf50; } .cov-contradicted { background: #e0533f; } .cov-omitted { background: #e3e5ea; }
.key { display: inline-block; width: 10px; height: 10px; vertical-align: middle; }
details { margin: 4px 0; } summary { cursor: pointer; }
details ul { margin: 4px 0 8px; padding-left: 20px; }
.badge { font-size: 11px; border-radius: 3px; padding: 0 4px; }
.badge.st-consensus { background: var(--consensus); } .badge.st-disputed { background: var(--disputed); }
.badge.st-single-source { background: var(--single); }
.n { color: var(--muted); font-size: 12px; }
table.plain th, table.plain td { border-bottom: 1px solid var(--line); padding: 3px 10px; text-align: left; }
footer { color: var(--muted); font-size: 12px; padding: 0 24px 48px; }
"""

# Reads claim links from data attributes; builds nothing from strings (textContent only).
_SCRIPT = """
(function () {
  var byId = {};
  var claims = document.querySelectorAll('.claim[data-claim]');
  claims.forEach(function (el) { byId[el.getAttribute('data-claim')] = el; });
  var pinned = null;
  var bar = document.getElementById('infobar');
  var hint = bar.textContent;
  function list(el, name) {
    try { return JSON.parse(el.getAttribute(name) || '[]'); } catch (e) { return []; }
  }
  function outletOf(el) {
    var col = el.closest('.article');
    return col ? col.querySelector('.outlet').textContent : '';
  }
  function mark(el, on) {
    el.classList.toggle('focus', on);
    [['data-agree', 'linked'], ['data-contra', 'linked-contra']].forEach(function (pair) {
      list(el, pair[0]).forEach(function (id) {
        var other = byId[id];
        if (!other) { return; }
        other.classList.toggle(pair[1], on);
        var col = other.closest('.article');
        if (col) { col.classList.toggle('has-linked', on); }
      });
    });
    if (on) {
      var agree = list(el, 'data-agree').length, contra = list(el, 'data-contra').length;
      bar.textContent = outletOf(el) + ' · ' + (el.getAttribute('title') || '') +
        (agree || contra ? '' : ' · no aligned claim in the other articles');
    } else {
      bar.textContent = hint;
    }
  }
  function reveal(el, smooth) {
    var done = {};
    list(el, 'data-agree').concat(list(el, 'data-contra')).forEach(function (id) {
      var other = byId[id];
      if (!other) { return; }
      var body = other.closest('.article-body');
      if (!body || done[body.parentNode.getAttribute('data-article')]) { return; }
      done[body.parentNode.getAttribute('data-article')] = true;
      body.scrollTo({ top: Math.max(0, other.offsetTop - body.clientHeight / 3), behavior: smooth ? 'smooth' : 'auto' });
    });
  }
  function pin(el, instant) {
    if (pinned) { mark(pinned, false); }
    if (pinned === el) { pinned = null; return; }
    pinned = el;
    mark(el, true);
    reveal(el, !instant);
  }
  claims.forEach(function (el) {
    el.addEventListener('mouseenter', function () { if (!pinned) { mark(el, true); } });
    el.addEventListener('mouseleave', function () { if (!pinned) { mark(el, false); } });
    el.addEventListener('click', function () { pin(el); });
    el.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pin(el); } });
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && pinned) { mark(pinned, false); pinned = null; }
  });
  var row = document.querySelector('.articles'), note = document.getElementById('scroll-note');
  function overflow() { if (row && note) { note.hidden = row.scrollWidth <= row.clientWidth + 1; } }
  overflow();
  window.addEventListener('resize', overflow);
  var wanted = /^#claim=(.+)$/.exec(window.location.hash);
  if (wanted && byId[decodeURIComponent(wanted[1])]) { pin(byId[decodeURIComponent(wanted[1])], true); }
  document.querySelectorAll('button.goto').forEach(function (button) {
    button.addEventListener('click', function () {
      var ids = JSON.parse(button.getAttribute('data-goto'));
      var el = byId[ids[0]];
      if (!el) { return; }
      if (pinned !== el) { pin(el); }
      document.getElementById('articles').scrollIntoView({ behavior: 'smooth' });
      var body = el.closest('.article-body');
      body.scrollTo({ top: Math.max(0, el.offsetTop - body.clientHeight / 3) });
      var col = el.closest('.article');
      var row = col.parentNode;
      row.scrollTo({ left: Math.max(0, col.offsetLeft - row.offsetLeft - 20), behavior: 'smooth' });
    });
  });
})();
"""
