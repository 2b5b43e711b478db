"""CSV files as other programs write them, and an independent check of the runner's output.

Run with Debian's Python (the one with pandas and openpyxl): /usr/bin/python3.

    other_programs.py make DIR    writes the corpus into DIR and prints it as JSON:
                                  [{"file", "encoding", "delimiter", "args"}]
    other_programs.py check DIR   reads each input and its NAME.segmented.EXT output with Python's own
                                  csv module and prints JSON: [{"file", "problems": [...]}]

The check is a second program's reading: every output row minus its last field equals the input row,
the line-ending style and the byte-order mark are kept, and the last field is the quadrant segment
computed here with statistics.median and the SPEC's rule (value >= median -> high).

The LibreOffice files are converted from an .xlsx written with openpyxl by the jest test (it runs
soffice); this script only writes that .xlsx ("make-xlsx DIR").
"""
import csv
import io
import json
import os
import statistics
import sys

import openpyxl
import pandas as pd

HEADER = ["Customer", "Revenue", "Strategic match", "Note"]
# Tricky text: delimiters, quotes, line breaks (LF, CRLF), formula-like text, non-ASCII (cp1252-safe).
ROWS = [
    ["Müller, Hans", 500, 8, 'says "hi"'],
    ["Line\nbreak GmbH", 120, 9, "=1+2"],
    ["Straße; Köln", 480, 2, "-3 Kelvin"],
    ["Ærø\r\nA/S", 90, 3, "€uro"],
    ["O'Brien & Co", 310.5, 5, "+49 30 1234"],
    ["Çelik", 75, 10, ""],
]
SEGMENTS = ["Strategic", "Profit", "Potential", "Ordinary"]


def expected_segments(rows):
    values = [float(r[1]) for r in rows]
    matches = [float(r[2]) for r in rows]
    value_cut, match_cut = statistics.median(values), statistics.median(matches)
    out = []
    for value, match in zip(values, matches):
        high_value, high_match = value >= value_cut, match >= match_cut
        out.append(SEGMENTS[(0 if high_match else 1) if high_value else (2 if high_match else 3)])
    return out


def python_csv(path, encoding, **fmt):
    with open(path, "w", newline="", encoding=encoding) as f:
        writer = csv.writer(f, **fmt)
        writer.writerow(HEADER)
        writer.writerows(ROWS)


def make(folder):
    corpus = []

    def add(name, encoding, delimiter, args=()):
        corpus.append({"file": name, "encoding": encoding, "delimiter": delimiter, "args": list(args)})

    join = lambda name: os.path.join(folder, name)
    python_csv(join("py_excel.csv"), "utf-8", dialect="excel")  # CRLF, minimal quoting
    add("py_excel.csv", "utf-8", ",")
    python_csv(join("py_excel_tab.tsv"), "utf-8", dialect="excel-tab")
    add("py_excel_tab.tsv", "utf-8", "\t")
    python_csv(join("py_unix.csv"), "utf-8", dialect="unix")  # LF, every field quoted
    add("py_unix.csv", "utf-8", ",")
    python_csv(join("py_nonnumeric_cp1252.csv"), "cp1252", delimiter=";", quoting=csv.QUOTE_NONNUMERIC)
    add("py_nonnumeric_cp1252.csv", "cp1252", ";")
    # Old Mac: CR only. QUOTE_ALL, because with lineterminator="\r" Python's writer quotes a field
    # holding CR but not one holding LF, and every reader (Python's own, Excel) splits it there.
    python_csv(join("py_mac_cr.csv"), "mac_roman", lineterminator="\r", quoting=csv.QUOTE_ALL)
    add("py_mac_cr.csv", "mac_roman", ",", ["--encoding", "macintosh"])
    python_csv(join("py_bom.csv"), "utf-8-sig", delimiter=";", lineterminator="\n")
    add("py_bom.csv", "utf-8-sig", ";")

    frame = pd.DataFrame(ROWS, columns=HEADER)
    frame.to_csv(join("pandas_default.csv"), index=False)  # LF, utf-8
    add("pandas_default.csv", "utf-8", ",")
    frame.to_csv(join("pandas_semicolon_bom.csv"), index=False, sep=";", encoding="utf-8-sig", lineterminator="\r\n")
    add("pandas_semicolon_bom.csv", "utf-8-sig", ";")
    frame.to_csv(join("pandas_utf16.txt"), index=False, sep="\t", encoding="utf-16")  # BOM + LE, tab
    add("pandas_utf16.txt", "utf-16", "\t")
    frame.to_csv(join("pandas_quote_all_cp1252.csv"), index=False, quoting=csv.QUOTE_ALL, encoding="cp1252")
    add("pandas_quote_all_cp1252.csv", "cp1252", ",")
    json.dump(corpus, sys.stdout)


def make_xlsx(folder):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Customers"
    sheet.append(HEADER)
    for row in ROWS:
        # LibreOffice would evaluate "=1+2": store the formula-like note as a string cell.
        sheet.append(row[:3] + [None])
        sheet.cell(row=sheet.max_row, column=4).value = row[3]
        sheet.cell(row=sheet.max_row, column=4).data_type = "s"
    workbook.save(os.path.join(folder, "libreoffice.xlsx"))


def endings(text):
    """Counts of CRLF, lone LF and lone CR, inside quotes and out (the line-ending style's fingerprint)."""
    crlf = text.count("\r\n")
    return crlf, text.count("\n") - crlf, text.count("\r") - crlf


def read_rows(path, encoding, delimiter):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    return data, text, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def check(folder, corpus):
    results = []
    for entry in corpus:
        name, encoding, delimiter = entry["file"], entry["encoding"], entry["delimiter"]
        stem, extension = os.path.splitext(name)
        problems = []
        in_bytes, in_text, in_rows = read_rows(os.path.join(folder, name), encoding, delimiter)
        out_path = os.path.join(folder, f"{stem}.segmented{extension}")
        if not os.path.exists(out_path):
            results.append({"file": name, "problems": ["no output"]})
            continue
        out_bytes, out_text, out_rows = read_rows(out_path, encoding, delimiter)
        if len(out_rows) != len(in_rows):
            problems.append(f"{len(out_rows)} output rows for {len(in_rows)} input rows")
        for i, (a, b) in enumerate(zip(in_rows, out_rows)):
            if b[:-1] != a:
                problems.append(f"row {i + 1}: {b[:-1]!r} != {a!r}")
        last = [row[-1] for row in out_rows]
        want = ["Segment"] + expected_segments(in_rows[1:])
        if last != want:
            problems.append(f"segments {last!r} != {want!r}")
        bom = lambda data: data[:3] == b"\xef\xbb\xbf" or data[:2] in (b"\xff\xfe", b"\xfe\xff")
        if bom(in_bytes) != bom(out_bytes):
            problems.append("byte-order mark not kept")
        # Same style of line endings: the new fields add no line breaks.
        if endings(out_text) != endings(in_text):
            problems.append(f"line endings {endings(out_text)} != {endings(in_text)}")
        results.append({"file": name, "problems": problems})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    command, folder = sys.argv[1], sys.argv[2]
    if command == "make":
        make(folder)
    elif command == "make-xlsx":
        make_xlsx(folder)
    else:
        check(folder, json.load(sys.stdin))
