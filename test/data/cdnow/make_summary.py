#!/usr/bin/python3
"""Derives the per-customer CDNOW summary kept in this folder from the raw 1/10 sample.

Usage (Debian's python, standard library only):
    /usr/bin/python3 test/data/cdnow/make_summary.py CDNOW_sample.txt > test/data/cdnow/cdnow_summary.csv

Input: Fader & Hardie's CDNOW_sample.txt (2,357 customers who first bought in 1997 Q1; columns:
master id, sample id, date YYYYMMDD, number of CDs, dollar value). See README.md here for its source.

Output, one row per customer (sample id order), as in Fader, Hardie & Lee (2005) and Hardie's notes:
  id       sample id
  x        repeat purchases in the 39-week calibration period (first purchase up to 1997-09-30)
  tx_days  recency: days from the first purchase to the last one in the calibration period
  T_days   age: days from the first purchase to 1997-09-30
  zbar     mean value of the repeat purchases in the calibration period (0 when x = 0)
  x_star   repeat purchases in the 39-week holdout period (1997-10-01 to 1998-06-30)
Transactions on the same day count as one purchase (their values summed), as the BTYD package's
dc.MergeTransactionsOnSameDate and lifetimes' summary_data_from_transaction_data do.
Weeks are days / 7.
"""
import sys
from collections import defaultdict
from datetime import date

CALIBRATION_END = date(1997, 9, 30)
HOLDOUT_END = date(1998, 6, 30)


def read(path):
    days = defaultdict(lambda: defaultdict(float))  # id -> day -> summed value
    with open(path) as lines:
        for line in lines:
            fields = line.split()
            if not fields:
                continue
            customer = int(fields[1])
            day = date(int(fields[2][:4]), int(fields[2][4:6]), int(fields[2][6:]))
            days[customer][day] += float(fields[4])
    return days


def main(path):
    print("id,x,tx_days,T_days,zbar,x_star")
    for customer, by_day in sorted(read(path).items()):
        ordered = sorted(by_day)
        first = ordered[0]
        calibration = [d for d in ordered if d <= CALIBRATION_END]
        holdout = [d for d in ordered if CALIBRATION_END < d <= HOLDOUT_END]
        repeats = calibration[1:]
        x = len(repeats)
        zbar = sum(by_day[d] for d in repeats) / x if x else 0.0
        tx = (calibration[-1] - first).days
        age = (CALIBRATION_END - first).days
        print(f"{customer},{x},{tx},{age},{zbar:.6f},{len(holdout)}")


if __name__ == "__main__":
    main(sys.argv[1])
