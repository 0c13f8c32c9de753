"""Agree or contradict, with a type and evidence spans, for an aligned pair of claims.

The judge is attribution-aware: two claims credited to different, named sides
("the company said" / "campaigners said") report what each side said and do not
contradict each other; the same source reported saying two incompatible things does.
Checks run from the most specific to the least: marked updates, numbers, dates and
times, modality (asserted vs hedged), negation, then conflicting entities in the same
slot ("started in a warehouse" / "began in the distillation unit").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._lexicon import (
    ANTONYMS,
    COUNT_SYNONYMS,
    GENERAL_PERSON_NOUNS,
    NEGATION_RE,
    NEGATION_WORDS,
    NOT_RULED_OUT,
    NUMBER_WORDS,
    PERSON_NOUNS,
    PREDICATE_SYNONYMS,
    SPEECH_VERBS,
    STOPWORDS,
    STRONG_HEDGE_KEYS,
    STRONG_HEDGE_RE,
    STRONG_HEDGE_STARTS,
    UNCERTAIN_NEGATION_RE,
    UNCERTAIN_NEGATION_WORDS,
)
from .segment import (_any_of, _finditer_at, _fold, _folded, _folded_words, _starts_of, _word_alternation,
                      _word_matches, _words, forget_texts, watch_words)
from .similarity import _SUFFIXES as _STEM_ENDINGS
from .similarity import stem
from .types import Claim, ContradictionType, Label, Quantity, TimeRef

__all__ = ["GENERIC_COUNTS", "STRONG_MATCH", "Verdict", "conflict_cues", "figure_overlap", "judge_pair", "occurrence_dated",
           "same_source"]

# Alignment probability above which a pair counts as a close match: modality, negation
# and entity conflicts are only read on close matches, since on looser ones the
# differing words usually belong to different facts.
STRONG_MATCH = 0.5
# Above this, two claims are taken to be about one event even without shared context words.
VERY_STRONG_MATCH = 0.97
# Above this, two claims that each give one clock time (or one day) give the time of one
# event, and opposing sources' assertion and hedge of one fact conflict.
CLOSE_MATCH = 0.85
# Above this, two claims that each give one figure in a unit (one sum, one share) give the
# same measure.
CLOSE_FIGURE_MATCH = 0.9
# Above this, a negation whose scope shares a single word with the other claim counts.
VERY_CLOSE_NEGATION = 0.85

_GENERIC_SOURCES = {stem(word): kind for word, kind in {
    "company": "org", "firm": "org", "maker": "org", "manufacturer": "org", "boss": "org",
    "management": "org", "spokesperson": "org", "spokesman": "org", "spokeswoman": "org",
    "statement": "org", "executive": "org",
    "official": "gov", "authority": "gov", "government": "gov", "ministry": "gov",
    "minister": "gov", "administration": "gov", "source": "any", "it": "any", "they": "any",
    "he": "any", "she": "any", "we": "any",
}.items()}
_GENERIC_SOURCE_WORDS = frozenset(_GENERIC_SOURCES)
# Public authorities named by what they are, not generic references: of the "gov" kind,
# so that two authorities ("forestry officials" / "investigators") count as one side.
_AUTHORITY_SOURCES = {stem(word): "gov" for word in
                      "investigator police inspector regulator prosecutor sheriff coroner".split()}
# Words that name a party other than the organisation or authority a story is about.
_OTHER_PARTIES = {
    stem(w) for w in "campaigners activists critics opposition union unions residents witnesses "
    "experts analysts lawyers families relatives neighbours neighbors locals protesters "
    "survivors victims consultant engineer researcher academics rivals organisers organizers".split()
}
_TITLE_WORDS = frozenset(
    "the a an of for at in on and chief executive officer spokesperson spokesman spokeswoman "
    "senior two three one several some group manager commander station town councillor "
    "mr mrs ms dr said who".split()
)
_PREP_SLOTS = ("in", "at", "by", "from", "on", "to", "with", "into", "near", "inside", "behind")
watch_words(_PREP_SLOTS)  # (see _slots)
# Keyed by stems (similarity.stem: "broke" -> "brok") or their beginnings.
_VERB_SYNONYMS = {
    "begin": "start", "began": "start", "begun": "start", "start": "start", "erupt": "start",
    "brok": "start", "break": "start", "originat": "start", "spark": "start",
    "hold": "start",  # "took hold in the changing rooms"
    "carri": "do", "commit": "do", "launch": "do", "stag": "do",
    "blam": "blame", "attribut": "blame", "caus": "cause",
    "came": "come", "come": "come",
    "transferr": "move", "transfer": "move", "mov": "move", "ship": "move", "relocat": "move", "shift": "move",
    "stopp": "stop", "stop": "stop", "halt": "stop",
    "insur": "insure", "underwrit": "insure",
    "suppl": "make", "written": "make", "wrot": "make", "made": "make", "manufactur": "make",
    "built": "make", "produc": "make", "develop": "make",
    "died": "die", "die": "die", "kill": "die",
    "charg": "charge",  # "charged with murder" / "charged with manslaughter"
}


# the claim texts' negation words are tested for (see _negation_spans)
watch_words(NEGATION_WORDS | UNCERTAIN_NEGATION_WORDS)

_MISSING = object()


def _per_claim(function):
    """Cache a function of one claim, first by the claim's identity, then by what it reads.

    The judge asks for the same few facts of a claim (its negations, hedges, slots ...)
    once per pair it is in, tens of times per claim: a look-up by ``id`` (kept only while
    the entry holds that very claim, so a reused id never matches) is the quickest.
    Claims rebuilt from the same article (a second ``compare`` call) miss it and find
    the value under the fields the functions read (text, offsets, source, dates), which
    are cheap to hash, unlike whole Claim records with their tuples of spans.
    """
    claims: dict = {}  # id -> the claim, kept alive so that its id is not reused meanwhile
    by_identity: dict = {}  # id -> value (two dicts rather than (claim, value) pairs: fewer objects)
    by_content: dict = {}

    # Safe for calls from several threads at once: the value is stored before its claim
    # and read after it, with get (another thread may clear the dicts in between), so an
    # entry holding this claim has its value or none, never another claim's.
    def wrapper(claim: Claim):
        key = id(claim)
        if claims.get(key) is claim:
            value = by_identity.get(key, _MISSING)
            if value is not _MISSING:
                return value
        content = (claim.text, claim.start, claim.attributed_to, claim.dates)
        # (get, not a KeyError: within one compare() call nearly every look-up here misses)
        value = by_content.get(content, _MISSING)
        if value is _MISSING:
            if len(by_content) > 16384:
                by_content.clear()
            value = by_content[content] = function(claim)
        if len(claims) > 16384:
            claims.clear()
            by_identity.clear()
        by_identity[key] = value
        claims[key] = claim
        return value

    def forget() -> None:
        by_content.clear()
        claims.clear()
        by_identity.clear()

    _CLAIM_CACHES.append(forget)
    wrapper.cached = by_content  # (for tests)
    wrapper.__wrapped__ = function
    wrapper.__doc__ = function.__doc__
    return wrapper


_CLAIM_CACHES: list = []  # the forget functions of the _per_claim caches


def forget_claims() -> None:
    """Empty the judge's caches of what it read of claims and texts.

    :func:`coverage.compare` calls it before and after each comparison, so that a call
    never profits from an earlier one (repeated calls on the same articles cost what the
    first did) and no claim outlives its report in a cache.
    """
    for forget in _CLAIM_CACHES:
        forget()
    _content.cache_clear()
    forget_texts()


_SOURCE_WORD_RE = re.compile(r"[a-z][a-z'’\-]+")
_ALNUM_RE = re.compile(r"[a-z0-9]+")
_ALNUM_ANY_CASE_RE = re.compile(r"[A-Za-z0-9]+")
_FILLER_WORD_RE = re.compile(r"[\w'’\-]+")


@dataclass(frozen=True)
class Verdict:
    """The judge's decision on a pair, with the spans that decided it."""

    label: Label
    type: ContradictionType | None
    score: float
    evidence_a: tuple[int, int]
    evidence_b: tuple[int, int]
    explanation: str
    # The claims report two distinct facts that look alike (opposing sides' clashing
    # statements, a figure and its marked update): no relation, rather than an agreement.
    distinct: bool = False


