#!/usr/bin/env python3
"""Check an event pack (gold-annotated multi-outlet coverage) against the annotation rules.

Usage: python validate_pack.py PACK.json [PACK.json ...]

Errors (exit status 1 if any pack has one):
  - an article id is duplicated, or a mention / contradiction side names an unknown article;
  - a quote does not occur exactly once in its article's text;
  - a sentence of an article is covered by no fact mention;
  - a contradiction / non-contradiction quote is not the quote of a fact mention in that article;
  - a contradiction's two sides are the same fact, or lie in the same article;
  - a contradiction type / non-contradiction kind is not one of the allowed values.
Warnings (reported, not fatal):
  - a non-contradiction whose sides are not in the same fact (number_format, rounding,
    detail_level) or are in the same fact (attributed_opposing, marked_update);
  - two mention quotes in one article that overlap; a fact with two mentions in one article;
  - a "wire_copies" pair naming an unknown article.

Sentences: paragraphs are split on blank lines and each paragraph on whitespace that follows
sentence-final punctuation (optionally followed by a closing quote) and precedes a capital letter
or an opening quote. Common abbreviations ("U.S.", "Mr.", "Oct.", "a.m.", ...) are not treated as
sentence ends. A sentence is covered when some mention's span overlaps it.

Standard library only.
"""
import json
import re
import sys

CONTRADICTION_TYPES = {"numeric", "negation", "entity", "temporal", "modality"}
NON_CONTRADICTION_KINDS = {"attributed_opposing", "number_format", "rounding",
                           "marked_update", "detail_level", "other"}
SAME_FACT_KINDS = {"number_format", "rounding", "detail_level"}
DIFFERENT_FACT_KINDS = {"attributed_opposing", "marked_update"}

PARAGRAPH_SPLIT = re.compile(r"\n[ \t]*\n")
SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[A-Z\"“])")
# Tokens ending in a full stop that rarely end a sentence.
ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|Maj|Capt|Sgt|Rep|Sen|Gov|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|etc|Inc|Ltd|Co|Corp)\.|"
    r"\b[ap]\.m\.)$")


def paragraphs(text):
    """Yield (start, end) spans of the non-empty paragraphs of text."""
    pos = 0
    for m in PARAGRAPH_SPLIT.finditer(text):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield (start, end)


def sentences(text):
    """Return (start, end) spans of the sentences of text."""
    spans = []
    for p_start, p_end in paragraphs(text):
        para = text[p_start:p_end]
        start = 0
        for m in SENTENCE_SPLIT.finditer(para):
            if ABBREVIATION.search(para[start:m.start()]):
                continue
            spans.append((p_start + start, p_start + m.start()))
            start = m.end()
        spans.append((p_start + start, p_end))
    return spans


