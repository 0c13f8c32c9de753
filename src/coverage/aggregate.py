"""From claim pairs to facts and outlets: fact clusters, coverage, outlet tables, wire copies."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import numpy as np
import pandas as pd

from .types import FactStatus

__all__ = ["build_facts", "coverage_table", "outlet_tables", "wire_copies", "omissions"]


class _UnionFind:
    def __init__(self, items):
        self.parent = {item: item for item in items}

    def find(self, item):
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def wire_copies(claims: pd.DataFrame, candidate_scores: pd.DataFrame, *, min_shared: int = 2,
                min_share: float = 0.25, near_identical: float = 0.9) -> pd.DataFrame:
    """Article pairs that carry the same wire text.

    Two articles are copies when at least ``min_shared`` of their claims are near
    identical (character similarity >= ``near_identical``) and these make up at least
    ``min_share`` of the shorter article's claims.
    """
    columns = ["article_a", "article_b", "outlet_a", "outlet_b", "shared_claims", "share"]
    if candidate_scores.empty:
        return pd.DataFrame(columns=columns)
    close = candidate_scores[candidate_scores["char_cosine"] >= near_identical]
    counts = claims.groupby("article_id").size()
    outlet = claims.drop_duplicates("article_id").set_index("article_id")["outlet"]
    rows = []
    for (a, b), group in close.groupby(["article_a", "article_b"]):
        shared = min(group["claim_a"].nunique(), group["claim_b"].nunique())
        share = shared / min(counts[a], counts[b])
        if shared >= min_shared and share >= min_share:
            rows.append((a, b, outlet[a], outlet[b], int(shared), float(share)))
    return pd.DataFrame(rows, columns=columns)


def build_facts(claims: pd.DataFrame, relations: pd.DataFrame, copies: pd.DataFrame) -> pd.DataFrame:
    """Cluster claims into facts: connected components of the ``agree`` relations.

    A fact is ``disputed`` when one of its claims is contradicted, ``consensus`` when
    at least two independent outlets report it (articles that share wire text count
    as one source), and ``single-source`` otherwise.
    """
    ids = list(claims["claim_id"])
    uf = _UnionFind(ids)
    agree = relations[relations["relation"] == "agree"]
    for a, b in zip(agree["claim_a"], agree["claim_b"]):
        uf.union(a, b)
    contradict = relations[relations["relation"] == "contradict"]
    copy_uf = _UnionFind(list(claims["article_id"].unique()))
    for a, b in zip(copies.get("article_a", []), copies.get("article_b", [])):
        copy_uf.union(a, b)
    members: dict[str, list[int]] = defaultdict(list)
    for position, cid in enumerate(ids):
        members[uf.find(cid)].append(position)
    order = sorted(members.values(), key=lambda m: m[0])
    fact_of = {}
    rows = []
    for number, positions in enumerate(order, 1):
        fact_id = f"f{number}"
        part = claims.iloc[positions]
        for cid in part["claim_id"]:
            fact_of[cid] = fact_id
        outlets = list(dict.fromkeys(part["outlet"]))
        sources = {(copy_uf.find(a), o) for a, o in zip(part["article_id"], part["outlet"])}
        independent = len({s for s, _ in sources}) if len(outlets) > 1 else 1
        independent = min(independent, len(outlets))
        rows.append({
            "fact_id": fact_id,
            "text": part["text"].iloc[0],
            "claim_ids": list(part["claim_id"]),
            "article_ids": list(dict.fromkeys(part["article_id"])),
            "outlets": outlets,
            "n_outlets": len(outlets),
            "n_independent": independent,
        })
    facts = pd.DataFrame(rows, columns=["fact_id", "text", "claim_ids", "article_ids", "outlets",
                                        "n_outlets", "n_independent"])
    disputed: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(contradict["claim_a"], contradict["claim_b"]):
        fa, fb = fact_of[a], fact_of[b]
        if fa != fb:
            disputed[fa].add(fb)
            disputed[fb].add(fa)
    facts["contradicted_by"] = [sorted(disputed.get(f, ()), key=lambda x: int(x[1:])) for f in facts["fact_id"]]
    facts["status"] = [
        FactStatus.DISPUTED.value if disputed.get(f) else
        FactStatus.CONSENSUS.value if n >= 2 else FactStatus.SINGLE_SOURCE.value
        for f, n in zip(facts["fact_id"], facts["n_independent"])
    ]
    facts.attrs["fact_of"] = fact_of
    return facts


def coverage_table(facts: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """Outlet x fact: "reported", "contradicted" (the outlet reports a conflicting fact) or "omitted"."""
    table = pd.DataFrame("omitted", index=pd.Index(outlets, name="outlet"),
                         columns=pd.Index(list(facts["fact_id"]), name="fact_id"), dtype=object)
    by_fact = facts.set_index("fact_id")
    for fact_id, row in by_fact.iterrows():
        for outlet in row["outlets"]:
            table.loc[outlet, fact_id] = "reported"
    for fact_id, row in by_fact.iterrows():
        for other in row["contradicted_by"]:
            for outlet in by_fact.loc[other, "outlets"]:
                if table.loc[outlet, fact_id] != "reported":
                    table.loc[outlet, fact_id] = "contradicted"
    return table


def omissions(facts: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """One row per (outlet, fact) the outlet leaves out although another outlet reports it."""
    rows = []
    multi = facts[facts["n_outlets"] >= 1].set_index("fact_id")
    for outlet in coverage.index:
        for fact_id in coverage.columns:
            if coverage.loc[outlet, fact_id] == "omitted":
                fact = multi.loc[fact_id]
                rows.append({"outlet": outlet, "fact_id": fact_id, "status": fact["status"],
                             "n_outlets_reporting": int(fact["n_outlets"]), "text": fact["text"]})
    return pd.DataFrame(rows, columns=["outlet", "fact_id", "status", "n_outlets_reporting", "text"])


def outlet_tables(relations: pd.DataFrame, facts: pd.DataFrame, outlets: list[str]):
    """Outlet x outlet agreement and contradiction rates, and the shared facts behind them.

    For two outlets, the shared facts are the facts both report plus the pairs of
    conflicting facts one reports and the other contradicts. Agreement is the share of
    shared facts on which they agree, contradiction the share on which they conflict;
    NaN where they share none.
    """
    index = pd.Index(outlets, name="outlet")
    agree = pd.DataFrame(0.0, index=index, columns=pd.Index(outlets, name="other"))
    contra = agree.copy()
    for _, row in facts.iterrows():
        for a, b in combinations(sorted(set(row["outlets"])), 2):
            agree.loc[a, b] += 1
            agree.loc[b, a] += 1
    fact_outlets = dict(zip(facts["fact_id"], facts["outlets"]))
    seen = set()
    for _, row in facts.iterrows():
        for other in row["contradicted_by"]:
            key = tuple(sorted((row["fact_id"], other)))
            if key in seen:
                continue
            seen.add(key)
            for a in fact_outlets[key[0]]:
                for b in fact_outlets[key[1]]:
                    if a != b:
                        contra.loc[a, b] += 1
                        contra.loc[b, a] += 1
    shared = agree + contra
    with np.errstate(invalid="ignore", divide="ignore"):
        agreement = (agree / shared).where(shared > 0)
        contradiction = (contra / shared).where(shared > 0)
    for frame in (agreement, contradiction, shared):
        for outlet in outlets:
            frame.loc[outlet, outlet] = np.nan
    return agreement, contradiction, shared.astype("float64")
