"""Reading articles from files and HTML. The only module besides report.py that touches files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import InvalidArticleError, MissingDependencyError
from .types import Article

__all__ = ["article_from_html", "read_articles", "read_json"]


def read_json(path) -> Any:
    """Read a JSON file (UTF-8); a malformed file raises InvalidArticleError."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidArticleError(f"Could not read JSON from {path}: {exc}") from None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidArticleError(f"{path} is not UTF-8 text.") from None
    except OSError as exc:
        raise InvalidArticleError(f"Could not read {path}: {exc}") from None


def read_articles(paths, *, outlets=None) -> list[dict]:
    """Read article records from .txt, .json, .jsonl, .csv and .html files.

    A .txt or .html file is one article; its outlet comes from ``outlets`` (one per
    path, in order) or else from the file name. A .json file holds one record, a list
    of records, or an event pack (``{"articles": [...]}``); .jsonl one record a line;
    .csv a table with ``text`` and ``outlet`` columns.
    """
    records: list[dict] = []
    paths = [Path(p) for p in paths]
    if outlets is not None and len(outlets) not in (0, len(paths)):
        raise InvalidArticleError(
            f"Give one outlet per file: got {len(outlets)} outlets for {len(paths)} files."
        )
    for index, path in enumerate(paths):
        outlet = outlets[index] if outlets else path.stem
        suffix = path.suffix.lower()
        if suffix in {".txt", ".text", ".md", ""}:
            records.append({"text": _read_text(path), "outlet": outlet})
        elif suffix in {".html", ".htm"}:
            records.append(_html_record(_read_text(path), outlet=outlet))
        elif suffix == ".json":
            data = read_json(path)
            if isinstance(data, dict) and "articles" in data:
                data = data["articles"]
            records.extend(data if isinstance(data, list) else [data])
        elif suffix == ".jsonl":
            for number, line in enumerate(_read_text(path).splitlines(), 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InvalidArticleError(f"{path}, line {number}: {exc}") from None
        elif suffix == ".csv":
            import pandas as pd

            try:
                frame = pd.read_csv(path)
            except (OSError, ValueError) as exc:
                raise InvalidArticleError(f"Could not read CSV {path}: {exc}") from None
            records.extend(frame.to_dict(orient="records"))
        else:
            raise InvalidArticleError(
                f"Unsupported file type {suffix!r} for {path}: use .txt, .html, .json, .jsonl or .csv."
            )
    return records


def _html_record(html: str, *, outlet: str) -> dict:
    try:
        import trafilatura
    except ImportError as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name == "trafilatura":
            raise MissingDependencyError(
                'Reading HTML needs trafilatura: pip install "news-coverage[html]"'
            ) from None
        # Installed but broken, e.g. lxml >= 5.2 without the separate lxml_html_clean.
        raise MissingDependencyError(
            f"trafilatura is installed but cannot be imported: {exc} "
            '(or reinstall with: pip install -U "news-coverage[html]")'
        ) from None
    # trafilatura < 1.9 returns a dict; later versions a Document with as_dict()
    # (and 2.0 dropped the as_dict argument of bare_extraction).
    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    if extracted is None:
        raise InvalidArticleError("No article text could be extracted from the HTML.")
    if isinstance(extracted, dict):
        data = extracted
    elif hasattr(extracted, "as_dict"):
        data = extracted.as_dict()
    else:
        data = {name: getattr(extracted, name, None) for name in ("text", "title", "date", "url")}
    text = data.get("text") or ""
    if not text.strip():
        raise InvalidArticleError("No article text could be extracted from the HTML.")
    return {"text": text, "outlet": outlet, "title": data.get("title") or None,
            "published": data.get("date") or None, "url": data.get("url") or None}


def article_from_html(html: str, *, outlet: str, **fields) -> Article:
    """Extract an :class:`Article` from an HTML page (needs ``news-coverage[html]``)."""
    if not isinstance(html, str):
        raise InvalidArticleError(f"html must be a str. Got {type(html).__name__} instead.")
    record = _html_record(html, outlet=outlet)
    record.update(fields)
    return Article(**{k: v for k, v in record.items() if v is not None or k in ("text", "outlet")})
