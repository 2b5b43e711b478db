#!/usr/bin/python3
"""Reference values of the Gauss hypergeometric function 2F1(a, b; c; z) for test/core/hypergeometric2F1.test.ts.

Regenerate (Debian's python with scipy and mpmath):
    /usr/bin/python3 test/data/scipy/hyp2f1.py > test/data/scipy/hyp2f1.json

"ordinary": scipy.special.hyp2f1 at arguments like the BG/NBD's (r+x, b+x; a+b+x-1; t/(alpha+T+t)).
"huge": values beyond a double (customers with hundreds of purchases), as ln 2F1 from mpmath at
50 digits, because scipy returns inf there.
"""
import json
import mpmath
from scipy.special import hyp2f1

mpmath.mp.dps = 50

ordinary = [
    (0.5, 0.5, 1.5, 0.25),
    (1.0, 2.0, 3.0, 0.5),
    (0.243, 2.426, 2.219, 0.3),        # E[X(t)]: r, b, a+b-1 of the CDNOW fit, t/(alpha+t)
    (2.243, 4.426, 4.219, 0.5009),     # E[Y(39)|x=2, tx=30.43, T=38.86]: z = 39/(4.414+38.86+39)
    (10.243, 12.426, 12.219, 0.45),
    (0.1, 0.2, 0.05, 0.9),
    (3.5, 1.25, 6.0, 0.95),
    (0.7, -0.4, 1.3, 0.8),             # a negative upper parameter: mixed signs
    (-0.3, 0.6, 2.5, 0.99),
    (1.5, 2.5, 0.4, 0.7),
    (1.0, 1.0, 2.0, -0.5),
    (5.0, 7.0, 9.0, 0.999),
]
huge = [
    (1500.243, 1502.426, 1502.219, 0.5),
    (1000.5, 1002.0, 1001.3, 0.55),
    (2000.0, 2001.5, 2003.0, 0.6),
]

print(json.dumps({
    "generator": "test/data/scipy/hyp2f1.py (scipy.special.hyp2f1; mpmath.hyp2f1 at 50 digits for 'huge')",
    "ordinary": [{"a": a, "b": b, "c": c, "z": z, "value": float(hyp2f1(a, b, c, z))} for a, b, c, z in ordinary],
    "huge": [{"a": a, "b": b, "c": c, "z": z, "log": float(mpmath.log(mpmath.hyp2f1(a, b, c, z)))} for a, b, c, z in huge],
}, indent=1))
