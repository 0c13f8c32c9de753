"""Exception types raised by news-coverage.

Every error the library raises on bad input is a subclass of :class:`CoverageError`,
so callers can catch one type.
"""

from __future__ import annotations

__all__ = [
    "CoverageError",
    "EmptyInputError",
    "InvalidArticleError",
    "InvalidParameterError",
    "DuplicateIdError",
    "MissingDependencyError",
    "ModelError",
]


class CoverageError(Exception):
    """Base class of every error news-coverage raises."""


class InvalidParameterError(CoverageError, ValueError):
    """A keyword option has a wrong type or value."""


class InvalidArticleError(CoverageError, ValueError):
    """An article (or a field of one) is malformed: wrong type, empty text, binary data ..."""


class EmptyInputError(CoverageError, ValueError):
    """Too few articles (or strings) to do the requested work."""


class DuplicateIdError(CoverageError, ValueError):
    """Two articles share an ``id``."""


class MissingDependencyError(CoverageError, ImportError):
    """An optional extra is needed for this feature; the message names the pip command."""


class ModelError(CoverageError, RuntimeError):
    """A shipped model file is missing or malformed."""
