# A re-implementation of SALib's Sobol index estimators on SciPy's scrambled Sobol' sequence, for
# the Sobol comparison of the engine benchmark (bench/engine-sobol.ts). It is NOT SALib (not
# installable here); it follows SALib's sample.sobol + analyze.sobol without second-order terms:
# one scrambled Sobol' matrix of 2D columns (scipy.stats.qmc.Sobol, scramble=True, seed) split into
# A and B, AB_i = A with column i from B, the outputs standardised over all evaluations, then
#   S1_i = mean(fB · (fAB_i − fA)) / Var(Y)      (Saltelli 2010)
#   ST_i = 0.5 · mean((fA − fAB_i)²) / Var(Y)     (Jansen 1999)
# with Var(Y) the variance (ddof 0) over [fA, fB].
#
# Usage: python3 engine-sobol-reference.py N SEED...  → one JSON line per seed:
# {"S1": [...], "ST": [...]}.

import json
import sys

import numpy as np
from scipy.stats import qmc

A_ISHIGAMI, B_ISHIGAMI = 7.0, 0.1
D = 3


def ishigami(x):
    return np.sin(x[:, 0]) + A_ISHIGAMI * np.sin(x[:, 1]) ** 2 + B_ISHIGAMI * x[:, 2] ** 4 * np.sin(x[:, 0])


def points(n, seed):
    return qmc.Sobol(d=2 * D, scramble=True, seed=seed).random(n)


def indices(n, seed):
    base = points(n, seed)
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
    n, *seeds = sys.argv[1:]
    for seed in seeds:
        print(json.dumps(indices(int(n), int(seed))), flush=True)


main()
