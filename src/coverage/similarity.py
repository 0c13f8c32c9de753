"""Similarity scorers and the claim-text normalisation they share.

Scorers follow rapidfuzz's shape: ``(a, b, *, score_cutoff=None) -> float`` in [0, 1],
0.0 for an empty string, symmetric, and 0.0 below ``score_cutoff``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from ._lexicon import MATCHING_SYNONYMS, NUMBER_WORDS, STOPWORDS
from .segment import _folded_words, watch_words

__all__ = ["normalize_for_matching", "stem", "token_set_similarity", "content_tokens",
           "row_cosine"]

# "[a-z0-9]" under re.IGNORECASE, spelled out (case-insensitive matching costs a third of
# the time of the search); the last four are the non-ASCII letters it matches.
_TOKEN_RE = re.compile("[a-zA-Z0-9\u0130\u0131\u017f\u212a]+(?:[.,][0-9]+)*")
_NUMBER_WORDS_ALONE = sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)
# The look-ahead on the words' first letters changes no match; it spares the regex engine
# trying every alternative at every word start (half the time of normalize_for_matching).
_WORD_NUMBER_RE = re.compile(
    r"\b(?=[" + "".join(sorted({w[0] for w in _NUMBER_WORDS_ALONE})) + r"])"
    r"(" + "|".join(_NUMBER_WORDS_ALONE) + r")\b",
    re.IGNORECASE,
)
# Characters that re.IGNORECASE matches as ASCII letters ("ſix" matches "six").
_IGNORECASE_ASCII = str.maketrans("İıſ\u212a", "iisk")  # \u212a: the Kelvin sign
# The first run of letters of each of those words: where one of them matches, that run is a
# whole word of the folded text (see normalize_for_matching).
_NUMBER_WORD_STARTS = frozenset(re.match("[a-z]+", w.lower()).group() for w in _NUMBER_WORDS_ALONE)
watch_words(_NUMBER_WORD_STARTS)  # (see normalize_for_matching)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: "workers" -> "worker", "evacuation" -> "evacu"; a final
    "e" after a consonant goes too, so that "cause" and "caused" share "caus"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    if len(word) >= 5 and word.endswith("e") and word[-2] not in "aeiouy":
        return word[:-1]  # "cause" as "caused", "causes": "caus"
    return word


def _synonym_map() -> dict[str, str]:
    """Stem -> the stem of its MATCHING_SYNONYMS line's first word (the first line wins)."""
    out: dict[str, str] = {}
    for line in MATCHING_SYNONYMS:
        for word in line:
            out.setdefault(stem(word), stem(line[0]))
    return out


def normalize_for_matching(text: str) -> str:
    """Lower-case, number words as digits, stemmed content tokens: the text similarity sees.

    Examples
    --------
    >>> normalize_for_matching("Fourteen workers were treated in hospital")
    '14 worker treat hospital'
    """
    # A number word is a whole word of the folded text (see segment._words); most claims
    # have none, and telling so is quicker than the search.
    if not _NUMBER_WORD_STARTS.isdisjoint(_folded_words(text)[1]):
        text = _WORD_NUMBER_RE.sub(lambda m: str(NUMBER_WORDS[m.group(1).translate(_IGNORECASE_ASCII).lower()]),
                                   text)
    return " ".join(filter(None, map(_matching_token, _TOKEN_RE.findall(text.lower()))))


_SYNONYM_OF = _synonym_map()


@lru_cache(maxsize=65536)
def _matching_token(token: str) -> str:
    """A token as normalize_for_matching keeps it: without thousands separators,
    stemmed, and as its synonym line's first word (see MATCHING_SYNONYMS); "" for a
    stopword (no token is empty otherwise)."""
    token = token.replace(",", "")
    if token in STOPWORDS:
        return ""
    token = stem(token)
    return _SYNONYM_OF.get(token, token)


def content_tokens(text: str) -> set[str]:
    """The set of normalised content tokens of ``text``."""
    return set(normalize_for_matching(text).split())


def token_set_similarity(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """rapidfuzz ``token_set_ratio`` of the normalised texts, in [0, 1].

    Examples
    --------
    >>> token_set_similarity("Three drones attacked", "3 drones attacked")
    1.0
    >>> token_set_similarity("", "anything")
    0.0
    """
    na, nb = normalize_for_matching(a), normalize_for_matching(b)
    if not na or not nb:
        return 0.0
    score = fuzz.token_set_ratio(na, nb) / 100.0
    if score_cutoff is not None and score < score_cutoff:
        return 0.0
    return score


def row_cosine(left, right) -> np.ndarray:
    """Cosine of matching rows of two L2-normalised sparse matrices."""
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()
