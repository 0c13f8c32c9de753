"""compare(): ingest -> segment -> align -> judge -> score, for several reports of one event."""

from __future__ import annotations

import contextlib
import gc
import threading
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import aggregate
from ._validation import (
    CoverageWarning,
    check_float,
    check_int,
    coerce_articles,
    warn_if_markup,
    warn_if_not_english,
)
from .errors import InvalidArticleError, InvalidParameterError
from .align import (FEATURE_NAMES, AlignmentModel, add_same_claim, candidate_pairs, decide, default_model,
                    _one_blas_thread)
from .judge import (STRONG_MATCH, Verdict, _judge, _judged_parts, conflict_cues, forget_claims, loose_slots,
                    nothing_to_judge, occurrence_dated, plain_agreement, settled_by_sources)

from .types import ContradictionType, Label
from .report import CLAIM_COLUMNS, RELATION_COLUMNS, CoverageReport
from .segment import _segment

__all__ = ["STANCE_CHECK_LIMIT", "check_compare_options", "compare"]

# Alignment probability from which a candidate pair whose claims give the same verb slot
# different fillers ("came from A" / "came from B") is judged; below it the pair is too
# unlike for the shared verb to tie the claims to one event (chosen on the dev packs,
# where the slot conflicts that are real contradictions score 0.15 and more).
SLOT_MATCH = 0.1

STANCE_CHECK_LIMIT = 500


@contextlib.contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector (if it runs) for the duration of the block, when
    the calling thread is the process's only Python thread.

    The collector is process-wide: paused while other threads run (compare() in the
    threads of a dask worker or a web server, overlapping without end), it would leave
    the cyclic garbage they make to pile up for as long as any call runs.
    """
    if not gc.isenabled() or threading.active_count() > 1:  # off already, or others allocate too
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _stance_checked(judged: "_Judgements", *, claims: list, left: np.ndarray, right: np.ndarray,
                    enabled: bool | None) -> "_Judgements":
    """Drop agreeing pairs the stance model reads as unrelated both ways round."""
    if enabled is False:
        return judged
    agreeing = np.flatnonzero(judged.labels == Label.AGREE.value).tolist()
    if not agreeing or (enabled is None and len(agreeing) > STANCE_CHECK_LIMIT):
        return judged
    from .learned import stance

    a = [claims[left[judged.pairs[n]]].text for n in agreeing]
    b = [claims[right[judged.pairs[n]]].text for n in agreeing]
    forward, backward = stance(a, b), stance(b, a)
    keep = np.ones(len(judged.pairs), dtype=bool)
    keep[[n for n, f, r in zip(agreeing, forward, backward) if f == r == "unrelated"]] = False
    return judged.take(np.flatnonzero(keep))


def _objects(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


@dataclass
class _Judgements:
    """The relations found, column by column (object arrays for the texts), by candidate
    pair (ascending)."""

    pairs: np.ndarray  # int64, into the candidate pairs
    labels: np.ndarray
    types: np.ndarray
    scores: np.ndarray
    evidence: np.ndarray  # int64 (n, 4): evidence_a start and end, evidence_b start and end
    explanations: np.ndarray

    @classmethod
    def of(cls, kept: list[tuple[int, Verdict]], agreed: np.ndarray, agreed_scores: np.ndarray,
           agreed_evidence: np.ndarray, agreed_explanations: np.ndarray) -> "_Judgements":
        """The verdicts ``kept`` (candidate pair, verdict), merged with the pairs ``agreed``
        (agreements settled by their sources, given as columns) in candidate order."""
        # flat sequences throughout: a list per row would also wake up the garbage collector
        pairs = np.fromiter((k for k, _ in kept), dtype=np.int64, count=len(kept))
        verdicts = [verdict for _, verdict in kept]
        evidence = np.array([verdict.evidence_a + verdict.evidence_b for verdict in verdicts],
                            dtype=np.int64).reshape(-1, 4)
        judged = cls(pairs, _objects([verdict.label.value for verdict in verdicts]),
                     _objects([verdict.type.value if verdict.type else None for verdict in verdicts]),
                     np.array([verdict.score for verdict in verdicts], dtype=np.float64), evidence,
                     _objects([verdict.explanation for verdict in verdicts]))
        if not len(agreed):
            return judged
        n = len(agreed)
        both = cls(np.concatenate([pairs, agreed]),
                   np.concatenate([judged.labels, np.full(n, Label.AGREE.value, dtype=object)]),
                   np.concatenate([judged.types, np.full(n, None, dtype=object)]),
                   np.concatenate([judged.scores, agreed_scores]), np.concatenate([evidence, agreed_evidence]),
                   np.concatenate([judged.explanations, agreed_explanations]))
        return both.take(np.argsort(both.pairs, kind="stable"))

    def take(self, rows: np.ndarray) -> "_Judgements":
        return _Judgements(self.pairs[rows], self.labels[rows], self.types[rows], self.scores[rows],
                           self.evidence[rows], self.explanations[rows])


def _take(column: pd.Series, rows: np.ndarray):
    """``column``'s values at ``rows``, in its own dtype (no strings converted one by one)."""
    return column.array.take(rows)


