"""CoverageReport: the tables of a comparison, with export and display."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .types import Article

__all__ = ["CLAIM_COLUMNS", "RELATION_COLUMNS", "CoverageReport"]

CLAIM_COLUMNS = [
    "claim_id", "article_id", "outlet", "start", "end", "text", "attributed_to", "hedged",
    "quoted", "negated", "update", "numbers", "dates", "names", "hedges",
]
RELATION_COLUMNS = [
    "claim_a", "claim_b", "article_a", "article_b", "outlet_a", "outlet_b", "relation", "type",
    "score", "evidence_a", "evidence_b", "evidence_a_start", "evidence_a_end",
    "evidence_b_start", "evidence_b_end", "explanation",
]
SCHEMA_VERSION = 1


@dataclass
class CoverageReport:
    """The result of :func:`coverage.compare`.

    Attributes
    ----------
    articles : list of Article
        The compared articles, with their (possibly assigned) ids.
    claims : DataFrame
        One row per claim: ``claim_id, article_id, outlet, start, end, text,
        attributed_to`` (None for the outlet's own voice), ``hedged, quoted, negated,
        update``, the ``numbers, dates, names, hedges`` found in it, and ``fact_id``.
    relations : DataFrame
        One row per aligned pair of claims from different articles: ``claim_a, claim_b,
        article_a, article_b, outlet_a, outlet_b, relation`` ("agree"/"contradict"),
        ``type`` (numeric, negation, entity, temporal, modality, or None), ``score`` in
        [0, 1], ``evidence_a, evidence_b`` (the deciding spans, with offsets) and
        ``explanation``.
    facts : DataFrame
        Claims clustered into facts: ``fact_id, text, claim_ids, article_ids, outlets,
        n_outlets, n_independent, contradicted_by, status`` (consensus, disputed,
        single-source).
    coverage : DataFrame
        Outlet x fact: "reported", "contradicted" or "omitted".
    agreement, contradiction : DataFrame
        Outlet x outlet shares of shared facts on which two outlets agree / conflict;
        NaN where they share none. ``shared_facts`` holds the counts behind each cell.
    wire_copies : DataFrame
        Article pairs that carry the same wire text (one source for consensus).
    omissions : DataFrame
        One row per (outlet, fact) the outlet leaves out.
    """

    articles: list[Article]
    claims: pd.DataFrame
    relations: pd.DataFrame
    facts: pd.DataFrame
    coverage: pd.DataFrame
    agreement: pd.DataFrame
    contradiction: pd.DataFrame
    shared_facts: pd.DataFrame
    wire_copies: pd.DataFrame
    omissions: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def outlets(self) -> list[str]:
        return list(self.coverage.index)

    def contradictions(self) -> pd.DataFrame:
        """The contradicting pairs with both claims' text, attribution and evidence."""
        rel = self.relations[self.relations["relation"] == "contradict"]
        text = self.claims.set_index("claim_id")
        out = rel[["outlet_a", "outlet_b", "type", "evidence_a", "evidence_b", "explanation"]].copy()
        out["claim_text_a"] = text.loc[rel["claim_a"], "text"].to_numpy()
        out["claim_text_b"] = text.loc[rel["claim_b"], "text"].to_numpy()
        out["attributed_to_a"] = text.loc[rel["claim_a"], "attributed_to"].to_numpy()
        out["attributed_to_b"] = text.loc[rel["claim_b"], "attributed_to"].to_numpy()
        return out.reset_index(drop=True)

    def summary(self, *, width: int = 100) -> str:
        """A readable plain-text summary: consensus, disputes, omissions, outlet table."""
        from ._validation import check_int

        width = check_int(width, "width", "summary", low=20)
        lines = []
        counts = self.facts["status"].value_counts()
        lines.append(
            f"{len(self.articles)} articles from {len(self.outlets)} outlets, {len(self.claims)} claims, "
            f"{len(self.facts)} facts: {counts.get('consensus', 0)} consensus, "
            f"{counts.get('disputed', 0)} disputed, {counts.get('single-source', 0)} single-source."
        )
        lines.append("")
        lines.append("Consensus facts:")
        for _, fact in self.facts[self.facts["status"] == "consensus"].iterrows():
            lines.append(f"  [{fact['fact_id']}] {_clip(fact['text'], width)}  ({', '.join(fact['outlets'])})")
        lines.append("")
        lines.append("Contradictions:")
        for _, row in self.contradictions().iterrows():
            lines.append(f"  {row['type']}: {row['outlet_a']} vs {row['outlet_b']}")
            for side in "ab":
                who = row[f"attributed_to_{side}"]
                voice = "own voice" if who is None or pd.isna(who) else f"attributed to {who}"
                lines.append(f"    {row[f'outlet_{side}']} ({voice}): {_clip(row[f'claim_text_{side}'], width)}")
            lines.append(f"    evidence: {row['evidence_a']!r} vs {row['evidence_b']!r}")
        lines.append("")
        lines.append("Omissions (facts reported by at least two other outlets):")
        om = self.omissions[self.omissions["n_outlets_reporting"] >= 2]
        for outlet, group in om.groupby("outlet", sort=False):
            lines.append(f"  {outlet}: {len(group)}")
            for _, row in group.head(5).iterrows():
                lines.append(f"    - {_clip(row['text'], width - 6)}")
        if len(self.wire_copies):
            lines.append("")
            lines.append("Wire copies:")
            for _, row in self.wire_copies.iterrows():
                lines.append(f"  {row['outlet_a']} / {row['outlet_b']}: {row['shared_claims']} shared claims")
        lines.append("")
        lines.append("Agreement (share of shared facts; n shared in brackets):")
        table = self.agreement.round(2).astype(object)
        for a in self.outlets:
            for b in self.outlets:
                n = self.shared_facts.loc[a, b]
                table.loc[a, b] = "-" if np.isnan(n) or n == 0 else f"{self.agreement.loc[a, b]:.2f} ({int(n)})"
        lines.append(table.to_string())
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        from html import escape

        counts = self.facts["status"].value_counts()
        head = (f"<p><b>CoverageReport</b>: {len(self.articles)} articles, {len(self.claims)} claims, "
                f"{len(self.facts)} facts ({counts.get('consensus', 0)} consensus, "
                f"{counts.get('disputed', 0)} disputed, {counts.get('single-source', 0)} single-source)</p>")
        contra = self.contradictions()[["outlet_a", "outlet_b", "type", "evidence_a", "evidence_b"]]
        return (head + "<h4>Agreement</h4>" + self.agreement.round(2).to_html(na_rep="")
                + "<h4>Contradictions</h4>" + contra.to_html(index=False)
                + f"<p>{escape(str(len(self.wire_copies)))} wire-copy pairs.</p>")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every table (see :meth:`to_json`)."""
        def records(frame: pd.DataFrame) -> list[dict]:
            return json.loads(frame.to_json(orient="records", force_ascii=False))

        def matrix(frame: pd.DataFrame) -> dict:
            return {"index": list(frame.index), "columns": list(frame.columns),
                    "data": [[None if (isinstance(v, float) and np.isnan(v)) else v for v in row]
                             for row in frame.to_numpy().tolist()]}

        return {
            "schema_version": SCHEMA_VERSION,
            "articles": [
                {"id": a.id, "outlet": a.outlet, "title": a.title,
                 "published": a.published.isoformat() if a.published else None, "url": a.url,
                 "text": a.text}
                for a in self.articles
            ],
            "claims": records(self.claims),
            "relations": records(self.relations),
            "facts": records(self.facts),
            "coverage": matrix(self.coverage),
            "agreement": matrix(self.agreement),
            "contradiction": matrix(self.contradiction),
            "shared_facts": matrix(self.shared_facts),
            "wire_copies": records(self.wire_copies),
            "omissions": records(self.omissions),
            "meta": self.meta,
        }

    def to_json(self, path=None, *, indent: int | None = None) -> str | None:
        """Serialise the report to JSON (to ``path`` if given, else return the string).

        The document has ``schema_version``, ``articles`` (with text), one list of
        records per table (``claims``, ``relations``, ``facts``, ``wire_copies``,
        ``omissions``) and ``{"index", "columns", "data"}`` for the matrices
        (``coverage``, ``agreement``, ``contradiction``, ``shared_facts``; null for NaN).
        :meth:`from_json` reads it back.
        """
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
        if path is None:
            return text
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return None

    def to_html(self, path=None, *, title: str | None = None) -> str | None:
        """Render the report as one self-contained HTML page (to ``path`` if given, else return it).

        The articles side by side with claims highlighted by fact status, the
        contradictions with evidence and attribution, outlet heatmaps, coverage,
        omissions and wire copies; see :func:`coverage.html.render_html`.
        """
        from .html import render_html

        page = render_html(self, title=title)
        if path is None:
            return page
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(page)
        return None

    def plot(self, kind: str = "agreement", ax=None):
        """Plot a heatmap of outlet ``"agreement"`` or ``"contradiction"``, or the facts-by-outlet
        ``"coverage"`` chart (needs ``news-coverage[plot]``); returns the matplotlib Axes."""
        from .plot import plot

        return plot(self, kind=kind, ax=ax)

    def _export_tables(self) -> dict[str, pd.DataFrame]:
        articles = pd.DataFrame(
            [{"id": a.id, "outlet": a.outlet, "title": a.title,
              "published": a.published.isoformat() if a.published else None, "url": a.url, "text": a.text}
             for a in self.articles],
            columns=["id", "outlet", "title", "published", "url", "text"],
        )
        return {
            "articles": articles, "claims": self.claims, "relations": self.relations, "facts": self.facts,
            "wire_copies": self.wire_copies, "omissions": self.omissions,
            "coverage": self.coverage, "agreement": self.agreement,
            "contradiction": self.contradiction, "shared_facts": self.shared_facts,
        }

    _MATRICES = ("coverage", "agreement", "contradiction", "shared_facts")

    def to_csv(self, folder) -> list:
        """Write every table to ``folder`` (created if missing) as ``<table>.csv``; returns the paths.

        List-valued cells (``numbers``, ``claim_ids``, ``outlets`` ...) are written as
        JSON arrays; the outlet matrices keep their outlet index as the first column.
        """
        from pathlib import Path

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, table in self._export_tables().items():
            table = table.copy()
            for column in table.columns:
                if table[column].map(lambda v: isinstance(v, (list, tuple))).any():
                    table[column] = table[column].map(
                        lambda v: json.dumps(list(v), ensure_ascii=False) if isinstance(v, (list, tuple)) else v)
            path = folder / f"{name}.csv"
            table.to_csv(path, index=name in self._MATRICES)
            paths.append(path)
        return paths

    def to_parquet(self, folder) -> list:
        """Write every table to ``folder`` (created if missing) as ``<table>.parquet``; returns the paths.

        Needs pyarrow (``pip install "news-coverage[parquet]"``); list-valued cells
        stay lists.
        """
        from pathlib import Path

        try:
            import pyarrow  # noqa: F401
        except ImportError:
            from .errors import MissingDependencyError

            raise MissingDependencyError(
                'Writing Parquet needs pyarrow: pip install "news-coverage[parquet]"'
            ) from None
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, table in self._export_tables().items():
            path = folder / f"{name}.parquet"
            table.to_parquet(path, index=name in self._MATRICES, engine="pyarrow")
            paths.append(path)
        return paths

    @classmethod
    def from_json(cls, source) -> "CoverageReport":
        """Read a report written by :meth:`to_json`: a JSON string or bytes, a path, or
        the dict :meth:`to_dict` returns. Malformed input raises InvalidParameterError."""
        from .errors import InvalidParameterError

        try:
            if isinstance(source, dict):
                data = source
            elif isinstance(source, bytes | bytearray):
                data = json.loads(source.decode("utf-8"))
            elif isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
                data = json.loads(source)
            else:
                with open(source, encoding="utf-8") as handle:
                    data = json.load(handle)
        except (OSError, TypeError, ValueError) as exc:
            raise InvalidParameterError(f"Could not read a report from {str(source)[:80]!r}: {exc}") from None
        if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
            version = data.get("schema_version") if isinstance(data, dict) else None
            raise InvalidParameterError(
                f"Not a news-coverage report, or an unsupported schema_version {version!r}; "
                f"expected {SCHEMA_VERSION}."
            )
        try:
            return cls._from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidParameterError(f"Malformed report: missing or invalid {exc}.") from None

    @classmethod
    def _from_dict(cls, data: dict) -> "CoverageReport":

        def frame(records, columns=None):
            return pd.DataFrame(records, columns=columns)

        def matrix(m, name_index, name_columns, dtype):
            out = pd.DataFrame(m["data"], index=pd.Index(m["index"], name=name_index),
                               columns=pd.Index(m["columns"], name=name_columns))
            return out.astype(dtype) if dtype else out

        articles = [Article(**a) for a in data["articles"]]
        claims = frame(data["claims"], CLAIM_COLUMNS + ["fact_id"])
        relations = frame(data["relations"], RELATION_COLUMNS)
        # None, not NaN, marks the outlet's own voice and untyped agreements, as in compare().
        claims["attributed_to"] = _none_for_missing(claims["attributed_to"])
        relations["type"] = _none_for_missing(relations["type"])
        return cls(
            articles=articles,
            claims=claims,
            relations=relations,
            facts=frame(data["facts"]),
            coverage=matrix(data["coverage"], "outlet", "fact_id", None),
            agreement=matrix(data["agreement"], "outlet", "other", "float64"),
            contradiction=matrix(data["contradiction"], "outlet", "other", "float64"),
            shared_facts=matrix(data["shared_facts"], "outlet", "other", "float64"),
            wire_copies=frame(data["wire_copies"]),
            omissions=frame(data["omissions"]),
            meta=data.get("meta", {}),
        )


def _none_for_missing(column: pd.Series) -> pd.Series:
    values = [None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in column]
    return pd.Series(values, index=column.index, dtype=object, name=column.name)


def _clip(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
