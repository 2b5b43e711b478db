"""The pandas baseline of the runner's CSV benchmark: read, segment, write, as an analyst would.

    /usr/bin/python3 pandas_segment.py INPUT OUTPUT quadrant|abc

Reads INPUT with read_csv, adds the same columns as cx-segment (quadrant: "Segment" by the medians
of Revenue and Strategic match, value >= median -> high; abc: "ABC class" and "Cumulative value
share", ranked by Revenue descending with ties in row order, class by the share held before the
customer: A below 0.8, B below 0.95), writes the table with to_csv and the per-segment counts to
OUTPUT's .summary.csv, and prints JSON: the segment counts and the peak RSS in MB.
"""
import json
import resource
import sys

import numpy as np
import pandas as pd

source, target, method = sys.argv[1], sys.argv[2], sys.argv[3]
frame = pd.read_csv(source)
if method == "quadrant":
    high_value = frame["Revenue"] >= frame["Revenue"].median()
    high_match = frame["Strategic match"] >= frame["Strategic match"].median()
    frame["Segment"] = np.select(
        [high_value & high_match, high_value & ~high_match, ~high_value & high_match],
        ["Strategic", "Profit", "Potential"],
        "Ordinary",
    )
    column = "Segment"
else:
    ranked = frame["Revenue"].sort_values(ascending=False, kind="mergesort")
    running = ranked.cumsum()
    total = running.iloc[-1]
    before = (running - ranked) / total
    frame["ABC class"] = pd.Series(np.where(before < 0.8, "A", np.where(before < 0.95, "B", "C")), index=ranked.index)
    frame["Cumulative value share"] = running / total
    column = "ABC class"
frame.to_csv(target, index=False)
counts = frame.groupby(column).size()
counts.to_csv(target.replace(".csv", ".summary.csv"))
print(json.dumps({
    "counts": {str(k): int(v) for k, v in counts.items()},
    "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "pandas": pd.__version__,
}))
