"""compare_corpus(): group a corpus into events, then compare the reports of each event.

Clustering (:func:`coverage.cluster_events`) runs once over the whole corpus; the
per-event comparisons (:func:`coverage.compare`) are independent of each other, so
they run either one after another in this process (``engine="local"``) or as tasks
on a dask.distributed cluster (``engine="dask"``, the ``news-coverage[dask]`` extra).
Both engines give the same events, reports and relations.
"""

from __future__ import annotations

import gc
import inspect
import logging
import sys
import time
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._validation import CoverageWarning, check_int, coerce_articles
from .cluster import cluster_events
from .errors import CoverageError, InvalidParameterError, MissingDependencyError
from .pipeline import check_compare_options, compare
from .report import RELATION_COLUMNS, CoverageReport
from .types import Article

__all__ = ["CorpusReport", "compare_corpus"]

_FUNC = "compare_corpus"
EVENT_COLUMNS = ["event_id", "size", "label", "article_ids", "n_claims", "n_contradictions", "status",
                 "message"]
FACT_COLUMNS = ["fact_id", "text", "claim_ids", "article_ids", "outlets", "n_outlets", "n_independent",
                "contradicted_by", "status"]
COMPARED, SINGLE_ARTICLE, SKIPPED, ERROR = "compared", "single-article", "skipped", "error"
_ENGINES = ("local", "dask")
# Workers of the LocalCluster started when engine="dask" and no scheduler is given.
_DASK_WORKERS = 2
_DASK_INSTALL = 'pip install "news-coverage[dask]"'


@dataclass
class CorpusReport:
    """The result of :func:`coverage.compare_corpus`.

    Attributes
    ----------
    events : DataFrame
        One row per event, by ``event_id``: ``event_id`` (int), ``size`` (int, articles),
        ``label`` (str, the event's heaviest terms), ``article_ids`` (list of str, in input
        order), ``n_claims`` and ``n_contradictions`` (nullable Int64, <NA> when the event
        was not compared), ``status`` and ``message`` (str or None). ``status`` is
        ``"compared"``; ``"single-article"`` for an article no other article reports on;
        ``"skipped"`` for an event with fewer than ``min_articles`` articles; or ``"error"``
        when :func:`coverage.compare` rejected the event, with the reason in ``message``.
    reports : dict of int to CoverageReport
        The report of every compared event, by event id, in event order.
    assignments : DataFrame
        The output of :func:`coverage.cluster_events`: one row per article, in input
        order (``article_id, event_id, event_size, event_label``).
    relations : DataFrame
        The ``relations`` of every report, one below the other, with ``event_id`` as the
        first column.
    facts : DataFrame
        The ``facts`` of every report with ``event_id`` as the first column; fact ids
        (``f1``, ``f2`` ...) restart in every event, so (``event_id``, ``fact_id``) is
        the key.
    """

    events: pd.DataFrame
    reports: dict[int, CoverageReport]
    assignments: pd.DataFrame
    relations: pd.DataFrame
    facts: pd.DataFrame

    def __repr__(self) -> str:
        counts = self.events["status"].value_counts()
        statuses = ", ".join(f"{counts[s]} {s}" for s in (COMPARED, SINGLE_ARTICLE, SKIPPED, ERROR)
                             if counts.get(s, 0))
        return (f"CorpusReport({len(self.assignments)} articles, {len(self.events)} events: "
                f"{statuses or 'none'}; {len(self.relations)} relations)")


