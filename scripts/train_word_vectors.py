"""Train the shipped count-based word vectors (PPMI + truncated SVD) on news text.

Usage::

    python scripts/train_word_vectors.py [--data ../shared/data]
        [--out src/coverage/models/word_vectors.npz] [--no-search]

Corpus (unlabelled text only): FNC-1 article bodies and headlines, MRPC sentences of the
GLUE-train part (the 408 dev pairs are left out, since they are the yardstick), Emergent claim
and article headlines. Tokens come from :func:`coverage.embed.tokenize`, the function used at
run time. Word-word co-occurrences within a window are weighted 1/distance, turned into PPMI
with context-distribution smoothing (alpha = 0.75) and factorised with randomized SVD
(``random_state=0``); word vectors are ``U * S**p``, L2-normalised.

Settings (stemming, stop-word removal, window, dimension, eigenvalue weight p) are chosen by
one number only: the ROC AUC on MRPC dev of the cosine between idf-weighted mean sentence
vectors, paraphrase vs not. A plain TF-IDF cosine is reported as the baseline. The output is
byte-identical across runs (fixed seed, fixed zip timestamps).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import json
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score
from sklearn.utils.extmath import randomized_svd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import mrpc_split  # noqa: E402

from coverage._lexicon import STOPWORDS  # noqa: E402
from coverage.embed import _embed, _WordVectors, tokenize  # noqa: E402
from coverage.similarity import stem as stem_word  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_OUT = ROOT / "src" / "coverage" / "models" / "word_vectors.npz"

SEED = 0
ALPHA = 0.75
MIN_COUNT = 5
MAX_VOCAB = 30_000
MAX_DIM = 200
MAX_BYTES = 8 * 1024 * 1024

GRID = {
    "stem": (False, True),
    "drop_stopwords": (False, True),
    "window": (2, 5, 8),
}
DIMS = (100, 150, 200)
EIG_POWERS = (0.0, 0.5, 1.0)
DEFAULT_SETTINGS = {"stem": True, "drop_stopwords": False, "window": 5, "dim": 100, "eig_power": 1.0}

SYNONYMS = [
    ("fire", "blaze"), ("killed", "dead"), ("injured", "hurt"), ("injured", "wounded"),
    ("began", "started"), ("evacuated", "fled"), ("police", "officers"), ("said", "told"),
    ("attack", "strike"), ("drone", "drones"), ("hospital", "treated"),
]
UNRELATED = [
    ("fire", "election"), ("killed", "smartphone"), ("injured", "album"), ("police", "recipe"),
    ("hospital", "football"), ("drone", "wedding"),
]


def load_corpus(data: Path) -> tuple[list[str], pd.DataFrame]:
    """Training documents (one string each) and the MRPC dev pairs."""
    bodies = pd.read_csv(data / "fnc1" / "train_bodies.csv", encoding="utf-8", dtype={"articleBody": str})
    stances = pd.read_csv(data / "fnc1" / "train_stances.csv", encoding="utf-8", dtype={"Headline": str})
    emergent = pd.read_csv(data / "emergent" / "url-versions-2015-06-14-clean-train.csv", encoding="utf-8")
    mrpc_train, mrpc_dev = mrpc_split(data)
    dev_sentences = set(mrpc_dev["a"]) | set(mrpc_dev["b"])
    mrpc_sentences = [s for s in dict.fromkeys(list(mrpc_train["a"]) + list(mrpc_train["b"]))
                      if s not in dev_sentences]
    documents = (
        list(bodies["articleBody"].astype(str))
        + list(dict.fromkeys(stances["Headline"].astype(str)))
        + mrpc_sentences
        + list(dict.fromkeys(emergent["claimHeadline"].astype(str)))
        + list(dict.fromkeys(emergent["articleHeadline"].astype(str)))
    )
    return documents, mrpc_dev


def build_vocab(token_docs: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted vocabulary (count >= MIN_COUNT, at most MAX_VOCAB most frequent) and idf."""
    counts = Counter(t for doc in token_docs for t in doc)
    frequent = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    vocab = np.array(sorted(frequent[:MAX_VOCAB]))
    index = {w: i for i, w in enumerate(vocab)}
    df = np.zeros(vocab.size)
    for doc in token_docs:
        for w in set(doc):
            if w in index:
                df[index[w]] += 1
    idf = np.log((1 + len(token_docs)) / (1 + df)) + 1.0
    return vocab, idf.astype(np.float32)


def cooccurrence(token_docs: list[list[str]], vocab: np.ndarray, window: int) -> sparse.csr_matrix:
    """Symmetric word-word counts within ``window``, weighted 1/distance; out-of-vocabulary
    tokens keep their slot, so they still separate words."""
    index = {w: i for i, w in enumerate(vocab)}
    gap = [-1] * window
    stream = np.array([i for doc in token_docs for i in [index.get(t, -1) for t in doc] + gap], dtype=np.int64)
    rows, cols, weights = [], [], []
    for distance in range(1, window + 1):
        left, right = stream[:-distance], stream[distance:]
        keep = (left >= 0) & (right >= 0)
        rows += [left[keep], right[keep]]
        cols += [right[keep], left[keep]]
        weights.append(np.full(2 * int(keep.sum()), 1.0 / distance))
    counts = sparse.coo_matrix(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))), shape=(vocab.size, vocab.size)
    ).tocsr()
    counts.sum_duplicates()
    return counts


