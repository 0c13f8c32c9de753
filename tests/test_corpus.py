"""Tests of coverage.corpus.compare_corpus and CorpusReport."""

from __future__ import annotations

import io
import sys

import pandas as pd
import pytest

from coverage.corpus import EVENT_COLUMNS, CorpusReport, compare_corpus
from coverage.errors import EmptyInputError, InvalidParameterError, MissingDependencyError
from coverage.report import CoverageReport, RELATION_COLUMNS
from coverage._validation import CoverageWarning

STORIES = {
    "fire": [
        ("Wire", "Fourteen workers were taken to hospital after a fire at the Dunmore chemical factory "
                 "on Tuesday, the fire brigade said. The blaze started in a storage warehouse."),
        ("Daily", "Nineteen workers were taken to hospital after the Dunmore chemical factory fire. "
                  "The blaze started in a storage warehouse, firefighters said."),
        ("Post", "A fire at the Dunmore chemical factory sent fourteen workers to hospital. "
                 "Firefighters said the blaze began in the warehouse where solvents were stored."),
        ("Herald", "Fire crews fought a blaze at the Dunmore chemical factory for six hours; "
                   "fourteen workers were treated in hospital."),
    ],
    "rates": [
        ("Wire", "The central bank raised its benchmark interest rate by half a point on Thursday to "
                 "fight inflation, governor Elena Marsh said."),
        ("Daily", "The central bank lifted its benchmark interest rate by a quarter point on Thursday, "
                  "governor Elena Marsh said, as inflation stayed high."),
        ("Post", "Governor Elena Marsh said the central bank raised the benchmark interest rate by half "
                 "a point because inflation is too high."),
    ],
    "ferry": [
        ("Wire", "A ferry carrying 300 passengers ran aground off the island of Hydra on Sunday; coast "
                 "guard boats evacuated everyone."),
        ("Daily", "Coast guard boats evacuated all 300 passengers after their ferry ran aground near the "
                  "island of Hydra on Sunday."),
        ("Herald", "The ferry that ran aground off Hydra on Sunday was carrying 300 passengers, the coast "
                   "guard said, and nobody was hurt."),
    ],
}
SINGLETON = ("Post", "The city museum reopened its renovated dinosaur hall with a new skeleton of a "
                     "juvenile tyrannosaur.")


def corpus() -> list[dict]:
    articles = []
    for story, reports in STORIES.items():
        for k, (outlet, text) in enumerate(reports):
            articles.append({"id": f"{story}-{k}", "outlet": outlet, "text": text, "published": "2024-03-05"})
    articles.append({"id": "museum", "outlet": SINGLETON[0], "text": SINGLETON[1], "published": "2024-03-05"})
    return articles


@pytest.fixture(scope="module")
def result() -> CorpusReport:
    return compare_corpus(corpus())


def event_of(result: CorpusReport, article_id: str) -> int:
    return int(result.assignments.set_index("article_id").loc[article_id, "event_id"])


def test_events_found(result):
    groups = {frozenset(ids) for ids in result.events["article_ids"]}
    expected = {frozenset(f"{story}-{k}" for k in range(len(reports))) for story, reports in STORIES.items()}
    assert groups == expected | {frozenset({"museum"})}
    assert list(result.events.columns) == EVENT_COLUMNS
    assert result.events["event_id"].tolist() == list(range(len(STORIES) + 1))
    assert (result.events["size"] == result.events["article_ids"].map(len)).all()


def test_compared_events_have_reports_and_counts(result):
    compared = result.events[result.events["status"] == "compared"]
    assert len(compared) == len(STORIES)
    assert set(result.reports) == set(compared["event_id"])
    for row in compared.itertuples():
        report = result.reports[row.event_id]
        assert isinstance(report, CoverageReport)
        assert {a.id for a in report.articles} == set(row.article_ids)
        assert row.n_claims == len(report.claims)
        assert row.n_contradictions == (report.relations["relation"] == "contradict").sum()
        assert row.message is None


def test_fire_event_finds_the_casualty_conflict(result):
    fire = result.reports[event_of(result, "fire-0")]
    contra = fire.relations[fire.relations["relation"] == "contradict"]
    assert "numeric" in set(contra["type"])


