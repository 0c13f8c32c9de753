"""Checks of user input, shared by every public entry point.

Errors are raised early, at the entry point, in one shape:
``The 'threshold' parameter of compare must be a float in [0, 1]. Got 1.5 instead.``
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import numbers
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import (
    DuplicateIdError,
    EmptyInputError,
    InvalidArticleError,
    InvalidParameterError,
)

__all__ = [
    "CoverageWarning",
    "check_article_fields",
    "check_float",
    "check_int",
    "coerce_articles",
]

ARTICLE_FIELDS = ("text", "outlet", "id", "title", "published", "url")
# Share of control / replacement characters above which a text is taken for binary data.
_BINARY_SHARE = 0.05
_JUNK_RE = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ENGLISH_MARKERS = frozenset(
    "the of and to in a is that for on was with said by as at from it be has have".split()
)


class CoverageWarning(UserWarning):
    """A best-effort result: the input was accepted but may be handled poorly."""


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:  # pandas NA / NaT without importing pandas
        return bool(value != value)  # noqa: PLR0124 - NaN-like objects are unequal to themselves
    except (TypeError, ValueError):
        return False


def _parse_date(value: Any, where: str) -> _dt.date | None:
    if _is_missing(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InvalidArticleError(
        f"The 'published' field of {where} must be a date or an ISO date string "
        f"such as '2021-11-07'. Got {value!r} instead."
    )


def _check_text(text: Any, where: str) -> None:
    if isinstance(text, bytes | bytearray):
        raise InvalidArticleError(
            f"The 'text' field of {where} must be a str. Got bytes instead; "
            "decode it first, e.g. data.decode('utf-8')."
        )
    if not isinstance(text, str):
        raise InvalidArticleError(
            f"The 'text' field of {where} must be a str. Got {type(text).__name__} instead."
        )
    if not text.strip():
        raise InvalidArticleError(f"The 'text' field of {where} is empty or whitespace only.")
    if not text.isascii() and _SURROGATE_RE.search(text):  # (an ASCII text has none: no search)
        raise InvalidArticleError(
            f"The 'text' field of {where} has unpaired surrogate code points (U+D800-U+DFFF), "
            "which no encoding can write; decode the source with errors='replace', not 'surrogateescape'."
        )
    sample = text[:20000]
    junk = len(_JUNK_RE.findall(sample))
    if junk > _BINARY_SHARE * len(sample):
        raise InvalidArticleError(
            f"The 'text' field of {where} looks like binary data "
            f"({junk} control characters in its first {len(sample)}); pass decoded text."
        )


def _optional_str(value: Any, name: str, where: str) -> str | None:
    if _is_missing(value):
        return None
    if isinstance(value, str):
        return value
    if name == "id" and isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    if name == "id" and isinstance(value, float) and value.is_integer():
        return str(int(value))  # a pandas column of ints with a gap becomes float
    raise InvalidArticleError(
        f"The '{name}' field of {where} must be a str or None. Got {type(value).__name__} instead."
    )


def check_article_fields(article) -> _dt.date | None:
    """Validate an :class:`~coverage.Article` on creation; return its parsed date."""
    where = "Article" if article.id is None else f"Article {article.id!r}"
    _check_text(article.text, where)
    if _is_missing(article.outlet) or not isinstance(article.outlet, str) or not article.outlet.strip():
        raise InvalidArticleError(
            f"The 'outlet' field of {where} must be a non-empty str. Got {article.outlet!r} instead."
        )
    for name in ("id", "title", "url"):
        value = getattr(article, name)
        if value is not None and not isinstance(value, str):
            raise InvalidArticleError(
                f"The '{name}' field of {where} must be a str or None. "
                f"Got {type(value).__name__} instead."
            )
    if article.id is not None and not article.id.strip():
        raise InvalidArticleError(f"The 'id' field of {where} must not be empty.")
    return _parse_date(article.published, where)


def _records(articles: Any, func: str) -> list[Any]:
    if articles is None:
        raise EmptyInputError(f"{func} needs articles. Got None instead.")
    if hasattr(articles, "to_dict") and hasattr(articles, "columns"):  # a DataFrame
        missing = {"text", "outlet"} - set(map(str, articles.columns))
        if missing:
            raise InvalidArticleError(
                f"The DataFrame passed to {func} must have columns 'text' and 'outlet'. "
                f"Missing: {sorted(missing)}."
            )
        return articles.to_dict(orient="records")
    if isinstance(articles, str | bytes | Mapping):
        raise InvalidParameterError(
            f"{func} expects a sequence of articles (Article objects, dicts or a DataFrame). "
            f"Got a single {type(articles).__name__} instead; wrap it in a list."
        )
    if not isinstance(articles, Iterable):
        raise InvalidParameterError(
            f"{func} expects a sequence of articles (Article objects, dicts or a DataFrame). "
            f"Got {type(articles).__name__} instead."
        )
    return list(articles)


def coerce_articles(articles: Any, *, func: str = "compare", min_articles: int = 1) -> list:
    """Turn Articles, dicts or a DataFrame into a list of Articles with unique ids.

    Articles without an id get ``a1``, ``a2`` ... by input position (skipping ids
    already taken), so the ids are stable for the same input.
    """
    from .types import Article

    records = _records(articles, func)
    if len(records) < min_articles:
        raise EmptyInputError(
            f"{func} needs at least {min_articles} article{'s' if min_articles > 1 else ''}. "
            f"Got {len(records)}."
        )
    out: list[Article] = []
    for position, record in enumerate(records):
        where = f"article {position} (0-based) passed to {func}"
        if isinstance(record, Article):
            out.append(record)
            continue
        if not isinstance(record, Mapping):
            raise InvalidArticleError(
                f"{where} must be an Article or a dict. Got {type(record).__name__} instead."
            )
        # Extra keys (scores a user keeps beside the text) are allowed and ignored.
        fields = {k: record[k] for k in ARTICLE_FIELDS if k in record}
        if "text" not in fields or "outlet" not in fields:
            raise InvalidArticleError(f"{where} must have 'text' and 'outlet' fields.")
        for name in ("id", "title", "url", "outlet"):
            if name in fields:
                fields[name] = _optional_str(fields[name], name, where)
        try:
            out.append(Article(**fields))
        except InvalidArticleError as exc:
            raise InvalidArticleError(f"{where}: {exc}") from None
    taken = {a.id for a in out if a.id is not None}
    seen: set[str] = set()
    for a in out:
        if a.id is not None:
            if a.id in seen:
                raise DuplicateIdError(
                    f"Article ids passed to {func} must be unique. Got {a.id!r} more than once."
                )
            seen.add(a.id)
    result = []
    counter = 0
    for a in out:
        if a.id is None:
            counter += 1
            while f"a{counter}" in taken:
                counter += 1
            # The fields were checked when the Article was made; copy without re-checking.
            fresh = object.__new__(Article)
            for name in ARTICLE_FIELDS:
                object.__setattr__(fresh, name, getattr(a, name))
            object.__setattr__(fresh, "id", f"a{counter}")
            a = fresh
            taken.add(a.id)
        result.append(a)
    return result


_HTML_TAG_RE = re.compile(r"</?(?:p|div|span|a|br|script|style|html|body|img|li|ul|h[1-6]|table|td|tr)\b[^>]*>",
                          re.IGNORECASE)


def warn_if_markup(article) -> None:
    """Warn (best effort) when an article's text still holds HTML tags."""
    tags = len(_HTML_TAG_RE.findall(article.text[:200_000]))
    if tags >= 3:
        warnings.warn(
            f"Article {article.id!r} holds {tags} HTML tags; text is read as plain text, so tags "
            "can merge sentences. Extract the text first: Article.from_html(html, outlet=...).",
            CoverageWarning,
            stacklevel=3,
        )


