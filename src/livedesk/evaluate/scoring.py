"""Small scoring helpers shared by the evaluation tasks."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088


def prf(true_positives: float, predicted: float, gold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def weighted_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """F1 per label present in the gold, weighted by the label's gold support."""
    support = Counter(gold)
    total = 0.0
    for label, count in support.items():
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n_predicted = sum(1 for p in predicted if p == label)
        total += prf(tp, n_predicted, count)[2] * count
    return total / len(gold) if gold else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def rounded(scores: dict[str, float | int]) -> dict[str, float | int]:
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in scores.items()}
