"""Signs of urgent danger (vaaran merkit) read from the meaning of a family's words.

Words name danger when a family names it ("mies lyö"), but most danger is told by what
happens: "he put his fist through the wall and says I'm next", "she's been giving her things
away". A small classifier reads the sentence embedding of the text (multilingual-e5-small,
the model guidance already uses) and says how likely the text shows urgent danger, and which
urgent need. It is a softmax regression trained by `perhekeskus train_danger` on
`data/danger_corpus/` (situations in fi/sv/en, each labelled with the urgent need it shows or
`none`, hard calm cases included) and on the needs' own descriptions; its threshold is chosen
by cross-validation so that it finds nearly all danger in text it was not trained on. The
trained weights are product data (`data/danger_model.npz`), with the digest of what they were
trained on, so that a change to the corpus without training again is caught by the tests.
"""

from __future__ import annotations

import csv
import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_DIR = DATA_DIR / "danger_corpus"
MODEL_PATH = DATA_DIR / "danger_model.npz"
NONE = "none"
URGENT_NEEDS = (
    "domestic_violence",
    "child_in_danger",
    "sexual_violence",
    "suicidal_thoughts",
    "self_harm",
)
LABELS = (NONE, *URGENT_NEEDS)
# The share of danger in held-out folds the threshold must find. Missing danger costs a family
# far more than an emergency number shown to a calm one; the calm answer follows either way.
RECALL_TARGET = 0.95
FOLDS = 5
# Regularisation strengths tried; cross-validated log-loss picks one.
L2_CHOICES = (0.01, 0.03, 0.1, 0.3, 1.0)
EPOCHS = 400
LEARNING_RATE = 0.005


@dataclass(frozen=True)
class DangerReading:
    probability: float  # that the text shows urgent danger
    need: str  # the urgent need it shows most likely
    urgent: bool


@dataclass(frozen=True)
class CorpusRow:
    lang: str
    label: str
    text: str


