"""The command line. The subprocess runs (``python -m coverage ...``) are started together,
once per module, since each pays for importing the package; the rest call ``main`` directly."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from coverage.cli import main

WIRE = "Fourteen workers were taken to hospital after the fire at the plant on Monday, police said.\n"
DAILY = "Nineteen workers were taken to hospital after the fire at the plant on Monday.\n"
BANK = [
    {"id": "a1", "outlet": "Wire", "text": "The central bank raised interest rates by half a point on Thursday."},
    {"id": "a2", "outlet": "Daily", "text": "The central bank raised interest rates by a quarter point on Thursday."},
]

RUNS = {
    "compare": ["compare", "wire.txt", "daily.txt", "--json", "out.json", "--html", "out.html", "--csv", "tables"],
    "missing": ["compare", "wire.txt", "nope.txt"],
    "one": ["compare", "wire.txt"],
    "empty": ["compare", "wire.txt", "empty.txt"],
    "mismatch": ["compare", "wire.txt", "daily.txt", "--outlet", "Northline"],
    "help": ["--help"],
}


def _write_inputs(folder) -> None:
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "daily.txt").write_text(DAILY, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "data.xml").write_text("<a/>", encoding="utf-8")
    fire = [{"id": "a1", "outlet": "Wire", "text": WIRE}, {"id": "a2", "outlet": "Daily", "text": DAILY}]
    (folder / "fire.json").write_text(json.dumps(fire), encoding="utf-8")
    (folder / "bank.json").write_text(json.dumps(BANK), encoding="utf-8")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """name -> (CompletedProcess, its working folder), for the commands in RUNS."""
    started = {}
    for name, args in RUNS.items():
        folder = tmp_path_factory.mktemp(name)
        _write_inputs(folder)
        process = subprocess.Popen([sys.executable, "-m", "coverage", *args], cwd=folder,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started[name] = (process, folder, args)
    out = {}
    for name, (process, folder, args) in started.items():
        stdout, stderr = process.communicate(timeout=300)
        out[name] = (subprocess.CompletedProcess(args, process.returncode, stdout, stderr), folder)
    return out


def test_compare_writes_json_html_and_csv(runs):
    result, folder = runs["compare"]
    assert result.returncode == 0, result.stderr
    assert "Contradictions:" in result.stdout and "numeric" in result.stdout
    report = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    assert [a["outlet"] for a in report["articles"]] == ["wire", "daily"]
    assert [r["type"] for r in report["relations"]] == ["numeric"]
    assert (folder / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (folder / "tables" / "claims.csv").is_file()


@pytest.mark.parametrize("name, message", [
    ("missing", "file not found: nope.txt"),
    ("one", "at least 2 articles"),
    ("empty", "empty.txt: the article text is empty"),
    ("mismatch", "one --outlet per file"),
])
def test_bad_input_exits_2_with_a_message(runs, name, message):
    result, _ = runs[name]
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_help_has_examples(runs):
    result, _ = runs["help"]
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert "news-coverage compare" in result.stdout and "news-coverage corpus" in result.stdout


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    _write_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("args, message", [
    (["compare", "wire.txt", "daily.txt", "--threshold", "1.5"], "'threshold' parameter"),
    (["compare", "wire.txt", "data.xml"], "Unsupported file type"),
    (["corpus", "fire.json", "--html"], "--html needs --out"),
])
def test_bad_options_exit_2(inputs, capsys, args, message):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_outlet_names(inputs, capsys):
    assert main(["compare", "wire.txt", "daily.txt", "--outlet", "Northline", "--outlet", "Daily Blast",
                 "--json", "out.json", "-q"]) == 0
    assert capsys.readouterr().out == ""
    outlets = [a["outlet"] for a in json.loads((inputs / "out.json").read_text())["articles"]]
    assert outlets == ["Northline", "Daily Blast"]


def test_json_and_jsonl_inputs(inputs):
    records = [{"id": "w", "outlet": "Wire", "text": WIRE}, {"id": "d", "outlet": "Daily", "text": DAILY}]
    (inputs / "pack.json").write_text(json.dumps({"articles": records}), encoding="utf-8")
    (inputs / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    for name in ("pack.json", "feed.jsonl"):
        assert main(["compare", name, "--json", "out.json", "-q"]) == 0
        assert [a["id"] for a in json.loads((inputs / "out.json").read_text())["articles"]] == ["w", "d"]


def test_version_and_no_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("news-coverage ")
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


def test_corpus_writes_event_reports_and_summary(inputs, capsys):
    assert main(["corpus", "fire.json", "bank.json", "--out", "events"]) == 0
    captured = capsys.readouterr()
    assert "2 events" in captured.out
    summary = pd.read_csv(inputs / "events" / "summary.csv")
    assert summary["articles"].tolist() == [2, 2]
    for name in summary["file"]:
        report = json.loads((inputs / "events" / name).read_text(encoding="utf-8"))
        assert len(report["articles"]) == 2
    ids = pd.read_csv(inputs / "events" / "articles.csv")["article_id"].tolist()
    assert ids == ["fire:a1", "fire:a2", "bank:a1", "bank:a2"]  # ids clashing across files get the file name
    assert "\r" not in captured.err  # no progress bar when stderr is not a terminal


def test_compare_corpus_is_used_when_present(inputs, monkeypatch, capsys):
    import coverage

    corpus = pytest.importorskip("coverage.corpus")
    calls = []

    def spy(articles, **options):
        calls.append(options)
        return corpus.compare_corpus(articles, **options)

    monkeypatch.setattr(coverage, "compare_corpus", spy, raising=False)
    assert main(["corpus", "fire.json", "bank.json", "--out", "events", "--threshold", "0.5"]) == 0
    assert calls and calls[0]["compare_options"] == {"threshold": 0.5}
    summary = pd.read_csv(inputs / "events" / "summary.csv")
    assert summary["articles"].tolist() == [2, 2]
    assert "2 events" in capsys.readouterr().out


def test_unwritable_output_is_a_usage_error_before_any_work(tmp_path, capsys):
    from coverage.cli import main

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Three drones attacked the residence on Sunday.", encoding="utf-8")
    b.write_text("Two drones attacked the residence on Sunday.", encoding="utf-8")
    code = main(["compare", str(a), str(b), "--html", str(tmp_path / "missing" / "r.html")])
    assert code == 2
    captured = capsys.readouterr()
    assert "cannot write" in captured.err and captured.out == ""
