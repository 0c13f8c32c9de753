"""Score a comparison against a gold-annotated event pack.

The pack schema and the scoring rules are those of the project's event packs: a claim
matches a gold quote when both are in the same article, their spans overlap by at least
half the quote's length and the claim is at most ``max(3 * len(quote), 300)`` characters
long; alignment and contradiction precision/recall/F1, false-alarm rate on the
non-contradiction pairs, and type accuracy are computed over claim pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any

__all__ = ["PackScore", "load_pack", "score_pack", "gold_pairs"]


@dataclass(frozen=True)
class PackScore:
    """Scores of one system output on one pack."""

    alignment_precision: float
    alignment_recall: float
    alignment_f1: float
    contradiction_precision: float
    contradiction_recall: float
    contradiction_f1: float
    false_alarm_rate: float
    type_accuracy: float
    counts: Mapping[str, int]

    def as_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "counts"}
        out.update(self.counts)
        return out


def load_pack(path) -> dict:
    """Read an event pack (JSON) and check that every quote occurs in its article."""
    from .io import read_json

    pack = read_json(path)
    texts = {a["id"]: a["text"] for a in pack["articles"]}
    for quote in _all_quotes(pack):
        if quote["quote"] not in texts.get(quote["article"], ""):
            from .errors import InvalidArticleError

            raise InvalidArticleError(
                f"Quote {quote['quote'][:60]!r} is not in article {quote['article']!r} of {path}."
            )
    return pack


def _all_quotes(pack: Mapping) -> Iterable[Mapping]:
    for fact in pack.get("facts", []):
        yield from fact["mentions"]
    for entry in list(pack.get("contradictions", [])) + list(pack.get("non_contradictions", [])):
        yield entry["a"]
        yield entry["b"]


def _span(pack_texts: Mapping[str, str], quote: Mapping) -> tuple[str, int, int]:
    text = pack_texts[quote["article"]]
    start = text.index(quote["quote"])
    return quote["article"], start, start + len(quote["quote"])


def gold_pairs(pack: Mapping) -> dict[str, Any]:
    """Gold quote spans and pairs: alignment, contradiction (with type), non-contradiction."""
    texts = {a["id"]: a["text"] for a in pack["articles"]}
    facts = {f["id"]: [_span(texts, m) for m in f["mentions"]] for f in pack["facts"]}
    mention_fact: dict[tuple[str, int, int], str] = {}
    for fid, spans in facts.items():
        for span in spans:
            mention_fact.setdefault(span, fid)
    alignment: set[tuple] = set()
    for spans in facts.values():
        for x, y in product(spans, spans):
            if x[0] < y[0]:
                alignment.add((x, y))
    contradiction: dict[tuple, str] = {}
    for entry in pack.get("contradictions", []):
        a, b = _span(texts, entry["a"]), _span(texts, entry["b"])
        side_a = facts.get(mention_fact.get(a), [a])
        side_b = facts.get(mention_fact.get(b), [b])
        for x, y in product(side_a, side_b):
            if x[0] != y[0]:
                key = (x, y) if x[0] < y[0] else (y, x)
                contradiction[key] = entry["type"]
                alignment.add(key)
    non_contradiction = []
    for entry in pack.get("non_contradictions", []):
        a, b = _span(texts, entry["a"]), _span(texts, entry["b"])
        non_contradiction.append((a, b) if a[0] < b[0] else (b, a))
    quotes = sorted({s for spans in facts.values() for s in spans} | {s for p in contradiction for s in p})
    return {"alignment": alignment, "contradiction": contradiction,
            "non_contradiction": non_contradiction, "quotes": quotes}


def _matches(claim: tuple[str, int, int], quote: tuple[str, int, int]) -> bool:
    if claim[0] != quote[0]:
        return False
    q_len = quote[2] - quote[1]
    overlap = min(claim[2], quote[2]) - max(claim[1], quote[1])
    return overlap * 2 >= q_len and (claim[2] - claim[1]) <= max(3 * q_len, 300)


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    precision = tp_p / n_p if n_p else 0.0
    recall = tp_r / n_r if n_r else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_pack(pack: Mapping, claims: Iterable[Mapping], relations: Iterable[Mapping]) -> PackScore:
    """Score claims and relations (records as in the pack README) against a pack's gold.

    Parameters
    ----------
    pack : mapping
        An event pack (see :func:`load_pack`).
    claims : iterable of mappings
        ``{"claim_id", "article", "start", "end"}`` records.
    relations : iterable of mappings
        ``{"claim_a", "claim_b", "relation", "type"}`` records.
    """
    gold = gold_pairs(pack)
    spans = {c["claim_id"]: (c["article"], int(c["start"]), int(c["end"])) for c in claims}
    matched = {cid: [q for q in gold["quotes"] if _matches(span, q)] for cid, span in spans.items()}

    def pair_matches(x: str, y: str, pairs) -> list:
        out = []
        for qx in matched.get(x, []):
            for qy in matched.get(y, []):
                key = (qx, qy) if qx[0] < qy[0] else (qy, qx)
                if key in pairs:
                    out.append(key)
        return out

    seen: set[frozenset] = set()
    rels = []
    for rel in relations:
        x, y = rel["claim_a"], rel["claim_b"]
        if x not in spans or y not in spans or spans[x][0] == spans[y][0]:
            continue
        key = frozenset((x, y))
        if key in seen:
            continue
        seen.add(key)
        rels.append((x, y, rel["relation"], rel.get("type")))

    def evaluate(selected, pairs) -> tuple[float, float, float, set]:
        counted = [r for r in selected if matched.get(r[0]) and matched.get(r[1])]
        tp = sum(1 for r in counted if pair_matches(r[0], r[1], pairs))
        found = {p for r in selected for p in pair_matches(r[0], r[1], pairs)}
        return (*_prf(tp, len(counted), len(found), len(pairs)), found)

    a_p, a_r, a_f, _ = evaluate(rels, gold["alignment"])
    contra = [r for r in rels if r[2] == "contradict"]
    c_p, c_r, c_f, c_found = evaluate(contra, gold["contradiction"])

    false_alarms = 0
    for pair in gold["non_contradiction"]:
        hit = any(
            any(_matches(spans[r[0]], q0) and _matches(spans[r[1]], q1)
                or _matches(spans[r[1]], q0) and _matches(spans[r[0]], q1) for q0, q1 in [pair])
            for r in contra
        )
        false_alarms += hit
    far = false_alarms / len(gold["non_contradiction"]) if gold["non_contradiction"] else 0.0

    typed_right = 0
    for pair in c_found:
        types = {r[3] for r in contra if pair in pair_matches(r[0], r[1], gold["contradiction"])}
        typed_right += types == {gold["contradiction"][pair]}
    type_acc = typed_right / len(c_found) if c_found else 0.0
    counts = {
        "relations": len(rels),
        "contradict_relations": len(contra),
        "gold_alignment_pairs": len(gold["alignment"]),
        "gold_contradiction_pairs": len(gold["contradiction"]),
        "non_contradiction_pairs": len(gold["non_contradiction"]),
    }
    return PackScore(a_p, a_r, a_f, c_p, c_r, c_f, far, type_acc, counts)
