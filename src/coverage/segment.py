"""Text -> claims: sentences and clauses with offsets, attribution, hedges, numbers, dates, names.

Every claim points into its article: ``article.text[claim.start:claim.end] == claim.text``.
Recognition of attribution, hedges, negation and number words is English only; other
languages are segmented on punctuation alone (best effort).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Set
from dataclasses import fields, replace

from ._lexicon import (
    ABBREVIATIONS,
    APPROX_RE,
    FINITE_SPEECH_VERBS,
    HEDGE_RE,
    HEDGE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    PERSON_NOUNS,
    SCALE_WORDS,
    PLAIN_SPEECH_VERBS,
    SPEECH_VERBS,
    UPDATE_RE,
    UPDATE_WORDS,
    WEEKDAYS,
    NEGATION_RE,
    NEGATION_WORDS,
    UNCERTAIN_NEGATION_RE,
    UNCERTAIN_NEGATION_WORDS,
)
from .types import Article, Claim, Quantity, Span, TimeRef

__all__ = ["segment", "sentence_spans", "find_quantities", "find_times", "find_names"]

# The longest claim we emit; longer sentences are cut at clause boundaries or commas.
MAX_CLAIM_CHARS = 300
_MIN_CLAUSE_WORDS = 4

# A sentence ends at . ! ? … followed by space and a word that does not start in lower
# case (checked in sentence_spans, so that "Ömer" or "iPhone" are handled), or at the
# full-width 。！？ of Chinese and Japanese, which need no space after them.
_BOUNDARY_RE = re.compile(r"([.!?…]+)([\"”’')\]]*)(\s+)(?=[\"“‘'(\[]?\w)|([。！？]+)([」』”’)]*)(\s*)(?=\S)")
# Where a match of _BOUNDARY_RE can begin: the first stop of each run (a match cannot begin
# inside a run where it failed at its start; trying each would be quadratic on "......").
_STOP_RE = re.compile(r"[.!?…]+|[。！？]+")
# The same for a text without full-width stops (most texts): a single class is quicker.
_LATIN_STOP_RE = re.compile(r"[.!?…]+")
_DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*){0,4})"
    r"(?:,\s*[A-Z][A-Za-z]{0,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*\([^()\n]{1,40}\)\s*[-–—]{1,2}\s*"
    r"|^[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}(?:,\s*[A-Z][A-Za-z]{0,8}\.?\s+\d{1,2})?\s*[-–—]{1,2}\s+"
)
_UPDATE_PREFIX_RE = re.compile(r"^(?:UPDATE[D]?|Update[d]?|Correction|CORRECTION)\b(?:[^:\n]|:(?=\d)){0,40}:(?!\d)\s*")  # (a clock time's colon, "14:10", is no end)
# A time stamp of the page, not of the event. (Each word ends at a space or the end: were
# "\S+\s*" repeated, a long word, a link, could be split in every way, for minutes.)
_TIMESTAMP_RE = re.compile(
    r"^(?:last\s+)?(?:updated|published|posted|first\s+published|modified)\b(?=[^.!?]{0,12}\d)"
    r"\s*(?:\S+(?:\s+|$)){0,7}$", re.IGNORECASE)
# The marker of a list item ("- ", "* ", "• "): the item is a claim, not a heading.
_BULLET_RE = re.compile(r"^[-*•·–—]\s+")
_CREDIT_RE = re.compile(
    r"^(?:PHOTO|Photo|IMAGE|Image|PICTURE|Picture|FILE PHOTO|Photograph|VIDEO|Video)\s*:", re.UNICODE
)
_CLAUSE_RE = re.compile(
    r";\s+|,\s+(?=(?:but|while|whereas)\s)|\s+(?=(?:and|but) that\s)"
    r"|,\s+(?=and\s)"
)
_CLAUSE_MARK_RE = re.compile(r"[,;]")  # where most matches of _CLAUSE_RE begin
_FINITE_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|should|did|does|do|"
    r"\w+ed|said|says|told|took|made|went|came|fell|rose|left|got|gave|saw|found|began|ran|"
    r"caught|fought|brought|bought|thought|struck|hit|hurt|shot|led|met|sent|held|kept|won|lost)\b",
    re.IGNORECASE,
)
_PLURAL_WITHOUT_S = frozenset("people children men women staff police cattle livestock personnel".split())
# What stands just before a plain form that is a verb: a plural ("officials", "police" but
# not "a police report"), a plural pronoun, an adverb ("police now believe") or, in "...,
# warn doctors", the comma or quote before the verb.
_PLURAL_BEFORE = "|".join(
    [r"(?<=[^\Wsu]s\s)", r"(?<=[,\"”’]\s)", r"(?<=[,\"”’])", r"(?<=\balso\s)", r"(?<=\bnow\s)"]
    + [rf"(?i:(?<=\b{w}\s)(?<!\ba\s{w}\s))" for w in sorted(_PLURAL_WITHOUT_S | {"they", "we", "i", "you"})])


def _word_alternation(words) -> str:
    """A pattern matching any of ``words`` (the longest first), grouped by first letter:
    the regex engine then rejects a position by its first character once, not word by word."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in sorted(by_first.items())) + ")"


# A speech verb. Every match is one of SPEECH_VERBS ending a word (the patterns put \b, a
# space, a stop or the end after it): the look-ahead says so quickly, and spares trying
# the look-behinds of _PLURAL_BEFORE at every word (half the time of the attribution
# searches).
_SPEECH_AHEAD = rf"(?={_word_alternation(SPEECH_VERBS.split('|'))}\b)"
_SPEECH = (rf"{_SPEECH_AHEAD}(?:{FINITE_SPEECH_VERBS}|(?:{_PLURAL_BEFORE})(?:{PLAIN_SPEECH_VERBS}))"
           r"(?!\s+(?:of|by|responsibility|credit|victory|lives|the lives|that\s+(?:were|was|are|is))\b)"
           r"(?!\s+\w+(?:\s+\w+)?\s+responsibility\b)")
_SOURCE_WORD = r"[A-Za-z0-9'’\-.&]+"
# (a comma inside a figure, "2,300", begins no attribution)
_TRAILING_ATTR_RE = re.compile(
    rf"(?:,(?!\d)|[\"”’])\s*[\"”’]?\s*(?P<src>(?:{_SOURCE_WORD}\s+){{0,14}}?{_SOURCE_WORD}),?\s+{_SPEECH}\b"
    rf"(?P<tail>[^\"“”]{{0,120}})$"
)
# (the source may hold the full stop of a title or an initial: "said Mr. Smith", "said J. Doe")
_TITLE_STOP = r"(?:(?<=\bMr)|(?<=\bMrs)|(?<=\bMs)|(?<=\bDr)|(?<=\bSt)|(?<=\bProf)|(?<=\bGen)|(?<=\bSen)|(?<=\bRep)|(?<=\bGov)|(?<=\bRev)|(?<=\b[A-Z]))\."
_TRAILING_INVERTED_RE = re.compile(
    rf"(?:,(?!\d)|[\"”’])\s*[\"”’]?\s*(?P<verb>{_SPEECH})\s+(?P<src>(?:[^.,;:!?\"“”]|{_TITLE_STOP}){{1,80}})"
    rf"(?P<tail>[^\"“”]{{0,160}})$"
)
_LEADING_ATTR_RE = re.compile(
    rf"^(?P<src>(?:[\"“]?{_SOURCE_WORD},?\s+){{0,24}}?)(?P<verb>{_SPEECH})\b"
    rf"(?P<rest>.*)$",
    re.DOTALL,
)
# After the verb come one to eight words; written as "(?:[\w'’\-.,]+\s*){1,8}" (the same
# strings), a long word failing at the end is split in every possible way, for seconds.
_ATTRIBUTION_CLAUSE_RE = re.compile(
    rf"^(?:and\s+)?(?:(?:[\w'’\-.]+\s+){{0,7}}?{_SPEECH}|{_SPEECH}\s+[\w'’\-.,]+(?:\s+[\w'’\-.,]+){{0,7}}\s*)"
    r"(?:\s+(?:on|in|at|late|earlier|last|this|yesterday|today|to (?:reporters|journalists|the press|[A-Z]\w+))\b"
    r"[^,;:!?]{0,30})?\s*[.!?\"”]*$"
    r"|^according to\b"
)
_SPEECH_VERB_SET = frozenset(SPEECH_VERBS.split("|"))
# The verb of a trailing attribution ends at most 120 characters before the end (its tail).
_TRAILING_VERB_REACH = 120 + max(map(len, _SPEECH_VERB_SET))
_ACCORDING_RE = re.compile(r"\baccording to\s+(?P<src>[^,.;:!?\"“”]{2,80})", re.IGNORECASE)
_PRONOUN_RE = re.compile(r"^(?:he|she|they|it|we|i)$", re.IGNORECASE)
_SRC_TRIM_RE = re.compile(r"(?:,|\s+(?:who|which|whose|that|, who)\b).*$", re.DOTALL)
_SRC_FINITE_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|did|does|been|being|may|might|could|can|"
    r"should|must)\b", re.IGNORECASE
)
_NAME_RE = re.compile(
    r"\b(?:[A-Z][\w'’\-]*|al-[A-Z][\w'’\-]*)"
    r"(?:\s+(?:(?:al|bin|ibn|de|del|da|van|von|el|of|the|and)[- ])?(?:[A-Z][\w'’\-]*|al-[A-Z][\w'’\-]*))*"
)
_NAME_STOP = frozenset(
    """The A An It In On At By For And But Or If When While As This That These Those There He She
    They We I His Her Their Its Our No Not One Two Three Four Five Six Seven Eight Nine Ten
    Some Many Most Several Both Each Every Neither Either Since After Before Update Updated
    Mr Mrs Ms Dr However Meanwhile Also Still Yet Only Even Then So What Who Why How Where""".split()
)


# Besides the upper-case letters, re.IGNORECASE matches these four with an ASCII letter
# (İ ı with "i", ſ with "s", K with "k"); str.lower() leaves ı and ſ, and turns İ into two.
_IGNORECASE_ASCII = str.maketrans("İıſ\u212a", "iisk")  # \u212a: the Kelvin sign
_DIGIT_RE = re.compile(r"\d")


def _lower(text: str) -> str:
    """Lower case for looking a matched word up: the characters that ``re.IGNORECASE``
    takes for ASCII letters ("ſ", "K", "İ", "ı") become those letters first."""
    return text.translate(_IGNORECASE_ASCII).lower()


def _fold(text: str) -> str:
    """``text`` in lower case, with "?" for each character outside ASCII.

    A word in ASCII that a ``re.IGNORECASE`` pattern finds in ``text`` is in the result
    at the same offset, where plain substring tests (fast on ASCII) find it.
    """
    if not text.isascii():
        # str.replace, much quicker than str.translate on long texts
        if "İ" in text or "ı" in text or "ſ" in text or "\u212a" in text:
            text = text.replace("İ", "i").replace("ı", "i").replace("ſ", "s").replace("\u212a", "k")
        text = text.encode("ascii", "replace").decode("ascii")
    return text.lower()