def compare_corpus(articles, *, engine: str = "local", scheduler=None, progress: bool | None = None,
                   min_articles: int = 2, cluster_options: Mapping[str, Any] | None = None,
                   compare_options: Mapping[str, Any] | None = None, iterator: bool = False):
    """Find the events in a corpus and compare how outlets report each of them.

    The articles are grouped into events with :func:`coverage.cluster_events`; every
    event with at least ``min_articles`` articles is then compared with
    :func:`coverage.compare`. Events of one article are listed as ``"single-article"``
    rather than dropped. An event that :func:`~coverage.compare` rejects (say, an
    article longer than ``max_chars``) is recorded with status ``"error"`` and the
    reason, and the run goes on.

    Parameters
    ----------
    articles : sequence of Article or dict, or pandas.DataFrame
        The corpus, as accepted by :func:`coverage.compare`; one article is enough.
        Articles without an id get ``a1``, ``a2`` ... in input order.
    engine : {"local", "dask"}, default="local"
        Where the per-event comparisons run: one after another in this process, or as
        tasks on a dask.distributed cluster (needs ``pip install "news-coverage[dask]"``).
    scheduler : str or distributed.Client, optional
        With ``engine="dask"``: the address of a running scheduler
        (``"tcp://10.0.0.5:8786"``, whose workers must have news-coverage installed) or a
        connected ``Client``, which is used and left open. By default a
        ``LocalCluster`` of two single-threaded worker processes is started and shut
        down around the run.
    progress : bool or None, default=None
        Show a plain-text progress bar on stderr. None shows it only when stderr is a
        terminal.
    min_articles : int >= 2, default=2
        Smallest event that is compared; smaller events of two or more articles are
        listed as ``"skipped"``.
    cluster_options : dict, optional
        Keyword options of :func:`coverage.cluster_events` (``threshold``,
        ``n_neighbors``, ``window_days``).
    compare_options : dict, optional
        Keyword options of :func:`coverage.compare` (``threshold``, ``top_k`` ...),
        the same for every event. As in ``compare``, the stance check is off unless
        ``{"stance_check": True}`` (or ``None``, automatic) is given.
    iterator : bool, default=False
        Return a generator of ``(event_id, CoverageReport)`` instead of a
        :class:`CorpusReport`, so that a large corpus need not be held in memory at once.
        It yields only compared events: in event order with the local engine, as they
        finish with dask. An event that cannot be compared gives a ``CoverageWarning``.
        Input and options are checked, and the corpus clustered, before it is returned.

    Returns
    -------
    CorpusReport or iterator of (int, CoverageReport)

    Raises
    ------
    EmptyInputError, InvalidArticleError, DuplicateIdError
        If the corpus is empty or an article is malformed.
    InvalidParameterError
        If an option is malformed, including an option of ``compare_options`` that
        :func:`coverage.compare` rejects (it would fail every event alike).
    MissingDependencyError
        If ``engine="dask"`` and dask.distributed is not installed.

    Examples
    --------
    >>> import coverage
    >>> from coverage.corpus import compare_corpus
    >>> result = compare_corpus([
    ...     {"text": "Fourteen workers were taken to hospital after the factory fire.", "outlet": "Wire"},
    ...     {"text": "Nineteen workers were taken to hospital after the factory fire.", "outlet": "Daily"},
    ...     {"text": "The central bank raised interest rates by half a point.", "outlet": "Wire"},
    ... ])
    >>> result.events[["event_id", "size", "status", "n_contradictions"]].values.tolist()
    [[0, 2, 'compared', 1], [1, 1, 'single-article', <NA>]]
    >>> result.relations[["event_id", "outlet_a", "outlet_b", "relation", "type"]].values.tolist()
    [[0, 'Wire', 'Daily', 'contradict', 'numeric']]
    """
    if engine not in _ENGINES:
        raise InvalidParameterError(
            f"The 'engine' parameter of {_FUNC} must be one of {list(_ENGINES)}. Got {engine!r} instead."
        )
    if scheduler is not None and engine != "dask":
        raise InvalidParameterError(
            f"The 'scheduler' parameter of {_FUNC} is used only with engine='dask'. "
            f"Got scheduler={scheduler!r} with engine={engine!r}."
        )
    if progress is not None and not isinstance(progress, bool):
        raise InvalidParameterError(
            f"The 'progress' parameter of {_FUNC} must be a bool or None. Got {progress!r} instead."
        )
    if not isinstance(iterator, bool):
        raise InvalidParameterError(
            f"The 'iterator' parameter of {_FUNC} must be a bool. Got {iterator!r} instead."
        )
    min_articles = check_int(min_articles, "min_articles", _FUNC, low=2)
    cluster_options = _check_options(cluster_options, "cluster_options", cluster_events)
    compare_options = {"stance_check": False, **_check_options(compare_options, "compare_options", compare)}
    check_compare_options(**compare_options)  # bad values fail now, not in the first event
    if engine == "dask":
        _import_distributed()
    records = coerce_articles(articles, func=_FUNC, min_articles=1)
    show = sys.stderr.isatty() if progress is None else progress

    assignments = cluster_events(records, **cluster_options)
    events = _event_table(assignments)
    members: dict[int, list[Article]] = {}
    for article, event_id in zip(records, assignments["event_id"].tolist()):
        members.setdefault(event_id, []).append(article)
    todo = [e for e in events["event_id"].tolist() if len(members[e]) >= min_articles]
    tasks = [(e, members[e]) for e in todo]
    if engine == "local":
        results = _run_local(tasks, compare_options, show)
    else:
        results = _run_dask(tasks, compare_options, show, scheduler)
    if iterator:
        return _yield_reports(results)
    return _collect(results, events, assignments, members, min_articles)


