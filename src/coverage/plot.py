"""Matplotlib charts of a :class:`~coverage.CoverageReport` (needs ``news-coverage[plot]``)."""

from __future__ import annotations

import numpy as np

from .errors import InvalidParameterError, MissingDependencyError

__all__ = ["plot"]

KINDS = ("agreement", "contradiction", "coverage")
_COVERAGE_COLOURS = {"reported": "#4caf50", "contradicted": "#e0533f", "omitted": "#d5d8de"}


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError(
            'Plotting needs matplotlib: pip install "news-coverage[plot]"'
        ) from None
    return plt


def plot(report, kind: str = "agreement", ax=None):
    """Plot one view of a report.

    Parameters
    ----------
    report : CoverageReport
    kind : {"agreement", "contradiction", "coverage"}, default="agreement"
        ``"agreement"`` / ``"contradiction"``: outlet x outlet heatmap of the share of
        shared facts on which two outlets agree / conflict, each cell annotated with the
        share and the number of shared facts (blank where they share none).
        ``"coverage"``: one horizontal stacked bar per outlet counting the facts it
        reports, contradicts and omits.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made if omitted.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import coverage
    >>> report = coverage.compare([
    ...     {"text": "Three drones hit the house.", "outlet": "Wire"},
    ...     {"text": "Two drones hit the house.", "outlet": "Daily"},
    ... ])
    >>> ax = report.plot("contradiction")
    >>> ax.get_title()
    'Contradiction between outlets'
    """
    if kind not in KINDS:
        raise InvalidParameterError(
            f"The 'kind' parameter of plot must be one of {', '.join(map(repr, KINDS))}. Got {kind!r} instead."
        )
    plt = _pyplot()
    if ax is None:
        n = len(report.outlets)
        size = (max(5.0, 1.1 * n + 3), max(3.5, 0.9 * n + 1.5)) if kind != "coverage" else (8.0, max(2.5, 0.5 * n + 1.2))
        _, ax = plt.subplots(figsize=size, layout="constrained")
    if kind == "coverage":
        return _coverage(report, ax)
    table = report.agreement if kind == "agreement" else report.contradiction
    return _heatmap(ax, table, report.shared_facts, cmap="Greens" if kind == "agreement" else "Reds",
                    title=f"{kind.capitalize()} between outlets")


def _heatmap(ax, table, counts, *, cmap: str, title: str):
    values = table.to_numpy(dtype=float)
    shared = counts.reindex(index=table.index, columns=table.columns).to_numpy(dtype=float)
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0.0, vmax=1.0)
    ax.figure.colorbar(image, ax=ax, label="share of shared facts", shrink=0.8)
    labels = [str(label) for label in table.index]
    ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns], rotation=35, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if np.isnan(values[i, j]):
                continue
            n = "" if np.isnan(shared[i, j]) else f"\n({int(shared[i, j])})"
            ax.text(j, i, f"{values[i, j]:.2f}{n}", ha="center", va="center", fontsize=8,
                    color="white" if values[i, j] > 0.6 else "black")
    ax.set_title(title)
    ax.set_xlabel("counts of shared facts in brackets; blank where none")
    return ax


def _coverage(report, ax):
    outlets = report.outlets
    left = np.zeros(len(outlets))
    for status, colour in _COVERAGE_COLOURS.items():
        counts = np.array([(report.coverage.loc[o] == status).sum() for o in outlets], dtype=float)
        bars = ax.barh(range(len(outlets)), counts, left=left, color=colour, label=status)
        ax.bar_label(bars, labels=[str(int(c)) if c else "" for c in counts], label_type="center", fontsize=8)
        left += counts
    ax.set_yticks(range(len(outlets)), [str(o) for o in outlets])
    ax.invert_yaxis()
    ax.set_title("Facts by outlet")
    ax.legend(loc="upper center", fontsize=8, frameon=False, ncols=3, bbox_to_anchor=(0.5, -0.12))
    return ax