def test_single_article_event_is_listed_not_dropped(result):
    row = result.events[result.events["event_id"] == event_of(result, "museum")].iloc[0]
    assert row["status"] == "single-article"
    assert row["article_ids"] == ["museum"]
    assert pd.isna(row["n_claims"]) and pd.isna(row["n_contradictions"])
    assert row["event_id"] not in result.reports


def test_relations_and_facts_are_stacked_with_event_id(result):
    assert list(result.relations.columns) == ["event_id", *RELATION_COLUMNS]
    assert len(result.relations) == sum(len(r.relations) for r in result.reports.values())
    assert len(result.facts) == sum(len(r.facts) for r in result.reports.values())
    for event_id, report in result.reports.items():
        mine = result.relations[result.relations["event_id"] == event_id].drop(columns="event_id")
        pd.testing.assert_frame_equal(mine.reset_index(drop=True), report.relations.reset_index(drop=True))
    assert result.facts.columns[0] == "event_id"
    assert not result.facts.duplicated(["event_id", "fact_id"]).any()


def test_assignments_are_the_cluster_events_frame(result):
    assert list(result.assignments.columns) == ["article_id", "event_id", "event_size", "event_label"]
    assert result.assignments["article_id"].tolist() == [a["id"] for a in corpus()]


def test_error_inside_one_event_is_recorded_not_raised():
    articles = corpus()
    articles[4]["text"] = articles[4]["text"] + " The governor spoke at length." * 40  # rates-0, too long
    result = compare_corpus(articles, compare_options={"max_chars": 1_000})
    rates = event_of(result, "rates-0")
    row = result.events.set_index("event_id").loc[rates]
    assert row["status"] == "error"
    assert "InvalidArticleError" in row["message"] and "max_chars" in row["message"]
    assert rates not in result.reports
    assert (result.events["status"] == "compared").sum() == len(STORIES) - 1
    assert rates not in set(result.relations["event_id"])


def test_min_articles_skips_small_events():
    result = compare_corpus(corpus(), min_articles=4)
    status = dict(zip(result.events["event_id"], result.events["status"]))
    assert status[event_of(result, "fire-0")] == "compared"
    assert status[event_of(result, "rates-0")] == "skipped"
    assert status[event_of(result, "museum")] == "single-article"
    assert set(result.reports) == {event_of(result, "fire-0")}


def test_iterator_mode_yields_the_same_reports(result):
    stream = compare_corpus(corpus(), iterator=True)
    assert not isinstance(stream, CorpusReport)
    pairs = list(stream)
    assert [event_id for event_id, _ in pairs] == list(result.reports)
    for event_id, report in pairs:
        pd.testing.assert_frame_equal(report.relations, result.reports[event_id].relations)


def test_iterator_mode_warns_about_failed_events():
    articles = corpus()
    articles[4]["text"] = articles[4]["text"] + " The governor spoke at length." * 40
    with pytest.warns(CoverageWarning, match="could not be compared"):
        pairs = list(compare_corpus(articles, iterator=True, compare_options={"max_chars": 1_000}))
    assert len(pairs) == len(STORIES) - 1


def test_iterator_mode_checks_input_before_returning():
    with pytest.raises(EmptyInputError):
        compare_corpus([], iterator=True)


def test_progress_is_off_by_default_when_stderr_is_not_a_tty(capsys):
    compare_corpus(corpus())
    assert capsys.readouterr().err == ""


def test_progress_on_request(capsys):
    compare_corpus(corpus(), progress=True)
    err = capsys.readouterr().err
    assert "compare_corpus [" in err and f"{len(STORIES)}/{len(STORIES)} events" in err


def test_progress_by_default_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    compare_corpus(corpus())
    assert "\rcompare_corpus [" in terminal.getvalue()


@pytest.mark.parametrize("options, match", [
    ({"engine": "spark"}, "'engine' parameter of compare_corpus"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "'scheduler' parameter"),
    ({"progress": "yes"}, "'progress' parameter"),
    ({"iterator": 1}, "'iterator' parameter"),
    ({"min_articles": 1}, "'min_articles' parameter"),
    ({"compare_options": {"treshold": 0.5}}, "unknown \\['treshold'\\]"),
    ({"cluster_options": [("threshold", 0.2)]}, "'cluster_options' parameter"),
    ({"compare_options": {"top_k": 0}}, "'top_k' parameter of compare"),
])
def test_bad_options_raise(options, match):
    with pytest.raises(InvalidParameterError, match=match):
        compare_corpus(corpus(), **options)


