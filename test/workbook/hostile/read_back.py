"""A second reader for the runner's .xlsx output: openpyxl (run with Debian's /usr/bin/python3)
re-opens each file and prints, as one JSON object keyed by file name, what a Python user would see:
sheet names in order; every sheet's cells row by row (formulas as their "=..." text, other cells
as values, dates as ISO text); the Excel tables with their ranges and column names; how many
charts, images and comments each sheet has.

Usage: read_back.py FILE...
"""
import datetime
import json
import sys

import openpyxl


def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return str(value)


result = {}
for path in sys.argv[1:]:
    keep_vba = path.endswith(".xlsm")
    wb = openpyxl.load_workbook(path, keep_vba=keep_vba)
    book = {"sheets": wb.sheetnames, "cells": {}, "tables": {}, "charts": {}, "comments": {}}
    for ws in wb.worksheets:
        book["cells"][ws.title] = [[plain(c.value) for c in row] for row in ws.iter_rows()]
        book["tables"][ws.title] = [
            {"name": t.displayName, "ref": t.ref, "columns": [c.name for c in t.tableColumns]}
            for t in ws.tables.values()
        ]
        book["charts"][ws.title] = len(ws._charts)
        book["comments"][ws.title] = sum(1 for row in ws.iter_rows() for c in row if c.comment is not None)
    result[path] = book
print(json.dumps(result))
