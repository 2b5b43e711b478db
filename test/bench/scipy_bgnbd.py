#!/usr/bin/python3
"""The BG/NBD fit as an analyst would run it in SciPy, timed for `npm run bench` (test/bench/clv.bench.ts).

Usage: /usr/bin/python3 test/bench/scipy_bgnbd.py DIR
DIR holds x.f64, tx.f64, T.f64 (little-endian float64, one value per customer). The vectorised
log-likelihood of Fader, Hardie & Lee (2005, eq. 6), as lifetimes writes it, minimised over the
log-parameters with scipy.optimize.minimize(method="L-BFGS-B") and SciPy's finite-difference
gradient, one row per customer (no grouping), from lifetimes' start (all log-parameters 0).
Prints JSON: seconds (fit only, data loading excluded), the parameters, iterations, success.
"""
import json
import os
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln

folder = sys.argv[1]
x, tx, T = (np.fromfile(os.path.join(folder, name + ".f64"), dtype="<f8") for name in ("x", "tx", "T"))


def negative_log_likelihood(log_params):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(tx + alpha)
    biggest = np.maximum(a3, a4)
    ll = a1 + a2 + np.log(np.exp(a3 - biggest) + np.exp(a4 - biggest) * (x > 0)) + biggest
    return -ll.sum() / len(x)


start = time.perf_counter()
result = minimize(negative_log_likelihood, np.zeros(4), method="L-BFGS-B", tol=1e-7)
seconds = time.perf_counter() - start
r, alpha, a, b = np.exp(result.x)
print(json.dumps({"seconds": seconds, "r": r, "alpha": alpha, "a": a, "b": b,
                  "iterations": int(result.nit), "evaluations": int(result.nfev), "success": bool(result.success)}))