# Every byte but the letters a-z becomes a space (see _words).
_NOT_LOWER_TO_SPACE = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))


def _words(folded: str) -> set[str]:
    """The words of ``folded`` (see :func:`_fold`): its runs of the letters a-z.

    A pattern that begins with ``\\b`` and a whole word ("\\bmay\\b", "\\bnot yet") can
    only match where that word is one of these; a set of them is quick to test.
    ``folded`` is ASCII: blanking the other bytes and splitting gives the runs that
    ``re.findall("[a-z]+")`` finds, in half the time.
    """
    return set(folded.encode("ascii").translate(_NOT_LOWER_TO_SPACE).decode("ascii").split())


# _fold of each claim text compare() has segmented, with those of its words that later
# steps test texts for (see watch_words): the judge's negation and slot cues and the
# matching normalisation look at the same texts again. Only the watched words are kept, a
# few per claim at most (whole word sets would hold some 20 MB at 400 articles). Filled
# only by compare's segmentation, and emptied before and after each compare() call (see
# judge.forget_claims), so that no call profits from an earlier one.
_FOLDED_TEXTS: dict[str, tuple[str, frozenset[str]]] = {}
_WATCHED_WORDS: set[str] = set()
_NO_WORDS: frozenset[str] = frozenset()


def watch_words(words) -> None:
    """Have compare's segmentation keep which of ``words`` each claim text has (see
    :func:`_folded_words`); a module that tests claim texts for them calls it at import."""
    _WATCHED_WORDS.update(words)


def forget_texts() -> None:
    """Empty the folded claim texts kept by the last segmentation (see _FOLDED_TEXTS)."""
    _FOLDED_TEXTS.clear()


def _folded_words(text: str) -> tuple[str, Set[str]]:
    """``_fold(text)`` and its :func:`_words`, or at least those of them that are watched
    (see :func:`watch_words`): enough to tell whether the text has any watched word.
    Not to be changed: they may be shared."""
    found = _FOLDED_TEXTS.get(text)
    if found is None:
        folded = _fold(text)
        return folded, _words(folded)
    return found


def _folded(text: str) -> str:
    """``_fold(text)``, kept or computed (see _FOLDED_TEXTS)."""
    found = _FOLDED_TEXTS.get(text)
    return _fold(text) if found is None else found[0]


def _word_matches(
    pattern: re.Pattern, text: str, folded: str, words: set[str], first_words: frozenset[str]
) -> list[re.Match]:
    """``pattern.finditer(text)``, for a pattern whose matches begin with one of ``first_words``
    as a whole word: at a word boundary (``\\b``, or a look-behind for a space).

    ``folded`` and ``words`` are those of ``text`` (see :func:`_fold` and :func:`_words`).
    """
    present = words & first_words
    if not present:
        return []
    # A short first word ("in", "it", "no") is also found inside longer words ("being",
    # "city", "know"), where no match can begin: trying the pattern there would cost
    # more than this test. (A word character for ``re`` is one that str.isalnum accepts, or "_".)
    starts = [at for at in _starts_of(folded, present)
              if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")]
    return _finditer_at(pattern, text, starts)


def _any_of(words) -> re.Pattern:
    """A pattern whose search tells, in one scan, whether any of ``words`` occurs in a text:
    quicker than testing the words one by one when there are dozens and mostly none occurs."""
    return re.compile(_word_alternation(words))


def _starts_of(text: str, words) -> list[int]:
    """Every position in ``text`` where one of ``words`` begins.

    For a ``re.IGNORECASE`` pattern, ``text`` is folded (see :func:`_fold`).
    """
    starts = []
    for word in [word for word in words if word in text]:  # mostly none: tested in one quick loop
        at = text.find(word)
        while at >= 0:
            starts.append(at)
            at = text.find(word, at + 1)
    return starts


def _finditer_at(pattern: re.Pattern, text: str, starts) -> list[re.Match]:
    """The matches of ``pattern.finditer(text)``, trying a match only at the positions in ``starts``.

    Most patterns here are slow to try at every position of a text, while the positions
    where a match can begin (a digit, a month name, a comma ...) are few and quick to
    find. ``starts`` must hold every position where a match can begin (more are
    harmless) and no match may be empty; then the matches are those of ``finditer``:
    ``pattern.match(text, pos)`` still sees the text before ``pos``, so ``\\b`` and
    look-behinds work as they do there.
    """
    matches = []
    end = 0
    for start in sorted(set(starts)):
        if start >= end:
            match = pattern.match(text, start)
            if match:
                end = match.end()
                matches.append(match)
    return matches


_NUMBER_START_RE = re.compile(r"\b\d")


def _number_starts(text: str) -> list[int]:
    """The digits in ``text`` that begin a word ("\\b\\d"): where a pattern that begins with
    ``\\b`` and a digit can begin (in "2015" only at "2", in "A320" nowhere)."""
    return [match.start() for match in _NUMBER_START_RE.finditer(text)]


def _is_abbreviation(text: str, dot_pos: int) -> bool:
    """True when the period at ``dot_pos`` ends an abbreviation or an initial, not a sentence."""
    start = dot_pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"“'":
        start -= 1
    token = text[start:dot_pos].lower()
    if not token:
        return False
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "J. Smith"
    if token in ABBREVIATIONS or token.rstrip(".") in ABBREVIATIONS:
        return True
    if "." in token and all(len(p) <= 2 for p in token.split(".")):
        return token not in {"a.m", "p.m"}
    return False


_NEXT_WORD_RE = re.compile(r"\s*[\"“‘'(\[]?([A-Za-z]+)")


def _next_word(text: str, pos: int) -> str:
    match = _NEXT_WORD_RE.match(text, pos)
    return match.group(1).lower() if match else ""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)``, paragraph by paragraph.

    Abbreviations (U.S., Dr., Nov.), initials and decimal numbers do not end a sentence;
    a paragraph (a block separated by a blank line, or a short line without final
    punctuation such as a heading) never continues into the next.

    Examples
    --------
    >>> text = "Dr. Smith arrived on Nov. 7. He said the U.S. would help."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Dr. Smith arrived on Nov. 7.', 'He said the U.S. would help.']
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _line_blocks(text):
        start = block_start
        block = text[block_start:block_end]
        full_width = "。" in block or "！" in block or "？" in block
        stops = [m.start() for m in (_STOP_RE if full_width else _LATIN_STOP_RE).finditer(block)]
        for match in _finditer_at(_BOUNDARY_RE, block, stops):
            if match.group(4):  # full-width stop
                end = block_start + match.end(5)
                spans.append((start, end))
                start = block_start + match.end(6)
                continue
            following = block[match.end(3):match.end(3) + 2].lstrip("\"“‘'([")
            if following[:1].islower() and not (following[:1] == "i" and following[1:2].isupper()):
                continue  # "e.g. the", but "iPhone" may start a sentence
            dot = block_start + match.start(1)
            punct = match.group(1)
            if punct == "." and _is_abbreviation(text, dot):
                token_end = text[max(0, dot - 4):dot + 1].lower()
                is_clock = token_end.endswith(("a.m.", "p.m."))
                nxt = _next_word(text, block_start + match.end(3) - len(match.group(3)))
                if not (is_clock and nxt and nxt not in WEEKDAYS and nxt not in MONTHS):
                    continue
            end = block_start + match.end(2)
            if end > start and text[start:end].strip():
                spans.append((start, end))
            start = block_start + match.end(3)
        if text[start:block_end].strip():
            spans.append((start, block_end))
    return spans


_BLOCK_RE = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_LINE_RE = re.compile(r"[^\n]+")


