"""``python -m coverage``: the news-coverage command line."""

from .cli import main

raise SystemExit(main())