def test_cluster_options_are_passed_on():
    result = compare_corpus(corpus(), cluster_options={"threshold": 1.0})
    assert (result.events["status"] == "single-article").all()
    assert len(result.relations) == 0 and list(result.relations.columns) == ["event_id", *RELATION_COLUMNS]
    assert result.reports == {}


def test_missing_dask_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "news-coverage\[dask\]"'):
        compare_corpus(corpus(), engine="dask")


def assert_same_results(local: CorpusReport, other: CorpusReport) -> None:
    pd.testing.assert_frame_equal(local.events, other.events)
    pd.testing.assert_frame_equal(local.relations, other.relations)
    pd.testing.assert_frame_equal(local.facts, other.facts)
    assert list(local.reports) == list(other.reports)


def test_dask_engine_on_a_given_cluster_matches_local(result):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        by_client = compare_corpus(corpus(), engine="dask", scheduler=client)
        by_address = compare_corpus(corpus(), engine="dask", scheduler=cluster.scheduler_address)
        assert not client.status == "closed"
    assert_same_results(result, by_client)
    assert_same_results(result, by_address)


@pytest.mark.slow
def test_dask_engine_default_local_cluster_of_processes_matches_local(result):
    pytest.importorskip("distributed")
    assert_same_results(result, compare_corpus(corpus(), engine="dask"))


def test_sole_task_of_worker_only_on_a_worker_of_one_thread():
    from coverage.corpus import _sole_task_of_worker

    distributed = pytest.importorskip("distributed")
    assert not _sole_task_of_worker()  # not on a worker
    for threads, expected in ((1, True), (2, False)):
        with distributed.LocalCluster(n_workers=1, threads_per_worker=threads, processes=False,
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            assert client.submit(_sole_task_of_worker, pure=False).result() is expected


def test_compare_event_pauses_the_collector_only_as_the_sole_task_of_a_worker(monkeypatch):
    import gc

    from coverage import corpus as corpus_module

    seen = []
    monkeypatch.setattr(corpus_module, "compare", lambda articles, **options: seen.append(gc.isenabled()))
    for sole in (False, True):
        monkeypatch.setattr(corpus_module, "_sole_task_of_worker", lambda: sole)
        assert corpus_module._compare_event([], {})[0] == "compared"
        assert gc.isenabled()
    assert seen == [True, False]


def test_dask_engine_submits_the_largest_events_first():
    from coverage import corpus as corpus_module

    class Future:
        def __init__(self, key, value):
            self.key, self.value = key, value

        def result(self):
            return self.value

        def release(self):
            pass

    class Client:
        def __init__(self):
            self.sizes = []

        def submit(self, function, articles, options, pure):
            self.sizes.append(len(articles))
            return Future(len(self.sizes), ("compared", len(articles)))

        def cancel(self, futures):
            pass

    class Distributed:
        as_completed = staticmethod(iter)

    client = Client()
    tasks = [(0, ["a"] * 2), (1, ["a"] * 5), (2, ["a"] * 3), (3, ["a"] * 5)]
    done = list(corpus_module._gather(client, tasks, {}, False, Distributed))
    assert client.sizes == [5, 5, 3, 2]
    assert done == [(1, "compared", 5), (3, "compared", 5), (2, "compared", 3), (0, "compared", 2)]


def test_default_local_cluster_leaves_malloc_trimming_to_glibc(monkeypatch):
    distributed = pytest.importorskip("distributed")
    import dask

    seen = {}

    class Started(Exception):
        pass

    def local_cluster(**kwargs):
        seen.update(dask.config.get("distributed.nanny.pre-spawn-environ"), threads=kwargs["threads_per_worker"])
        raise Started

    monkeypatch.setattr(distributed, "LocalCluster", local_cluster)
    with pytest.raises(Started):
        compare_corpus(corpus(), engine="dask")
    assert seen["MALLOC_TRIM_THRESHOLD_"] is None and seen["threads"] == 1
    assert dask.config.get("distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_") is not None