def _line_blocks(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph blocks: blank-line separated, also broken after headings and captions."""
    for block in _BLOCK_RE.finditer(text):
        lines = list(_LINE_RE.finditer(block.group()))
        seg_start = None
        for i, line in enumerate(lines):
            l_start = block.start() + line.start()
            l_end = block.start() + line.end()
            stripped = line.group().strip()
            if not stripped:
                continue
            if seg_start is None:
                seg_start = l_start + (len(line.group()) - len(line.group().lstrip()))
            ends_sentence = stripped[-1] in ".!?:\"”’)" or len(stripped) < 60
            if i == len(lines) - 1 or ends_sentence:
                yield seg_start, l_end - (len(line.group()) - len(line.group().rstrip()))
                seg_start = None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clause_starts(sentence: str) -> list[int]:
    """Where a match of _CLAUSE_RE can begin: at "," or ";", or in the spaces before "and/but that"."""
    starts = [match.start() for match in _CLAUSE_MARK_RE.finditer(sentence)]
    for at in _starts_of(sentence, ("and that", "but that")):
        while at > 0 and sentence[at - 1].isspace():
            at -= 1
            starts.append(at)
    return starts


def _clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one sentence into clauses where it plainly states two facts."""
    sentence = text[start:end]
    cuts = [0]
    matches = _finditer_at(_CLAUSE_RE, sentence, _clause_starts(sentence))
    for match, next_cut_right in zip(matches, matches[1:] + [None]):
        left = sentence[cuts[-1]:match.start()]
        right = sentence[match.end():]
        if _open_quote(sentence[: match.start()]):
            continue
        if len(left.split()) < _MIN_CLAUSE_WORDS or len(right.split()) < _MIN_CLAUSE_WORDS:
            continue
        right_clause = sentence[match.end():next_cut_right.start()] if next_cut_right else right
        if right.startswith("and ") and not right.startswith("and that ") and not _FINITE_RE.search(
            " ".join(right_clause.split()[:7])
        ):
            continue  # ", and blue" lists are not clauses
        if _is_attribution_clause(right_clause):
            continue  # ", officials said" is attribution, not a clause
        cuts.append(match.end())
    pieces = []
    bounds = cuts + [len(sentence)]
    for a, b in zip(bounds, bounds[1:]):
        piece_start, piece_end = _strip_span(text, start + a, start + b)
        while piece_end > piece_start and text[piece_end - 1] in ",;":
            piece_end -= 1
        if piece_end > piece_start:
            pieces.append((piece_start, piece_end))
    return _cap_length(text, pieces)


def _cap_length(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut pieces longer than MAX_CLAIM_CHARS at the comma nearest their middle."""
    out = []
    stack = list(reversed(pieces))
    while stack:
        start, end = stack.pop()
        if end - start <= MAX_CLAIM_CHARS:
            out.append((start, end))
            continue
        middle = (start + end) // 2
        commas = [m.end() for m in re.finditer(r"[,;:]\s+|\s+[-–—]\s+", text[start:end])]
        cut = min(commas, key=lambda c: abs(start + c - middle), default=None)
        if cut is None:
            spaces = [m.end() for m in re.finditer(r"\s+", text[start:end])]
            cut = min(spaces, key=lambda c: abs(start + c - middle), default=None)
        if cut is None or cut <= 0 or start + cut >= end:
            out.append((start, end))  # one unbreakable token: keep it whole
            continue
        first = _strip_span(text, start, start + cut)
        second = _strip_span(text, start + cut, end)
        stack.extend(p for p in (second, first) if p[1] > p[0])
    return out


def _is_attribution_clause(clause: str) -> bool:
    """Whether ``clause`` (", officials said") is the attribution of what comes before it."""
    if not clause.startswith("according to") and _SPEECH_VERB_SET.isdisjoint(_words(_fold(clause))):
        return False  # quick: the pattern needs one or the other (see _attribution)
    return _ATTRIBUTION_CLAUSE_RE.match(clause) is not None


def _open_quote(prefix: str) -> bool:
    straight = prefix.count('"') % 2 == 1
    curly = prefix.count("“") > prefix.count("”")
    return straight or curly


_LEADING_CONJUNCTION_RE = re.compile(
    r"^(?:and|but|as|while|also|although|though|because|whereas)\s+", re.IGNORECASE
)
# Speech verbs that are also plural nouns ("the reports", "his claims"): before a verb
# they are the subject, not the verb.
_NOUN_LIKE_VERBS = frozenset({"reports", "claims", "estimates", "notes", "states", "hopes", "warns"})
_FOLLOWING_VERB_RE = re.compile(r"(?:was|were|is|are|had|have|has|will|would|could|may|might|must|should|can|did|do|"
                                r"showed|show|shows|suggest|suggested|suggests|found|remain|remained|"
                                r"appear|appeared|seem|seemed)", re.IGNORECASE)
# The source of "The reports said ...": the words up to and with the noun, then the verb.
_NOUN_SOURCE_RE = re.compile(
    rf"^(?P<src>(?:[\"“]?{_SOURCE_WORD},?\s+){{0,23}}?(?:{'|'.join(sorted(_NOUN_LIKE_VERBS))})\s+)"
    rf"(?P<verb>{_SPEECH})\b(?P<rest>.*)$", re.DOTALL)
# Words that open a clause of its own after a comma.
_CLAUSE_OPENER_RE = re.compile(
    r"^(?:and|but|as|while|although|though|because|whereas|when|where|after|before|since|until|"
    r"once|so|yet|if)\b", re.IGNORECASE)
_NOT_A_SOURCE_RE = re.compile(
    r"^(?:in|on|at|for|to|with|by|from|what|when|where|how|if|after|before|which|who|that|whom|"
    r"no|none|nobody|neither|nor|not|(?:many|some|most|all|one|two|several|each|both|few|half)\s+of\s+(?:whom|which))\b",
    re.IGNORECASE,
)
_LETTER_RE = re.compile(r"[A-Za-z]")
_APPOSITION_RE = re.compile(r"^[^,]+,\s*(?P<name>(?:[A-Z][\w'’\-.]*\s+){0,3}[A-Z][\w'’\-.]*)\s*,?$")
_DETERMINERS = frozenset({"His", "Her", "Their", "Its", "The", "A", "An", "Our", "My"})
# What follows a speech verb that introduces the reported words themselves.
_REPORTED_CLAUSE_RE = re.compile(r"^\s*(?:that|he|she|they|it|we|i|you|there)\b", re.IGNORECASE)
_RELATIVE_TAIL_RE = re.compile(r",\s*(?:who|which|whose|whom)\b[^,]*$", re.IGNORECASE)
# A relative clause still open at the end of a text (a comma inside a figure, "2,300",
# does not close it).
_OPEN_RELATIVE_RE = re.compile(
    r",\s*(?:(?:many|some|most|all|none|one|two|several|each|both|few|half)\s+of\s+)?(?:who|which|whose|whom)\b"
    r"(?:[^,]|(?<=\d),(?=\d))*$", re.IGNORECASE)
_LOOSE_SOURCE_RE = re.compile(r"\b(?:and|or|but|who|which|that)\b", re.IGNORECASE)
# Phrases that open a sentence before its subject ("In a statement on Sunday, ...").
_OPENING_PHRASE_RE = re.compile(
    r"^(?:in|on|at|after|before|during|earlier|later|late|last|yesterday|today|speaking|asked|"
    r"writing|responding|meanwhile|separately|however)\b[^,;:!?]{0,60}$",
    re.IGNORECASE,
)


# An auxiliary or adverb between the source and its speech verb ("the company has
# confirmed", "officials later said", "police have now said") is not part of the source;
# a capitalised word is part of a name ("USA Today reported").
_SOURCE_AUX_TAIL_RE = re.compile(
    r"(?:\s+(?:has|have|had))?(?:\s+(?:also|now|later|earlier|previously|since|already|subsequently|"
    r"further|repeatedly|first|initially|originally|again|yesterday|today))?$"
)
# "Police declined to say", "officials refused to confirm": no statement is reported.
_INFINITIVE_TAIL_RE = re.compile(r"\bto$", re.IGNORECASE)


def _clean_source(src: str) -> str | None:
    src = src.strip(" ,\"“”'’")
    if _INFINITIVE_TAIL_RE.search(src):
        return None
    src = _SOURCE_AUX_TAIL_RE.sub("", src, count=1)
    # a description with the source's name in apposition: "His lawyer, Paul Ferrante"
    apposition = _APPOSITION_RE.match(src)
    src = _SRC_TRIM_RE.sub("", src).strip(" ,\"“”'’")
    if apposition and src and src[0].islower() or apposition and src.split()[0] in _DETERMINERS:
        src = f"{src}, {apposition.group('name')}"
    src = _LEADING_CONJUNCTION_RE.sub("", src)
    if _NOT_A_SOURCE_RE.match(src):
        return None
    if not src or len(src.split()) > 14 or _SRC_FINITE_RE.search(src):
        return None
    if not _LETTER_RE.search(src):
        return None
    return src


def find_attribution(sentence: str) -> tuple[str | None, int, int]:
    """Return ``(source, start, end)`` of the attribution in a sentence, or ``(None, 0, 0)``.

    The span covers the attributing phrase ("officials said", "according to police"),
    relative to the sentence.

    Examples
    --------
    >>> find_attribution("Three drones were launched, security officials said.")[0]
    'security officials'
    >>> find_attribution('"We have the guns," said Hamdi Malik, an analyst.')[0]
    'Hamdi Malik'
    >>> find_attribution("The fire started at 2 a.m.")[0] is None
    True
    """
    return _attribution(sentence, _words(_fold(sentence)))


def _verb_near_end(body: str) -> bool:
    """Whether a speech verb is among the words of the end of ``body`` where the verb of
    _TRAILING_ATTR_RE lies; without one, the search (slow on long sentences) finds nothing.

    That verb is a whole word (space before it, "\\b" after it), so a word of the folded
    text (see :func:`_words`); ``_fold`` maps character by character, so the end of the
    folded body is the folded end of the body.
    """
    cut = len(body) - _TRAILING_VERB_REACH
    return cut <= 0 or not _SPEECH_VERB_SET.isdisjoint(_words(_fold(body[cut:])))


def _attribution(sentence: str, words: set[str]) -> tuple[str | None, int, int]:
    """:func:`find_attribution`, given the words of the sentence (see :func:`_words`)."""
    body = sentence.rstrip()
    # The verb of these case-sensitive patterns has a space, a comma, a quote or an end
    # on each side, so it is one of the words: a sentence without one is quickly done.
    if not words.isdisjoint(_SPEECH_VERB_SET):
        match = _TRAILING_INVERTED_RE.search(body)
        # "..., said he paid" reports a clause, and "..., told reporters" names whom
        # the source told: neither puts the source after the verb
        # "The authority, which said ..., announced an inquiry": that comma closes a
        # relative clause, and the verb after it is the sentence's own
        if match and not (_REPORTED_CLAUSE_RE.match(match.group("src"))
                          or match.group("verb").lower() in ("told", "tells")
                          or _OPEN_RELATIVE_RE.search(body, 0, match.start())):
            src = _clean_source(match.group("src"))
            if src:
                return src, match.start(), len(body)
        # the first comma may open a relative clause ("Varga, who denied the charges,
        # will appeal, his lawyer told reporters"): try the later ones too
        match = _TRAILING_ATTR_RE.search(body) if _verb_near_end(body) else None
        while match:
            tail = match.group("tail")
            # "The plant, officials said, had been inspected": a parenthetical source, the
            # sentence's own verb after it (and the attribution ends at its comma)
            parenthetical = tail.startswith(",")
            if parenthetical or not (_SRC_FINITE_RE.search(tail[:30]) or _REPORTED_CLAUSE_RE.match(tail)):
                src = _clean_source(match.group("src"))
                if src:
                    return src, match.start(), match.start("tail") + 1 if parenthetical else len(body)
            match = _TRAILING_ATTR_RE.search(body, match.start() + 1)
        match = _LEADING_ATTR_RE.match(body)
        if match and match.group("verb").lower() in _NOUN_LIKE_VERBS:
            # "The reports said ...", "The claims were rejected": a plural noun, not the verb
            following = _NEXT_WORD_RE.match(match.group("rest"))
            if following and _lower(following.group(1)) in _SPEECH_VERB_SET:
                match = _NOUN_SOURCE_RE.match(body)
            elif following and _FOLLOWING_VERB_RE.fullmatch(following.group(1)):
                match = None
        if match and match.group("src").strip():
            raw = match.group("src")
            opening, _, rest = raw.rpartition(",")
            start = 0
            after_opening = bool(opening) and bool(_OPENING_PHRASE_RE.match(opening.strip(" \"“")))
            if after_opening:
                # an opening phrase before the source: "In a statement on Sunday, police said"
                raw = rest
            elif opening and _CLAUSE_OPENER_RE.match(rest.strip()):
                # a clause before the source's: "Nine were hurt, and the firm has not explained
                # why", "The run began on Wednesday, when the bank disclosed ..." (its source,
                # if any, is after the conjunction; the clause before keeps its own hedges
                # and negation)
                raw, start = rest, len(opening) + 1
            # "Police, who said the man was armed, shot him": the verb is the relative
            # clause's, so the sentence's own verb comes later and is no speech verb
            src = None if _RELATIVE_TAIL_RE.search(raw) else _clean_source(raw)
            if src and after_opening and (len(src.split()) > 5 or HEDGE_RE.search(src)
                                          or _LOOSE_SOURCE_RE.search(src)):
                src = None  # "the company allegedly told": a hedge, or a clause, not a source
            if src:
                return src, start, match.start("rest")
    match = _ACCORDING_RE.search(body) if "according" in words else None
    if match:
        src = _clean_source(match.group("src"))
        if src:
            return src, match.start(), match.end()
    return None, 0, 0


_CURRENCY = {"$": "$", "£": "£", "€": "€", "¥": "¥", "us$": "$", "usd": "$", "dollars": "$",
             "dollar": "$", "pounds": "£", "euros": "€", "euro": "€"}
_ONE_WORD_NUMBERS = [w for w in NUMBER_WORDS if " " not in w]
_NUMBER_WORD_ALT = "|".join(sorted(map(re.escape, _ONE_WORD_NUMBERS), key=len, reverse=True))
# Every number word of _QUANTITY_RE begins with one of these ("seven" begins "seventy").
_NUMBER_WORD_STARTS = tuple(
    w for w in _ONE_WORD_NUMBERS if not any(w != other and w.startswith(other) for other in _ONE_WORD_NUMBERS)
)
_NUMBER_WORD_START_RE = _any_of(_NUMBER_WORD_STARTS)
_DIGIT_OR_CURRENCY_RE = re.compile(r"[\d$£€¥]")
# "half a million", "three-quarters of a million", "a thousand": a fraction (or one) of a
# scale word; the fraction is read with the scale word, never "a million" alone
_ARTICLE_SCALED = (r"(?:(?:half|(?:a|one)(?:\s+|-)(?:third|quarter)|two(?:\s+|-)thirds|three(?:\s+|-)quarters)"
                   r"\s+(?:of\s+)?a|(?<!\bin )an?)(?=\s(?:thousand|million|billion)\b)")  # not "one in a million"
_ARTICLE_SCALED_RE = re.compile(r"\b" + _ARTICLE_SCALED, re.IGNORECASE)
_ARTICLE_VALUES = {"half": 0.5, "third": 1 / 3, "thirds": 2 / 3, "quarter": 0.25, "quarters": 0.75}
_SCALE_ALT = r"hundred|thousand|million|billion|trillion|bn|mn|tn|m|k"
_QUANTITY_RE = re.compile(
    rf"(?P<cur>US\$|[$£€¥])?\s?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|{_ARTICLE_SCALED}"
    rf"|(?:(?:{_NUMBER_WORD_ALT})(?:[- ](?:{_NUMBER_WORD_ALT}))?)(?:\s+(?:hundred|thousand))?)"
    rf"(?P<half>\s+and\s+a\s+half\b)?"  # "two and a half million"
    rf"(?:\s?(?P<scale>{_SCALE_ALT})\b)?"
    rf"(?:\s?(?P<pct>%|percent(?!age)|per cent))?"
    rf"(?:\s?(?P<points>percentage[\s-]+points?|basis[\s-]+points?|(?-i:bps?))\b)?"
    rf"(?:\s+(?P<cur2>dollars|dollar|pounds|euros|euro|usd)\b)?",
    re.IGNORECASE,
)
# A currency noun hyphenated onto a scaled figure ("a 50m-crown package", "a 2bn-euro deal").
_ATTACHED_CURRENCY_RE = re.compile(
    r"-(crowns?|kronor|krona|kroner|krone|dollars?|pounds?|euros?|yen|yuan|renminbi|rupees?|francs?|"
    r"pesos?|rand|reais|real|won|roubles?|rubles?|lira|shekels?|dinars?|dirhams?|riyals?|nairas?|"
    r"zloty|forints?|ringgit|baht)\b", re.IGNORECASE)
# Temperature scales written onto a figure, after a degree sign or spelt out.
_TEMPERATURE_SCALES = {"C": "°C", "F": "°F"}  # "centigrade" reads as C too
_LABEL_BEFORE_RE = re.compile(r"\b[A-Z][a-z]*\s$")  # "Route ", "Flight ", "Room "
_DEGREES_RE = re.compile(r"\s?(?:°\s?([CF])\b|degrees?\s+(Celsius|Fahrenheit|centigrade)\b)", re.IGNORECASE)
# Words hyphenated onto a figure that do not name what it counts ("a 58-year-old", "a
# 40-strong crew", "a 2-1 win", "a 50-50 chance").
_NOT_COUNTED_COMPOUNDS = frozenset("year old strong odd plus fold time way".split())
def _points_unit(kind: str) -> str:
    """The unit of points of a rate named by ``kind``: "pp" for percentage points, else "bp"
    (basis points: "basis points", "bp", "bps")."""
    return "pp" if _lower(kind).startswith("percentage") else "bp"


_HYPHENATED_POINTS_RE = re.compile(r"-(basis|percentage)-points?\b", re.IGNORECASE)
_HYPHENATED_UNIT_RE = re.compile(r"-([A-Za-z]+)\b(?!-olds?\b)")
_HEAD_RE = re.compile(r"\s*(?:of\s+(?:the\s+|his\s+|her\s+|its\s+|their\s+)?)?"
                      r"((?:[A-Za-z][\w\-]*\s+){0,2}[A-Za-z][\w\-]*)")
_HEAD_STOP = frozenset("and or to in on at by from with was were is are had has have be been who which that "
                       "for as after before when while into without".split())
# Participles in "-en" before a counted noun ("a thousand forgotten votes")
_EN_PARTICIPLES = frozenset(
    "forgotten stolen broken hidden fallen frozen written taken beaten driven chosen sworn shaken spoken "
    "given eaten swollen proven mistaken overtaken".split())
# a singular noun (no final "s") and a plural one ("bank workers", "prison guards")
_COMPOUND_PLURAL_RE = re.compile(r"[a-z]*[a-rt-z] [a-z]{2,}[^s]s")
_MEMBERS_OF_RE = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}?members\s+of\s+(?:the\s+)?([A-Za-z]+)")
_HEAD_SKIP = frozenset(
    "more than less fewer about around nearly almost some other additional further new old "
    "small large big few many of the his her its their our a an people's armed unarmed young "
    "peaceful senior junior local foreign".split()
)


def _quantity_starts(text: str, folded: str) -> list[int]:
    """Where a match of _QUANTITY_RE can begin: at its number, the space before it, or "$", "US$".

    ``folded`` is ``_fold(text)``.
    """
    marks = [m.start() for m in _DIGIT_OR_CURRENCY_RE.finditer(text)]
    if _NUMBER_WORD_START_RE.search(folded):
        marks += _starts_of(folded, _NUMBER_WORD_STARTS)
    if "thousand" in folded or "million" in folded or "billion" in folded:
        marks += [m.start() for m in _ARTICLE_SCALED_RE.finditer(text)]
    return [mark - back for mark in marks for back in (2, 1, 0)]


_LOWER_BOUND_RE = re.compile(r"\b(?:at least|more than|over|upwards of|in excess of|just over|no fewer than|no less than)\s*$", re.IGNORECASE)
_UPPER_BOUND_RE = re.compile(r"\b(?:up to|less than|fewer than|under|at most|as many as|as much as|just under|no more than)\s*$", re.IGNORECASE)


# Measurement units: a figure in one unit is never compared with a figure in another
# ("12 km (7.5 miles)"), and the unit is not a counted noun.
_UNITS = {
    "km": "km", "kilometre": "km", "kilometer": "km", "mile": "mi", "metre": "m", "meter": "m",
    "foot": "ft", "feet": "ft", "ft": "ft", "yard": "yd", "inch": "in", "cm": "cm", "mm": "mm",
    "centimetre": "cm", "centimeter": "cm", "millimetre": "mm", "millimeter": "mm", "ml": "ml",
    "millilitre": "ml", "kmh": "kph", "kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh",
    "kg": "kg", "kilogram": "kg", "tonne": "t", "ton": "t", "gram": "g", "litre": "l", "liter": "l",
    "gallon": "gal", "barrel": "bbl", "hour": "h", "minute": "min", "second": "s", "day": "d",
    "week": "wk", "month": "mo", "year": "yr", "acre": "acre", "hectare": "ha", "degree": "deg",
    "mph": "mph", "kph": "kph", "sq": "sq",
}


_LETTERS_RE = re.compile(r"[A-Za-z]+")


def _word_number(token: str) -> float | None:
    token = _lower(token).replace("-", " ")
    parts = token.split()
    total = 0.0
    current = 0.0
    for part in parts:
        if part == "dozen" and current:
            current *= 12  # "three dozen": 36
        elif part in NUMBER_WORDS:
            current += NUMBER_WORDS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def find_quantities(text: str, offset: int = 0, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Numbers in ``text`` (digits or words) with unit, counted noun and precision.

    Spans in ``skip`` (dates and times) are not read as quantities; offsets are
    shifted by ``offset``.

    Examples
    --------
    >>> [(q.value, q.head) for q in find_quantities("Three drones hit; 14 workers were hurt.")]
    [(3.0, 'drone'), (14.0, 'worker')]
    >>> q = find_quantities("about $1.2bn")[0]
    >>> (q.value, q.unit, q.approx)
    (1200000000.0, '$', True)
    """
    return _quantities(text, _fold(text), offset, skip)


_SCALE_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")


def _counts_plural(text: str, at: int) -> bool:
    """The word after ``at`` is a plural noun ("1.5m people", "2m homes"): what a scaled
    figure counts, where a singular word or none ("a 30m wall", "fell 20m") reads metres."""
    match = _SCALE_NEXT_WORD_RE.match(text, at)
    if not match:
        return False
    word = _lower(match.group(1))
    return word in _PLURAL_WITHOUT_S or (len(word) > 3 and word.endswith("s")
                                         and not word.endswith(("ss", "us", "is")))


# A verb whose bare figure counts people ("killing six", "injuring 142").
_CASUALTY_VERB_RE = re.compile(r"\b(?:killing|killed|injuring|injured|wounding|wounded|hurting)\s+(?:at\s+least\s+|about\s+|some\s+|nearly\s+|almost\s+)?$",
                               re.IGNORECASE)


def _quantities(text: str, folded: str, offset: int, skip: list[tuple[int, int]] | None) -> list[Quantity]:
    """:func:`find_quantities`, given ``_fold(text)`` (segment has it already)."""
    starts = _quantity_starts(text, folded)
    shares = (_fractions(text, folded, offset, starts) if ("half" in folded or "quarter" in folded or "third" in folded
                                                           or " in " in folded or " out of " in folded
                                                           or "point" in folded) else [])
    if shares and skip:  # (a share inside a date or time is part of it)
        shares = [q for q in shares if not any(s < q.end - offset and q.start - offset < e for s, e in skip)]
    if not starts:
        return shares  # no digit, currency sign or number word: as in most texts
    skip = (skip or []) + [(q.start - offset, q.end - offset) for q in shares]
    out = shares
    for match in _finditer_at(_QUANTITY_RE, text, starts):
        raw = match.group("num")
        if not raw:
            continue
        start, end = match.start(), match.end()
        if match.group("cur") is None:
            start = match.start("num")
        if any(s < end and start < e for s, e in skip):
            continue
        before = text[max(0, start - 1):start]
        if before == "-" and text[max(0, start - 2):start - 1].isalpha():
            continue  # a model name or compound ("AC-55", "mum-of-two"), not a count
        if before == " " and not match.group("cur") and raw[0].isdigit():
            label = _LABEL_BEFORE_RE.search(text, max(0, start - 20), start)
            if (label and _lower(label.group().strip()) not in _CALENDAR_WORDS
                    and not _sentence_initial(text, label.start())):
                continue  # a label inside a sentence ("Year 11 pupils", "on Route 17"), not a count
        attached_unit = ""
        if end < len(text) and text[end:end + 1].isalpha() and not match.group("scale"):
            # a unit written onto the figure ("200mm", "15km") is read as the unit
            letters = _LETTERS_RE.match(text, end)  # None on a letter outside ASCII ("5é")
            attached_unit = _UNITS.get(_lower(letters.group()), "") if letters else ""
            # (only the word before the figure is looked at: searching from the start of
            # the text would take the square of its length)
            if letters and letters.group() in _TEMPERATURE_SCALES and not _LABEL_BEFORE_RE.search(
                    text, max(0, start - 40), start):
                attached_unit = _TEMPERATURE_SCALES[letters.group()]  # "41.3C", "106F"; not "Route 5C"
            if attached_unit and not before.isalnum():
                end = letters.end()
        if before.isalnum() or (end < len(text) and text[end:end + 1].isalnum() and not match.group("scale")):
            continue
        if raw[0].isdigit():
            value = float(raw.replace(",", ""))
        elif match.group("scale") and _lower(raw.split()[-1]) in ("a", "an"):
            value = next((_ARTICLE_VALUES[w] for w in _lower(raw).replace("-", " ").split() if w in _ARTICLE_VALUES), 1.0)
        else:
            word_value = _word_number(raw)
            if word_value is None:
                continue
            value = word_value
            if _lower(raw) in {"one", "single", "both", "half"} and not (
                    match.group("pct") or match.group("half") or match.group("scale") and _lower(raw) == "one"):
                continue  # "one of the officials" is a pronoun more often than a count
        if match.group("half"):
            value += 0.5
        scale = _lower(match.group("scale") or "")
        counted = ""  # the noun counted, when written onto the figure ("50m-crown")
        if scale:
            currency_noun = _ATTACHED_CURRENCY_RE.match(text, match.end())
            if scale in {"m", "k"} and not (match.group("cur") or match.group("cur2")):
                if currency_noun and match.start("scale") == match.end("num"):
                    value *= SCALE_WORDS[scale]  # "a 50m-crown package": millions of crowns
                    counted = _singular(_lower(currency_noun.group(1)))
                elif scale == "k" or _counts_plural(text, match.end()):
                    value *= SCALE_WORDS[scale]  # "1.5m people", "20k fans": millions, thousands
                else:
                    attached_unit = "m"  # "the 100m race", "a 30m wall", "fell 20m": metres
                    scale = ""
            else:
                value *= SCALE_WORDS[scale]
                if currency_noun and not (match.group("cur") or match.group("cur2")):
                    counted = _singular(_lower(currency_noun.group(1)))
        degrees = _DEGREES_RE.match(text, end) if not attached_unit else None
        if degrees:  # "41.3°C", "106 °F", "40 degrees Celsius"
            attached_unit, end = _TEMPERATURE_SCALES[(degrees.group(1) or degrees.group(2))[0].upper()], degrees.end()
        unit = ""
        if match.group("pct"):
            unit = "%"
        elif match.group("points"):  # "0.13 percentage points", "75 basis points", "50bp"
            unit = _points_unit(match.group("points"))
        elif match.group("cur") or match.group("cur2"):
            unit = _CURRENCY.get(_lower(match.group("cur") or match.group("cur2")), "$")
        head = ""
        head_match = _HEAD_RE.match(text, end)
        if head_match and not unit and not attached_unit:
            head = ""
            written = head_match.group(1).split()
            words = _lower(head_match.group(1)).split()
            for k, word in enumerate(words):
                if word in _HEAD_STOP:
                    break
                if word not in _HEAD_SKIP:
                    # a participle ("38 confirmed cases", "three missing climbers"), a noun
                    # before the noun it qualifies ("three building sites") or a name ("two Greyscar miners")
                    # before the noun is not what is counted; nor, for more than one, a singular noun
                    # before a plural one of people ("eight bank workers", "two police officers")
                    if k + 1 < len(words) and words[k + 1] not in _HEAD_STOP and (
                            word.endswith(("ed", "ing")) or word in _EN_PARTICIPLES or written[k][:1].isupper()
                            or value != 1 and _COMPOUND_PLURAL_RE.fullmatch(word + " " + words[k + 1])
                            and _singular(words[k + 1]) in PERSON_NOUNS):
                        continue
                    head = word
                    break
        if head == "members":
            group = _MEMBERS_OF_RE.match(text, end)
            if group and _singular(_lower(group.group(1))) in PERSON_NOUNS:
                head = _lower(group.group(1))  # "six members of staff": staff
        if not (head or unit or attached_unit or counted) and _CASUALTY_VERB_RE.search(text, max(0, start - 20), start):
            head = "people"  # "killing six and injuring 142": people, though unnamed
        if counted:
            # (_CURRENCY knows "pounds" but not "pound": "a 5m-pound fine" is in pounds)
            currency = _CURRENCY.get(counted) or _CURRENCY.get(counted + "s")
            unit, head = (currency, "") if currency else ("", counted)
        if not (unit or attached_unit or head or counted):
            # a measure hyphenated onto the figure ("a 48-hour strike", "an 11-mile
            # detour"), but not an age ("a 58-year-old guard")
            compound = _HYPHENATED_UNIT_RE.match(text, end)
            points = _HYPHENATED_POINTS_RE.match(text, end)
            if points:  # "a 25-basis-point cut"
                attached_unit = _points_unit(points.group(1))
            elif compound:
                word = _singular(_lower(compound.group(1)))
                attached_unit = _UNITS.get(word, "")
                if not attached_unit and word not in _NOT_COUNTED_COMPOUNDS and word.isalpha():
                    head = word  # "a 319-vote win", "a 12-member jury": votes, members
        if attached_unit:
            unit, head = attached_unit, ""
            if unit in ("°C", "°F") and before in ("-", "\u2212") and not text[max(0, start - 2):start - 1].isalnum():
                value = -value  # "-5C", but not the range "10-15C"
        elif _singular(head) in _UNITS or head in _UNITS:
            unit, head = _UNITS.get(_singular(head), _UNITS.get(head, "")), ""
        prefix = text[max(0, start - 25):start]
        approx = bool(APPROX_RE.search(prefix)) or _lower(raw) in {"dozen"}
        bound = "lower" if _LOWER_BOUND_RE.search(prefix) else "upper" if _UPPER_BOUND_RE.search(prefix) else ""
        span_text = text[start:end]
        out.append(Quantity(offset + start, offset + end, span_text.rstrip(), value, unit,
                            _singular(head), approx, bound))
    if shares:
        out.sort(key=lambda q: q.start)
    return _ranges(out, text, offset) if len(out) > 1 else out


# Between the two ends of a range ("between 30 and 40 people", "30-40 people", "30 to 40").
_RANGE_GAP_RE = re.compile(r"\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
_RANGE_BETWEEN_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# A change ("rose from 30 to 40") or a tally of votes or a score ("voted 48-52", "lost 1-2")
# is no range.
_RANGE_FROM_RE = re.compile(r"\b(?:from|rose|fell|up|down|increased|decreased|risen|fallen|"
                            r"voted?|votes|won|lost|beat|drew|defeated|lead|led|trailed|trailing)\s+$", re.IGNORECASE)
_SCALE_WORD_RE = re.compile(rf"(?<![A-Za-z])(?:{_SCALE_ALT})\b", re.IGNORECASE)


def _ranges(quantities: list[Quantity], text: str, offset: int) -> list[Quantity]:
    """Read the two ends of a range as a lower and an upper bound of one count ("between 30
    and 40 people": at least 30, at most 40 people), so that a figure inside it agrees with
    both. "and" only joins the ends after "between"; "from 30 to 40" is a change and "voted
    48-52" a tally, not ranges."""
    out = list(quantities)
    for k in range(len(out) - 1):
        low, high = out[k], out[k + 1]
        if low.unit != high.unit and not low.unit and not low.head and high.unit:
            low = replace(low, unit=high.unit)  # "20-30%", "12 to 15 minutes": the unit written once
        if low.bound or high.bound or low.unit != high.unit:
            continue
        gap = text[low.end - offset:high.start - offset]
        before = text[max(0, low.start - offset - 12):low.start - offset]
        if not _RANGE_GAP_RE.fullmatch(gap) or (low.head and high.head and low.head != high.head):
            continue
        if gap.strip().lower() == "and" and not _RANGE_BETWEEN_RE.search(before):
            continue
        if _RANGE_FROM_RE.search(before):
            continue
        head = low.head or high.head
        value = low.value
        scale = None if _SCALE_WORD_RE.search(low.text) else _SCALE_WORD_RE.search(high.text)
        factor = SCALE_WORDS[scale.group().lower()] if scale else 1
        if value * factor < high.value:
            value *= factor  # "between 2 and 3 million": 2 million
        if not value < high.value:
            continue
        out[k] = replace(low, head=head, bound="lower", value=value)
        out[k + 1] = replace(high, head=head, bound="upper")
    return out


# A share of a whole named as a fraction: "more than half the vote", "three-quarters of
# the club", "fell by almost a quarter". Read as a percentage; not "half a million",
# "half an hour", "a quarter past", nor the first part of a compound ("half-time").
_FRACTION_VALUES = {"half": 50.0, "third": 100 / 3, "thirds": 200 / 3, "quarter": 25.0, "quarters": 75.0}
_FRACTION_RE = re.compile(
    r"\b(?P<frac>half|(?:a|one)[- ]third|two[- ]thirds|(?:a|one)[- ]quarter|three[- ]quarters)\b"
    r"(?!-\w|\s+(?:an?\s|past\b|to\b|of\s+an?\s+(?:thousand|million|billion|hour|mile|percentage|basis|point)))",
    re.IGNORECASE)
_RATE_WORDS_RE = re.compile(r"%|\bper\s?cent|\bpercent|\brates?\b|\byields?\b|\binflation\b", re.IGNORECASE)
# A move of a rate in points written in words: "a full percentage point", "three-quarters
# of a percentage point", "half a point" (percentage points).
_WORD_POINTS_RE = re.compile(
    r"\b(?:(?P<frac>half|(?:a|one)[- ]third|two[- ]thirds|(?:a|one)[- ]quarter|three[- ]quarters)(?:\s+of)?\s+an?"
    r"|an?|one)\s+(?:full\s+)?(?P<kind>percentage[\s-]|basis[\s-])?points?\b",
    re.IGNORECASE)
_SHARE_CONTEXT_RE = re.compile(r"\b(?:than|over|under|almost|nearly|about|around|roughly|some|just|by)\s+$",
                               re.IGNORECASE)


_ORDINAL_BEFORE_RE = re.compile(r"\b(?:first|second|other|latter|former|this|that|the|a|its|their)\s+$",
                                re.IGNORECASE)


# "one in five voters", "two in every three homes": a share. A match begins with a digit
# or a number word, where _quantity_starts finds a number can begin.
_ONE_IN_RE = re.compile(
    r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|\d{1,2})\s+(?:in|out\s+of)\s+(?:every\s+)?"
    r"(?P<d>two|three|four|five|six|seven|eight|nine|ten|twenty|\d{1,3}(?:,\d{3})*(?![.,]?\d))\b"
    r"(?!\s*(?:%|per\s*cent|percent)|\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|games?|matches)\b)",
    re.IGNORECASE)


def _fractions(text: str, folded: str, offset: int, number_starts: list[int]) -> list[Quantity]:
    """Shares in ``text`` ("one in five", "more than half the vote"); ``folded`` is
    ``_fold(text)``, ``number_starts`` every position where a number can begin (see
    :func:`_quantity_starts`)."""
    out = []
    # Both patterns are slow to try at every position of a text, and most texts hold no
    # match: _ONE_IN_RE is only tried where a number can begin, _FRACTION_RE only when the
    # text names a fraction at all.
    for match in _finditer_at(_ONE_IN_RE, text, number_starts):
        n, d = (float(g.replace(",", "")) if g[0].isdigit() else _word_number(g)
                for g in (match.group("n"), match.group("d")))
        if n and d and n < d:
            approx = bool(APPROX_RE.search(text[max(0, match.start() - 25):match.start()]))
            out.append(Quantity(offset + match.start(), offset + match.end(), match.group(), 100 * n / d, "%", "",
                                approx, ""))
    if "point" in folded:
        for match in _WORD_POINTS_RE.finditer(text):
            frac = match.group("frac")
            if not (match.group("kind") or frac and _RATE_WORDS_RE.search(text)):
                continue  # "at one point"; "half a point" only where the text speaks of a rate
            value = _FRACTION_VALUES[_lower(frac).replace("-", " ").split()[-1]] / 100 if frac else 1.0
            unit = _points_unit(match.group("kind") or "percentage")
            out.append(Quantity(offset + match.start(), offset + match.end(), match.group(), value, unit, "",
                                False, ""))
    has_fraction = "half" in folded or "third" in folded or "quarter" in folded
    for match in _FRACTION_RE.finditer(text) if has_fraction else ():
        start, end = match.span()
        prefix = text[max(0, start - 25):start]
        # a share of something ("half the vote", "three-quarters of the club") or one
        # given with a bound or an approximation ("almost a quarter")
        if not (re.match(r"\s+(?:of|the)\b", text[end:end + 5], re.IGNORECASE) or _SHARE_CONTEXT_RE.search(prefix)):
            continue
        if _ORDINAL_BEFORE_RE.search(prefix):
            continue  # "the second half of the match"
        value = _FRACTION_VALUES[_lower(match.group("frac")).replace("-", " ").split()[-1]]
        approx = bool(APPROX_RE.search(prefix))
        bound = "lower" if _LOWER_BOUND_RE.search(prefix) else "upper" if _UPPER_BOUND_RE.search(prefix) else ""
        out.append(Quantity(offset + start, offset + end, match.group(), value, "%", "", approx, bound))
    return out


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# After a clock time without a.m. or p.m., the part of the day that makes it p.m.
_LATER_PART_RE = re.compile(r"\s*(?:on\s+\w+\s+|(?:that|this|last)\s+|in\s+the\s+|(?:yester|to)?(?=night))?"
                            r"(night|evening|afternoon)\b", re.IGNORECASE)
# The hours (on a 12-hour clock) each part makes p.m.: "2.30 on Saturday night" is 02:30.
_PM_HOURS = {"night": range(6, 12), "evening": range(3, 12), "afternoon": range(1, 7)}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(WEEKDAYS)
_NOON_WORDS = ("noon", "midday", "midnight")
_TIME_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm)(?=\W|$)"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\s*(?:GMT|UTC|local time|hrs)?\b(?!\.\d)"
    # With a dot, "14.10" is as often a decimal ("EUR 2.31 million", "0.13 points"): it is a
    # time only with a zone or "hrs" after it, or after a word that introduces a time (and
    # before no unit: a word that merely ends like one, "yesterday", "Washington", is no unit).
    r"|\b(?P<hd>[01]?\d|2[0-3])\.(?P<md>[0-5]\d)\s*(?:GMT|UTC|BST|CET|local time|hrs)\b"
    r"|(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\btill\s)|(?<=\bbefore\s)"
    r"|(?<=\bafter\s)|(?<=\baround\s)|(?<=\bsince\s))"
    r"\b(?P<hd2>[01]?\d|2[0-3])\.(?P<md2>[0-5]\d)\b(?![.,]?\d|\s*(?:%|per\s?cent|percent|point|pts|times"
    r"|[mb]n?\b|k\b|million|billion|trillion|(?:kilo|centi|milli|micro|mega|giga)?(?:metre|meter|mile|gram|litre|liter|cent|pound|pence|dollar"
    r"|euro|yen|yuan|rupee|acre|hectare|ton|degree|share|vote|second|minute|hour|year|day|week|month)))"
    rf"|\b(?P<noon>{'|'.join(_NOON_WORDS)})\b",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    rf"\b(?P<mon>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH_ALT})\.?(?:,?\s+(?P<year2>\d{{4}}))?\b"
    rf"|\b(?P<mon3>{_MONTH_ALT})\.?(?:\s+of)?\s+(?P<year3>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.IGNORECASE,
)
# A month named alone ("in December", "by the end of March", "last June"): written with a
# capital (lower-case "may" and "march" are verbs) after a word that makes it a time (of
# either case: "In December, ...").
_FULL_MONTHS = tuple(name for name in MONTHS if len(name) > 4 or name in ("may", "june", "july"))
_BARE_MONTH_RE = re.compile(
    r"\b(?P<cue>(?i:in|by|until|till|from|since|through|during|of|early|late|mid|last|next|this))[\s-]+"
    rf"(?:the\s+)?(?P<mon>{'|'.join(name.capitalize() for name in _FULL_MONTHS)})\b(?!\.?\s*\d)")