def _check_options(options, name: str, func) -> dict[str, Any]:
    if options is None:
        return {}
    if not isinstance(options, Mapping):
        raise InvalidParameterError(
            f"The '{name}' parameter of {_FUNC} must be a dict of keyword options of "
            f"{func.__name__}. Got {type(options).__name__} instead."
        )
    allowed = [p.name for p in inspect.signature(func).parameters.values() if p.kind is p.KEYWORD_ONLY]
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise InvalidParameterError(
            f"The '{name}' parameter of {_FUNC} must hold options of {func.__name__} "
            f"({', '.join(allowed)}). Got unknown {unknown} instead."
        )
    return dict(options)


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError(
            f"engine='dask' of {_FUNC} needs dask.distributed: {_DASK_INSTALL}"
        ) from None
    return distributed


def _event_table(assignments: pd.DataFrame) -> pd.DataFrame:
    grouped = assignments.groupby("event_id", sort=True)
    events = pd.DataFrame({
        "event_id": grouped["event_id"].first().to_numpy(),
        "size": grouped["article_id"].size().to_numpy(),
        "label": grouped["event_label"].first().to_numpy(),
        "article_ids": grouped["article_id"].agg(list).to_numpy(),
    })
    return events.astype({"event_id": "int64", "size": "int64"})


def _compare_event(articles: list[Article], options: dict[str, Any]) -> tuple[str, Any]:
    """Compare one event: ("compared", report) or ("error", message). Runs on dask workers too."""
    # compare() pauses the cyclic garbage collector only when its thread is the process's
    # only one; a dask worker always has others (its event loop, its connections), so
    # there the collector's full passes would cost a fifth of the time. A worker of one
    # thread runs one task at a time, so the pause cannot outlast this call.
    paused = gc.isenabled() and _sole_task_of_worker()
    if paused:
        gc.disable()
    try:
        return COMPARED, compare(articles, **options)
    except InvalidParameterError:
        # A bad option fails every event alike: the caller's mistake, not this event's.
        raise
    except CoverageError as exc:
        return ERROR, f"{type(exc).__name__}: {exc}"
    finally:
        if paused:
            gc.enable()


def _sole_task_of_worker() -> bool:
    """Whether this call runs as a task of a dask worker of one thread (no other task beside it)."""
    distributed = sys.modules.get("distributed")
    if distributed is None:  # not imported: not on a worker
        return False
    try:
        return distributed.get_worker().state.nthreads == 1
    except (ValueError, AttributeError):  # not on a worker, or a distributed without the attribute
        return False


def _run_local(tasks, options, show: bool) -> Iterator[tuple[int, str, Any]]:
    bar = _Progress(len(tasks)) if show and tasks else None
    for event_id, articles in tasks:
        status, value = _compare_event(articles, options)
        if bar is not None:
            bar.advance()
        yield event_id, status, value
    if bar is not None:
        bar.close()


