"""The pandas + openpyxl baseline for the runner's .xlsx bench: read the same workbook, segment by
value x strategic match with median cuts (as cx-segment's default quadrant method), add the
segment column, write the table and a per-segment summary sheet to a new .xlsx. Prints one JSON
line: {"ms": wall time, "maxRssMb": peak resident memory}. Run with Debian's /usr/bin/python3.

Usage: pandas_xlsx.py INPUT.xlsx OUTPUT.xlsx
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

started = time.perf_counter()
source, target = sys.argv[1], sys.argv[2]
frame = pd.read_excel(source, sheet_name=0, engine="openpyxl")
value = frame["Revenue"].astype(float)
match = frame["Strategic match"].astype(float)
high_value = value >= value.median()
high_match = match >= match.median()
frame["Segment"] = np.select(
    [high_value & high_match, high_value & ~high_match, ~high_value & high_match],
    ["Strategic", "Profit", "Potential"],
    default="Ordinary",
)
summary = frame.groupby("Segment").agg(Customers=("Segment", "size"), Value=("Revenue", "sum"))
summary["Share of value"] = summary["Value"] / summary["Value"].sum()
with pd.ExcelWriter(target, engine="openpyxl") as writer:
    frame.to_excel(writer, sheet_name="Customers", index=False)
    summary.to_excel(writer, sheet_name="CX Summary")
ms = (time.perf_counter() - started) * 1000
print(json.dumps({"ms": ms, "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
