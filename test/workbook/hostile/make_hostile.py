"""Builds the hostile .xlsx corpus into OUTDIR, one file per class of workbook other programs write
(run with Debian's /usr/bin/python3, which has openpyxl and pandas). Each case is small and made
from scratch here, so nothing binary is committed. The test (hostileXlsx.test.ts) runs the runner
on each and checks what the user sees.

Usage: /usr/bin/python3 make_hostile.py OUTDIR
"""
import datetime
import os
import shutil
import sys
import zipfile

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.worksheet.table import Table, TableStyleInfo

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)

HEADER = ["Customer", "Revenue", "Strategic match"]
# SPEC example: values {500,120,480,90}, matches {8,9,2,3} -> Strategic, Potential, Profit, Ordinary.
ROWS = [["A & Co <1>", 500, 8], ["=B", 120, 9], ["C\u00e9line", 480, 2], ["D", 90, 3]]


def customers(ws, top=1, left=1):
    for j, name in enumerate(HEADER):
        ws.cell(row=top, column=left + j, value=name)
    for i, row in enumerate(ROWS):
        for j, value in enumerate(row):
            cell = ws.cell(row=top + 1 + i, column=left + j, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
    return f"A{top}:C{top + len(ROWS)}"


def save(wb, name):
    wb.save(os.path.join(OUT, name))


# Named sheets (one needing quotes) and a formula on another sheet referring to it.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Kunden & Co"
customers(ws)
other = wb.create_sheet("Q3 'final'")
other["A1"] = "Total"
other["B1"] = "=SUM('Kunden & Co'!B2:B5)"
save(wb, "named-sheets.xlsx")

# pandas: DataFrame.to_excel through openpyxl, with a named sheet and the index column.
try:
    import pandas as pd

    # pandas writes any text starting with "=" as a formula: keep this table to plain text.
    frame = pd.DataFrame([[f"Customer {i}", r[1], r[2]] for i, r in enumerate(ROWS)], columns=HEADER)
    with pd.ExcelWriter(os.path.join(OUT, "pandas.xlsx"), engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Export 2026", index=False)
        pd.DataFrame({"x": [1, 2]}).to_excel(writer, sheet_name="Notes", index=False)
except ImportError:
    print("pandas is not installed: pandas.xlsx not made", file=sys.stderr)

# An Excel table with a style.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Data"
table = Table(displayName="Customers", ref=customers(ws))
table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
ws.add_table(table)
save(wb, "table.xlsx")

# An Excel table without tableStyleInfo (valid: the element is optional).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Data"
ws.add_table(Table(displayName="Plain", ref=customers(ws)))
save(wb, "table-no-style.xlsx")

# A chart already in the input.
wb = openpyxl.Workbook()
ws = wb.active
customers(ws)
chart = BarChart()
chart.title = "Revenue"
chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=5), titles_from_data=True)
ws.add_chart(chart, "F2")
save(wb, "chart.xlsx")

# A comment (legacy VML drawing + comments part).
wb = openpyxl.Workbook()
ws = wb.active
customers(ws)
ws["A2"].comment = Comment("Key account", "Sales")
save(wb, "comment.xlsx")

# Hidden rows inside the table.
wb = openpyxl.Workbook()
ws = wb.active
customers(ws)
ws.row_dimensions[3].hidden = True
save(wb, "hidden-rows.xlsx")

# Sheet protection.
wb = openpyxl.Workbook()
ws = wb.active
customers(ws)
ws.protection.sheet = True
save(wb, "protected.xlsx")

# Formulas without cached values (openpyxl never calculates).
wb = openpyxl.Workbook()
ws = wb.active
customers(ws)
ws["E1"] = "Base"
for r in range(2, 6):
    ws[f"E{r}"] = r * 100
    ws[f"B{r}"] = f"=E{r}*2"
save(wb, "formulas-no-values.xlsx")

# A merged header cell.
wb = openpyxl.Workbook()
ws = wb.active
customers(ws)
ws["D1"] = "Notes"
ws.merge_cells("C1:D1")
save(wb, "merged-header.xlsx")

# A title row directly above the header.
wb = openpyxl.Workbook()
ws = wb.active
ws["A1"] = "Customer report 2026"
customers(ws, top=2)
save(wb, "title-row.xlsx")

# The 1904 date system (old Mac Excel), with dates in the table.
for name, epoch1904 in (("dates-1904.xlsx", True), ("dates-1900.xlsx", False)):
    wb = openpyxl.Workbook()
    if epoch1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["Customer", "Revenue", "Last purchase date", "Orders"])
    for i, (_, revenue, _) in enumerate(ROWS):
        ws.append([f"Customer {i}", revenue, datetime.date(2026, 1, 1 + 7 * i), 1 + i])
    for r in range(2, 6):
        ws[f"C{r}"].number_format = "yyyy-mm-dd"
    save(wb, name)

# A macro-enabled workbook: openpyxl's output with a vbaProject part added as Excel stores it.
wb = openpyxl.Workbook()
customers(wb.active)
plain = os.path.join(OUT, "macro.tmp.xlsx")
wb.save(plain)
VBA = bytes(range(256)) * 8  # stands in for the compiled VBA storage: its bytes must survive unchanged
with zipfile.ZipFile(plain) as source, zipfile.ZipFile(os.path.join(OUT, "macro.xlsm"), "w", zipfile.ZIP_DEFLATED) as target:
    for item in source.infolist():
        data = source.read(item.filename)
        if item.filename == "[Content_Types].xml":
            data = data.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            ).replace(
                b"</Types>",
                b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
            )
        if item.filename == "xl/_rels/workbook.xml.rels":
            data = data.replace(
                b"</Relationships>",
                b'<Relationship Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin" Id="rIdVba"/></Relationships>',
            )
        target.writestr(item, data)
    target.writestr("xl/vbaProject.bin", VBA)
os.remove(plain)

# Extra parts a reader may not know: custom XML, custom document properties, a thumbnail.
wb = openpyxl.Workbook()
customers(wb.active)
plain = os.path.join(OUT, "extra.tmp.xlsx")
wb.save(plain)
with zipfile.ZipFile(plain) as source, zipfile.ZipFile(os.path.join(OUT, "extra-parts.xlsx"), "w", zipfile.ZIP_DEFLATED) as target:
    for item in source.infolist():
        target.writestr(item, source.read(item.filename))
    target.writestr("customXml/item1.xml", '<?xml version="1.0"?><data xmlns="urn:cx:test"><v>kept &amp; unchanged</v></data>')
    target.writestr("docProps/thumbnail.jpeg", bytes([0xFF, 0xD8, 0xFF, 0xE0]) + bytes(range(200)))
os.remove(plain)

# An xlsx under a CSV name.
shutil.copy(os.path.join(OUT, "table.xlsx"), os.path.join(OUT, "renamed.csv"))
print("ok")
