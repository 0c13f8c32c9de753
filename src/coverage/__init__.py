"""news-coverage: how different outlets report the same event."""

from .errors import CoverageError
from .types import Article

__all__ = ["Article", "CoverageError"]
__version__ = "0.1.0"
