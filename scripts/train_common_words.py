"""Build the shipped list of common lower-case words (``models/common_words.txt``).

Usage::

    python scripts/train_common_words.py [--data ../shared/data]
        [--out src/coverage/models/common_words.txt]

A capitalised word at the start of a sentence is a name only when the word is not an
ordinary word written with a capital because it comes first ("Nearly 40 homes ...",
"Officers stopped the march ..."). The segmenter tells them apart with this list: the
words that, inside sentences (never first), are written in lower case at least
``MIN_LOWER`` times and at least ``RATIO`` times as often as capitalised. Counted on the
same unlabelled news text as the word vectors (FNC-1 train bodies and headlines, MRPC
train sentences without the dev pairs, Emergent train headlines). The output is one word
a line, sorted, and identical across runs.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_word_vectors import load_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MIN_LOWER = 3
RATIO = 2.0
# A word inside a sentence: preceded by a letter, digit or comma and a space.
_WORD_RE = re.compile(r"(?<=[a-z0-9,;] )([A-Za-z][a-z]+)\b")


def count_cases(documents: list[str]) -> tuple[Counter, Counter]:
    """Lower-case and capitalised counts of words that are not first in their sentence."""
    lower, upper = Counter(), Counter()
    for doc in documents:
        for match in _WORD_RE.finditer(doc):
            word = match.group(1)
            if word[0].isupper():
                upper[word.lower()] += 1
            else:
                lower[word] += 1
    return lower, upper


def common_words(lower: Counter, upper: Counter) -> list[str]:
    return sorted(w for w, n in lower.items() if n >= MIN_LOWER and n >= RATIO * upper[w])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "coverage" / "models" / "common_words.txt")
    args = parser.parse_args()
    documents, _ = load_corpus(args.data)
    lower, upper = count_cases(documents)
    words = common_words(lower, upper)
    args.out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{len(words):,} common words from {len(documents):,} documents -> {args.out}")


if __name__ == "__main__":
    main()