@lru_cache(maxsize=4096)
def _source_words(source: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """(stemmed words of a source, the kinds of source they name: "org", "gov", "any",
    "other", whether they are all generic): a few sources recur in thousands of pairs."""
    words = frozenset(stem(w.strip("'’").removesuffix("'s"))
                      for w in _SOURCE_WORD_RE.findall(source.lower()) if w not in _TITLE_WORDS)
    kinds = frozenset({_GENERIC_SOURCES[w] for w in words if w in _GENERIC_SOURCES}
                      | {_AUTHORITY_SOURCES[w] for w in words if w in _AUTHORITY_SOURCES}
                      | ({"other"} if words & _OTHER_PARTIES else set()))
    return words, kinds, words <= _GENERIC_SOURCE_WORDS


@lru_cache(maxsize=4096)
def _named_qualifiers(source: str) -> frozenset[str]:
    """The capitalised words of a source besides those naming what kind of source it is
    ("Israeli" of "Israeli police", "Forestry" of "Forestry officials")."""
    words = {stem(w.lower().strip("'’").removesuffix("'s")) for w in re.findall(r"[A-Z][A-Za-z'’\-]+", source)}
    return frozenset(words - _GENERIC_SOURCE_WORDS - _AUTHORITY_SOURCES.keys()
                     - {stem(w) for w in _TITLE_WORDS})


def _rival_names(a: str, b: str) -> bool:
    """Both sources are qualified by names, and by different ones ("Israeli police" /
    "the Palestinian health ministry"): the authorities of two countries or peoples."""
    qa, qb = _named_qualifiers(a), _named_qualifiers(b)
    return bool(qa) and bool(qb) and qa.isdisjoint(qb)


def _opposing_sides(a: str | None, b: str | None) -> bool:
    """Two sources on opposite sides of a story: one a party other than the organisation
    or authority it is about (a union, campaigners, residents ...), the other not."""
    if a is None or b is None:
        return False
    kinds_a, kinds_b = _source_words(a)[1], _source_words(b)[1]
    return ("any" not in kinds_a | kinds_b) and (("other" in kinds_a) != ("other" in kinds_b))


def same_source(a: str | None, b: str | None) -> bool | None:
    """Whether two attributions name the same source: True, False, or None (unknown).

    Both None (the outlets' own voices) counts as the same. Generic references
    ("the company", "officials", "it") are compatible with any named source of their
    kind, since the library does not resolve co-reference across articles.

    Examples
    --------
    >>> same_source("the company", "Kestrel")
    True
    >>> same_source("Veltrac", "Campaigners from Clean Air Ostervale")
    False
    """
    if a is None and b is None:
        return True
    if a is None or b is None:
        return None
    (wa, kinds_a, generic_a), (wb, kinds_b, generic_b) = _source_words(a), _source_words(b)
    if wa & wb or not wa or not wb:
        return True
    if kinds_a and kinds_b and not kinds_a & kinds_b and "any" not in kinds_a | kinds_b:
        return False
    if kinds_a == kinds_b == {"gov"} and not _rival_names(a, b):
        return True  # public authorities speak for one side (of one country)
    if "any" in kinds_a and generic_a or "any" in kinds_b and generic_b:
        return True
    if generic_a and generic_b:
        return bool(kinds_a & kinds_b)
    return generic_a or generic_b


# Units one figure can be converted from into another's: unit -> (base unit, factor).
# Durations up to weeks, lengths, areas, masses, volumes and speeds. Not months and
# years: "the three months to September" and "the previous five years" are periods a
# figure is reported over more often than the length of one thing. A currency never
# converts.
_CONVERSIONS = {
    "s": ("min", 1 / 60), "min": ("min", 1.0), "h": ("min", 60.0), "d": ("min", 1440.0),
    "wk": ("min", 10080.0),
    # lengths in three scales, which measure different things ("15 km upstream" is no
    # rainfall of "200mm")
    "mm": ("mm", 1.0), "cm": ("mm", 10.0), "in": ("mm", 25.4),
    "m": ("m", 1.0), "ft": ("m", 0.3048), "yd": ("m", 0.9144),
    "km": ("km", 1.0), "mi": ("km", 1.609344),
    "ha": ("ha", 1.0), "acre": ("ha", 0.4046856),
    "g": ("kg", 0.001), "kg": ("kg", 1.0), "t": ("kg", 1000.0),
    "ml": ("l", 0.001), "l": ("l", 1.0), "kph": ("kph", 1.0), "mph": ("kph", 1.609344),
    # a change of a rate: percentage points and basis points (hundredths of a point)
    "pp": ("pp", 1.0), "bp": ("pp", 0.01),
}
# Relative difference within which two figures written in different units are alike:
# conversions are rounded ("6 feet (1.8 metres)", "5,000 hectares" / "12,400 acres").
_CONVERTED_TOLERANCE = 0.05


def _base(q: Quantity) -> tuple[str, float]:
    """(unit, value) of a figure in its base unit ("two days" -> ("min", 2880.0))."""
    if q.unit == "°F":
        return "°C", (q.value - 32) * 5 / 9
    unit, factor = _CONVERSIONS.get(q.unit, (q.unit, 1.0))
    return unit, q.value * factor


def base_unit(q: Quantity) -> str:
    """The unit figures are compared in: two figures are comparable only in the same one."""
    return "°C" if q.unit == "°F" else _CONVERSIONS.get(q.unit, (q.unit,))[0]


# Bounds that hold at the figure itself ("at least 40" and "as many as 40" both allow 40).
_INCLUSIVE_BOUND_RE = re.compile(
    r"\b(?:at\s+least|no\s+fewer\s+than|no\s+less\s+than|up\s+to|at\s+most|as\s+many\s+as|as\s+much\s+as|"
    r"no\s+more\s+than)\s*$", re.IGNORECASE)


_JUST_SHORT_RE = re.compile(r"\b(?:nearly|almost|not\s+quite|just\s+short\s+of)\s*$", re.IGNORECASE)


def _just_short(claim: Claim, q: Quantity) -> bool:
    """The figure is given as just short of itself ("nearly 100", "almost half")."""
    lo = q.start - claim.start
    return bool(_JUST_SHORT_RE.search(claim.text, max(0, lo - 25), lo))


def _strict_bound(claim: Claim, q: Quantity) -> bool:
    """The figure's bound leaves the figure out ("more than 40", "fewer than half")."""
    lo = q.start - claim.start
    return bool(q.bound) and not _INCLUSIVE_BOUND_RE.search(claim.text, max(0, lo - 25), lo)


def _numbers_conflict(claim_a: Claim, qa: Quantity, claim_b: Claim, qb: Quantity) -> bool:
    a, b = _base(qa)[1], _base(qb)[1]
    small, large = sorted((a, b))
    if small == large:  # "just over half" / "fewer than half" conflict; "at least 40" / "up to 40" do not
        if {qa.bound, qb.bound} == {"lower", ""}:
            # "more than 100" / "nearly 100": above the figure and just short of it
            low_claim, low_q, other_claim, other_q = ((claim_a, qa, claim_b, qb) if qa.bound
                                                      else (claim_b, qb, claim_a, qa))
            return _strict_bound(low_claim, low_q) and _just_short(other_claim, other_q)
        return ({qa.bound, qb.bound} == {"lower", "upper"}
                and (_strict_bound(claim_a, qa) or _strict_bound(claim_b, qb)))
    if qa.bound == "lower" and b >= a or qb.bound == "lower" and a >= b:
        return False
    if qa.bound == "upper" and b <= a or qb.bound == "upper" and a <= b:
        return False
    # relative to the larger magnitude: a temperature in Celsius can be zero or below
    gap = (large - small) / max(abs(small), abs(large))
    if qa.approx or qb.approx:
        return gap > 0.10
    return gap > (_CONVERTED_TOLERANCE if qa.unit != qb.unit else 0.005)


def _comparable(qa: Quantity, qb: Quantity) -> bool:
    if qa.unit or qb.unit:
        return base_unit(qa) == base_unit(qb)
    if not qa.head or not qb.head:
        return False
    if {qa.head, qb.head} & GENERAL_PERSON_NOUNS and {qa.head, qb.head} <= PERSON_NOUNS:
        return True  # "Four people" / "Seven fans": people are fans
    return qa.head == qb.head or _similar_words(qa.head, qb.head)


# Counted nouns too general to show that two loosely matched claims count the same thing
# ("9,000 people" in a town / "1,480 people" evacuated).
GENERIC_COUNTS = frozenset("people person time year day case thing way part other member".split())
# Alignment score from which a generic counted noun alone ties two figures together.
GENERIC_STRONG = 0.7
# Figures up to this value are common enough ("two", "six") that matching them says little
# unless they count the same thing.
_SMALL_FIGURE = 12


def figure_overlap(a: Claim, b: Claim) -> tuple[int, int]:
    """(figures the two claims state alike, figures they state in conflict), symmetric.

    Two figures are alike when they have the same unit and the same value, within
    rounding when either is approximate or bounded ("about 60" / "58"; a bound alone,
    "up to 3,000" / "40", is not enough), and either are large enough to be telling or
    count the same thing ("640 people" / "Around 640 workers"; "$148m" / "148 million
    dollars"). They conflict when they count the same thing with incompatible values.
    Each count is the smaller of the two claims' (a figure counts once per claim), so the
    result does not depend on which claim comes first. Both are evidence that two claims
    report one fact: an alignment feature.
    """
    # Each pair of figures is read once, for both claims' counts: whether two figures
    # conflict, are close or count the same thing reads the same either way round (and
    # two figures of one base unit either both have a unit or neither has).
    match_a, conflict_a = [False] * len(a.numbers), [False] * len(a.numbers)
    match_b, conflict_b = [False] * len(b.numbers), [False] * len(b.numbers)
    units_b = [base_unit(qb) for qb in b.numbers]
    for i, qa in enumerate(a.numbers):
        unit = base_unit(qa)
        for j, qb in enumerate(b.numbers):
            if units_b[j] != unit:
                continue
            if _numbers_conflict(a, qa, b, qb):
                if _comparable(qa, qb):
                    conflict_a[i] = conflict_b[j] = True
            elif _close_values(qa, qb) and (qa.unit or max(qa.value, qb.value) > _SMALL_FIGURE
                                            or _comparable(qa, qb)):
                match_a[i] = match_b[j] = True
    # a figure counts once per claim, as alike if it is alike to any figure of the other
    matched = min(sum(match_a), sum(match_b))
    conflicting = min(sum(c and not m for c, m in zip(conflict_a, match_a)),
                      sum(c and not m for c, m in zip(conflict_b, match_b)))
    return matched, conflicting


def _stated_alike(q: Quantity, claim: Claim, other: Claim) -> bool:
    """The other claim states the figure alike, so the figure is no ground for a conflict
    with the other's other figures: a measure, sum or share with the same unit and a close,
    not conflicting value ("about 280 metres" / "nearly 300 metres", "about £312 million" /
    "more than £300 million"; not "just over half" / "fewer than half"), or a count large
    enough to be telling with a close, not conflicting value, of the same thing or with the
    noun unsaid ("about 2,300 jobs" / "640 jobs at the site, part of 2,312 job cuts"). Small
    counts settle nothing: "three" in "Two miners were killed and three were injured" may
    count another group; nor do counts on top of another group ("damaged 3,000 more")."""
    if q.unit:
        return any(base_unit(o) == base_unit(q) and _close_values(q, o)
                   and not _numbers_conflict(claim, q, other, o)
                   for o in other.numbers)
    if _added_figure(claim, q):
        return False
    for o in other.numbers:
        if (o.unit or not _close_values(q, o) or _numbers_conflict(claim, q, other, o)
                or q.head and o.head and not _comparable(q, o) or _added_figure(other, o)):
            continue
        if max(q.value, o.value) > _SMALL_FIGURE:
            return True
    return False


def _close_values(qa: Quantity, qb: Quantity) -> bool:
    """The same value, within 15 % when either figure is approximate or bounded."""
    a, b = _base(qa)[1], _base(qb)[1]
    large = max(abs(a), abs(b))
    if large == 0:
        return True
    tolerance = (0.15 if (qa.approx or qb.approx or qa.bound or qb.bound)
                 else _CONVERTED_TOLERANCE if qa.unit != qb.unit else 0.005)
    return abs(a - b) / large <= tolerance


# each counted noun (as Quantity.head spells it) -> the numbers of its synonym groups
_COUNT_GROUPS: dict[str, set[int]] = {}
for _number, _group in enumerate(COUNT_SYNONYMS):
    for _word in _group:
        for _key in {_word, stem(_word)}:
            _COUNT_GROUPS.setdefault(_key, set()).add(_number)


def _similar_words(a: str, b: str) -> bool:
    """Counted nouns that count the same things ("houses" / "homes", "protesters" /
    "demonstrators"; see COUNT_SYNONYMS)."""
    return not _COUNT_GROUPS.get(a, set()).isdisjoint(_COUNT_GROUPS.get(b, ()))


# Two clock times further apart than this many minutes conflict ("about 2.40 p.m." /
# "about 2.10 p.m.").
TIME_TOLERANCE = 20
# Minutes after midnight covered by each part of the day (night runs past midnight).
_PART_WINDOWS = {"early": (0, 420), "morning": (0, 720), "afternoon": (720, 1080),
                 "evening": (1020, 1439), "night": (1200, 360)}
_TIME_SLACK = 60


def _window(ref: TimeRef) -> tuple[int, int]:
    if ref.kind == "time":
        minute = int(ref.value)
        return (minute - _TIME_SLACK) % 1440, (minute + _TIME_SLACK) % 1440
    return _PART_WINDOWS.get(ref.value, (0, 1439))


def _minutes(window: tuple[int, int]) -> set[int]:
    start, end = window
    return set(range(start, end + 1)) if start <= end else set(range(start, 1440)) | set(range(0, end + 1))


def _parts_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two day windows (minutes, possibly wrapping past midnight) overlap."""
    return bool(_minutes(a) & _minutes(b))


def _assumed_year(ref: TimeRef) -> bool:
    """A date or month whose year was not written ("in December", "March 5"): taken from
    the publication date, or unknown."""
    return ref.kind in ("date", "month") and not re.search(r"\d{4}", ref.text)


def _month_number(ref: TimeRef) -> str:
    """The month ("12") of a date or month value ("2025-12-05", "2025-12", "--12", "--12-05")."""
    return ref.value[2:4] if ref.value.startswith("--") else ref.value[5:7]


def _times_conflict(ta: TimeRef, tb: TimeRef) -> bool:
    if {ta.kind, tb.kind} in ({"year", "date"}, {"year", "month"}):
        dated = ta if ta.kind != "year" else tb
        if _assumed_year(dated):
            return False  # the year was only assumed from the publication date
    if "month" in (ta.kind, tb.kind) and ta.kind in ("date", "month") and tb.kind in ("date", "month") and (
            _assumed_year(ta) or _assumed_year(tb)):
        # "in December" / "at the end of March 2026": only the months can be compared
        return _month_number(ta) != _month_number(tb)
    if {ta.kind, tb.kind} <= {"time", "part"} and "part" in (ta.kind, tb.kind):
        return not _parts_overlap(_window(ta), _window(tb))
    if ta.kind != tb.kind:
        if {ta.kind, tb.kind} == {"year", "date"} or {ta.kind, tb.kind} == {"year", "month"}:
            return ta.value[:4] != tb.value[:4] and "-" not in (ta.value[:2] + tb.value[:2])
        if {ta.kind, tb.kind} == {"month", "date"}:
            return ta.value[:7] != tb.value[:7] and not ta.value.startswith("--") and not tb.value.startswith("--")
        return False
    if ta.kind == "time":
        diff = abs(int(ta.value) - int(tb.value))
        return min(diff, 1440 - diff) > TIME_TOLERANCE
    if ta.kind == "part":
        return False
    return ta.value != tb.value


@lru_cache(maxsize=16384)
def _content(text: str) -> tuple[str, ...]:
    # (a list built first: quicker than a tuple fed by a generator)
    return tuple([stem(w) for w in _ALNUM_RE.findall(text.lower()) if w not in STOPWORDS])


@_per_claim
def _core_words(claim: Claim) -> frozenset[str]:
    """Content words of the claim without its attribution phrase, for negation and hedge scopes."""
    return frozenset(_content(_core_text(claim)))


def _core_text(claim: Claim) -> str:
    """The claim's text with every occurrence of its attribution phrase made a space: the
    text of :func:`_core_words`."""
    if claim.attributed_to:
        # every occurrence, as re.sub(re.escape(source), " ", text) would, without
        # compiling a pattern per source
        return claim.text.replace(claim.attributed_to, " ")
    return claim.text


_SLOT_RE = re.compile(r"\b([a-z]+)\s+(?:(?:off|out|over|away|back)\s+)?(" + "|".join(_PREP_SLOTS)
                      + r")\s+((?:[\w'’\-]+\s+){0,8}[\w'’\-]+)")
_FILLER_STOP = frozenset("where which who whom that and but after before when while because said says".split())


# Verbs whose slot is only an origin ("came from") or a destination ("moved to"), and only
# when it names a place or a body: a determiner or a capitalised name comes first.
_PLACE_SLOTS = {"come": ("from",), "move": ("to", "into")}
_PLACE_FILLER_RE = re.compile(r"(?:the|a|an|its|their|his|her|our)\b|[A-Z]")
# The first of _VERB_SYNONYMS (in their order) that a verb begins with, as one pattern:
# an alternation tries its branches in order, as a loop over the prefixes would, faster.
_VERB_PREFIX_RE = re.compile("|".join(map(re.escape, _VERB_SYNONYMS)))
# Where a verb of _VERB_SYNONYMS can begin: the verb of a slot is a word in lower case,
# and its stem (a beginning of it) is one of them or begins with one.
_SLOT_VERB_START_RE = re.compile(r"\b" + _word_alternation(_VERB_SYNONYMS))
# Verbs whose slot is one preposition's only: the charge ("charged with murder"), not where
# or how ("charged at Leeds Crown Court", "charged in absentia").
_ONE_PREPOSITION_SLOTS = {"charge": "with"}


def _slots(claim: Claim) -> list[tuple[str, str, set[str], tuple[int, int]]]:
    """(verb key, preposition, filler content words, filler span) for "verb prep filler",
    for the verbs whose slot says where, by whom or from where something happened."""
    out = []
    if _folded_words(claim.text)[1].isdisjoint(_PREP_SLOTS):
        return out  # every match has one of the prepositions as a whole word
    if _SLOT_VERB_START_RE.search(claim.text) is None:
        return out  # no verb of _VERB_SYNONYMS: every match would be passed over (most claims)
    for match in _SLOT_RE.finditer(claim.text):
        verb = stem(match.group(1).lower())
        key = _VERB_SYNONYMS.get(verb)
        if key is None:
            prefix = _VERB_PREFIX_RE.match(verb)
            if prefix is None:
                continue
            key = _VERB_SYNONYMS[prefix.group()]
        if key in _PLACE_SLOTS and not (match.group(2) in _PLACE_SLOTS[key]
                                        and _PLACE_FILLER_RE.match(match.group(3))):
            continue  # "came to light", "moved to reassure": not an origin or a destination
        if _ONE_PREPOSITION_SLOTS.get(key, match.group(2)) != match.group(2):
            continue
        end = None
        for word in _FILLER_WORD_RE.finditer(match.group(3)):
            if word.group().lower() in _FILLER_STOP:
                break
            end = word.end()
        if end is None:
            continue
        filler = set(_content(match.group(3)[:end]))
        start = claim.start + match.start(3)
        if filler and not (filler & _TIME_WORDS or any(
                t.start < start + end and start < t.end for t in claim.dates)):
            out.append((key, match.group(2), filler, (start, start + end)))
        # a time ("started at 11.30 p.m.", "began in the early hours of Thursday") says
        # when, not where or by whom: the judge compares times apart
    return out


# A compass direction, or up to four joined ("northern and southern"; a bounded number, so
# that a long list costs linear time), and the word they place ("the western end", "the
# North Stand", "north-eastern outskirts").
_ONE_DIRECTION = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west|left|right"
_DIRECTION_RE = re.compile(
    rf"\b(?P<dir>(?:{_ONE_DIRECTION})(?:ern)?(?:(?:\s*[,/]\s*|\s+(?:and|or)\s+)(?:{_ONE_DIRECTION})(?:ern)?){{0,3}})"
    r"\s+(?P<head>[A-Za-z][\w'’\-]*)",
    re.IGNORECASE)
_ONE_DIRECTION_RE = re.compile(_ONE_DIRECTION, re.IGNORECASE)
_DIRECTION = "direction"  # the "preposition" of a direction slot
_SIDES = frozenset({"left", "right"})
# what comes before a side ("the", "its", "the plane's"), up to the match; not a pronoun's
# "'s" ("he's left hospital", "it's right outside")
_SIDE_OWNER_RE = re.compile(r"\b(?:the|its|his|her|their|our|my|your|"
                            r"(?!(?:he|she|it|that|there|here|what|who|where)['’]s\b)[\w\-]+['’]s?)\s+$",
                            re.IGNORECASE)


def _direction_slots(claim: Claim) -> list[tuple[str, str, set[str], tuple[int, int]]]:
    """Slots of the places a claim gives by compass direction or by side: one per placed
    word, with the set of directions it gets ("the western end" -> ("end", "direction",
    {"west"}, span); "its left engine" -> ("engine (side)", "direction", {"left"}, span)).

    Two claims that place the same thing ("end", "stand", "engine") in different directions
    name different places; a claim giving several ("from the north side to the south
    side") conflicts with neither. Sides are read only after a determiner or a possessive
    ("the left wing", "the plane's right engine", not "left hospital"), and are compared
    only with sides.
    """
    folded = _folded(claim.text)
    if not ("north" in folded or "south" in folded or "east" in folded or "west" in folded
            or "left" in folded or "right" in folded):
        return []  # every match begins with one of these (the usual case: no search)
    found: dict[str, tuple[set[str], tuple[int, int]]] = {}
    for match in _DIRECTION_RE.finditer(claim.text):
        head = match.group("head").lower()
        if head in STOPWORDS or _DIRECTION_RE.match(head + " x"):
            continue  # "west of the city", "north to south"
        directions = {re.sub(r"[- ]", "", one.lower()) for one in _ONE_DIRECTION_RE.findall(match.group("dir"))}
        key = stem(head)
        if directions & _SIDES:
            if not _SIDE_OWNER_RE.search(claim.text, 0, match.start()):
                continue  # "left hospital", "right to appeal": a verb or another sense
            key += " (side)"
        span = (claim.start + match.start(), claim.start + match.end())
        found.setdefault(key, (set(), span))[0].update(directions)
    return [(head, _DIRECTION, directions, span) for head, (directions, span) in found.items()]


# Acts whose doer is a fact of its own: who ordered, declared, led or appointed it. The
# doer is the "by" phrase of the passive ("the evacuation was ordered by the governor") or
# the words before the active verb ("the Civil Protection Agency ordered the evacuation").
_AGENT_VERBS = {"ordered": "order", "orders": "order", "declared": "declare", "declares": "declare",
                "led": "lead", "leads": "lead", "lead": "lead", "appointed": "appoint", "appoints": "appoint"}
_AGENT = "agent"  # the "preposition" of a doer slot
_PASSIVE_AGENT_RE = re.compile(
    r"\b(?:was|were|is|are|be|been)\s+(ordered|declared|led|appointed)\b"
    r"(?:\s+(?:a|an|the)\s+[\w'’\-]+(?:\s+[\w'’\-]+){0,2}?)?"  # what it was declared ("a disaster area")
    r"(?:\s+(?:on|at|in|late|early|last)\s+[\w'’\-]+(?:\s+[\w'’\-]+)?)?\s+by\s+((?:[\w'’\-]+\s+){0,5}[\w'’\-]+)")
_ACTIVE_AGENT_RE = re.compile(
    r"((?:[\w'’\-]+\s+){0,5}?[\w'’\-]+)\s+(?:(?:has|had|have|will|would|is\s+to)\s+)?"
    r"(ordered|orders|declared|declares|led|leads|lead|appointed|appoints)\s+(?:the|a|an|its|their|[A-Z])")
_BE_FORMS = frozenset("was were is are be been being".split())
# the words after a comma that follows a doer ("by the provincial governor, Ilse Marrow")
_APPOSITION_RE = re.compile(r",\s+((?:[\w'’\-]+\s+){0,3}[\w'’\-]+)")
_AGENT_STOP = frozenset("which who that and but after when while it they he she this".split())
_AGENT_TIME_STARTS = frozenset("on at in last late early yesterday today".split())
# ... which are no doer's words, also where a time comes before the doer ("Late on Friday the governor")
_AGENT_TIME_STEMS = frozenset(stem(w) for w in _AGENT_TIME_STARTS)


def _agents(claim: Claim) -> list[tuple[str, str, set[str], tuple[int, int]]]:
    """Slots of who did an act of _AGENT_VERBS (see there): (verb, "agent", the doer's
    content words, span)."""
    text = claim.text
    if not any(verb in text for verb in ("order", "declare", "led", "lead", "appoint")):
        return []  # the usual case: no search
    out = []
    for match in _PASSIVE_AGENT_RE.finditer(text):
        words = _without_time(_cut_clause(match.group(2)).split())
        doer = set(_content(" ".join(words))) - _TIME_WORDS
        # a name or title, as for the active verb, here or in an apposition ("by the
        # provincial governor, Ilse Marrow"); "by the police" / "by the authorities" is
        # one side told two ways
        apposition = _APPOSITION_RE.match(text, match.end(2))
        named = words + (apposition.group(1).split() if apposition else [])
        if doer and any(w[:1].isupper() for w in named):
            out.append((_AGENT_VERBS[match.group(1)], _AGENT, doer,
                        (claim.start + match.start(2), claim.start + match.end(2))))
    for match in _ACTIVE_AGENT_RE.finditer(text):
        words = match.group(1).split()
        if words[-1].lower() in _BE_FORMS:
            continue  # a passive ("Kellby was declared a disaster area"): its subject is no doer
        # the claim's first word is capitalised as such, not as a name or title ("Officials ordered")
        initial = not text[:match.start(1)].strip(" \"'“‘(")
        for k in range(len(words) - 1, -1, -1):  # the doer ends the clause before the verb
            if words[k].lower() in _AGENT_STOP or words[k][-1:] in ",;:":
                words, initial = words[k + 1:], False
                break
        words = _without_time(words)
        doer = set(_content(" ".join(words))) - _TIME_WORDS - _AGENT_TIME_STEMS
        if doer and any(w[:1].isupper() for w in words[initial:]):
            out.append((_AGENT_VERBS[match.group(2)], _AGENT, doer,
                        (claim.start + match.start(1), claim.start + match.end(1))))
    return out


def _without_time(words: list[str]) -> list[str]:
    """The doer's words up to a time that follows it ("the governor on Friday evening"):
    a time after the doer is not the doer's."""
    for k in range(1, len(words)):
        if words[k].lower() in _AGENT_TIME_STARTS:
            return words[:k]
    return words


def _cut_clause(words: str) -> str:
    """The words up to the first that begins another clause."""
    kept = []
    for word in words.split():
        if word.lower() in _AGENT_STOP:
            break
        kept.append(word)
        if word[-1:] in ",;:":
            break
    return " ".join(kept)


# Nouns of places and sites that a name before them tells apart ("the Hensol substation",
# "Brantham University Hospital", "on Kell Road").
PLACE_NOUNS = frozenset("""
    airport airfield arena avenue bank barracks base bay beach bridge building camp canal
    centre center church clinic college colliery court crossing dam depot dock estate factory
    farm hall harbor harbour highway hospital hotel island junction lake lane mall market mine
    motorway office park pier plant port prison quarry reservoir road school square stadium
    station street substation terminal tower university village warehouse wharf works
""".split())
# ... of which these, capitalised as part of a name, more often end the name of a body
# ("Vennor Bank", "the Met Office") than of a site
_BODY_NOUNS = frozenset({"bank", "office", "works", "market"})
_NAMED = "named"  # the "preposition" of a named-place slot
# the slots _slot_conflict reads only on a close match
_CLOSE_ONLY_SLOTS = frozenset({_DIRECTION, _AGENT, _NAMED})
_NAMED_HEAD_RE = re.compile(r"\s+([a-z]+)\b")
_NAMED_OWNER_RE = re.compile(r"\b(?:the|its|his|her|their|our|a|an)\s+$", re.IGNORECASE)


def _named_places(claim: Claim) -> list[tuple[str, str, set[str], tuple[int, int]]]:
    """Slots of the sites a claim tells apart by name: one per place noun, with the
    name's words ("the Hensol substation" -> ("substation", "named", {"hensol"}, span);
    "at Lessow Regional Hospital" -> ("hospital", "named", {"lessow", "regional"}, span)).

    The noun ends the name ("Kell Road") or follows it after a determiner or possessive
    ("its Hensol substation"); two claims giving the same noun different names, where
    neither names the other's, place the fact at different sites.
    """
    out = []
    text = claim.text
    for name in claim.names:
        words = name.text.split()
        head = words[-1].lower()
        at, end = name.start - claim.start, name.end - claim.start
        if head in PLACE_NOUNS and head not in _BODY_NOUNS and len(words) > 1:
            words = words[:-1]
        else:
            after = _NAMED_HEAD_RE.match(text, end)
            if (after is None or after.group(1) not in PLACE_NOUNS
                    or not _NAMED_OWNER_RE.search(text, 0, at)):
                continue
            head, end = after.group(1), after.end()
        out.append((head, _NAMED, {w.lower() for w in words}, (claim.start + at, claim.start + end)))
    return out


def _different_fillers(a: set[str], b: set[str]) -> bool:
    """Two slot fillers name different things: each has its own words and they share
    less than half of the shorter one ("an area near the Diyala Bridge" / "an area on the
    north-eastern outskirts")."""
    shared = a & b
    return bool(a - shared) and bool(b - shared) and len(shared) * 2 < min(len(a), len(b))


def _negation_spans(claim: Claim) -> list[tuple[int, int]]:
    folded, words = _folded_words(claim.text)
    if "n't" not in folded and words.isdisjoint(NEGATION_WORDS):
        return []  # every match begins with one of these words or is a contraction
    core = _without_source(claim)
    if core is not claim.text:
        folded, words = _folded_words(core)
    if not words.isdisjoint(UNCERTAIN_NEGATION_WORDS):  # every match of it has one
        core = UNCERTAIN_NEGATION_RE.sub(lambda m: " " * len(m.group()), core)
        folded = _fold(core)
        words = _words(folded)
    # The pattern is tried only where one of its first words is (as segment._negated
    # does), unless a contraction ("didn't"), which can begin at any word, is there.
    matches = (NEGATION_RE.finditer(core) if "n't" in folded
               else _word_matches(NEGATION_RE, core, folded, words, NEGATION_WORDS))
    return [(claim.start + m.start(), claim.start + m.end()) for m in matches]


def _whole(claim: Claim) -> tuple[int, int]:
    return claim.start, claim.end


_STRONG_HEDGE_START_RE = _any_of(STRONG_HEDGE_STARTS)
watch_words(STRONG_HEDGE_KEYS)  # (see _strong_hedges)


def _strong_hedges(claim: Claim) -> list[tuple[int, int, str]]:
    text = _without_source(claim)
    # The pattern is tried only where one of its first words is (finditer would try every
    # position, slowly); the blanked source keeps the offsets, and so does _fold.
    folded, words = _folded_words(text)
    if words.isdisjoint(STRONG_HEDGE_KEYS):
        # No match anywhere (the usual case): told by the words of the text, which are
        # kept for a claim's own text (see segment.watch_words); the first words of the
        # matches ("not", "may", "in" ...) are in most texts.
        return []
    if _STRONG_HEDGE_START_RE.search(folded) is None:
        return []  # no match can begin anywhere
    starts = _starts_of(folded, STRONG_HEDGE_STARTS)
    return [(claim.start + m.start(), claim.start + m.end(), m.group())
            for m in _finditer_at(STRONG_HEDGE_RE, text, starts)]


# Where the scope of a negation or hedge ends: the next clause ("considering an appeal
# but had not yet made a decision").
_SCOPE_END_RE = re.compile(r"[,;:()]|\s(?:but|although|though|while|whereas|because|and then)\s")


def _after_cue(claim: Claim, cue_end: int) -> tuple[str, ...]:
    """Content words after a cue, up to the end of its clause."""
    rest = claim.text[cue_end - claim.start:]
    end = _SCOPE_END_RE.search(rest)
    return _content(rest[:end.start()] if end else rest)


def _scope(claim: Claim, cue_end: int, words: int = 5) -> frozenset[str]:
    """Content words right after a negation or hedge cue: what it denies or doubts."""
    return frozenset(_after_cue(claim, cue_end)[:words])


def _before_cue(claim: Claim, cue_start: int, words: int = 5) -> frozenset[str]:
    """The last content words before a cue, back to the start of its clause."""
    before = claim.text[:cue_start - claim.start]
    starts = [m.end() for m in _SCOPE_END_RE.finditer(before)]
    return frozenset(_content(before[starts[-1] if starts else 0:])[-words:])


# Hedges that can close the clause they doubt ("a lightning strike is one possibility",
# "the cause remains unclear").
_TRAILING_HEDGE_RE = re.compile(r"possibilit|unclear|unconfirmed|unknown|unverified|not (?:yet )?(?:been )?(?:known|clear"
                                r"|(?:independently )?(?:confirmed|verified|established|determined))"
                                r"|" + NOT_RULED_OUT,
                                re.IGNORECASE)
# what follows a passive hedge when it names who has not confirmed ("... have not been
# confirmed by the observatory"): the doubted clause is still the one before
_HEDGE_AGENT_RE = re.compile(r"\s*by\b", re.IGNORECASE)


def _hedge_scopes(claim: Claim) -> tuple[tuple[tuple[int, int, str], frozenset[str]], ...]:
    """Each strong hedge of the claim with its scope (see :func:`_scope`); a hedge noun or
    adjective that ends its clause, or a passive one followed by its agent, doubts what
    comes before it."""
    out = []
    for hedge in _strong_hedges(claim):
        scope = _scope(claim, hedge[1])
        if _TRAILING_HEDGE_RE.match(hedge[2]) and (
                not scope or _HEDGE_AGENT_RE.match(claim.text, hedge[1] - claim.start)):
            scope |= _before_cue(claim, hedge[0])
        out.append((hedge, scope))
    return tuple(out)


def _denials(claim: Claim) -> tuple[tuple[tuple[int, int], tuple[str, ...] | None, frozenset[str], bool], ...]:
    """Each negation cue of the claim with the words it may negate (the first two content
    words after it: "no weather warning" negates the warning; None when there are none),
    its scope, and whether it is inside quotation marks: what :func:`_denies` reads."""
    out = []
    for span in _negation_spans(claim):
        quoted = _inside_quotes(claim, span[0])
        after = _after_cue(claim, span[1])
        if quoted:  # a speaker's words end where the quotation closes ('"Not for sale" as they marched')
            after = after[:len(_content(claim.text[span[1] - claim.start:_quote_end(claim, span[1])]))]
        out.append((span, tuple(after[:2]) or None, frozenset(after[:5]), quoted))
    return tuple(out)


def _inside_quotes(claim: Claim, at: int) -> bool:
    """Whether the claim's text has a quotation open at offset ``at`` (of the article): the
    last quotation mark before it opens one, or, with none before it, the first after it
    closes one that an earlier sentence opened (Not for sale," fans chanted)."""
    marks = [(m.start() < at - claim.start, _opens_quote(claim.text, m.start()))
             for m in _QUOTE_MARK_RE.finditer(claim.text)]
    before = [opens for is_before, opens in marks if is_before]
    if before:
        return before[-1]
    return bool(marks) and not marks[0][1]


_QUOTE_MARK_RE = re.compile('["\u201c\u201d]')


def _quote_end(claim: Claim, at: int) -> int:
    """Offset in the claim's text of the first closing quotation mark after offset ``at``
    (of the article), or the text's length."""
    return next((m.start() for m in _QUOTE_MARK_RE.finditer(claim.text, at - claim.start)
                 if not _opens_quote(claim.text, m.start())), len(claim.text))


def _opens_quote(text: str, at: int) -> bool:
    """Whether the quotation mark at ``at`` opens a quotation: a curly one by its shape, a
    straight one when it starts the text or follows a space, a bracket, a dash or a colon."""
    if text[at] != '"':
        return text[at] == "\u201c"
    return at == 0 or text[at - 1].isspace() or text[at - 1] in "([{:\u2014\u2013-"


def _negated_word_end(claim: Claim, cue_end: int) -> int:
    """End offset of the first content word after a negation cue ("No homes", "not hit")."""
    for match in _ALNUM_ANY_CASE_RE.finditer(claim.text[cue_end - claim.start:]):
        if match.group().lower() not in STOPWORDS:
            return cue_end + match.end()
    return cue_end


def _denies(denial: tuple[tuple[int, int], tuple[str, ...] | None, frozenset[str], bool],
            other_words: frozenset[str], needed: int) -> bool:
    """A negation cue (one of :func:`_denials`) denies what the other claim states: a
    word it negates is in the other claim, and so are ``needed`` scope words, at least two
    for a cue inside a quotation (a speaker's words, "chanting 'Not for sale'", "said:
    'Nobody in this city is above the law'", deny the other claim's fact less often
    than the outlet's own)."""
    _, negated, scope, quoted = denial
    # inside a quotation two scope words, even when the scope has fewer ('"Not for sale," they chanted')
    in_scope = len(scope & other_words) >= 2 if quoted else _in_scope(scope, other_words, needed)
    return negated is not None and any(w in other_words for w in negated) and in_scope


@_per_claim
def _name_words(claim: Claim) -> frozenset[str]:
    """The content words of the claim's capitalised names."""
    return frozenset(_content(" ".join(span.text for span in claim.names)))


def _beyond_names(claim: Claim, shared: set[str]) -> bool:
    """Words a hedge's scope shares with the other claim include more than names and
    figures: "reportedly jumped Route 14 near Upper Selm" doubts the jump, not the
    closure of Route 14 that the other claim states."""
    return any(not word.isdigit() for word in shared - _name_words(claim))


def _in_scope(scope: set[str], other_words: set[str], needed: int = 2) -> bool:
    """The other claim states what the cue denies or doubts: it shares ``needed`` of the
    scope's words (fewer when the scope is that short)."""
    return len(scope & other_words) >= min(needed, len(scope)) > 0


_ATTRIBUTION_TIME_RE = re.compile(
    r"\b(?:said|says|told|spoke|speaking|announced|reported|added|confirmed|stated|interview|"
    r"statement|briefing|briefed|wrote|posted|tweeted)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
# "sank", "came down" and "fell in" also tell a figure that moves ("shares sank 20%",
# "inflation came down to 3%", "shares fell in early trading", "fell in value").
_NOT_A_MOVE = (r"(?!\s+(?:by\s+|to\s+|as\s+(?:much|low)\s+as\s+|nearly\s+|almost\s+|about\s+|around\s+|some\s+"
               r"|more\s+than\s+|a\s+further\s+)?(?:[\d£$€¥]|a\s+record|record))")
_NOT_A_MOVE_IN = (r"(?!\s+(?:value|price|line|love|early\s+trading|late\s+trading|trading|real\s+terms|\d"
                  r"|january|february|march|april|may|june|july|august|september|october|november|december"
                  r"|the\s+(?!early\s+hours)))")
# Verbs that say when the event itself happened: two claims that both date an outbreak,
# a start or an occurrence date the same thing. "hit" is a noun after an article or a
# figure ("a £5m hit", "a £180 million hit", "a 3% hit"), not the event.
_OCCURRENCE_RE = re.compile(
    r"\b(?:broke out|started|began|erupted|occurred|took place|happened|struck|was launched|"
    r"were launched|exploded|collapsed|crashed|fell in" + _NOT_A_MOVE_IN + r"|caved in|gave way|"
    r"came down" + _NOT_A_MOVE + r"|derailed|sank" + _NOT_A_MOVE + r"|capsized|ran aground|burst|went off|"
    r"(?<!\ba )(?<!the )(?<![\d%] )(?<!\d[mk] )(?<!\d(?:bn|mn) )(?<!lion )(?<!sand )hit)\b", re.IGNORECASE)
# Every match of _OCCURRENCE_RE begins with one of these (lower case); keep them in step.
_OCCURRENCE_STARTS = ("broke out", "started", "began", "erupted", "occurred", "took place", "happened", "struck",
                      "was launched", "were launched", "exploded", "collapsed", "crashed", "fell in", "caved in",
                      "gave way", "came down", "derailed", "sank", "capsized", "ran aground", "burst", "went off",
                      "hit")
# A reported clause between the speech verb and the time ("said it stopped dosing on
# Monday", "told reporters that the fire began on Sunday"): the time is the event's; not a
# relative clause of the statement ("in a statement that was posted on Monday").
_REPORTED_CLAUSE_RE = re.compile(
    r"\s(?:that(?!\s+(?:was|were|is|are|has|had|aired|appeared|ran|took|came)\b)|it|they|he|she|we)\s",
    re.IGNORECASE)
# Times that anchor another event or set a deadline ("two days after ... on Friday",
# "closed until at least Thursday", "results are expected by Friday").
_ANCHORED_TIME_RE = re.compile(
    r"\b(?:after|before|since|until|till|ago|by)(?:\s+(?:at\s+least|at\s+the\s+earliest|no\s+later\s+than))?\s*$",
    re.IGNORECASE)

# "shortly before 11 p.m.": a clock time given approximately, not another event's time.
_APPROXIMATE_TIME_RE = re.compile(r"\b(?:shortly|just|soon|right|moments|minutes)\s+(?:before|after)\s*$",
                                  re.IGNORECASE)


# "on Thursday, two days after the train came off the rails", "a day after the break-in":
# the claim dates one event by another on another day, so its times are not those of the
# event both claims may share (the derailment, the break-in). Within the day ("about 2.10
# p.m., almost an hour before kick-off") the time is most often the event's own.
_RELATIVE_OFFSET_RE = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|a few|some)\s+"
    r"(?:days?|weeks?|months?)\s+(?:after|before|since)\b", re.IGNORECASE)
# Every match of _RELATIVE_OFFSET_RE ends with one of these, a whole word: a text without
# them (as its watched words tell) is not searched.
_OFFSET_WORDS = frozenset({"after", "before", "since"})
watch_words(_OFFSET_WORDS)


# An occurrence verb and what follows it up to a time in the same clause ("struck Larkmoor
# late on "), at the end of the text before the time
# ("a.m." and "p.m." end no clause)
_OCCURRENCE_BEFORE_RE = re.compile(_OCCURRENCE_RE.pattern + r"(?:[^,.;:]|\b[ap]\.m\.){0,30}$", re.IGNORECASE)


def _occurrence_times(claim: Claim, times: tuple, cues: tuple) -> tuple[tuple, tuple]:
    """The times of the claim that an occurrence verb of its clause gives, with their cues."""
    kept = [(ref, cue) for ref, cue in zip(times, cues)
            if _OCCURRENCE_BEFORE_RE.search(claim.text, max(0, ref.start - claim.start - 45),
                                            ref.start - claim.start)]
    return tuple(ref for ref, _ in kept), tuple(cue for _, cue in kept)


def _on_shared_day(claim: Claim, times: list[TimeRef], ref: TimeRef, other_times: list[TimeRef]) -> bool:
    """False when the time or part of the day is written with a day ("Tuesday morning",
    "on Monday at 6 p.m.", "the morning of 5 May") that the other claim does not name."""
    if ref.kind not in ("time", "part"):
        return True
    other_days = {t.value for t in other_times if t.kind == "date"}
    for day in times:
        if day.kind != "date":
            continue
        gap = (claim.text[day.end - claim.start:ref.start - claim.start] if day.end <= ref.start
               else claim.text[ref.end - claim.start:day.start - claim.start])
        if len(gap) <= 8 and gap.strip(" ,").lower() in _DAY_JOINERS:
            return day.value in other_days
    return True


# what may stand between a day and its time or part of the day ("Tuesday morning",
# "Monday at 6 p.m.", "the morning of 5 May")
_DAY_JOINERS = frozenset({"", "at", "on", "of", "of the", "by"})


def _event_times(claim: Claim) -> list[TimeRef]:
    """Times of the reported event, leaving out when a source spoke ("said on Monday")
    and times of other events used as anchors ("two days after ... on Friday"); none
    when the claim dates one event by another ("on Thursday, two days after the
    derailment")."""
    if not claim.dates:
        return []  # as most claims (and no search of the text for a relative offset)
    if not _folded_words(claim.text)[1].isdisjoint(_OFFSET_WORDS) and _RELATIVE_OFFSET_RE.search(claim.text):
        return []
    out = []
    for ref in claim.dates:
        before = claim.text[max(0, ref.start - claim.start - 40):ref.start - claim.start]
        spoke = _ATTRIBUTION_TIME_RE.search(before)
        if spoke and not _REPORTED_CLAUSE_RE.search(spoke.group()):
            continue
        if _ANCHORED_TIME_RE.search(before[-30:]) and not (
                ref.kind == "time" and _APPROXIMATE_TIME_RE.search(before[-30:])):
            continue
        out.append(ref)
    return out


def _tells_occurrence(text: str) -> bool:
    """Whether ``text`` has an occurrence verb: ``_OCCURRENCE_RE.search(text)``, tried only
    where one of its first words is (a search tries every position, slowly)."""
    return bool(_finditer_at(_OCCURRENCE_RE, text, _starts_of(_folded(text), _OCCURRENCE_STARTS)))


def occurrence_dated(claim: Claim) -> bool:
    """Whether the claim dates the event itself: an occurrence verb ("broke out", "took
    place", "were launched") and a time that is not when a source spoke."""
    return bool(_judged_parts(claim)[0]) and _tells_occurrence(claim.text)


# who reported a figure: "first reported by the Ledger", "according to", "told" (not any "by":
# "a bid by Vennor Holdings" names whose figure it is)
_SOURCE_BEFORE_RE = re.compile(r"\b(?:(?:reported|revealed|published|quoted|cited|seen|obtained)\s+by|according\s+to|told)"
                               r"\s+(?:the\s+)?$", re.IGNORECASE)


def _same_subject(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """False when the names just before the two numbers differ ("Fatah won 17" / "Sadr won 70")."""
    def subject(claim: Claim, q: Quantity) -> set[str]:
        words = set()
        source = claim.attributed_to or ""
        for name in claim.names:
            if name.text in source:
                continue  # who said it ("The State Weather Service said 212 mm ...")
            if _SOURCE_BEFORE_RE.search(claim.text, 0, name.start - claim.start):
                continue  # ... or who reported it ("The stake, first reported by the Ledger, ...")
            if name.end <= q.start and q.start - name.end <= 60:
                words |= {w.lower() for w in name.text.replace("al-", "").split() if len(w) > 2}
        return words

    sa, sb = subject(a, qa), subject(b, qb)
    return not (sa and sb and not sa & sb)


_TIME_WORDS = frozenset(stem(w) for w in (
    "year years last this next week weeks month months day days today yesterday tomorrow "
    "morning afternoon evening night hours hour earlier later ago time".split()))


def _without_source(claim: Claim) -> str:
    """The claim's text with its attribution phrase blanked out (offsets kept)."""
    text = claim.text
    if claim.attributed_to:
        index = text.find(claim.attributed_to)
        if index >= 0:
            text = text[:index] + " " * len(claim.attributed_to) + text[index + len(claim.attributed_to):]
    return text


def _context(claim: Claim, start: int, end: int, width: int = 40, after: int | None = None, *,
             names: bool = True) -> set[str]:
    """Content words (not time words, not the attribution) within ``width`` characters
    before and ``after`` characters after a span; without the words of capitalised names when ``names`` is
    False (names are shared by every claim of a story, so they do not tie two spans to
    one predicate)."""
    text = _without_source(claim)
    left = text[max(0, start - claim.start - width):start - claim.start]
    right = text[end - claim.start:end - claim.start + (width if after is None else after)]
    window = left + " " + right
    if not names:
        window = _NAME_WORD_RE.sub(" ", window)
    # (not the digits of other figures: "to 6.25%" and "to 6.02 per cent" share no word)
    return {word for word in _content(window) if not word.isdigit()} - _TIME_WORDS


_NAME_WORD_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’\-]*")
_PAST_FIGURE_RE = re.compile(
    r"\b(?:once\s+(?:\w+ed|had|was|were|numbered|employed)|formerly|previously|at (?:its|their|the) peak)\b"
    r"[^.;]{0,25}$", re.IGNORECASE)


def _shared_context(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> set[str]:
    """The words around both figures, other than the counted nouns."""
    heads = {qa.head, qb.head, stem(qa.head), stem(qb.head)}
    return _context(a, qa.start, qa.end) & _context(b, qb.start, qb.end) - heads


_PARTITIVE_RE = re.compile(r"\s+of\s+(?:the|them|those|these|whom|which|its|their)\b", re.IGNORECASE)


def _partitive(claim: Claim, q: Quantity) -> bool:
    """A figure for part of a group ("Two of the workers were in a serious condition");
    not a share or a measure ("90 per cent of the club", "$5 million of the budget")."""
    return not q.unit and bool(_PARTITIVE_RE.match(claim.text, q.end - claim.start))


def _counts_what_other_names(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """One figure has no counted noun, and the other's noun is in its claim ("has risen to
    46" in "The number of confirmed cases has risen to 46" / "38 confirmed cases")."""
    if qa.unit or qb.unit or bool(qa.head) == bool(qb.head):
        return False
    head, other = (qa.head, b) if qa.head else (qb.head, a)
    return any(word == head or word[:-1] == head or word[:-2] == head
               for word in _ALNUM_RE.findall(other.text.lower()))


_APPROX_WORDS = frozenset("about around roughly nearly almost some over more than less fewer least at "
                          "up to close just under some".split())


_NO_GROUPS = frozenset()
_PREDICATE_GROUPS: dict[str, frozenset[int]] = {}
for _number, _group in enumerate(PREDICATE_SYNONYMS):
    for _word in _group:
        _PREDICATE_GROUPS[stem(_word)] = _PREDICATE_GROUPS.get(stem(_word), _NO_GROUPS) | {_number}


_SPEECH_WORDS = frozenset(SPEECH_VERBS.split("|"))
# Words that begin what only frames a counted group (where, when, with what): the words
# telling what happened to the group come before them.
_FRAME_WORDS = frozenset("after before from in on at near during since with by for of while as when "
                         "across among amid inside outside".split())
# Prepositions that place a counted group, and (after the counted noun) the place up to
# the verb that follows it.
_PLACE_FRAMES = frozenset("in at near across around".split())
_PLACE_THEN_VERB_RE = re.compile(r"\s*(?:[\w'’\-]+\s+)?(?:in|at|near|across|around)\s+[^,;]{1,60}?\s"
                                 r"(?:were|was|are|is|have|has|had|will|would|could|can)\b", re.IGNORECASE)


def _predicate(claim: Claim, q: Quantity) -> frozenset[str]:
    """Stems of the words telling what happened to a counted group: the word just before
    the figure and the content words after its counted noun up to a preposition or a
    comma ("police arrested 14 people after ..." -> arrest; "2,450 people joined the
    march" -> join, march). The source ("the agency said") is left out."""
    text = _without_source(claim)
    lo, hi = q.start - claim.start, q.end - claim.start
    before = [w for w in _ALNUM_RE.findall(text[max(0, lo - 30):lo].lower()) if w not in _APPROX_WORDS][-1:]
    tail = re.split(r"[,.;:!?()\"“”]", text[hi:hi + 80], maxsplit=1)[0]
    after = _ALNUM_RE.findall(tail.lower())
    if after and q.head and stem(after[0]) == stem(q.head):
        after = after[1:]
    if after and after[0] in _PLACE_FRAMES:
        # "38,000 people in Merrowby and four villages were told to boil ...": what
        # happened to them comes after the place, from its verb on
        verb = _PLACE_THEN_VERB_RE.match(tail)
        after = _ALNUM_RE.findall(tail[verb.end():].lower()) if verb else []
    for k, word in enumerate(after):
        if word in _FRAME_WORDS:
            after = after[:k]
            break
    names = {w.lower() for n in claim.names for w in n.text.split()}
    words = [w for w in before + after
             if w not in STOPWORDS and not w.isdigit() and w not in NUMBER_WORDS and w not in names
             and w not in _SPEECH_WORDS and w not in GENERIC_COUNTS]
    told = frozenset(w for w in map(stem, words[:4]) if w not in _TIME_WORDS)
    if _PRESENT_RE.match(tail):  # "120 people were inside the building": who was there
        told |= {"present"}
    # a counted noun that itself says what happened ("four survivors", "six bodies")
    head = stem(q.head) if q.head else ""
    return told | {head} if head in _PREDICATE_GROUPS else told


# After a counted group: it was somewhere ("were inside the building", "were on board",
# "were underground"), the whole of those there, not what happened to some of them; not a
# state some of them are in ("were in hospital", "in custody", "in a critical condition").
_PRESENT_RE = re.compile(r"\s*(?:\w+\s+){0,1}(?:were|was|are|is|had\s+been)\s+(?:still\s+)?"
                         r"(?:in(?!\s+(?:(?:the|a|an|police)\s+)?(?:hospitals?|custody|care|intensive|critical"
                         r"|serious|stable|grave|comas?|jail|prison|detention)\b)"
                         r"|inside|aboard|on\s+board|underground|present)\b",
                         re.IGNORECASE)
# The stems of PREDICATE_SYNONYMS that only tell where a group was (see _different_outcomes).
_PRESENT_WORDS = frozenset(w for w, groups in _PREDICATE_GROUPS.items() if _PREDICATE_GROUPS["present"] & groups)


def _same_predicate(pa: frozenset[str], pb: frozenset[str]) -> bool:
    """Two figures of a generic noun ("people") count the same thing only when the words
    next to them (their :func:`_predicate`) share one ("14 people were arrested" / "police
    arrested 23 people"), or when one of them has none to tell."""
    return not (pa and pb) or bool(pa & pb) or any(
        _PREDICATE_GROUPS.get(w, _NO_GROUPS) & _PREDICATE_GROUPS.get(v, _NO_GROUPS) for w in pa for v in pb)


def _different_outcomes(pa: frozenset[str], pb: frozenset[str]) -> bool:
    """Two figures of one counted noun say what happened to two groups: the words next
    to them (their :func:`_predicate`) name different lines of PREDICATE_SYNONYMS and
    share nothing ("nine miners were rescued" / "three miners were killed"); or one tells
    who was there and the other what happened ("34 miners were underground" / "two miners
    who died underground"), whatever place they share."""
    if ("present" in pa) != ("present" in pb):
        happened = (pb if "present" in pa else pa) - _PRESENT_WORDS
        if any(w in _PREDICATE_GROUPS for w in happened):
            return True
    if pa & pb:
        return False
    groups_a = frozenset().union(*(_PREDICATE_GROUPS.get(w, _NO_GROUPS) for w in pa))
    groups_b = frozenset().union(*(_PREDICATE_GROUPS.get(w, _NO_GROUPS) for w in pb))
    return bool(groups_a) and bool(groups_b) and not groups_a & groups_b


def _different_groups(a: Claim, qa: Quantity, b: Claim, qb: Quantity) -> bool:
    """Two figures that count different groups though their nouns match: one of an
    earlier time, an added figure or an ordered part, rates over different periods, or
    what the words next to them say happened (see _same_predicate, _different_outcomes)."""
    if _past_figure(a, qa) != _past_figure(b, qb) or _added_figure(a, qa) or _added_figure(b, qb):
        return True
    rate_a, rate_b = _rate_period(a, qa), _rate_period(b, qb)
    if rate_a and rate_b and rate_a != rate_b:
        return True
    if {_bargaining_side(a, qa), _bargaining_side(b, qb)} == {"asked", "offered"}:
        return True  # "the union is seeking an 18% rise" / "the airline has offered 9%"
    if not (qa.head and qb.head):
        return False
    pa, pb = _predicate(a, qa), _predicate(b, qb)
    return bool({qa.head, qb.head} & GENERIC_COUNTS) and not _same_predicate(pa, pb) or _different_outcomes(pa, pb)


# What one side asks for and what the other offers: two figures of a negotiation.
_ASKED_RE = re.compile(r"\b(?:seek|seeks|seeking|sought|want|wants|wanted|demand|demands|demanding|demanded"
                       r"|asking|ask\s+for|asks\s+for|asked\s+for|calls?\s+for|calling\s+for|claim(?:s|ing)?\s+for"
                       r"|pushing\s+for|holding\s+out\s+for)\b[^,;.]{0,30}$", re.IGNORECASE)
_OFFERED_RE = re.compile(r"\b(?:offer|offers|offered|offering|proposed|proposes|proposing|tabled|bid)\b[^,;.]{0,30}$",
                         re.IGNORECASE)


def _bargaining_side(claim: Claim, q: Quantity) -> str:
    """"asked" for a figure someone asks for ("is seeking an 18% pay rise"), "offered" for
    one someone offers ("has offered a pay rise of nine per cent"), else ""."""
    before = claim.text[max(0, q.start - claim.start - 45):q.start - claim.start]
    if _ASKED_RE.search(before):
        return "asked"
    return "offered" if _OFFERED_RE.search(before) else ""


# "another 300 jobs", "a further two arrests", "an extra 40 staff": a figure added to one
# stated elsewhere, not the total the other claim gives.
_ADDED_FIGURE_RE = re.compile(r"\b(?:another|a\s+further|an\s+additional|an\s+extra)\s+(?:[\w,.$€£%-]+\s+){0,2}$",
                              re.IGNORECASE)
# "two more people died", "three further arrests": the same, after the figure
_ADDED_AFTER_RE = re.compile(r"\s+(?:more|further|additional|extra|other)\b", re.IGNORECASE)
# "the first four survivors", "the last five": part of a group, in order
_PART_BEFORE_RE = re.compile(r"\b(?:first|final|remaining|initial|latest|the\s+last)\s+$", re.IGNORECASE)
# A state that holds at a time rather than an event that happened then.
_STATE_RE = re.compile(r"\b(?:still|remain|remains|remained|so far|as of)\b", re.IGNORECASE)


@_per_claim
def _state_at_a_time(claim: Claim) -> bool:
    """The claim tells a state that holds at its time, not when something happened."""
    return bool(_STATE_RE.search(claim.text)) and not _tells_occurrence(claim.text)


def _same_order(qa: Quantity, qb: Quantity) -> bool:
    """Two figures within a factor of ten of each other (in one base unit)."""
    a, b = abs(_base(qa)[1]), abs(_base(qb)[1])
    return 0 < min(a, b) and max(a, b) <= 10 * min(a, b)


def _only_of_unit(claim: Claim, q: Quantity) -> bool:
    """The claim gives no other figure in the unit of ``q`` ("€3.2 million": the one sum)."""
    unit = base_unit(q)
    return sum(base_unit(other) == unit for other in claim.numbers if other.unit) == 1


def _added_figure(claim: Claim, q: Quantity) -> bool:
    """A figure counted on top of another ("another 300 jobs", "a further 12 arrests",
    "two more people died")."""
    # the judge asks this of a claim's figures once per pair they are compared in: the
    # answers for all of them are read once per claim
    added = _added_figures(claim).get((q.start, q.end))
    return _reads_as_added(claim, q) if added is None else added


@_per_claim
def _added_figures(claim: Claim) -> dict[tuple[int, int], bool]:
    """:func:`_added_figure` of each of the claim's figures, by the figure's span."""
    return {(q.start, q.end): _reads_as_added(claim, q) for q in claim.numbers}


def _reads_as_added(claim: Claim, q: Quantity) -> bool:
    """:func:`_added_figure`, read from the words around the figure."""
    before = claim.text[max(0, q.start - claim.start - 40):q.start - claim.start]
    return bool(_ADDED_FIGURE_RE.search(before) or _PART_BEFORE_RE.search(before)
                or _ADDED_AFTER_RE.match(claim.text, q.end - claim.start))


_RATE_RE = re.compile(r"[^,.;]{0,30}?\b(?:a|an|per|each|every)\s+(second|minute|hour|day|week|month|year)\b",
                      re.IGNORECASE)


def _rate_period(claim: Claim, q: Quantity) -> str:
    """The period of a rate ("20 trains a week" -> "week"), or ""."""
    match = _RATE_RE.match(claim.text, q.end - claim.start)
    return match.group(1).lower() if match else ""


def _past_figure(claim: Claim, q: Quantity) -> bool:
    """A figure about an earlier time ("once employed more than 2,000")."""
    return bool(_PAST_FIGURE_RE.search(claim.text[max(0, q.start - claim.start - 40):q.start - claim.start]))


def conflict_cues(claim: Claim) -> tuple[bool, bool, bool, bool]:
    """What a claim holds that :func:`judge_pair` can find a conflict in: (figures, event
    times, a strong hedge or negation cue or a word of ANTONYMS, a "verb prep filler" slot).

    A pair can only contradict when both claims have figures, both have event times,
    or, on a close match, one has a hedge, negation or opposite-word cue or both have
    slots; callers use this to skip judging pairs that can only agree.
    """
    times, hedges, denials, slots, _ = _judged_parts(claim)
    return (bool(claim.numbers), bool(times), bool(hedges or denials or _opposite_sides(claim)),
            bool(slots))


def loose_slots(parts: tuple) -> bool:
    """Whether a claim, with its :func:`_judged_parts` ``parts``, has a "verb prep filler"
    slot: the only slots that conflict below a close match (places by direction or by
    name, and doers, need one; see :func:`_slot_conflict`)."""
    return any(prep not in _CLOSE_ONLY_SLOTS for _, prep, _, _ in parts[3])


@_per_claim
def _judged_parts(claim: Claim) -> tuple[tuple[TimeRef, ...], tuple, tuple, tuple, tuple]:
    """(event times, hedge scopes, denials, slots, the :func:`_phase` and :func:`_restored`
    of each event time) of a claim: what :func:`judge_pair` reads of each claim of a
    pair, in one look-up per claim (rather than once per pair it is in).

    One cached record per claim, and the same empty one for the many claims with none
    of these: every object kept alive makes the garbage collector's passes longer.
    """
    times = tuple(_event_times(claim))
    parts = (times, _hedge_scopes(claim), _denials(claim),
             tuple(_slots(claim)) + tuple(_direction_slots(claim)) + tuple(_named_places(claim))
             + tuple(_agents(claim)),
             tuple((_phase(claim, ref), _restored(claim, ref)) for ref in times))
    return parts if any(parts) else _NO_PARTS


_NO_PARTS: tuple[tuple, tuple, tuple, tuple, tuple] = ((), (), (), (), ())
_NO_WORDS: frozenset[str] = frozenset()
_SAME_FACT = "The claims state the same fact."


def _different_sources(a: Claim, b: Claim, score: float, *, opposing: bool = False) -> Verdict:
    return Verdict(Label.AGREE, None, score, _whole(a), _whole(b),
                   _different_sources_text(a.attributed_to, b.attributed_to), distinct=opposing)


def _different_sources_text(source_a: str | None, source_b: str | None) -> str:
    return f"Different sources: {source_a!r} vs {source_b!r}; each outlet reports what its source said."


def settled_by_sources(cues_a, cues_b, similarity, *, strong: float = STRONG_MATCH):
    """Which pairs :func:`judge_pair` can only find agreeing, as a boolean array.

    ``cues_a`` and ``cues_b`` are boolean arrays (pairs x 4) of each side's
    :func:`conflict_cues` (figures, event times, a hedge, negation or opposite-word cue, slots);
    ``similarity`` is the pairs' scores. A conflict needs figures on both sides, event
    times on both sides, slots on both sides or, on a close match (``strong`` or more),
    a hedge, negation or opposite-word cue on either side. Without any of these the verdict is an
    agreement, never ``distinct``, with the whole of each claim as evidence and the
    explanation :func:`plain_agreement` gives for the two sources: no need to judge
    such pairs one by one.
    """
    both = cues_a & cues_b
    return ~(both[:, 0] | both[:, 1] | both[:, 3]) & ((similarity < strong) | ~(cues_a[:, 2] | cues_b[:, 2]))


def nothing_to_judge(claim: Claim, parts: tuple) -> bool:
    """Whether a claim, with its :func:`_judged_parts` ``parts``, holds nothing a conflict
    can be found in but perhaps opposite words (:func:`conflict_cues` says which): two
    such claims, not both with opposite words, agree at a glance (see :func:`_judge`),
    with the whole of each claim as evidence and the explanation :func:`plain_agreement`
    gives for their sources."""
    return parts is _NO_PARTS and not claim.numbers


def plain_agreement(source_a: str | None, source_b: str | None) -> str:
    """The explanation of :func:`judge_pair`'s verdict on a pair
    :func:`settled_by_sources`, whose claims have these sources."""
    if same_source(source_a, source_b) is False:
        return _different_sources_text(source_a, source_b)
    return _SAME_FACT


def _close_match_conflict(a: Claim, b: Claim, similarity: float, score: float, parts_a: tuple,
                          parts_b: tuple) -> Verdict | None:
    """Modality, negation or entity conflict between two closely matched claims, or None.

    ``parts_a`` and ``parts_b`` are the claims' :func:`_judged_parts`.
    """
    _, scoped_hedges_a, denials_a, slots_a, _ = parts_a
    _, scoped_hedges_b, denials_b, slots_b, _ = parts_b
    if scoped_hedges_a or scoped_hedges_b or denials_a or denials_b:
        # each side's words are read only where the other side has a hedge or a denial
        # (most pairs have cues on one side only)
        words_a = _core_words(a) if scoped_hedges_b or denials_b else _NO_WORDS
        words_b = _core_words(b) if scoped_hedges_a or denials_a else _NO_WORDS
        hedges_a = [h for h, scope in scoped_hedges_a if _in_scope(scope, words_b) and _beyond_names(a, scope & words_b)]
        hedges_b = [h for h, scope in scoped_hedges_b if _in_scope(scope, words_a) and _beyond_names(b, scope & words_a)]
        if bool(hedges_a) != bool(hedges_b) and not (scoped_hedges_a and scoped_hedges_b):
            cue = (hedges_a or hedges_b)[0]
            ev_a = (cue[0], cue[1]) if hedges_a else _whole(a)
            ev_b = (cue[0], cue[1]) if hedges_b else _whole(b)
            return Verdict(Label.CONTRADICT, ContradictionType.MODALITY, score, ev_a, ev_b,
                           f"One outlet asserts it, the other only hedges it ({cue[2]!r}).")
        # A denial only counts when the other claim has none (then at most one side has any),
        # and not against a state the other claim marks as restored since ("cannot pay
        # online" / "can once again pay online"): an update, not a conflict.
        # nor against what the other claim dates after the denial was published
        if (bool(denials_a) != bool(denials_b) and not _restored_since(b if denials_a else a)
                and not (_happened_since(a, b) if denials_a else _happened_since(b, a))):
            # On a very close match one shared word is enough to show the denial is about the
            # other claim's fact ("No homes were evacuated" / "families fled their homes").
            needed = 1 if similarity >= VERY_CLOSE_NEGATION else 2
            claim, denials, other_words = (a, denials_a, words_b) if denials_a else (b, denials_b, words_a)
            denied = [d[0] for d in denials if _denies(d, other_words, needed)]
            if denied:
                cue_start, cue_end = denied[0]
                span = (cue_start, _negated_word_end(claim, cue_end))
                ev_a, ev_b = (span, _whole(b)) if claim is a else (_whole(a), span)
                return Verdict(Label.CONTRADICT, ContradictionType.NEGATION, score, ev_a, ev_b,
                               f"One claim denies what the other states: "
                               f"{claim.text[span[0] - claim.start:span[1] - claim.start]!r}.")
    return _antonym_conflict(a, b, score) or _slot_conflict(a, b, score, slots_a, slots_b)


def _happened_since(denier: Claim, other: Claim) -> bool:
    """The other claim, of a later report, dates what it states, or when its source said
    it, after the denier's article was published and no later than its own ("No arrests
    have been made", published on the 9th / "two men were arrested on Monday", the 12th;
    "had not opened an investigation" / "said on Wednesday it had opened an inquiry"):
    news since, not a conflict."""
    if denier.published is None or other.published is None or other.published <= denier.published:
        return False
    # between the two publications: what the other report tells as past, not what it plans
    since, until = denier.published.isoformat(), other.published.isoformat()
    return any(ref.kind == "date" and since < ref.value <= until for ref in other.dates)


# A state restored since an earlier report: "can once again pay", "has since reopened",
# "service was restored", "is back online" (not a repeat: "once again raised rates").
_RESTORED_SINCE_RE = re.compile(
    r"\b(?:(?:can|could) once again|once again (?:open|available|working|running|operating|operational|able|online"
    r"|accessible|in service)|has since|have since|had since|(?:is|are|was|were) (?:now )?back|back online"
    r"|(?:has|have|had) (?:now )?been restored|(?:was|were|now) restored)\b", re.IGNORECASE)


@_per_claim
def _restored_since(claim: Claim) -> bool:
    """The claim marks a state as restored since an earlier report (see _RESTORED_SINCE_RE)."""
    return _RESTORED_SINCE_RE.search(claim.text) is not None


_ANTONYM_SIDES = tuple(tuple(frozenset(stem(w) for w in side) for side in pair) for pair in ANTONYMS)
_ANTONYM_STEMS = frozenset().union(*(side for pair in _ANTONYM_SIDES for side in pair))
# Every word whose stem is one of _ANTONYM_STEMS (similarity.stem only cuts an ending off):
# the watched words of a claim's text (see segment.watch_words) tell at once whether it
# has any, without the claim's content words being stemmed.
_ANTONYM_WORDS = frozenset(root + ending for root in _ANTONYM_STEMS for ending in ("", "e") + _STEM_ENDINGS
                           if stem(root + ending) == root)
watch_words(_ANTONYM_WORDS)


@_per_claim
def _opposite_sides(claim: Claim) -> tuple[tuple[int, int], ...]:
    """(line of ANTONYMS, side) for each line of which the claim says one side only."""
    if _without_antonym_words(_core_text(claim)):
        return ()  # as most claims
    words = _core_words(claim)
    if words.isdisjoint(_ANTONYM_STEMS):
        return ()  # as most claims: one test rather than two per line
    out = []
    for k, (left, right) in enumerate(_ANTONYM_SIDES):
        says_left, says_right = not words.isdisjoint(left), not words.isdisjoint(right)
        if says_left != says_right:
            out.append((k, 0 if says_left else 1))
    return tuple(out)


def _without_antonym_words(text: str) -> bool:
    """True when :func:`_content` of ``text`` has none of _ANTONYM_STEMS, as the words of
    the folded text show (those kept for a claim's text: see segment.watch_words);
    False when it may have one.

    The words _content stems are the runs of ``[a-z0-9]`` of ``text.lower()``; those
    with such a stem are all letters, and runs of the letters a-z of the folded text
    (segment._words) as well: the two texts agree character by character, but where "İ"
    (which lower-cases to two characters), "ı" or "ſ" (which only _fold makes letters
    a-z) join or split runs.
    """
    if not text.isascii() and ("İ" in text or "ı" in text or "ſ" in text):
        return False
    return _folded_words(text)[1].isdisjoint(_ANTONYM_WORDS)


def _antonym_conflict(a: Claim, b: Claim, score: float) -> Verdict | None:
    """A negation conflict by words of opposite meaning ("will stay shut" / "will open as
    usual"; "opposed the expansion" / "a supporter of the expansion"): each claim has one
    side only, besides those words they share two words, one of them not a name, and
    the words before the opposite words are not two different subjects ("Labour
    supported ..." / "Residents opposed ...") nor groups of different sizes ("two
    miners died" / "three miners survived")."""
    sides_a = _opposite_sides(a)
    if not sides_a:
        return None  # as most claims
    sides_b = _opposite_sides(b)
    for line, side in sides_a:
        if (line, 1 - side) not in sides_b:
            continue
        left, right = _ANTONYM_SIDES[line]
        words_a, words_b = _core_words(a), _core_words(b)
        shared = (words_a & words_b) - left - right
        if len(shared) < 2 or not shared - _name_words(a) - _name_words(b) - _TIME_WORDS:
            continue
        found_a = _first_word_in(a, _ANTONYM_SIDES[line][side])
        found_b = _first_word_in(b, _ANTONYM_SIDES[line][1 - side])
        if found_a is None or found_b is None:
            continue  # (only in the attribution, which _core_words leaves out)
        (word_a, before_a), (word_b, before_b) = found_a, found_b
        if before_a and before_b and not before_a & words_b and not before_b & words_a:
            continue
        if {_tense(a, word_a), _tense(b, word_b)} == {"future", "past"}:
            continue  # "will close at the end of March" / "opened in 1968": two times
        counts_a, counts_b = _counts_before(a, word_a), _counts_before(b, word_b)
        if counts_a and counts_b and not counts_a & counts_b:
            continue  # two groups: "two miners died" / "three miners survived"
        return Verdict(Label.CONTRADICT, ContradictionType.NEGATION, score, _whole(a), _whole(b),
                       f"The claims say opposite things: {word_a!r} vs {word_b!r}.")
    return None


# "will close", "is set to close", "plans to reopen"; not "had to close", "was forced to
# close" (done already)
_FUTURE_BEFORE_RE = re.compile(
    r"(?:\b(?:will|would|shall)|['\u2019]ll|\b(?:set|due|plans?|planning|planned|expected|going|is|are|intends?"
    r"|aims?|wants?|hopes?|scheduled|poised|likely)\s+to)\s+(?:\w+\s+){0,1}$", re.IGNORECASE)


def _tense(claim: Claim, word: str) -> str:
    """"future" for a word after "will" or a "to" that looks ahead ("will close", "is set to
    close", "plans to reopen"; see _FUTURE_BEFORE_RE), "past" for a word in "-ed"
    ("opened"), else ""."""
    text = _without_source(claim)
    at = _word_offset(text, word)
    if at >= 0 and _FUTURE_BEFORE_RE.search(text, max(0, at - 30), at):
        return "future"
    return "past" if word.endswith("ed") else ""


def _counts_before(claim: Claim, word: str) -> frozenset[float]:
    """The counts (figures without a unit) the claim gives before ``word``: the size of the
    group it says something of."""
    at = _word_offset(_without_source(claim), word) + claim.start
    return frozenset(q.value for q in claim.numbers if not q.unit and q.end <= at)


def _word_offset(text: str, word: str) -> int:
    """Offset of the first whole ``word`` (lower case) in ``text`` ("close", not the start
    of "closely"), or -1."""
    match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text.lower())
    return match.start() if match else -1


def _first_word_in(claim: Claim, stems: frozenset[str]) -> tuple[str, frozenset[str]] | None:
    """The first word of the claim (its attribution left out) whose stem is in ``stems``,
    with the content words before it; None when there is none."""
    text = _without_source(claim).lower()
    for match in _ALNUM_RE.finditer(text):
        if stem(match.group()) in stems:
            return match.group(), frozenset(_content(text[:match.start()])) - _TIME_WORDS
    return None


def _slot_conflict(a: Claim, b: Claim, score: float, slots_a, slots_b, *,
                   directions: bool = True) -> Verdict | None:
    """An entity conflict: the same verb and preposition with different fillers ("started
    in a warehouse" / "began in the distillation unit"), or, with ``directions``, the same
    thing placed in different compass directions; None if there is none."""
    for key_a, prep_a, fill_a, span_a in slots_a:
        if prep_a in _CLOSE_ONLY_SLOTS and not directions:
            continue
        for key_b, prep_b, fill_b, span_b in slots_b:
            if key_a == key_b and prep_a == prep_b and _different_fillers(fill_a, fill_b):
                if prep_a == _NAMED and (_named_in(fill_a, b) or _named_in(fill_b, a)):
                    continue  # a claim that names both sites ("moved from X Hospital to Y Hospital")
                what = ("places" if prep_a == _DIRECTION else _plural(key_a) if prep_a == _NAMED
                        else f"doers of '{key_a}'" if prep_a == _AGENT else f"{prep_a!r} for the same event")
                return Verdict(Label.CONTRADICT, ContradictionType.ENTITY, score, span_a, span_b,
                               f"Different {what}: "
                               f"{a.text[span_a[0]-a.start:span_a[1]-a.start]!r} vs "
                               f"{b.text[span_b[0]-b.start:span_b[1]-b.start]!r}.")
    return None


def _plural(noun: str) -> str:
    """The plural of a noun of PLACE_NOUNS ("factory" -> "factories", "church" -> "churches")."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith("s"):
        return noun  # "barracks", "works"
    return noun + "es" if noun.endswith(("ch", "sh", "x")) else noun + "s"


def _named_in(words: set[str], claim: Claim) -> bool:
    """Some of a name's words occur in the claim."""
    return not words.isdisjoint(_ALNUM_RE.findall(claim.text.lower()))


_START_PHASE_RE = re.compile(
    r"\b(?:began|begin|begins|beginning|started|start|starts|starting|opened|opens|launched|"
    r"broke out|erupted|kicked off|went on|walked out|from)\b[^.;,]{0,25}$", re.IGNORECASE)
_END_PHASE_RE = re.compile(
    r"\b(?:ended|end|ends|ending|finished|finish|finishes|concluded|closed|wound up|was over|"
    r"were over|called off|lifted|restored|reopened|came back|back)\b[^.;,]{0,25}$", re.IGNORECASE)


def _phase(claim: Claim, ref: TimeRef) -> int:
    """+1 when a time says when something began ("to begin on June 26"), -1 when it says
    when something ended ("a stoppage that ended early on Sunday"), 0 otherwise."""
    before = claim.text[max(0, ref.start - claim.start - 40):ref.start - claim.start]
    starts, ends = _START_PHASE_RE.search(before), _END_PHASE_RE.search(before)
    if starts and ends:  # the nearer verb
        return 1 if starts.start() > ends.start() else -1
    return 1 if starts else -1 if ends else 0


_RESTORED_RE = re.compile(
    r"\b(?:restored|came back|come back|comes back|back on|back up|reopened|reopens|resumed|resumes|"
    r"lifted|(?:working|running|operating|flowing|moving) again)\b[^;,]{0,30}$", re.IGNORECASE)


def _restored(claim: Claim, ref: TimeRef) -> bool:
    """The time says when something came back or was lifted ("power was restored by 11 p.m.")."""
    return bool(_RESTORED_RE.search(claim.text[max(0, ref.start - claim.start - 40):ref.start - claim.start]))


def _different_days(times_a, times_b) -> bool:
    """Both claims date their event to a day, and to different days."""
    days_a = {t.value for t in times_a if t.kind == "date"}
    days_b = {t.value for t in times_b if t.kind == "date"}
    return bool(days_a) and bool(days_b) and days_a.isdisjoint(days_b)


def judge_pair(a: Claim, b: Claim, *, similarity: float = 1.0,
               strong: float = STRONG_MATCH) -> Verdict:
    """Decide whether two aligned claims agree or contradict each other.

    Parameters
    ----------
    a, b : Claim
        Claims from two different articles, already aligned as stating the same fact.
    similarity : float, default=1.0
        The alignment score of the pair; it becomes the verdict's ``score`` and gates
        the checks that need a close match (modality, negation, entity).
    strong : float, default=STRONG_MATCH
        The similarity from which a pair counts as a close match.

    Examples
    --------
    >>> from coverage import Article
    >>> from coverage.segment import segment
    >>> x = segment(Article(text="Fourteen workers were taken to hospital.", outlet="A", id="a"))[0]
    >>> y = segment(Article(text="Nineteen workers were taken to hospital.", outlet="B", id="b"))[0]
    >>> v = judge_pair(x, y)
    >>> (v.label.value, v.type.value)
    ('contradict', 'numeric')
    """
    return _judge(a, b, _judged_parts(a), _judged_parts(b), similarity, strong)


def _judge(a: Claim, b: Claim, parts_a: tuple, parts_b: tuple, similarity: float, strong: float) -> Verdict:
    """:func:`judge_pair`, given the claims' :func:`_judged_parts` (which callers judging
    many pairs look up once per claim rather than once per pair)."""
    score = float(min(max(similarity, 0.0), 1.0))
    if (parts_a is _NO_PARTS and parts_b is _NO_PARTS and not a.numbers and not b.numbers
            and not (_opposite_sides(a) and _opposite_sides(b))):
        # nothing to conflict over, as in most pairs: only the sources can set the claims
        # apart, as they do below (see settled_by_sources and nothing_to_judge)
        return Verdict(Label.AGREE, None, score, (a.start, a.end), (b.start, b.end),
                       plain_agreement(a.attributed_to, b.attributed_to))
    sources = same_source(a.attributed_to, b.attributed_to)
    update = a.update or b.update
    times_a, times_b = parts_a[0], parts_b[0]
    time_cues_a, time_cues_b = parts_a[4], parts_b[4]  # (phase, restored) of each time

    # a measure one claim states alike in the other ("about 280 metres" / "nearly 300
    # metres") is settled: it does not conflict with the other's other measures (two
    # claims' figures are only compared when both have some: most pairs skip the loops)
    both_count = a.numbers and b.numbers
    settled_a = [_stated_alike(q, a, b) for q in a.numbers] if both_count else ()
    settled_b = [_stated_alike(q, b, a) for q in b.numbers] if both_count else ()
    # the conflicting figures shown: those whose surrounding words share the most
    evidence, shared_words = None, 0
    for qa, done_a in zip(a.numbers, settled_a):
        for qb, done_b in zip(b.numbers, settled_b):
            if done_a or done_b:
                continue
            # The same counted noun ties two figures on a close match; otherwise (a loose
            # match, a generic noun such as "people" on a middling one, or a part of a group,
            # "two of the workers") the words around them must share a predicate.
            if not ((_comparable(qa, qb) or update and _counts_what_other_names(a, qa, b, qb))
                    and _numbers_conflict(a, qa, b, qb) and _same_subject(a, qa, b, qb)
                    and not _different_groups(a, qa, b, qb)):
                continue
            related = _shared_context(a, qa, b, qb)
            if (related or (qa.head or qb.head) and not (_partitive(a, qa) or _partitive(b, qb))
                    and similarity >= (GENERIC_STRONG if {qa.head, qb.head} & GENERIC_COUNTS else strong)
                    # on a close match, the one sum (or share, or measure) each claim gives
                    or similarity >= CLOSE_FIGURE_MATCH and qa.unit and _only_of_unit(a, qa) and _only_of_unit(b, qb)
                    and _rate_period(a, qa) == _rate_period(b, qb) and _same_order(qa, qb)):
                # ("Eleven people were taken to hospital" / "Two were killed and 23 others
                # taken to hospital": 11 vs 23, not 11 vs 2)
                if evidence is None or len(related) > shared_words:
                    evidence, shared_words = (qa, qb), len(related)
    if evidence is not None and not ((update or _different_days(times_a, times_b)) and figure_overlap(a, b)[0]):
        # (with an earlier and a later figure, a figure both state alike, "grown to 15,800
        # acres, up from about 12,400" / "12,400 acres", means the claims share that fact)
        qa, qb = evidence
        if update:
            return Verdict(Label.AGREE, None, score, (qa.start, qa.end), (qb.start, qb.end),
                           f"{qa.text!r} vs {qb.text!r}: a figure the outlet marks as an update.",
                           distinct=True)
        if _different_days(times_a, times_b) and not (
                _tells_occurrence(a.text) or _tells_occurrence(b.text)):
            # "10 percent contained on Monday" / "25 percent contained as of Tuesday":
            # a figure that moves from day to day, two facts
            return Verdict(Label.AGREE, None, score, (qa.start, qa.end), (qb.start, qb.end),
                           f"{qa.text!r} vs {qb.text!r}: figures for different days.",
                           distinct=True)
        if sources is False and _opposing_sides(a.attributed_to, b.attributed_to):
            # "the union said 5,000 joined" / "the company said 2,000": each outlet
            # reports its side's figure
            return _different_sources(a, b, score, opposing=True)
        return Verdict(Label.CONTRADICT, ContradictionType.NUMERIC, score,
                       (qa.start, qa.end), (qb.start, qb.end),
                       f"Different figures for {qa.head or qa.unit or 'the same count'}: "
                       f"{qa.text!r} vs {qb.text!r}.")
    if times_a and times_b:
        shared_kinds = {t.kind for t in times_a} & {t.kind for t in times_b}
        # A value both claims give for a kind ("March 2022") means that kind agrees; the
        # other values are other aspects ("sold between March 2022 and August 2025").
        agreeing_kinds = {k for k in shared_kinds
                          if {t.value for t in times_a if t.kind == k} & {t.value for t in times_b if t.kind == k}}
    # A state at a time ("were still in hospital on Tuesday") or a figure the outlet marks
    # as an update holds at its own time: another time is no conflict. A claim that also
    # tells when something happened ("the fire, which broke out on Sunday, remains
    # unknown") dates that event.
    if times_a and times_b and (update or _state_at_a_time(a) or _state_at_a_time(b)):
        if update and not (_state_at_a_time(a) or _state_at_a_time(b)):
            # ... but the time an occurrence verb gives ("the tornado that struck late on
            # Tuesday night rose to five on Thursday") still dates the event
            if a.update:
                times_a, time_cues_a = _occurrence_times(a, times_a, time_cues_a)
            if b.update:
                times_b, time_cues_b = _occurrence_times(b, times_b, time_cues_b)
        else:
            times_a = times_b = ()
    for ta, (phase_a, restored_a) in zip(times_a, time_cues_a):
        for tb, (phase_b, restored_b) in zip(times_b, time_cues_b):
            if ta.kind == tb.kind and ta.kind in agreeing_kinds:
                continue
            if "part" in (ta.kind, tb.kind) and ("date" not in agreeing_kinds or not (
                    _on_shared_day(a, times_a, ta, times_b) and _on_shared_day(b, times_b, tb, times_a))):
                # "evening" vs "5 a.m." only conflict on a day both claims name, and only
                # when neither is another day's ("on Tuesday morning" / "on Monday at 6 p.m.")
                continue
            if phase_a * phase_b < 0 or restored_a != restored_b:
                # when something began (or happened) vs when it ended or came back ("lost
                # power at 4:47 p.m." / "did not come back until 4 a.m."): two different times
                continue
            if _times_conflict(ta, tb) and (
                similarity >= VERY_STRONG_MATCH
                # on a close match, the one clock time (or day) each claim gives is the event's
                or similarity >= CLOSE_MATCH and ta.kind == tb.kind and ta.kind in ("time", "date")
                and sum(t.kind == ta.kind for t in times_a) == sum(t.kind == ta.kind for t in times_b) == 1
                or _context(a, ta.start, ta.end, 40, 20, names=False)
                & _context(b, tb.start, tb.end, 40, 20, names=False)
                or _tells_occurrence(a.text) and _tells_occurrence(b.text)
            ):
                return Verdict(Label.CONTRADICT, ContradictionType.TEMPORAL, score,
                               (ta.start, ta.end), (tb.start, tb.end),
                               f"Different times: {ta.text!r} vs {tb.text!r}.")
    if similarity < strong:
        if sources is False:
            return _different_sources(a, b, score)
        # The same verb and preposition with different fillers are one event told two
        # ways ("the money came from A" / "the cash came from B") even when the rest of
        # the wording differs; a compass direction needs a close match.
        conflict = _slot_conflict(a, b, score, parts_a[3], parts_b[3], directions=False)
        if conflict is not None:
            return conflict
        return Verdict(Label.AGREE, None, score, _whole(a), _whole(b), _SAME_FACT)
    conflict = _close_match_conflict(a, b, similarity, score, parts_a, parts_b)
    if (sources is False and conflict is not None and conflict.type is ContradictionType.MODALITY
            and similarity >= CLOSE_MATCH):
        return conflict
    if sources is False:
        # Opposing sides disagree in what they assert, deny or doubt; each outlet
        # reports what its side said (figures and dates, checked above, still conflict).
        # Where their statements clash, they are two facts, not one.
        return _different_sources(a, b, score, opposing=conflict is not None)
    if conflict is not None:
        return conflict
    return Verdict(Label.AGREE, None, score, (a.start, a.end), (b.start, b.end), _SAME_FACT)