_WEEKDAY_RE = re.compile(rf"\b(?P<wd>{_WEEKDAY_ALT})\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\d$£€.,])\b(?P<y>(?:19|20)\d{2})\b(?![.,]\d)")
_PARTS_OF_DAY = {
    "early": ("early hours", "small hours", "overnight", "before dawn", "dawn"),
    "morning": ("morning",),
    "afternoon": ("afternoon",),
    "evening": ("evening", "dusk"),
    "night": ("night", "late at night", "tonight"),
}
_PART_WORDS = tuple(word for words in _PARTS_OF_DAY.values() for word in words)
_PART_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<{part}>{'|'.join(words)})" for part, words in _PARTS_OF_DAY.items()) + r")\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}
_RELATIVE_RE = re.compile(rf"\b(?P<rel>{'|'.join(_RELATIVE_DAYS)})\b", re.IGNORECASE)
# What a time without a digit begins with ("last night"), and the first words of those.
_TIME_WORDS = _NOON_WORDS + tuple(WEEKDAYS) + tuple(_RELATIVE_DAYS) + _PART_WORDS + _FULL_MONTHS
_TIME_FIRST_WORDS = frozenset(phrase.split()[0] for phrase in _TIME_WORDS)


def _by_first_word(phrases) -> dict[str, tuple[str, ...]]:
    by_first: dict[str, tuple[str, ...]] = {}
    for phrase in phrases:
        by_first[phrase.split()[0]] = by_first.get(phrase.split()[0], ()) + (phrase,)
    return by_first


