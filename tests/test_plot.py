"""Matplotlib charts of a report (Agg backend)."""

from __future__ import annotations

import builtins

import numpy as np
import pytest

import coverage

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(scope="module")
def report():
    from conftest import LOCAL, TABLOID, WIRE

    return coverage.compare([
        {"id": "w", "outlet": "Northline", "text": WIRE},
        {"id": "t", "outlet": "Daily Blast", "text": TABLOID},
        {"id": "l", "outlet": "Riverton Post", "text": LOCAL},
    ])


@pytest.mark.parametrize("kind", ["agreement", "contradiction"])
def test_heatmap_annotates_every_shared_cell(report, kind):
    ax = report.plot(kind)
    table = getattr(report, kind)
    texts = [t.get_text() for t in ax.texts]
    expected = [f"{v:.2f}" for v in table.to_numpy().ravel() if not np.isnan(v)]
    assert sorted(t.split("\n")[0] for t in texts) == sorted(expected)
    assert [t.get_text() for t in ax.get_yticklabels()] == report.outlets
    plt.close(ax.figure)


def test_coverage_bars_count_every_fact(report):
    ax = report.plot("coverage")
    totals = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        totals[y] = totals.get(y, 0) + patch.get_width()
    assert all(total == report.coverage.shape[1] for total in totals.values())
    assert len(totals) == len(report.outlets)
    plt.close(ax.figure)


def test_draws_on_a_given_axes(report):
    fig, ax = plt.subplots()
    assert report.plot("agreement", ax=ax) is ax
    plt.close(fig)


def test_unknown_kind(report):
    with pytest.raises(coverage.InvalidParameterError, match="'kind' parameter of plot"):
        report.plot("pie")


def test_missing_matplotlib_names_the_extra(report, monkeypatch):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(coverage.MissingDependencyError, match=r'pip install "news-coverage\[plot\]"'):
        report.plot("agreement")
