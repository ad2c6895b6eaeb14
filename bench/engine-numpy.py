# The NumPy side of the engine benchmark (bench/engine.ts): the reference models M1 and M2
# written as a forecaster would in a notebook (vectorised draws from numpy's default
# generator, one core), with the same summary statistics as every other side: mean, standard
# deviation and the 5th, 50th and 95th percentiles (order statistics, as Credence's).
#
# Reads one request a line on stdin, "m1 1000000 7" (model, samples, seed), and answers one
# JSON line: the wall and CPU time of drawing and summarising (not Python's start or imports)
# and the statistics. Staying alive between requests lets the benchmark interleave it with the
# other tools round by round.

import json
import math
import sys
import time

import numpy as np

Z90 = 1.6448536269514722
MU = (math.log(10) + math.log(300)) / 2
SIGMA = (math.log(300) - math.log(10)) / (2 * Z90)


def m1(rng, n):
    p_step = rng.beta(49, 1, n)
    n_steps = np.floor(rng.uniform(5, 31, n))
    p_base = rng.beta(6, 4, n)
    return p_base * p_step**n_steps


def m2(rng, n):
    p = rng.beta(8, 2, n)
    for a, b in ((6, 4), (5, 5), (4, 6), (7, 3), (3, 7)):
        p *= rng.beta(a, b, n)
    a = rng.uniform(0, 100, n)
    b = np.exp(rng.normal(MU, SIGMA, n))
    with np.errstate(over="ignore"):  # 2^-(a-b) is +inf far in the tail, as in every tool
        return p * (1 / (1 + 2.0 ** -(a - b)))


MODELS = {"m1": m1, "m2": m2}


def summary(y):
    q = np.quantile(y, [0.05, 0.5, 0.95], method="inverted_cdf")
    return [float(y.mean()), float(y.std(ddof=1)), *map(float, q)]


def main():
    print(json.dumps({"ready": True, "numpy": np.__version__}), flush=True)
    for line in sys.stdin:
        model, n, seed = line.split()
        c0, t0 = time.process_time(), time.perf_counter()
        y = MODELS[model](np.random.default_rng(int(seed)), int(n))
        stats = summary(y)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        del y
        print(json.dumps({"wall": wall * 1000, "cpu": cpu * 1000, "stats": stats}), flush=True)


main()