def _evidence_texts(claims_df: pd.DataFrame, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                    bounds: np.ndarray, article_texts: list[str]):
    """The texts of evidence spans of the claims at ``rows``: most are whole claims, whose
    texts the claims table has; the others are cut from their articles."""
    texts = _take(claims_df["text"], rows)
    part = np.flatnonzero((starts != bounds[rows, 0]) | (ends != bounds[rows, 1]))
    if len(part):
        texts[part] = _objects([article_texts[row][start:end] for row, start, end in
                                zip(rows[part].tolist(), starts[part].tolist(), ends[part].tolist())])
    return texts


@dataclass
class _JudgeInputs:
    """What the judging in compare() reads of each claim, by claim row."""

    cues: np.ndarray  # bool (n, 4): judge.conflict_cues
    has_dates: np.ndarray  # bool
    occurrence_days: list  # the days a claim dates the event's occurrence to, or None
    parts: list  # judge._judged_parts
    plain: np.ndarray  # bool: judge.nothing_to_judge
    loose_slots: np.ndarray  # bool: judge.loose_slots
    sources: np.ndarray  # int64: each claim's source, as a position in source_names
    source_names: list


def _judge_inputs(claims: list) -> _JudgeInputs:
    cues = np.array([conflict_cues(c) for c in claims], dtype=bool).reshape(len(claims), 4)
    has_dates = np.array([bool(c.dates) for c in claims], dtype=bool)
    source_code: dict = {}
    sources = np.array([source_code.setdefault(c.attributed_to, len(source_code)) for c in claims],
                       dtype=np.int64)
    parts = [_judged_parts(c) for c in claims]  # looked up once per claim, not per pair
    return _JudgeInputs(
        cues=cues, has_dates=has_dates,
        # a claim without dates cannot date the event (and most have none: skip the search)
        occurrence_days=[{t.value for t in c.dates if t.kind == "date"} if dates and occurrence_dated(c) else None
                         for c, dates in zip(claims, has_dates.tolist())],
        parts=parts,
        plain=np.array([nothing_to_judge(c, p) for c, p in zip(claims, parts)], dtype=bool),
        loose_slots=np.array([loose_slots(p) for p in parts], dtype=bool),
        sources=sources, source_names=list(source_code),
    )


