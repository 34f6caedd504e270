"""A linear model over named features: its score, its decision, its explanation.

Stage content's block classifier and headline ranking, and stage captions, each
score a block as ``bias + sum(weight * value)`` over a dict of named features, with
the weights of a TOML table (``data/content_model.toml``, ``data/captions.toml``).
``LinearModel`` is that score, once:

* ``score(features)``: the bias plus the weighted values, summed in the features'
  order (a feature of value 0, or one the model has no weight for, adds nothing);
* ``probability(features)``: the logistic of the score (stage content);
* ``decide(features)`` / ``passes(score)``: the score is over the threshold;
* ``explain(features)``: the features that count, largest part first
  ("short +1.5, one sentence +1.0, past -2.0");
* ``group(names)`` and ``cannot_pass(partial, most_left)``, the early exit: a
  model whose features are read a group at a time (the costly ones last) stops
  reading once the score so far, plus the most the unread groups could add (all
  values lie in [0, 1]), stays at or under the threshold.

The order of the sums is part of the contract: a borderline score must come out the
same to the last bit whichever way a caller reads it.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import mul
from typing import Any, NamedTuple

LOGIT_CLIP = 30.0  # exp() of a larger log-odds overflows to nothing useful


def logistic(z: float) -> float:
    """1 / (1 + e^-z), ``z`` clipped at ±LOGIT_CLIP."""
    # (``max(-LOGIT_CLIP, min(LOGIT_CLIP, z))`` by comparisons: a builtin's call of two
    # arguments costs several times more than the comparison it makes)
    z = z if z < LOGIT_CLIP else LOGIT_CLIP
    return 1.0 / (1.0 + math.exp(-(z if z > -LOGIT_CLIP else -LOGIT_CLIP)))


class Group(NamedTuple):
    """Some features of a model read together, with their weights in the same order."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    most: float  # the most the group can add to a score: its positive weights, every value at 1

    def score(self, values: Sequence[float]) -> float:
        """The group's part of a score: the weighted values, summed in order (no bias)."""
        return sum(map(mul, values, self.weights))

    def named(self, values: Sequence[float]) -> dict[str, float]:
        return dict(zip(self.names, values, strict=True))

    def contributions(self, values: Sequence[float]) -> list[tuple[float, str]]:
        """(weight * value, name) of the group's features that count (a value not 0), in order."""
        return [(w * v, k) for k, w, v in zip(self.names, self.weights, values, strict=True) if v]


@dataclass(frozen=True, slots=True)
class LinearModel:
    """``bias + sum(weight * value)`` over named features, and a threshold to decide by."""

    weights: Mapping[str, float]
    bias: float = 0.0
    threshold: float = 0.0

    @classmethod
    def from_table(cls, table: Mapping[str, Any], prefix: str = "") -> LinearModel:
        """The model of a TOML table: its ``weights`` sub-table, its ``bias`` and ``threshold``
        keys, each name after ``prefix`` ("title_": the second model of a file); a missing
        key is no weight, or 0."""
        return cls(table.get(prefix + "weights", {}), table.get(prefix + "bias", 0.0),
                   table.get(prefix + "threshold", 0.0))

    def score(self, features: Mapping[str, float]) -> float:
        w = self.weights
        return self.bias + sum(w[k] * x for k, x in features.items() if x and k in w)

    def probability(self, features: Mapping[str, float]) -> float:
        """The logistic of the score (its log-odds clipped at ±LOGIT_CLIP)."""
        return logistic(self.score(features))

    def passes(self, score: float) -> bool:
        return score > self.threshold

    def decide(self, features: Mapping[str, float]) -> bool:
        return self.passes(self.score(features))

    def cannot_pass(self, partial: float, *most_left: float) -> bool:
        """A score of ``partial`` so far, to which the features not read yet add at most
        ``most_left`` (one bound per group of them, added in order), stays at or under
        the threshold: reading them changes nothing."""
        total = partial
        for most in most_left:
            total += most
        return total <= self.threshold

    def group(self, names: Iterable[str]) -> Group:
        names = tuple(names)
        w = self.weights
        return Group(names, tuple(w[k] for k in names), sum(max(0.0, w[k]) for k in names))

    def contributions(self, features: Mapping[str, float]) -> list[tuple[float, str]]:
        """(weight * value, name) of the features that count, largest first."""
        w = self.weights
        return sorted(((w[k] * v, k) for k, v in features.items() if v and k in w), reverse=True)

    def explain(self, features: Mapping[str, float]) -> str:
        """The features that count, largest part first: "short +1.5, one sentence +1.0"."""
        return explained(self.contributions(features))


def explained(contributions: Iterable[tuple[float, str]]) -> str:
    """Contributions (weight * value, name) as :meth:`LinearModel.explain` words them, largest first."""
    return ", ".join(f"{k.replace('_', ' ')} {c:+.1f}" for c, k in sorted(contributions, reverse=True))
