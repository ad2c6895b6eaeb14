# A re-implementation of SALib's Sobol index estimators on SciPy's scrambled Sobol' sequence, for
# the Sobol comparison of the engine benchmark (bench/engine-sobol.ts). It is NOT SALib (not
# installable here); it follows SALib's sample.sobol + analyze.sobol without second-order terms:
# one scrambled Sobol' matrix of 2D columns (scipy.stats.qmc.Sobol, scramble=True, seed) split into
# A and B, AB_i = A with column i from B, the outputs standardised over all evaluations, then
#   S1_i = mean(fB · (fAB_i − fA)) / Var(Y)      (Saltelli 2010)
#   ST_i = 0.5 · mean((fA − fAB_i)²) / Var(Y)     (Jansen 1999)
# with Var(Y) the variance (ddof 0) over [fA, fB].
#
# Usage: python3 engine-sobol-reference.py [--hashed] N SEED...  → one JSON line per seed:
# {"S1": [...], "ST": [...]}. With --hashed the points are SciPy's unscrambled Sobol' points under
# Credence's scramble instead (src/engine/sobol-sequence.ts: Burley's hashed nested scramble of
# the 32 bits, then uniform random bits below them), to tell the scramble's share apart.

import json
import sys

import numpy as np
from scipy.stats import qmc

A_ISHIGAMI, B_ISHIGAMI = 7.0, 0.1
D = 3


def ishigami(x):
    return np.sin(x[:, 0]) + A_ISHIGAMI * np.sin(x[:, 1]) ** 2 + B_ISHIGAMI * x[:, 2] ** 4 * np.sin(x[:, 0])


def reverse_bits(x):
    for shift, mask in ((1, 0x55555555), (2, 0x33333333), (4, 0x0F0F0F0F), (8, 0x00FF00FF)):
        x = ((x >> shift) & mask) | ((x & mask) << shift)
    return ((x >> 16) | (x << 16)) & 0xFFFFFFFF


def hashed(x, seed):
    x = reverse_bits(x)
    x ^= (x * 0x3D20ADEA) & 0xFFFFFFFF
    x = (x + seed) & 0xFFFFFFFF
    x = (x * ((seed >> 16) | 1)) & 0xFFFFFFFF
    x ^= (x * 0x05526C56) & 0xFFFFFFFF
    x ^= (x * 0x53A22864) & 0xFFFFFFFF
    return reverse_bits(x)


def points(n, seed, scramble):
    if scramble == "scipy":
        return qmc.Sobol(d=2 * D, scramble=True, seed=seed).random(n)
    rng = np.random.default_rng(seed)
    raw = (qmc.Sobol(d=2 * D, scramble=False).random(n) * 2**32).astype(np.uint64)
    seeds = rng.integers(0, 2**32, size=2 * D, dtype=np.uint64)
    bits = np.stack([hashed(raw[:, d], int(seeds[d])) for d in range(2 * D)], axis=1)
    return (bits.astype(np.float64) + rng.random((n, 2 * D))) / 2**32


def indices(n, seed, scramble):
    base = points(n, seed, scramble)
    x = -np.pi + 2 * np.pi * base  # uniform(-pi, pi) by its quantile function, as SALib scales
    a, b = x[:, :D], x[:, D:]
    ab = [np.where(np.arange(D) == i, b, a) for i in range(D)]
    ys = [ishigami(a), ishigami(b), *(ishigami(m) for m in ab)]
    y = np.concatenate(ys)
    fa, fb, *fab = [(v - y.mean()) / y.std() for v in ys]
    var = np.var(np.r_[fa, fb])
    s1 = [float(np.mean(fb * (f - fa)) / var) for f in fab]
    st = [float(0.5 * np.mean((fa - f) ** 2) / var) for f in fab]
    return {"S1": s1, "ST": st}


def main():
    args = sys.argv[1:]
    scramble = "hashed" if args[0] == "--hashed" else "scipy"
    n, *seeds = args[1:] if scramble == "hashed" else args
    for seed in seeds:
        print(json.dumps(indices(int(n), int(seed), scramble)), flush=True)


main()
