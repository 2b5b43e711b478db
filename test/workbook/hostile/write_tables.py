"""Writes random customer tables (from the property test) as openpyxl writes workbooks. Reads a
JSON list of {"file", "sheet", "rows": [[cell, ...], ...], "formulas": {"A1": "=..."}} from stdin;
each file gets the table on `sheet` and a second sheet "Other" whose cells are `formulas`. Text
cells are always written as text (openpyxl would otherwise store "=..." text as a formula).

Usage: write_tables.py < cases.json
"""
import json
import sys

import openpyxl

for case in json.load(sys.stdin):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = case["sheet"]
    for r, row in enumerate(case["rows"], start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    other = wb.create_sheet("Other")
    for address, formula in case["formulas"].items():
        other[address] = formula
    wb.save(case["file"])
print("ok")