def validate(pack):
    """Return (errors, warnings, stats) for one pack (a parsed JSON object)."""
    errors, warnings = [], []
    articles = {}
    for art in pack.get("articles", []):
        aid = art.get("id")
        if aid in articles:
            errors.append(f"article {aid}: duplicate id")
        articles[aid] = art.get("text", "")

    # mention spans per article: list of (start, end, fact_id, quote)
    spans = {aid: [] for aid in articles}
    # (article, quote) -> set of fact ids having that mention
    mention_facts = {}
    fact_ids = set()
    for fact in pack.get("facts", []):
        fid = fact.get("id")
        if fid in fact_ids:
            errors.append(f"fact {fid}: duplicate id")
        fact_ids.add(fid)
        seen_articles = set()
        if not fact.get("mentions"):
            errors.append(f"fact {fid}: no mentions")
        for men in fact.get("mentions", []):
            aid, quote = men.get("article"), men.get("quote", "")
            if "attributed_to" not in men:
                errors.append(f"fact {fid}: mention in {aid} lacks attributed_to")
            if aid not in articles:
                errors.append(f"fact {fid}: mention names unknown article {aid!r}")
                continue
            if aid in seen_articles:
                warnings.append(f"fact {fid}: more than one mention in {aid}")
            seen_articles.add(aid)
            text = articles[aid]
            count = text.count(quote) if quote else 0
            if count != 1:
                errors.append(f"fact {fid}: quote occurs {count} times in {aid}: {quote!r}")
                if count == 0:
                    continue
            start = text.index(quote)
            spans[aid].append((start, start + len(quote), fid, quote))
            mention_facts.setdefault((aid, quote), set()).add(fid)

    for aid, lst in spans.items():
        lst.sort()
        for x, y in zip(lst, lst[1:]):
            if y[0] < x[1]:
                warnings.append(f"{aid}: quotes of {x[2]} and {y[2]} overlap: {x[3]!r} / {y[3]!r}")

    uncovered = 0
    for aid, text in articles.items():
        for s, e in sentences(text):
            if not any(ms < e and me > s for ms, me, _, _ in spans[aid]):
                uncovered += 1
                errors.append(f"{aid}: sentence not covered by any mention: {text[s:e]!r}")

    def side_facts(entry_id, side_name, side):
        aid, quote = side.get("article"), side.get("quote")
        if aid not in articles:
            errors.append(f"{entry_id}.{side_name}: unknown article {aid!r}")
            return aid, set()
        facts = mention_facts.get((aid, quote), set())
        if not facts:
            if quote and quote in articles[aid]:
                errors.append(f"{entry_id}.{side_name}: quote is in {aid} but is not a fact "
                              f"mention: {quote!r}")
            else:
                errors.append(f"{entry_id}.{side_name}: quote not found in {aid}: {quote!r}")
        return aid, facts

    for con in pack.get("contradictions", []):
        cid = con.get("id")
        if con.get("type") not in CONTRADICTION_TYPES:
            errors.append(f"{cid}: bad type {con.get('type')!r}")
        a_art, a_facts = side_facts(cid, "a", con.get("a", {}))
        b_art, b_facts = side_facts(cid, "b", con.get("b", {}))
        if a_art == b_art:
            errors.append(f"{cid}: both sides in article {a_art}")
        if a_facts & b_facts:
            errors.append(f"{cid}: both sides are mentions of the same fact {sorted(a_facts & b_facts)}")

    for non in pack.get("non_contradictions", []):
        nid, kind = non.get("id"), non.get("kind")
        if kind not in NON_CONTRADICTION_KINDS:
            errors.append(f"{nid}: bad kind {kind!r}")
        a_art, a_facts = side_facts(nid, "a", non.get("a", {}))
        b_art, b_facts = side_facts(nid, "b", non.get("b", {}))
        if a_art == b_art:
            warnings.append(f"{nid}: both sides in article {a_art}")
        if a_facts and b_facts:
            same = bool(a_facts & b_facts)
            if kind in SAME_FACT_KINDS and not same:
                warnings.append(f"{nid}: {kind} sides are different facts "
                                f"({sorted(a_facts)} / {sorted(b_facts)})")
            if kind in DIFFERENT_FACT_KINDS and same:
                warnings.append(f"{nid}: {kind} sides are the same fact {sorted(a_facts & b_facts)}")

    for pair in pack.get("wire_copies", []):
        for aid in pair:
            if aid not in articles:
                warnings.append(f"wire_copies: unknown article {aid!r}")

    stats = {
        "articles": len(articles),
        "sentences": sum(len(sentences(t)) for t in articles.values()),
        "facts": len(pack.get("facts", [])),
        "mentions": sum(len(v) for v in spans.values()),
        "contradictions": len(pack.get("contradictions", [])),
        "non_contradictions": len(pack.get("non_contradictions", [])),
        "uncovered_sentences": uncovered,
    }
    return errors, warnings, stats


def main(argv):
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    failed = False
    for path in argv:
        with open(path, encoding="utf-8") as fh:
            pack = json.load(fh)
        errors, warnings, stats = validate(pack)
        print(f"== {path}")
        print("   " + ", ".join(f"{k}={v}" for k, v in stats.items()))
        for msg in errors:
            print(f"   ERROR   {msg}")
        for msg in warnings:
            print(f"   warning {msg}")
        print("   OK" if not errors else f"   {len(errors)} error(s)")
        failed = failed or bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
