"""Weighted, L2-regularised logistic regression by Newton's method, in pure Python.

Shared by the scripts that fit the shipped linear models (fit_content.py,
fit_captions.py): a few dozen named features, tens of thousands of samples.
"""
from __future__ import annotations

import math


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a is symmetric positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def fit(samples, names, l2: float = 1.0, prior: dict[str, float] | None = None,
        iterations: int = 30, tol: float = 1e-6) -> tuple[dict[str, float], float]:
    """samples: (features {name: value}, label 0/1, weight). Returns (weights, bias).

    The penalty pulls each weight towards ``prior`` (default 0); the bias is not
    penalised (a tiny ridge keeps the system solvable)."""
    names = list(names)
    index = {k: i + 1 for i, k in enumerate(names)}  # 0 is the bias
    n = len(names) + 1
    data = [([(0, 1.0)] + [(index[k], v) for k, v in fv.items() if v and k in index], y, w)
            for fv, y, w in samples]
    centre = [0.0] + [(prior or {}).get(k, 0.0) for k in names]
    theta = centre[:]
    for _ in range(iterations):
        grad = [l2 * (t - c) for t, c in zip(theta, centre, strict=True)]
        grad[0] = 0.0
        hess = [[0.0] * n for _ in range(n)]
        for i in range(1, n):
            hess[i][i] = l2
        hess[0][0] = 1e-6
        for x, y, w in data:
            z = sum(theta[i] * v for i, v in x)
            p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
            d, h = w * (p - y), w * p * (1.0 - p)
            for i, v in x:
                grad[i] += d * v
                row = hess[i]
                hv = h * v
                for j, u in x:
                    row[j] += hv * u
        step = solve(hess, grad)
        theta = [t - s for t, s in zip(theta, step, strict=True)]
        if max(abs(s) for s in step) < tol:
            break
    return {k: theta[index[k]] for k in names}, theta[0]