def _run_dask(tasks, options, show: bool, scheduler) -> Iterator[tuple[int, str, Any]]:
    distributed = _import_distributed()
    if isinstance(scheduler, distributed.Client):
        yield from _gather(scheduler, tasks, options, show, distributed)
        return
    if scheduler is not None:
        with distributed.Client(scheduler) as client:
            yield from _gather(client, tasks, options, show, distributed)
        return
    import dask

    # Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_ set, which turns off glibc's
    # adaptive mmap threshold: every large array of a comparison is then mapped and
    # unmapped anew, and page faults took a fifth of the workers' time. Without it the
    # workers allocate as this process does.
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        local = distributed.LocalCluster(n_workers=_DASK_WORKERS, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
    with local as cluster, distributed.Client(cluster) as client:
        yield from _gather(client, tasks, options, show, distributed)


def _gather(client, tasks, options, show: bool, distributed) -> Iterator[tuple[int, str, Any]]:
    if not tasks:
        return
    bar = _Progress(len(tasks)) if show and tasks else None
    event_of = {}
    futures = []
    # the largest events first, so that no worker is left with a long one at the end
    for event_id, articles in sorted(tasks, key=lambda task: -len(task[1])):
        future = client.submit(_compare_event, articles, options, pure=False)
        event_of[future.key] = event_id
        futures.append(future)
    try:
        for future in distributed.as_completed(futures):
            status, value = future.result()
            if bar is not None:
                bar.advance()
            yield event_of[future.key], status, value
            future.release()
    finally:
        client.cancel(futures)
    if bar is not None:
        bar.close()


def _yield_reports(results) -> Iterator[tuple[int, CoverageReport]]:
    for event_id, status, value in results:
        if status == COMPARED:
            yield event_id, value
        else:
            warnings.warn(f"Event {event_id} could not be compared: {value}", CoverageWarning, stacklevel=2)


def _collect(results, events: pd.DataFrame, assignments: pd.DataFrame, members, min_articles: int):
    outcome = {event_id: (status, value) for event_id, status, value in results}
    reports: dict[int, CoverageReport] = {}
    n_claims, n_contradictions, statuses, messages = [], [], [], []
    for event_id in events["event_id"].tolist():
        size = len(members[event_id])
        status, value = outcome.get(event_id, (None, None))
        if status == COMPARED:
            reports[event_id] = value
            n_claims.append(len(value.claims))
            n_contradictions.append(int((value.relations["relation"] == "contradict").sum()))
            statuses.append(COMPARED)
            messages.append(None)
            continue
        n_claims.append(pd.NA)
        n_contradictions.append(pd.NA)
        if status == ERROR:
            statuses.append(ERROR)
            messages.append(value)
        elif size == 1:
            statuses.append(SINGLE_ARTICLE)
            messages.append(None)
        else:
            statuses.append(SKIPPED)
            messages.append(f"{size} articles, fewer than min_articles={min_articles}")
    events = events.assign(
        n_claims=pd.array(n_claims, dtype="Int64"),
        n_contradictions=pd.array(n_contradictions, dtype="Int64"),
        status=statuses,
        message=pd.Series(messages, dtype=object, index=events.index),
    )[EVENT_COLUMNS]
    return CorpusReport(
        events=events,
        reports=reports,
        assignments=assignments,
        relations=_stack(reports, "relations", RELATION_COLUMNS),
        facts=_stack(reports, "facts", FACT_COLUMNS),
    )


def _stack(reports: dict[int, CoverageReport], table: str, columns: list[str]) -> pd.DataFrame:
    frames = [getattr(report, table).assign(event_id=event_id) for event_id, report in reports.items()]
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame(columns=["event_id", *columns]).astype({"event_id": "int64"})
    stacked = pd.concat(frames, ignore_index=True)
    return stacked[["event_id", *[c for c in stacked.columns if c != "event_id"]]]


class _Progress:
    """A plain-text progress bar on stderr: redrawn in place on a terminal, a line now and then elsewhere."""

    _WIDTH = 30

    def __init__(self, total: int, *, stream=None, label: str = "events") -> None:
        self.total = total
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        self.done = 0
        self.started = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = 0.2 if self.tty else 10.0
        self.last = float("-inf")
        self._draw()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.last >= self.interval or self.done == self.total:
            self._draw()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        self.last = time.monotonic()
        elapsed = self.last - self.started
        share = self.done / self.total if self.total else 1.0
        filled = int(round(share * self._WIDTH))
        eta = f", ~{_clock(elapsed / share - elapsed)} left" if 0 < self.done < self.total else ""
        line = (f"compare_corpus [{'#' * filled}{'.' * (self._WIDTH - filled)}] {self.done}/{self.total} "
                f"{self.label}, {_clock(elapsed)} elapsed{eta}")
        self.stream.write(f"\r{line}" if self.tty else f"{line}\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"
