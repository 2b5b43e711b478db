#!/usr/bin/python3
"""Independent reference values for the BG/NBD, Gamma-Gamma and CLV tests, from SciPy.

Regenerate (Debian's python: numpy, scipy, mpmath):
    /usr/bin/python3 test/data/scipy/bgnbd_reference.py > test/data/scipy/bgnbd_reference.json

Everything here is written from the papers' formulas, separately from the TypeScript code:
- the BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6), maximised with scipy.optimize's
  L-BFGS-B using its own finite-difference gradient, on CDNOW in weeks (days/7) and in weeks
  rounded to 2 decimals (as lifetimes' cdnow_customers_summary.csv);
- standard errors from a finite-difference Hessian of the log-likelihood's value (not its gradient);
- E[Y(t) | x, tx, T] from eq. 10 literally, with scipy.special.hyp2f1 (mpmath at 30 digits where
  scipy's 2F1 overflows, for customers with many purchases); P(alive); E[X(t)] (eq. 9);
  P(X(t) = x) (eq. 8) and the fit histogram;
- the Gamma-Gamma likelihood (Fader, Hardie & Lee 2005, JMR; Hardie's note 025) and E[Z | x, zbar];
- CLV = m * E[Z] * sum_k (E[Y(k)] - E[Y(k-1)]) / (1+d)^(k/P).
"""
import csv
import json
import os

import mpmath
import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

mpmath.mp.dps = 30
HERE = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(HERE, "..", "cdnow", "cdnow_summary.csv"))))
x = np.array([float(r["x"]) for r in rows])
tx = np.array([float(r["tx_days"]) for r in rows]) / 7
T = np.array([float(r["T_days"]) for r in rows]) / 7
zbar = np.array([float(r["zbar"]) for r in rows])
x_star = np.array([float(r["x_star"]) for r in rows])


def bgnbd_ll(params, x, tx, T):
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def fit(ll, start, *data):
    result = minimize(lambda lp: -ll(np.exp(lp), *data) / len(data[0]), np.log(start), method="L-BFGS-B",
                      options=dict(ftol=1e-15, gtol=1e-11, maxiter=5000, maxfun=50000))
    return np.exp(result.x), ll(np.exp(result.x), *data), bool(result.success)


def fit_penalised(ll, start, penalty, *data):
    """lifetimes' objective: -LL/N + penalty * sum(params^2), over log-parameters."""
    objective = lambda lp: -ll(np.exp(lp), *data) / len(data[0]) + penalty * np.sum(np.exp(lp) ** 2)
    result = minimize(objective, np.log(start), method="L-BFGS-B", options=dict(ftol=1e-15, gtol=1e-11, maxiter=5000))
    return np.exp(result.x), ll(np.exp(result.x), *data)


def standard_errors(ll, params, *data):
    n = len(params)
    h = 1e-4 * params
    hessian = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            def f(di, dj):
                p = params.copy()
                p[i] += di
                p[j] += dj
                return ll(p, *data)
            hessian[i, j] = -(f(h[i], h[j]) - f(h[i], -h[j]) - f(-h[i], h[j]) + f(-h[i], -h[j])) / (4 * h[i] * h[j])
    return np.sqrt(np.diag(np.linalg.inv(hessian)))


def hyp(a, b, c, z):
    value = hyp2f1(a, b, c, z)
    return float(value) if np.isfinite(value) else None


def expected_purchases(params, t, x, tx, T):
    """Eq. 10 literally; 2F1 from scipy, or mpmath when scipy overflows."""
    r, alpha, a, b = params
    z = t / (alpha + T + t)
    f = hyp(r + x, b + x, a + b + x - 1, z)
    if f is not None:
        bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f
    else:
        bracket = float(1 - mpmath.power((alpha + T) / (alpha + T + t), r + x) * mpmath.hyp2f1(r + x, b + x, a + b + x - 1, z))
    numerator = (a + b + x - 1) / (a - 1) * bracket
    return float(numerator * p_alive(params, x, tx, T))


def p_alive(params, x, tx, T):
    r, alpha, a, b = params
    if x == 0:
        return 1.0
    return float(1 / (1 + float(mpmath.mpf(a) / (b + x - 1) * mpmath.power((alpha + T) / (alpha + tx), r + x))))


def expected_new(params, t):
    r, alpha, a, b = params
    return float((a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t))))


def p_x(params, t, k):
    r, alpha, a, b = params
    nbd = lambda j: np.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1)) * (alpha / (alpha + t)) ** r * (t / (alpha + t)) ** j
    value = np.exp(betaln(a, b + k) - betaln(a, b)) * nbd(k)
    if k > 0:
        value += np.exp(betaln(a + 1, b + k - 1) - betaln(a, b)) * (1 - sum(nbd(j) for j in range(k)))
    return float(value)