# The words and phrases each time pattern begins with (months: of _DATE_RE), by first word.
_NOON_PHRASES = _by_first_word(_NOON_WORDS)
_WEEKDAY_PHRASES = _by_first_word(WEEKDAYS)
_RELATIVE_PHRASES = _by_first_word(_RELATIVE_DAYS)
_PART_PHRASES = _by_first_word(_PART_WORDS)
_MONTH_PHRASES = _by_first_word(MONTHS)


def _phrases_of(words: set[str], by_first: dict[str, tuple[str, ...]]) -> list[str]:
    """The phrases of ``by_first`` whose first word is one of ``words`` (see :func:`_words`)."""
    return [phrase for word in words & by_first.keys() for phrase in by_first[word]]


# Words before a weekday that place it ahead ("will reopen on Monday", "talks are due to
# resume on Friday") or behind ("was closed on Tuesday evening") the publication date.
_FUTURE_CUE_RE = re.compile(
    r"\b(?:will|shall|won't|is due|are due|due to|scheduled|expected to|set to|is to|are to|plans? to|"
    r"going to|next(?!\s+to\b)|coming)\b", re.IGNORECASE)
# (a word in -ed after "stay", "remain", "be" ... is a state, "will stay closed on Monday",
# and "proceed", "indeed", "need", "speed" are no past tense)
_PAST_CUE_RE = re.compile(
    r"\b(?:was|were|had|did|last|"
    r"(?<!\bstay )(?<!\bstays )(?<!\bremain )(?<!\bremains )(?<!\bbe )(?<!\bbeen )(?<!\bkeep )(?<!\bget )"
    r"(?!(?:proceed|indeed|need|speed|exceed|succeed|feed|seed|breed|bleed|heed)\b)\w{3,}ed)\b",
    re.IGNORECASE)