def _relations_frame(judged: _Judgements, *, claims: list, claims_df: pd.DataFrame,
                     left: np.ndarray, right: np.ndarray, texts: dict[str, str]) -> pd.DataFrame:
    """The relations table of the pairs judged, column by column."""
    if not len(judged.pairs):  # no values to infer from: object columns, as pandas makes them
        relations = pd.DataFrame([], columns=RELATION_COLUMNS).astype({"score": "float64"})
        relations["type"] = pd.Series([], dtype=object, index=relations.index)
        return relations
    rows_a, rows_b = left[judged.pairs], right[judged.pairs]
    a_start, a_end, b_start, b_end = (np.ascontiguousarray(judged.evidence[:, k]) for k in range(4))
    bounds = np.array([(c.start, c.end) for c in claims], dtype=np.int64).reshape(-1, 2)
    article_texts = [texts[c.article_id] for c in claims]
    columns = {
        "claim_a": _take(claims_df["claim_id"], rows_a), "claim_b": _take(claims_df["claim_id"], rows_b),
        "article_a": _take(claims_df["article_id"], rows_a), "article_b": _take(claims_df["article_id"], rows_b),
        "outlet_a": _take(claims_df["outlet"], rows_a), "outlet_b": _take(claims_df["outlet"], rows_b),
        "relation": judged.labels,
        # object, so that None (an agreement has no type) stays None
        "type": pd.Series(judged.types, dtype=object),
        "score": judged.scores,
        "evidence_a": _evidence_texts(claims_df, rows_a, a_start, a_end, bounds, article_texts),
        "evidence_b": _evidence_texts(claims_df, rows_b, b_start, b_end, bounds, article_texts),
        "evidence_a_start": a_start, "evidence_a_end": a_end,
        "evidence_b_start": b_start, "evidence_b_end": b_end,
        "explanation": judged.explanations,
    }
    return pd.DataFrame(columns, columns=RELATION_COLUMNS)


def _claims_frame(claims) -> pd.DataFrame:
    columns = {
        "claim_id": [c.claim_id for c in claims], "article_id": [c.article_id for c in claims],
        "outlet": [c.outlet for c in claims],
        "start": np.array([c.start for c in claims], dtype=np.int64),
        "end": np.array([c.end for c in claims], dtype=np.int64),
        "text": [c.text for c in claims],
        # object, so that None (the outlet's own voice) stays None
        "attributed_to": pd.Series([c.attributed_to for c in claims], dtype=object),
        "hedged": np.array([c.hedged for c in claims], dtype=bool),
        "quoted": np.array([c.quoted for c in claims], dtype=bool),
        "negated": np.array([c.negated for c in claims], dtype=bool),
        "update": np.array([c.update for c in claims], dtype=bool),
        "numbers": [[q.text for q in c.numbers] for c in claims],
        "dates": [[t.text for t in c.dates] for c in claims],
        "names": [[n.text for n in c.names] for c in claims],
        "hedges": [[h.text for h in c.hedges] for c in claims],
    }
    if not claims:  # no values to infer from: text columns stay object, as in a filled table
        columns = {name: (values if name in ("start", "end", "hedged", "quoted", "negated", "update")
                          else pd.Series([], dtype=object)) for name, values in columns.items()}
    return pd.DataFrame(columns, columns=CLAIM_COLUMNS)


def check_compare_options(*, threshold=None, top_k=3, split_clauses=True, max_chars=1_000_000,
                          stance_check=None, model=None) -> tuple[float | None, int, int | None]:
    """Check compare()'s options (shared with compare_corpus, which checks them up front);
    return the normalised threshold, top_k and max_chars."""
    if threshold is not None:
        threshold = check_float(threshold, "threshold", "compare")
    top_k = check_int(top_k, "top_k", "compare")
    if stance_check is not None and not isinstance(stance_check, bool):
        raise InvalidParameterError(
            f"The 'stance_check' parameter of compare must be a bool or None. Got {stance_check!r} instead."
        )
    if not isinstance(split_clauses, bool):
        raise InvalidParameterError(
            f"The 'split_clauses' parameter of compare must be a bool. Got {split_clauses!r} instead."
        )
    if max_chars is not None:
        max_chars = check_int(max_chars, "max_chars", "compare")
    if model is not None and not isinstance(model, AlignmentModel):
        raise InvalidParameterError(
            f"The 'model' parameter of compare must be an AlignmentModel or None. Got {type(model).__name__} instead."
        )
    return threshold, top_k, max_chars


