"""Time a first ``coverage.compare`` call on an event the process has not seen.

The models are loaded first with a two-article comparison; then the N-article event of
``benchmarks/speed.py`` is compared ``--calls`` times, and the wall and CPU seconds of each
call are printed (the first is what a user with new articles waits). To compare two
versions of the library under the same machine load, alternate them in fresh processes::

    for i in 1 2 3 4; do
        PYTHONPATH=old/src python benchmarks/first_call.py --size 100
        PYTHONPATH=new/src python benchmarks/first_call.py --size 100
    done
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import DEFAULT_DATA, build_event  # noqa: E402

import coverage  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    parser.add_argument("--size", type=int, default=100, help="articles in the event")
    parser.add_argument("--calls", type=int, default=3, help="calls to time (the first is the cold one)")
    args = parser.parse_args(argv)
    articles = build_event(args.data, args.size)
    coverage.compare([
        {"text": "Fourteen workers were hurt in a fire at the plant on Sunday, police said.", "outlet": "A"},
        {"text": "Nineteen workers were hurt in the blaze on Sunday, officials said.", "outlet": "B"},
    ])  # loads the shipped models
    times = []
    for _ in range(args.calls):
        wall, cpu = time.perf_counter(), time.process_time()
        coverage.compare(articles)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    print(f"{args.size} articles, {Path(coverage.__file__).parent}: "
          + "; ".join(f"call {k + 1} {w:.2f} s wall, {c:.2f} s CPU" for k, (w, c) in enumerate(times)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