_NEXT_OR_LAST_RE = re.compile(r"\b(next|last)\s+$", re.IGNORECASE)  # right before the weekday
# Right before a possessive weekday: an event still to come ("ahead of Sunday's election").
_AHEAD_OF_RE = re.compile(r"\b(?:ahead\s+of|in\s+the\s+run-up\s+to|until|upcoming|forthcoming|coming)\s+$",
                         re.IGNORECASE)


# What stands between a future cue and a possessive weekday that the future verb governs:
# a verb of taking part in what is still to come ("will win Sunday's", "is expected to win
# the"); a verb that looks back ("will appeal Saturday's ruling") governs a past event.
_FUTURE_OBJECT_RE = re.compile(
    r"\s+(?:not\s+)?(?:\w+ly\s+)?(?:win|lose|host|hold|attend|face|play|stage|join|boycott|skip|miss|"
    r"watch|lead|headline|chair|enter|vote\s+in|run\s+in|compete\s+in|take\s+part\s+in)\s+(?:the\s+)?",
    re.IGNORECASE)


def _resolve_weekday(weekday: str, published: _dt.date | None, before: str = "", *,
                     possessive: bool = False) -> str | None:
    """The date of a weekday named in a report published on ``published``.

    The tense cue in ``before`` (the clause up to the weekday) nearest the weekday decides
    the direction: ahead after "will", "due to" ..., behind after a past verb ("it will
    appeal the ban it received on Saturday": behind); without either, news reports mostly
    look back, and a weekday more than four days back is read as coming up. A possessive
    ("after voters in Sunday's election") names an event already held: behind, whatever
    the tense ("will be mayor after Sunday's election"), unless it comes right after
    "ahead of", "upcoming" ...: ahead.
    """
    if published is None:
        return None
    target = WEEKDAYS.index(_lower(weekday))
    days_back = (published.weekday() - target) % 7
    future, past = (max((m.end() for m in regex.finditer(before)), default=-1)
                    for regex in (_FUTURE_CUE_RE, _PAST_CUE_RE))
    if possessive and (_AHEAD_OF_RE.search(before)
                       or future >= 0 and future >= past and _FUTURE_OBJECT_RE.fullmatch(before, future)):
        # "ahead of Sunday's election"; "Hart will win Sunday's election" (the event is
        # what the future verb governs), but not "will be mayor after Sunday's election"
        delta = (target - published.weekday()) % 7
    elif possessive and not _NEXT_OR_LAST_RE.search(before):
        delta = -days_back
    elif future >= 0 and future >= past:  # (both end at "scheduled")
        delta = (target - published.weekday()) % 7
    elif past >= 0:
        delta = -days_back
    else:
        delta = -days_back if days_back <= 4 else 7 - days_back
    adjacent = _NEXT_OR_LAST_RE.search(before)
    if delta == 0 and adjacent:  # "next Monday" in a Monday's paper is a week ahead
        delta = 7 if _lower(adjacent.group(1)) == "next" else -7
    return (published + _dt.timedelta(days=delta)).isoformat()