def gg_ll(params, x, m):
    p, q, v = params
    return float(np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v)
                        + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v)))


def expected_spend(params, x, m):
    p, q, v = params
    return float((q - 1) / (p * x + q - 1) * v * p / (q - 1) + p * x / (p * x + q - 1) * m)


def clv(bg, gg, x, tx, T, m, horizon, margin, discount, per_year):
    total = 0.0
    previous = 0.0
    for k in range(1, horizon + 1):
        current = expected_purchases(bg, k, x, tx, T)
        total += (current - previous) / (1 + discount) ** (k / per_year)
        previous = current
    return margin * expected_spend(gg, x, m) * total


bg, bg_ll, bg_ok = fit(bgnbd_ll, np.array([1.0, 1.0, 1.0, 1.0]), x, tx, T)
rounded = (x, np.round(tx, 2), np.round(T, 2))
bg_rounded, bg_rounded_ll, _ = fit(bgnbd_ll, np.array([1.0, 1.0, 1.0, 1.0]), *rounded)
bg_penalised, bg_penalised_ll = fit_penalised(bgnbd_ll, np.array([1.0, 1.0, 1.0, 1.0]), 0.01, x, tx, T)
repeat = x > 0
gg, gg_ll_value, gg_ok = fit(gg_ll, np.array([1.0, 1.0, 1.0]), x[repeat], zbar[repeat])

customers = [dict(x=float(x[i]), tx=float(tx[i]), T=float(T[i]), zbar=float(zbar[i])) for i in range(20)]
customers += [dict(x=0.0, tx=0.0, T=0.5, zbar=0.0), dict(x=150.0, tx=38.0, T=38.86, zbar=20.0),
              dict(x=400.0, tx=20.0, T=38.86, zbar=20.0), dict(x=1.0, tx=0.1, T=38.86, zbar=5.0)]
for c in customers:
    c["pAlive"] = p_alive(bg, c["x"], c["tx"], c["T"])
    c["expected39"] = expected_purchases(bg, 39.0, c["x"], c["tx"], c["T"])
    c["expected4"] = expected_purchases(bg, 4.0, c["x"], c["tx"], c["T"])
    c["expectedSpend"] = expected_spend(gg, c["x"], c["zbar"]) if c["x"] > 0 else expected_spend(gg, 0.0, 0.0)
    c["clv52"] = clv(bg, gg, c["x"], c["tx"], c["T"], c["zbar"], 52, 0.3, 0.1, 52.1775)

# Expected number of customers with 0..6 and 7+ repeat purchases in their calibration period.
histogram = [float(sum(p_x(bg, t, k) for t in T)) for k in range(7)]
histogram.append(float(len(T) - sum(histogram)))

print(json.dumps({
    "generator": "test/data/scipy/bgnbd_reference.py (scipy " + __import__("scipy").__version__ + ")",
    "bgnbd": {"r": bg[0], "alpha": bg[1], "a": bg[2], "b": bg[3], "logLikelihood": bg_ll, "success": bg_ok,
              "standardErrors": list(standard_errors(bgnbd_ll, bg, x, tx, T))},
    "bgnbdRoundedWeeks": {"r": bg_rounded[0], "alpha": bg_rounded[1], "a": bg_rounded[2], "b": bg_rounded[3],
                          "logLikelihood": bg_rounded_ll,
                          "standardErrors": list(standard_errors(bgnbd_ll, bg_rounded, *rounded))},
    "bgnbdPenalised": {"penalizerCoef": 0.01, "r": bg_penalised[0], "alpha": bg_penalised[1], "a": bg_penalised[2],
                       "b": bg_penalised[3], "logLikelihood": bg_penalised_ll},
    "gammaGamma": {"p": gg[0], "q": gg[1], "v": gg[2], "logLikelihood": gg_ll_value, "success": gg_ok,
                   "standardErrors": list(standard_errors(gg_ll, gg, x[repeat], zbar[repeat]))},
    "expectedNewCustomer": [{"t": t, "value": expected_new(bg, t)} for t in [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0, 520.0]],
    "probabilityOfPurchases": [{"t": 38.86, "x": k, "value": p_x(bg, 38.86, k)} for k in range(8)],
    "histogram": histogram,
    "holdoutExpected": float(sum(expected_purchases(bg, 39.0, x[i], tx[i], T[i]) for i in range(len(x)))),
    "holdoutActual": float(x_star.sum()),
    "customers": customers,
    "clvSettings": {"horizon": 52, "margin": 0.3, "annualDiscount": 0.1, "periodsPerYear": 52.1775},
}, indent=1))