def compare(articles, *, threshold: float | None = None, top_k: int = 3, split_clauses: bool = True,
            max_chars: int | None = 1_000_000, stance_check: bool | None = False,
            model: AlignmentModel | None = None) -> CoverageReport:
    """Compare several reports of one event.

    Parameters
    ----------
    articles : sequence of Article or dict, or pandas.DataFrame
        At least two reports; dicts and DataFrame rows need ``text`` and ``outlet`` and
        may have ``id``, ``title``, ``published`` and ``url``. Articles without an id get
        ``a1``, ``a2`` ... in input order.
    threshold : float, optional
        Minimum same-fact probability for two claims to be aligned; defaults to the
        threshold chosen with the alignment model (see ``models/align.md``).
    top_k : int, default=3
        Candidates per claim and other article, from the sparse TF-IDF products; in
        events of more than eleven articles a claim keeps only its best
        ``max(30, 10 * top_k)`` of these (``align.LEXICAL_LIMIT``), so that the work grows
        with the number of claims. In events of more than 100 articles and 5,000 claims
        (``align.POOLED_CLAIMS``) a claim is only scored against a pool of likely
        neighbours; this keeps about 99% of the relations exact scoring finds.
    split_clauses : bool, default=True
        Split sentences that plainly state two facts into clauses.
    max_chars : int or None, default=1_000_000
        Longest article accepted, in characters; a longer one raises
        :class:`~coverage.InvalidArticleError` rather than tying up the machine (a
        whole book pasted by mistake). ``None`` lifts the limit: the work grows
        linearly with the text (about 15 s per megabyte on one core).
    stance_check : bool or None, default=False
        Drop agreeing pairs that the shipped stance model (FNC-1) reads as unrelated in
        both directions. ``None`` does so when there are at most
        ``STANCE_CHECK_LIMIT`` (500) such pairs, since the check costs about 0.5 ms a
        pair; True forces it on. Off by default: on the dev event packs it dropped more
        true alignments than false ones (``python benchmarks/events.py
        --stance-check auto`` vs ``off``).
    model : AlignmentModel, optional
        The same-fact model over candidate features; defaults to the shipped one.

    Returns
    -------
    CoverageReport

    Examples
    --------
    >>> import coverage
    >>> report = coverage.compare([
    ...     {"text": "Fourteen workers were taken to hospital after the fire.", "outlet": "Wire"},
    ...     {"text": "Nineteen workers were taken to hospital after the fire.", "outlet": "Daily"},
    ... ])
    >>> report.relations[["outlet_a", "outlet_b", "relation", "type"]].values.tolist()
    [['Wire', 'Daily', 'contradict', 'numeric']]
    """
    threshold, top_k, max_chars = check_compare_options(
        threshold=threshold, top_k=top_k, split_clauses=split_clauses, max_chars=max_chars,
        stance_check=stance_check, model=model)
    arts = coerce_articles(articles, func="compare", min_articles=2)
    for article in arts:
        if max_chars is not None and len(article.text) > max_chars:
            raise InvalidArticleError(
                f"Article {article.id!r} has {len(article.text):,} characters, more than "
                f"max_chars={max_chars:,}; pass a larger max_chars (or None) to compare it anyway."
            )
    for article in arts:
        warn_if_not_english(article)
        warn_if_markup(article)
    # The pipeline allocates hundreds of thousands of small objects (claims, spans, per-claim
    # caches) that all stay alive until the tables are built, so the cyclic garbage
    # collector's full passes find nothing to free yet cost ~0.1 s a call on a
    # 100-article event; reference counting frees the rest as usual (paused only when no
    # other thread runs: see _gc_paused). The work is done in a function of its own so
    # that its intermediate objects are freed before the collector resumes: its first
    # pass then only walks what the report keeps.
    forget_claims()  # each call starts afresh: no call profits from what an earlier one read
    # (BLAS on one thread: the scoring of the candidates is one product a row, see
    # align._one_blas_thread)
    with _gc_paused(), _one_blas_thread():
        try:
            return _compared(arts, threshold=threshold, top_k=top_k, split_clauses=split_clauses,
                             stance_check=stance_check, model=model)
        finally:
            # Still paused: the judge's caches hold every claim and what was read of it
            # (hundreds of thousands of objects at 100 articles), and the collector's
            # first pass once it resumes would walk them all (some 30 ms) if they were
            # emptied only afterwards.
            forget_claims()


