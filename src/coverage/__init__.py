"""news-coverage: how different outlets report the same event.

>>> import coverage
>>> report = coverage.compare([
...     {"text": "Three drones attacked the residence on Sunday.", "outlet": "Wire"},
...     {"text": "Two drones attacked the residence on Sunday.", "outlet": "Daily"},
... ])
>>> report.relations["type"].tolist()
['numeric']
"""

from .errors import (
    CoverageError,
    DuplicateIdError,
    EmptyInputError,
    InvalidArticleError,
    InvalidParameterError,
    MissingDependencyError,
    ModelError,
)
from ._validation import CoverageWarning
from .cluster import cluster_events
from .corpus import CorpusReport, compare_corpus
from .learned import same_claim, stance
from .pipeline import compare
from .report import CoverageReport
from .segment import segment
from .types import Article, Claim, ContradictionType, FactStatus, Label

__all__ = sorted([
    "Article",
    "Claim",
    "ContradictionType",
    "CorpusReport",
    "CoverageError",
    "CoverageReport",
    "CoverageWarning",
    "DuplicateIdError",
    "EmptyInputError",
    "FactStatus",
    "InvalidArticleError",
    "InvalidParameterError",
    "Label",
    "MissingDependencyError",
    "ModelError",
    "cluster_events",
    "compare",
    "compare_corpus",
    "same_claim",
    "segment",
    "stance",
])
__version__ = "0.1.0"
