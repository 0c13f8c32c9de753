"""Immutable records that flow through the pipeline.

Every record that points into a text keeps character offsets, so that
``article.text[claim.start:claim.end] == claim.text`` always holds.
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Claim",
    "ContradictionType",
    "FactStatus",
    "Label",
    "Quantity",
    "Relation",
    "Span",
    "TimeRef",
]


class Label(str, enum.Enum):
    """The verdict on an aligned pair of claims."""

    AGREE = "agree"
    CONTRADICT = "contradict"


class ContradictionType(str, enum.Enum):
    """Why two claims cannot both be true."""

    NUMERIC = "numeric"
    NEGATION = "negation"
    ENTITY = "entity"
    TEMPORAL = "temporal"
    MODALITY = "modality"


class FactStatus(str, enum.Enum):
    """How many independent outlets back a fact, and whether one disputes it."""

    CONSENSUS = "consensus"
    DISPUTED = "disputed"
    SINGLE_SOURCE = "single-source"


@dataclass(frozen=True, slots=True)
class Article:
    """One report of an event.

    Parameters
    ----------
    text : str
        The article body.
    outlet : str
        The outlet that published it ("Reuters", "The Daily Clarion" ...).
    id : str, optional
        A unique id; :func:`coverage.compare` assigns ``a1``, ``a2`` ... in input
        order to articles that have none.
    title : str, optional
    published : datetime.date or str, optional
        Publication date; an ISO string (``"2021-11-07"``) is parsed on creation.
        Relative dates in the text ("on Sunday") are resolved against it.
    url : str, optional

    Examples
    --------
    >>> from coverage import Article
    >>> a = Article(text="Three drones were launched.", outlet="Wire", published="2021-11-07")
    >>> a.published
    datetime.date(2021, 11, 7)
    """

    text: str
    outlet: str
    id: str | None = None
    title: str | None = None
    published: _dt.date | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        from ._validation import check_article_fields

        published = check_article_fields(self)
        object.__setattr__(self, "published", published)

    @classmethod
    def from_html(cls, html: str, *, outlet: str, **fields) -> "Article":
        """Build an article from an HTML page (needs ``news-coverage[html]``).

        The main text, and the title and date where the page gives them, are
        extracted with trafilatura; ``fields`` override what is extracted.
        """
        from .io import article_from_html

        return article_from_html(html, outlet=outlet, **fields)


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character span of an article's text."""

    start: int
    end: int
    text: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number stated in a claim: ``value`` with its ``unit`` ("$", "%") and the noun it counts.

    ``approx`` is True for hedged figures ("about 60", "more than 50"); ``bound`` is
    "lower" ("at least", "more than"), "upper" ("up to", "less than") or "".
    """

    start: int
    end: int
    text: str
    value: float
    unit: str = ""
    head: str = ""
    approx: bool = False
    bound: str = ""


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A date or time stated in a claim.

    ``kind`` is one of "date" (an ISO date in ``value``), "weekday", "month", "year",
    "time" (minutes after midnight in ``value``) or "part" (a part of the day:
    "night", "morning", "afternoon", "evening").
    """

    start: int
    end: int
    text: str
    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence or clause of an article that states one or more facts.

    ``attributed_to`` is the source the outlet credits ("officials", "Hamdi Malik"),
    or None when the outlet speaks in its own voice; ``published`` is the publication
    date of its article, if known.
    """

    claim_id: str
    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    attributed_to: str | None = None
    hedged: bool = False
    quoted: bool = False
    negated: bool = False
    update: bool = False
    numbers: tuple[Quantity, ...] = field(default_factory=tuple)
    dates: tuple[TimeRef, ...] = field(default_factory=tuple)
    names: tuple[Span, ...] = field(default_factory=tuple)
    hedges: tuple[Span, ...] = field(default_factory=tuple)
    published: _dt.date | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """The verdict on one aligned pair of claims from two different articles."""

    claim_a: str
    claim_b: str
    label: Label
    type: ContradictionType | None
    score: float
    evidence_a: str
    evidence_b: str
    explanation: str