def find_times(text: str, offset: int = 0, published: _dt.date | None = None) -> list[TimeRef]:
    """Dates, weekdays, years, clock times and parts of the day in ``text``.

    Weekdays and "yesterday"/"today" are resolved to ISO dates against ``published``
    (the most recent such day on or before it); months and days without a year take
    the year of ``published``.

    Examples
    --------
    >>> import datetime
    >>> [(t.kind, t.value) for t in find_times("on Sunday (Nov 7) at 2 a.m.", published=datetime.date(2021, 11, 8))]
    [('date', '2021-11-07'), ('date', '2021-11-07'), ('time', '120')]
    """
    folded = _fold(text)
    return _times(text, folded, _words(folded), offset, published)


class _Spans:
    """Character spans found so far, sorted, for quick overlap tests: a text with thousands
    of times must not compare each new one with all the earlier ones. The dates, months
    and clock times, the only spans tested, never overlap one another, so the span
    starting last before a position is the one that reaches furthest."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        k = bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans starting before ``end``
        return k > 0 and self.ends[k - 1] > start

    def covers(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, start)  # the spans starting at or before ``start``
        return k > 0 and self.ends[k - 1] >= end


def _times(text: str, folded: str, words: set[str], offset: int, published: _dt.date | None) -> list[TimeRef]:
    """:func:`find_times`, given ``_fold(text)`` and its words (segment has them already)."""
    # Each pattern is tried only where one of its matches can begin: every one begins
    # with "\b" and a digit or one of its phrases, whose first word is then a whole word
    # of the text (a "\b" or a space follows it), so one of ``words``.
    digits = _number_starts(text)
    noons = _starts_of(folded, _phrases_of(words, _NOON_PHRASES))
    weekdays = _starts_of(folded, _phrases_of(words, _WEEKDAY_PHRASES))
    relatives = _starts_of(folded, _phrases_of(words, _RELATIVE_PHRASES))
    parts = _starts_of(folded, _phrases_of(words, _PART_PHRASES))
    months = _starts_of(folded, _phrases_of(words, _MONTH_PHRASES))
    if not digits and not noons and not weekdays and not relatives and not parts and not months:
        return []  # as in most texts
    # every date has a digit that begins a word (its day or year)
    date_starts = digits + months if digits else []
    refs: list[TimeRef] = []
    taken = _Spans()

    def add(start: int, end: int, kind: str, value: str) -> None:
        refs.append(TimeRef(offset + start, offset + end, text[start:end], kind, value))
        taken.add(start, end)

    for match in _finditer_at(_DATE_RE, text, date_starts):
        if match.group("iso"):
            add(match.start(), match.end(), "date", match.group("iso"))
            continue
        mon = match.group("mon") or match.group("mon2") or match.group("mon3")
        if _lower(mon) == "may" and not match.group("mon2"):
            following = text[match.start():match.end()]
            if not re.match(r"May\b", following):
                continue  # the modal verb "may"
        month = MONTHS[_lower(mon)]
        day = match.group("day") or match.group("day2")
        year = match.group("year") or match.group("year2") or match.group("year3")
        if match.group("mon3"):
            add(match.start(), match.end(), "month", f"{int(year):04d}-{month:02d}")
            continue
        if year is None and published is not None:
            year = str(published.year)
        try:
            if year is None:
                add(match.start(), match.end(), "month", f"--{month:02d}-{int(day):02d}")
            else:
                add(match.start(), match.end(), "date", _dt.date(int(year), month, int(day)).isoformat())
        except ValueError:
            continue
    # the cue word ends at most 6 characters before the month ("during the ")
    for match in _finditer_at(_BARE_MONTH_RE, text, [k for at in months for k in range(max(0, at - 12), at)]):
        if taken.overlaps(match.start(), match.end()):
            continue
        month = MONTHS[_lower(match.group("mon"))]
        start = match.start("mon")
        if published is None:
            add(start, match.end(), "month", f"--{month:02d}")
            continue
        # the publication year, or the one before or after it for "last" and "next"
        cue = _lower(match.group("cue"))
        year = published.year - (cue == "last" and month >= published.month) + (cue == "next" and month <= published.month)
        add(start, match.end(), "month", f"{year:04d}-{month:02d}")
    dated_starts = list(taken.starts)  # of the dates and months (not the clock times: "Friday midnight")
    for match in _finditer_at(_TIME_RE, text, digits + noons):
        if taken.overlaps(match.start(), match.end()):
            continue
        if match.group("noon"):
            minutes = 0 if _lower(match.group("noon")) == "midnight" else 720
        elif match.group("h"):
            hour = int(match.group("h")) % 12
            if _lower(match.group("ap")).startswith("p"):
                hour += 12
            minutes = hour * 60 + int(match.group("m") or 0)
        else:
            hour, minute = next((match.group(h), match.group(m)) for h, m in (("h24", "m24"), ("hd", "md"), ("hd2", "md2"))
                                if match.group(h))
            minutes = int(hour) * 60 + int(minute)
            part = _LATER_PART_RE.match(text, match.end()) if 1 <= int(hour) < 12 else None
            if part and int(hour) in _PM_HOURS[_lower(part.group(1))]:
                minutes += 720  # "at 11.40 on Tuesday night", "8:15 in the evening": p.m.
        add(match.start(), match.end(), "time", str(minutes))
    for match in _finditer_at(_WEEKDAY_RE, text, weekdays):
        near = dated_starts[bisect_left(dated_starts, match.end()):bisect_right(dated_starts, match.end() + 2)]
        if any(not text[match.end():start].strip(" ,") for start in near):
            continue  # "Friday 17 October", "Monday, Nov. 8": the date says which day
        clause = re.split(r"[.;!?]", text[max(0, match.start() - 80):match.start()])[-1]
        resolved = _resolve_weekday(match.group("wd"), published, clause,
                                    possessive=text.startswith(("'s", "\u2019s"), match.end()))
        if resolved:
            add(match.start(), match.end(), "date", resolved)
        else:
            add(match.start(), match.end(), "weekday", _lower(match.group("wd")))
    for match in _finditer_at(_RELATIVE_RE, text, relatives):
        if published is None:
            continue
        shift = _RELATIVE_DAYS[_lower(match.group("rel"))]
        add(match.start(), match.end(), "date", (published + _dt.timedelta(days=shift)).isoformat())
    for match in _finditer_at(_YEAR_RE, text, digits):
        if taken.covers(match.start(), match.end()):
            continue
        add(match.start(), match.end(), "year", match.group("y"))
    for match in _finditer_at(_PART_RE, text, parts):
        part = next(k for k, v in match.groupdict().items() if v)
        add(match.start(), match.end(), "part", part)
    refs.sort(key=lambda r: (r.start, r.end))
    return refs


_CALENDAR_WORDS = frozenset(WEEKDAYS).union(MONTHS)
_NAME_END_STOP = frozenset({"of", "the", "and", "al", "de"})  # words a name does not end with
# What may come before the first word of a sentence (besides spaces, quotes, brackets).
_SENTENCE_BREAK = frozenset(".!?:;\n\u2014\u2013-")


@functools.lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Ordinary words, written in lower case inside sentences (``models/common_words.txt``,
    made by ``scripts/train_common_words.py``)."""
    from importlib.resources import files

    try:
        text = files("coverage").joinpath("models/common_words.txt").read_text(encoding="utf-8")
    except OSError as exc:
        from .errors import ModelError

        raise ModelError(f"The shipped word list could not be read: {exc}") from None
    return frozenset(text.split())


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of its sentence (or of ``text``)."""
    before = text[max(0, start - 12):start].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in _SENTENCE_BREAK


def find_names(text: str, offset: int = 0) -> list[Span]:
    """Capitalised name sequences ("Mustafa al-Kadhemi", "Kataib Hezbollah") in ``text``.

    Examples
    --------
    >>> [s.text for s in find_names("The attack on Mustafa al-Kadhemi was blamed on Kataib Hezbollah.")]
    ['Mustafa al-Kadhemi', 'Kataib Hezbollah']
    """
    out = []
    common = _common_words()
    for match in _NAME_RE.finditer(text):
        found = match.group()
        if found in _NAME_STOP:
            continue  # as below, more quickly: "The", "He" ...
        words = found.split()
        begin = match.start()
        if len(words) == 1 and words[0].lower() in common and _sentence_initial(text, begin):
            # an ordinary word capitalised because it begins the sentence ("Nearly 40 homes",
            # "Officers stopped ..."); a longer name keeps its first word ("Red Cross
            # workers", "Reading Borough Council")
            continue
        if len(words) == 1:  # most names; the same checks as below, more quickly
            lowered = found.lower()
            if lowered not in _CALENDAR_WORDS and lowered not in _NAME_END_STOP:
                out.append(Span(offset + begin, offset + match.end(), found, "name"))
            continue
        while words and (words[0] in _NAME_STOP or words[0].lower() in _CALENDAR_WORDS):
            words = words[1:]
        while words and words[-1].lower() in _NAME_END_STOP:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        start = begin + found.index(words[0])
        end = start + len(name)
        if text[start:end] != name:  # internal whitespace was not a single space
            continue
        if name.lower() in _CALENDAR_WORDS:
            continue
        out.append(Span(offset + start, offset + end, name, "name"))
    return out


def _negated(text: str, folded: str, words: set[str]) -> bool:
    """Whether ``text`` (folded, with its words) denies something, uncertainty ("not confirmed") aside."""
    if not words.isdisjoint(UNCERTAIN_NEGATION_WORDS):
        text = UNCERTAIN_NEGATION_RE.sub(" ", text)
        folded = _fold(text)
        words = _words(folded)
    if "n't" in folded:  # a contraction ("didn't") can begin at any word
        return NEGATION_RE.search(text) is not None
    return bool(_word_matches(NEGATION_RE, text, folded, words, NEGATION_WORDS))


_WORD_CHAR_RE = re.compile(r"\w")
_SENTENCE_ENDS = tuple('.!?"”。！？')  # a sentence ends with one; a heading need not
_CAPITALISED_RE = re.compile(r"\b[A-Z][a-z]+")
_NOT_A_PERSON_RE = re.compile(r"^(?:The|A|An|Two|Three|One)\b")


def segment(article: Article, *, split_clauses: bool = True, id_prefix: str | None = None) -> list[Claim]:
    """Split an article into claims.

    Parameters
    ----------
    article : Article
    split_clauses : bool, default=True
        Split sentences that plainly state two facts ("..., but ...", "...; ...",
        "said X and that Y") into clauses.
    id_prefix : str, optional
        Claim ids are ``f"{id_prefix}-c{n}"``; defaults to the article id.

    Returns
    -------
    list of Claim
        In text order; ``article.text[c.start:c.end] == c.text`` for every claim.

    Examples
    --------
    >>> from coverage import Article
    >>> art = Article(text="BAGHDAD (Reuters) - Three drones hit the residence, officials said.",
    ...               outlet="Wire", id="a1")
    >>> c = segment(art)[0]
    >>> (c.text, c.attributed_to, c.numbers[0].value)
    ('Three drones hit the residence, officials said.', 'officials', 3.0)
    """
    return _segment(article, split_clauses=split_clauses, id_prefix=id_prefix)


def _segment(article: Article, *, split_clauses: bool = True, id_prefix: str | None = None,
             sentences: dict | None = None) -> list[Claim]:
    """:func:`segment`; ``sentences``, when given, caches what is read of each sentence
    (see :func:`_read_sentence`) for the articles segmented with the same dict: reports
    of one event often share sentences word for word (wire copies)."""
    if not isinstance(article, Article):
        from .errors import InvalidArticleError

        raise InvalidArticleError(
            f"segment expects an Article. Got {type(article).__name__} instead; "
            "wrap text as Article(text=..., outlet=...)."
        )
    text = article.text
    prefix = id_prefix or article.id or "a"
    claims: list[Claim] = []
    last_person: str | None = None
    last_source: str | None = None
    quote_source: str | None = None
    pending_quote: list[int] = []  # indices of claims inside a quote still waiting for its source
    for s_start, s_end in sentence_spans(text):
        if sentences is None:
            read = _read_sentence(text[s_start:s_end], s_start, article.published, split_clauses)
        else:
            key = (text[s_start:s_end], article.published, split_clauses)
            read = sentences.get(key)
            if read is None:
                read = sentences[key] = _read_sentence(key[0], s_start, article.published, split_clauses,
                                                       folded_texts=_FOLDED_TEXTS)
            elif read is not _NOT_A_CLAIM and read.offset != s_start:
                read = read.shifted(s_start)
        if read is _NOT_A_CLAIM:
            continue
        src, sentence = read.source, read.sentence
        if src and _PRONOUN_RE.match(src):
            if src.lower() in {"he", "she"}:
                src = last_person or quote_source or src
            else:
                src = last_source or src
        last_source = src or last_source
        quoted = '"' in sentence or "“" in sentence or "”" in sentence or bool(pending_quote)
        for p_start, p_end, piece, numbers, times, names, piece_hedges, negated, updated in read.pieces:
            claims.append(
                Claim(
                    claim_id=f"{prefix}-c{len(claims) + 1}",
                    article_id=article.id or prefix,
                    outlet=article.outlet,
                    start=p_start,
                    end=p_end,
                    text=piece,
                    attributed_to=src,
                    hedged=bool(piece_hedges),
                    quoted=quoted,
                    negated=negated,
                    update=read.update or updated,
                    numbers=numbers,
                    dates=times,
                    names=names,
                    hedges=piece_hedges,
                    published=article.published,
                )
            )
        # A quote that runs over several sentences takes the source named where it closes.
        toggles = _open_quote(sentence)
        new_indices = range(len(claims) - len(read.pieces), len(claims))
        if pending_quote:
            pending_quote.extend(new_indices)
            if toggles:  # this sentence closes the quote
                for index in pending_quote:
                    old = claims[index]
                    claims[index] = _replace(old, attributed_to=old.attributed_to or src, quoted=True)
                pending_quote = []
        elif toggles:
            pending_quote.extend(new_indices)
        if src:
            quote_source = src if quoted else quote_source
            if _CAPITALISED_RE.search(src) and not _NOT_A_PERSON_RE.match(src):
                last_person = src
    return claims


class _Sentence:
    """What :func:`_read_sentence` reads of one sentence found at ``offset``: everything
    about its claims that does not depend on the sentences around it."""

    __slots__ = ("offset", "update", "sentence", "source", "pieces")

    def __init__(self, offset: int, update: bool, sentence: str, source: str | None, pieces: list) -> None:
        self.offset = offset
        self.update = update  # the sentence begins "UPDATE:"
        self.sentence = sentence  # without dateline and update prefix, stripped
        self.source = source  # as the sentence names it (a pronoun is resolved in context)
        # per claim: (start, end, text, numbers, dates, names, hedges, negated, update words)
        self.pieces = pieces

    def shifted(self, offset: int) -> "_Sentence":
        """The same sentence found at ``offset``: every span moved along."""
        by = offset - self.offset
        pieces = [(start + by, end + by, piece, _shift_all(numbers, by), _shift_all(times, by),
                   _shift_all(names, by), _shift_all(hedges, by), negated, updated)
                  for start, end, piece, numbers, times, names, hedges, negated, updated in self.pieces]
        return _Sentence(offset, self.update, self.sentence, self.source, pieces)


_NOT_A_CLAIM = object()  # what _read_sentence gives for a credit, heading or empty sentence
_LATER_FIELDS = {cls: tuple(f.name for f in fields(cls))[2:] for cls in (Span, Quantity, TimeRef)}


def _shift_all(spans: tuple, by: int) -> tuple:
    """Spans (Span, Quantity, TimeRef: start and end first) moved ``by`` characters."""
    return tuple(type(x)(x.start + by, x.end + by, *[getattr(x, name) for name in _LATER_FIELDS[type(x)]])
                 for x in spans)


def _read_sentence(text: str, offset: int, published: _dt.date | None, split_clauses: bool, *,
                   folded_texts: dict | None = None):
    """Read one sentence (``text``, as :func:`sentence_spans` gives it, found at ``offset``
    of its article): a :class:`_Sentence` with spans at their places in the article, or
    ``_NOT_A_CLAIM``. It reads nothing outside the sentence, so a sentence found again
    (in another report) reads alike, moved along. ``folded_texts``, when given, gets the
    folded text and watched words of each claim's text (see _FOLDED_TEXTS)."""
    s_start, s_end = 0, len(text)
    update = False
    dateline = _DATELINE_RE.match(text)
    if dateline:
        s_start += dateline.end()
    upd = _UPDATE_PREFIX_RE.match(text[s_start:s_end])
    if upd:
        update = True
        s_start += upd.end()
    s_start, s_end = _strip_span(text, s_start, s_end)
    bullet = _BULLET_RE.match(text, s_start, s_end)
    if bullet:
        s_start = bullet.end()
    sentence = text[s_start:s_end]
    if not sentence or _CREDIT_RE.match(sentence) or not _WORD_CHAR_RE.search(sentence):
        return _NOT_A_CLAIM
    if (not bullet and not sentence.endswith(_SENTENCE_ENDS) and (" " in sentence or len(sentence) <= 20)
            and len(sentence.split()) <= 6):
        return _NOT_A_CLAIM  # a section heading or a stray word ("Advertisement"), not a claim
    if _TIMESTAMP_RE.match(sentence):
        return _NOT_A_CLAIM  # "Updated 5:30 p.m.", "Published 7 November 2021"
    folded = _fold(sentence)  # shared by the searches below, which it makes quicker
    words = _words(folded)
    src, a_start, a_end = _attribution(sentence, words)
    pieces = _clause_spans(text, s_start, s_end) if split_clauses else _cap_length(text, [(s_start, s_end)])
    if src is None and len(pieces) > 1:
        # "X, officials said, while Y": the attribution closes a clause, not the sentence.
        for p_start, p_end in pieces:
            src, a_start, a_end = find_attribution(text[p_start:p_end])
            if src:
                a_start += p_start - s_start
                a_end += p_start - s_start
                break
    hedge_spans = tuple(
        Span(offset + s_start + m.start(), offset + s_start + m.end(), m.group(), "hedge")
        for m in _word_matches(HEDGE_RE, sentence, folded, words, HEDGE_WORDS)
        if not (a_start <= m.start() < a_end and src)
        and not (m.group() == "May" and m.start() > 0)  # the month ("inspected in May")
    )
    read = []
    for p_start, p_end in pieces:
        piece = text[p_start:p_end]
        if (p_start, p_end) == (s_start, s_end):  # as most sentences are
            piece_folded, piece_words = folded, words
        else:
            piece_folded = _fold(piece)
            piece_words = _words(piece_folded)
        if folded_texts is not None:
            watched = piece_words & _WATCHED_WORDS
            folded_texts[piece] = (piece_folded, frozenset(watched) if watched else _NO_WORDS)
        at = offset + p_start  # where the piece is in its article
        if _DIGIT_RE.search(piece) or not piece_words.isdisjoint(_TIME_FIRST_WORDS):
            times = _times(piece, piece_folded, piece_words, at, published)
        else:
            times = []  # find_times finds none: a time has a digit or begins with such a word
        numbers = _quantities(piece, piece_folded, at, [(t.start - at, t.end - at) for t in times])
        names = find_names(piece, at)
        piece_hedges = tuple(h for h in hedge_spans if at <= h.start < offset + p_end) if hedge_spans else ()
        core = piece
        if src and a_end > a_start:
            rel_s, rel_e = a_start + s_start - p_start, a_end + s_start - p_start
            core = piece[: max(rel_s, 0)] + " " + piece[max(rel_e, 0):] if rel_e > 0 else piece
        if core is piece:
            negated = _negated(piece, piece_folded, piece_words)
        else:
            core_folded = _fold(core)
            negated = _negated(core, core_folded, _words(core_folded))
        updates = _word_matches(UPDATE_RE, piece, piece_folded, piece_words, UPDATE_WORDS)
        read.append((at, offset + p_end, piece, tuple(numbers), tuple(times), tuple(names), piece_hedges,
                     negated, bool(updates)))
    return _Sentence(offset, update, sentence, src, read)


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


def _replace(claim: Claim, **changes) -> Claim:
    """``dataclasses.replace(claim, **changes)``, without looking the fields up each time."""
    return Claim(**{name: changes[name] if name in changes else getattr(claim, name) for name in _CLAIM_FIELDS})