_NON_ASCII_LETTER_RE = re.compile(r"[^\W\d_\x00-\x7f]")  # letters outside ASCII
_NOT_ASCII_LETTERS = bytes(byte for byte in range(128) if not chr(byte).isalpha())


def _latin_share(sample: str) -> float:
    """Share of the letters of ``sample`` that are ASCII letters (1.0 without letters)."""
    if sample.isascii():
        return 1.0  # every letter is an ASCII letter
    # counted without listing every letter: the ASCII letters are what is left of the
    # ASCII bytes once the others are deleted, and the other letters are few
    ascii_letters = len(sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS))
    letters = ascii_letters + len(_NON_ASCII_LETTER_RE.findall(sample))
    return ascii_letters / letters if letters else 1.0


def warn_if_not_english(article) -> None:
    """Warn (best effort) when an article does not look like English text."""
    sample = article.text[:5000]
    latin = _latin_share(sample)
    # lower-cased once rather than word by word: it neither makes nor removes whitespace,
    # so the words are the same
    words = sample.lower().split(maxsplit=600)[:600]
    share = sum(map(_ENGLISH_MARKERS.__contains__, words)) / len(words) if words else 0.0
    if latin < 0.5 or (len(words) >= 20 and share < 0.04):
        warnings.warn(
            f"Article {article.id!r} does not look like English; attribution, hedges, "
            "negation and number words are recognised in English only, so its claims are "
            "segmented and aligned on surface similarity alone.",
            CoverageWarning,
            stacklevel=3,
        )


def check_float(value: Any, name: str, func: str, *, low: float = 0.0, high: float = 1.0) -> float:
    """Return ``value`` as a float in [low, high] or raise InvalidParameterError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not low <= value <= high:
        raise InvalidParameterError(
            f"The '{name}' parameter of {func} must be a float in [{low}, {high}]. Got {value!r} instead."
        )
    return float(value)


def check_int(value: Any, name: str, func: str, *, low: int = 1) -> int:
    """Return ``value`` as an int >= low or raise InvalidParameterError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
        raise InvalidParameterError(
            f"The '{name}' parameter of {func} must be an int >= {low}. Got {value!r} instead."
        )
    return int(value)