def corpus_rows() -> list[CorpusRow]:
    """The labelled situations, and each need's description (urgent ones as their need)."""
    from perhekeskus.guidance.engine import needs_vocabulary

    rows = []
    for path in sorted(CORPUS_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                label = row["label"].strip()
                if label not in LABELS:
                    raise ValueError(f"{path.name} line {line}: unknown label {label!r}")
                rows.append(CorpusRow(row["lang"].strip(), label, row["text"].strip()))
    for need in needs_vocabulary().values():
        label = need.code if need.code in URGENT_NEEDS else NONE
        for lang, description in need.descriptions.items():
            if description:
                rows.append(CorpusRow(lang, label, f"{need.labels[lang]}. {description}"))
    return rows


def corpus_digest(rows: list[CorpusRow]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(f"{row.lang}\t{row.label}\t{row.text}\n".encode())
    return digest.hexdigest()


# --- Training -----------------------------------------------------------------------------------


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def fit(features: np.ndarray, labels: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch gradient descent (Adam) on standardised features;
    classes weighted so that each urgent need counts as much as the calm texts."""
    samples, dims = features.shape
    classes = len(LABELS)
    onehot = np.eye(classes)[labels]
    counts = np.bincount(labels, minlength=classes).astype(float)
    weight = (samples / (classes * np.maximum(counts, 1.0)))[labels][:, None]
    weights, bias = np.zeros((dims, classes)), np.zeros(classes)
    moments = [np.zeros_like(weights), np.zeros_like(bias)]
    squares = [np.zeros_like(weights), np.zeros_like(bias)]
    for step in range(1, EPOCHS + 1):
        error = (_softmax(features @ weights + bias) - onehot) * weight / samples
        gradients = [features.T @ error + l2 * weights, error.sum(axis=0)]
        for i, (param, gradient) in enumerate(zip((weights, bias), gradients, strict=True)):
            moments[i] = 0.9 * moments[i] + 0.1 * gradient
            squares[i] = 0.999 * squares[i] + 0.001 * gradient**2
            corrected = moments[i] / (1 - 0.9**step)
            param -= LEARNING_RATE * corrected / (np.sqrt(squares[i] / (1 - 0.999**step)) + 1e-8)
    return weights, bias


def _folds(labels: np.ndarray, seed: int = 7) -> np.ndarray:
    """A fold for each sample, stratified by label, the same on every run."""
    rng = np.random.default_rng(seed)
    fold = np.empty(len(labels), dtype=int)
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        rng.shuffle(members)
        fold[members] = np.arange(len(members)) % FOLDS
    return fold


def cross_validated(features: np.ndarray, labels: np.ndarray, l2: float) -> np.ndarray:
    """Each sample's class probabilities from a model trained without its fold."""
    fold = _folds(labels)
    probabilities = np.zeros((len(labels), len(LABELS)))
    for k in range(FOLDS):
        train, held = fold != k, fold == k
        mean, scale = _standardiser(features[train])
        weights, bias = fit((features[train] - mean) / scale, labels[train], l2)
        probabilities[held] = _softmax(((features[held] - mean) / scale) @ weights + bias)
    return probabilities


def _standardiser(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return features.mean(axis=0), features.std(axis=0) + 1e-6


def threshold_for_recall(danger: np.ndarray, is_danger: np.ndarray, recall: float) -> float:
    """The highest P(danger) threshold that still finds `recall` of the danger."""
    scores = np.sort(danger[is_danger])
    missed = int(np.floor((1 - recall) * len(scores) + 1e-9))
    return float(scores[missed]) if len(scores) else 0.5


@dataclass(frozen=True)
class TrainingReport:
    samples: int
    l2: float
    threshold: float
    recall: float
    precision: float
    need_accuracy: float
    by_lang: dict[str, tuple[float, float]]


def train(
    embed: Any, rows: list[CorpusRow] | None = None, path: Path = MODEL_PATH
) -> TrainingReport:
    """Train on the corpus with `embed` (texts → vectors, as queries), choose the
    regularisation and the threshold by cross-validation, and save the model."""
    rows = corpus_rows() if rows is None else rows
    features = np.asarray(embed([row.text for row in rows]), dtype=np.float64)
    labels = np.array([LABELS.index(row.label) for row in rows])
    best: tuple[float, float, np.ndarray] | None = None
    for l2 in L2_CHOICES:
        probabilities = cross_validated(features, labels, l2)
        loss = float(-np.mean(np.log(probabilities[np.arange(len(labels)), labels] + 1e-12)))
        if best is None or loss < best[0]:
            best = (loss, l2, probabilities)
    assert best is not None
    _, l2, probabilities = best
    danger, is_danger = 1 - probabilities[:, 0], labels != 0
    threshold = threshold_for_recall(danger, is_danger, RECALL_TARGET)
    flagged = danger >= threshold
    langs = np.array([row.lang for row in rows])
    by_lang = {
        str(lang): _recall_precision(flagged[langs == lang], is_danger[langs == lang])
        for lang in sorted(set(langs))
    }
    recall, precision = _recall_precision(flagged, is_danger)
    right_need = probabilities[is_danger, 1:].argmax(axis=1) + 1 == labels[is_danger]
    mean, scale = _standardiser(features)
    weights, bias = fit((features - mean) / scale, labels, l2)
    np.savez_compressed(
        path,
        weights=weights.astype(np.float32),
        bias=bias.astype(np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        labels=np.array(LABELS),
        threshold=np.float32(threshold),
        digest=np.array(corpus_digest(rows)),
    )
    danger_model.cache_clear()
    return TrainingReport(
        len(rows), l2, threshold, recall, precision, float(right_need.mean()), by_lang
    )


def _recall_precision(flagged: np.ndarray, is_danger: np.ndarray) -> tuple[float, float]:
    found = int((flagged & is_danger).sum())
    return found / max(int(is_danger.sum()), 1), found / max(int(flagged.sum()), 1)


# --- Reading a text -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DangerModel:
    weights: np.ndarray
    bias: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    labels: tuple[str, ...]
    threshold: float
    digest: str

    def read(self, vector: np.ndarray) -> DangerReading:
        logits = ((np.asarray(vector, dtype=np.float32) - self.mean) / self.scale) @ self.weights
        probabilities = _softmax((logits + self.bias)[None, :])[0]
        none = self.labels.index(NONE)
        danger = float(1 - probabilities[none])
        probabilities[none] = -1.0  # the need is the likeliest urgent one
        need = self.labels[int(probabilities.argmax())]
        return DangerReading(round(danger, 3), need, danger >= self.threshold)


@lru_cache(maxsize=1)
def danger_model() -> DangerModel | None:
    """The trained model, or None when it has not been trained (words alone show danger)."""
    if not MODEL_PATH.exists():
        logger.warning("no trained danger model (%s); run perhekeskus train_danger", MODEL_PATH)
        return None
    with np.load(MODEL_PATH) as saved:
        return DangerModel(
            weights=saved["weights"],
            bias=saved["bias"],
            mean=saved["mean"],
            scale=saved["scale"],
            labels=tuple(str(label) for label in saved["labels"]),
            threshold=float(saved["threshold"]),
            digest=str(saved["digest"]),
        )