def ppmi(counts: sparse.csr_matrix, alpha: float = ALPHA) -> sparse.csr_matrix:
    """Positive PMI with the context distribution raised to ``alpha``."""
    counts = counts.tocoo()
    word_totals = np.asarray(counts.sum(axis=1)).ravel()
    context_smoothed = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    pmi = (
        np.log(counts.data)
        - np.log(word_totals[counts.row])
        - np.log(context_smoothed[counts.col])
        + np.log(context_smoothed.sum())
    )
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape)


def factorise(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    u, s, _ = randomized_svd(matrix, n_components=MAX_DIM, n_iter=5, random_state=SEED)
    return u, s


def word_vectors(u: np.ndarray, s: np.ndarray, dim: int, eig_power: float) -> np.ndarray:
    vectors = u[:, :dim] * s[:dim] ** eig_power
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float16)


def dev_auc(model: _WordVectors, dev: pd.DataFrame) -> float:
    a = _embed(list(dev["a"]), model)
    b = _embed(list(dev["b"]), model)
    return float(roc_auc_score(dev["label"], np.einsum("ij,ij->i", a, b)))


def tfidf_auc(documents: list[str], dev: pd.DataFrame) -> float:
    vectorizer = TfidfVectorizer(lowercase=True).fit(documents)
    a, b = vectorizer.transform(dev["a"]), vectorizer.transform(dev["b"])
    return float(roc_auc_score(dev["label"], np.asarray(a.multiply(b).sum(axis=1)).ravel()))


def word_similarities(model: _WordVectors, pairs) -> dict[str, float | None]:
    out = {}
    for x, y in pairs:
        keys = [stem_word(w) if model.stemmed else w for w in (x, y)]
        pos = np.searchsorted(model.vocab, keys).clip(max=model.vocab.size - 1)
        if not all(model.vocab[p] == k for p, k in zip(pos, keys)):
            out[f"{x}~{y}"] = None
            continue
        out[f"{x}~{y}"] = round(float(model.vectors[pos[0]] @ model.vectors[pos[1]]), 3)
    return out


def train(documents: list[str], *, stem: bool, drop_stopwords: bool, window: int):
    """Vocabulary, idf and the (U, S) factorisation for one tokenisation/window setting."""
    token_docs = [tokenize(d, stemmed=False) for d in documents]
    if drop_stopwords:
        token_docs = [[t for t in doc if t not in STOPWORDS] for doc in token_docs]
    if stem:
        stems = {t: stem_word(t) for t in {t for doc in token_docs for t in doc}}
        token_docs = [[stems[t] for t in doc] for doc in token_docs]
    vocab, idf = build_vocab(token_docs)
    u, s = factorise(ppmi(cooccurrence(token_docs, vocab, window)))
    return vocab, idf, u, s


def save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """``np.savez_compressed`` layout with a fixed timestamp, so equal arrays give equal bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.asarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue(), compresslevel=9)
    path.write_bytes(buffer.getvalue())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-search", action="store_true",
                        help=f"skip the settings search and train {DEFAULT_SETTINGS}")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    documents, dev = load_corpus(args.data)
    print(f"{len(documents)} documents, {len(dev)} MRPC dev pairs")
    print(f"TF-IDF cosine baseline, MRPC dev AUC: {tfidf_auc(documents, dev):.4f}")

    if args.no_search:
        best = dict(DEFAULT_SETTINGS)
    else:
        results = []
        for stem_flag, drop, window in itertools.product(*GRID.values()):
            vocab, idf, u, s = train(documents, stem=stem_flag, drop_stopwords=drop, window=window)
            for dim, power in itertools.product(DIMS, EIG_POWERS):
                model = _WordVectors(vocab, word_vectors(u, s, dim, power).astype(np.float32), idf, stem_flag)
                setting = {"stem": stem_flag, "drop_stopwords": drop, "window": window, "dim": dim,
                           "eig_power": power}
                results.append((dev_auc(model, dev), setting))
                print(f"  AUC {results[-1][0]:.4f}  vocab {vocab.size:6d}  {setting}", flush=True)
        best = max(results, key=lambda r: r[0])[1]
        print(f"best: {best}")

    vocab, idf, u, s = train(documents, stem=best["stem"], drop_stopwords=best["drop_stopwords"],
                             window=best["window"])
    vectors = word_vectors(u, s, best["dim"], best["eig_power"])
    model = _WordVectors(vocab, vectors.astype(np.float32), idf, best["stem"])
    auc = dev_auc(model, dev)
    settings = {**best, "alpha": ALPHA, "min_count": MIN_COUNT, "max_vocab": MAX_VOCAB,
                "distance_weighting": "1/d", "svd": f"randomized_svd(k={MAX_DIM}, n_iter=5)",
                "random_state": SEED, "mrpc_dev_auc": round(auc, 4)}
    save(args.out, {"vocab": vocab, "vectors": vectors, "idf": idf, "settings": np.array(json.dumps(settings))})
    size = args.out.stat().st_size
    if size > MAX_BYTES:
        raise SystemExit(f"{args.out} is {size} bytes, over the {MAX_BYTES}-byte budget.")
    print(f"MRPC dev AUC (shipped model): {auc:.4f}")
    print("synonyms:", word_similarities(model, SYNONYMS))
    print("unrelated:", word_similarities(model, UNRELATED))
    print(f"vocab {vocab.size}, dim {vectors.shape[1]}, {size / 1e6:.2f} MB, "
          f"sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")
    print(f"total time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