def _compared(arts: list, *, threshold: float | None, top_k: int, split_clauses: bool,
              stance_check: bool | None, model: AlignmentModel | None) -> CoverageReport:
    """The report of compare() on checked articles and options."""
    claims = []
    sentences: dict = {}  # what is read of each sentence, shared by the reports (wire copies share many)
    for article in arts:
        found = _segment(article, split_clauses=split_clauses, sentences=sentences)
        if not found:
            warnings.warn(
                f"Article {article.id!r} ({article.outlet}) yielded no claims (only headings, "
                "captions or credits?); it counts as omitting every fact.",
                CoverageWarning, stacklevel=3,
            )
        claims.extend(found)
    claims_df = _claims_frame(claims)

    model = model or default_model()
    needed = tuple(n for n in dict.fromkeys(model.feature_names + ("char_cosine",))  # char: wire copies
                   if n != "same_claim")
    # what the judge reads of each claim needs no candidates: it is read on the helper
    # thread of candidate_pairs, while the TF-IDF products are computed
    read: list = []
    cand = candidate_pairs(claims, top_k=top_k, features=needed, meanwhile=lambda: read.append(_judge_inputs(claims)))
    inputs = read[0]
    cut = model.threshold if threshold is None else threshold
    add_same_claim(claims, cand, model, floor=min(cut, STRONG_MATCH))
    keep, prob = decide(cand.features, threshold=threshold, model=model)
    # Below the threshold a pair is still kept in two cases, where the claims' content
    # itself shows they are about one fact: a looser match whose claims conflict; any
    # candidate pair that dates the event's occurrence, when the dates conflict or fall on
    # the same day. (Below the looser match, figures alone tie nothing: "the limit is 40 mph"
    # / "travelling at 47 mph", "inspected eight days before the crash" / "evacuating within
    # 40 minutes of the crash" are other facts far more often than conflicting ones.)
    looser = ~keep & (prob >= cut * model.conflict_margin)
    texts = {article.id: article.text for article in arts}
    left, right = cand.left, cand.right
    cues, has_dates, occurrence_days = inputs.cues, inputs.has_dates, inputs.occurrence_days
    figures, times, cue, slots = (cues[:, k] for k in range(4))
    dated_claim = np.array([days is not None for days in occurrence_days], dtype=bool)
    dated = dated_claim[left] & dated_claim[right]
    both_figures = figures[left] & figures[right]
    # pairs that can contradict at all (see judge.conflict_cues); the others can only agree
    # (below a close match, only verb slots: places and doers need one)
    loose = inputs.loose_slots
    both_slots = slots[left] & slots[right] & (prob >= SLOT_MATCH) & (
        (prob >= STRONG_MATCH) | loose[left] & loose[right])
    can_conflict = (both_figures | times[left] & times[right]
                    | (prob >= STRONG_MATCH) & (cue[left] | cue[right] | both_slots))
    # below a close match only figures, dates and verb slots ("came from X") can conflict
    close_or_dated = (prob >= STRONG_MATCH) | both_figures | has_dates[left] & has_dates[right]
    judged = np.flatnonzero(keep | looser & can_conflict & close_or_dated
                            | dated & close_or_dated | both_slots)
    parts = inputs.parts
    # Most kept pairs have nothing to conflict over: they agree, with the whole claims
    # as evidence and an explanation that depends only on the two sources (see
    # judge.settled_by_sources), settled here column by column, each pair of sources once.
    settled = keep[judged] & settled_by_sources(cues[left[judged]], cues[right[judged]], prob[judged])
    # So are the pairs the judge agrees on at a glance: neither claim has anything to
    # conflict over, and at most one of them has opposite words (see judge.nothing_to_judge);
    # those not kept are no relation (such an agreement keeps none of them), and go.
    plain, cue_l, cue_r = inputs.plain, cue[left[judged]], cue[right[judged]]
    glance = plain[left[judged]] & plain[right[judged]] & ~(cue_l & cue_r)
    settled |= keep[judged] & glance
    agreed, judged = judged[settled], judged[~(settled | glance)]
    sources, named = inputs.sources, inputs.source_names
    source_pairs, source_pair_of = np.unique(sources[left[agreed]] * len(named) + sources[right[agreed]],
                                             return_inverse=True)
    explanations = [plain_agreement(named[code // len(named)], named[code % len(named)])
                    for code in source_pairs.tolist()]
    bounds = np.array([(c.start, c.end) for c in claims], dtype=np.int64).reshape(-1, 2)
    kept = []  # (candidate pair, verdict) of the other relations
    # plain lists: indexing numpy arrays one element at a time is slow
    for k, i, j, p, is_kept, is_loose, both_dated, slotted in zip(
            judged.tolist(), left[judged].tolist(), right[judged].tolist(), prob[judged].tolist(),
            keep[judged].tolist(), looser[judged].tolist(),
            dated[judged].tolist(), both_slots[judged].tolist()):
        verdict = _judge(claims[i], claims[j], parts[i], parts[j], p, STRONG_MATCH)
        if verdict.distinct:
            continue  # two facts that look alike (opposing sides' statements, an update)
        if not is_kept:
            conflict = verdict.label is Label.CONTRADICT and (
                is_loose
                or both_dated and verdict.type is ContradictionType.TEMPORAL
                or slotted and verdict.type is ContradictionType.ENTITY)
            same_day = (both_dated and verdict.label is Label.AGREE
                        and bool(occurrence_days[i] & occurrence_days[j]))
            if not (conflict or same_day):
                continue
        kept.append((k, verdict))
    judgements = _Judgements.of(
        kept, agreed, np.clip(prob[agreed], 0.0, 1.0),
        np.concatenate([bounds[left[agreed]], bounds[right[agreed]]], axis=1),
        _objects(explanations)[source_pair_of.reshape(-1)])
    judgements = _stance_checked(judgements, claims=claims, left=left, right=right, enabled=stance_check)
    relations = _relations_frame(judgements, claims=claims, claims_df=claims_df, left=left, right=right,
                                 texts=texts)

    # wire_copies reads only the candidates whose character cosine is already high
    close = cand.features[:, FEATURE_NAMES.index("char_cosine")] >= aggregate.NEAR_IDENTICAL - 0.1
    copies = aggregate._wire_copies(claims_df, cand.left[close], cand.right[close])
    facts = aggregate.build_facts(claims_df, relations, copies)
    fact_of = facts.attrs.pop("fact_of")  # the fact id of each claim row
    # (mapping no claims gives the float column pandas makes of an empty mapping)
    claims_df["fact_id"] = fact_of if fact_of else claims_df["claim_id"].map({})
    outlets = list(dict.fromkeys(a.outlet for a in arts))
    if len(outlets) < len(arts):
        warnings.warn(
            "Several articles share an outlet; the outlet tables pool their claims.",
            CoverageWarning, stacklevel=3,
        )
    codes = aggregate.coverage_codes(facts, outlets)
    coverage_df = aggregate.coverage_table(facts, outlets, codes=codes)
    agreement, contradiction, shared = aggregate.outlet_tables(relations, facts, outlets)
    return CoverageReport(
        articles=arts,
        claims=claims_df,
        relations=relations,
        facts=facts,
        coverage=coverage_df,
        agreement=agreement,
        contradiction=contradiction,
        shared_facts=shared,
        wire_copies=copies,
        omissions=aggregate.omissions(facts, coverage_df, omitted=codes == aggregate.OMITTED),
    )
