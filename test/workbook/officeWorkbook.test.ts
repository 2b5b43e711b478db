/**
 * OfficeWorkbook against a mock Excel built with office-addin-mock (see ./officeMock.ts for what the
 * mock adds and why). Numbers of round trips and request sizes are checked against hand arithmetic.
 */
import { OfficeWorkbook, READ_PROBE_ROWS } from "../../src/workbook/officeWorkbook";
import type { TableInfo } from "../../src/workbook/workbook";
import { installExcelMock, type FakeSheetSpec } from "./officeMock";

const EXCEL_ROWS = 1_048_576;

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

/**
 * Sheet1: a customer table with its header in row 3 (index 2), columns B:D (1..3):
 * B = "Customer i", C = revenue 100·i, D = match i % 10, for data rows i = 1..rowCount.
 */
function customerSheet(rowCount: number, extra: Partial<FakeSheetSpec> = {}): FakeSheetSpec {
  const headers = ["Customer", "Revenue", "Match"];
  return {
    name: "Sheet1",
    cell: (row, column) => {
      if (column < 1 || column > 3 || row < 2 || row > 2 + rowCount) return "";
      if (row === 2) return headers[column - 1];
      const i = row - 2;
      return column === 1 ? `Customer ${i}` : column === 2 ? 100 * i : i % 10;
    },
    usedRange: { row: 2, column: 1, rowCount: rowCount + 1, columnCount: 3 },
    region: { row: 2, column: 1, rowCount: rowCount + 1, columnCount: 3 },
    ...extra,
  };
}

function tableInfo(rowCount: number, tableName: string | null = null): TableInfo {
  return {
    sheet: "Sheet1",
    tableName,
    headerRow: 2,
    firstColumn: 1,
    columnCount: 3,
    rowCount,
    headers: ["Customer", "Revenue", "Match"],
    sheetProtected: false,
    hiddenRowCount: 0,
  };
}

describe("locateTable", () => {
  it("finds the Excel table under the selection, its headers, protection and filtered rows", async () => {
    const table = { name: "Customers", headerRow: 2, firstColumn: 1, columnCount: 3, rowCount: 5 };
    installExcelMock({
      sheets: [customerSheet(5, { tables: [table], protected: true, hiddenRows: new Set([4, 6]) })],
      selection: { row: 4, column: 2, rowCount: 1, columnCount: 1 },
    });
    const found = await new OfficeWorkbook().locateTable();
    expect(found).toEqual({
      sheet: "Sheet1",
      tableName: "Customers",
      headerRow: 2,
      firstColumn: 1,
      columnCount: 3,
      rowCount: 5,
      headers: ["Customer", "Revenue", "Match"],
      sheetProtected: true,
      // rows 4 and 6 are inside the data body (rows 3..7): 5 − 3 visible = 2 hidden
      hiddenRowCount: 2,
    });
  });

  it("takes the surrounding region of a plain range, header = its first row", async () => {
    const mock = installExcelMock({
      sheets: [customerSheet(4)],
      selection: { row: 3, column: 2, rowCount: 1, columnCount: 1 },
    });
    const found = await new OfficeWorkbook().locateTable();
    expect(found).toMatchObject({
      tableName: null,
      headerRow: 2,
      firstColumn: 1,
      columnCount: 3,
      rowCount: 4,
    });
    expect(found?.headers).toEqual(["Customer", "Revenue", "Match"]);
    expect(found?.sheetProtected).toBe(false);
    // one sync for geometry, one for the header values and the visible rows
    expect(mock.log.syncs).toBe(2);
  });

  it("falls back to the used range on hosts before ExcelApi 1.13", async () => {
    installExcelMock({
      sheets: [customerSheet(4, { region: { row: 99, column: 99, rowCount: 1, columnCount: 1 } })],
      excelApi: "1.12",
    });
    const found = await new OfficeWorkbook().locateTable();
    expect(found).toMatchObject({ headerRow: 2, firstColumn: 1, rowCount: 4 });
  });

  it("returns null when the selected cell stands alone and is empty", async () => {
    installExcelMock({
      sheets: [{ name: "Sheet1", region: { row: 0, column: 0, rowCount: 1, columnCount: 1 } }],
    });
    expect(await new OfficeWorkbook().locateTable()).toBeNull();
  });

  it("returns null on an empty sheet of an old host", async () => {
    installExcelMock({ sheets: [{ name: "Sheet1", usedRange: null }], excelApi: "1.12" });
    expect(await new OfficeWorkbook().locateTable()).toBeNull();
  });
});

describe("readColumns", () => {
  it("returns the requested columns column-major, in the order asked", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(10)] });
    const [matches, customers] = await new OfficeWorkbook().readColumns(tableInfo(10), Object.freeze([2, 0]));
    expect(customers).toEqual(Array.from({ length: 10 }, (_, k) => `Customer ${k + 1}`));
    expect(matches).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
    // 10 rows fit in one chunk: one round trip, loading 2 columns × 10 rows
    expect(mock.log.syncs).toBe(1);
    expect(mock.log.cellsRead).toEqual([20]);
  });

  it("reads 1,048,576 rows in a handful of round trips, each under the limits", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(EXCEL_ROWS - 3)] });
    const workbook = new OfficeWorkbook();
    const total = EXCEL_ROWS - 3;
    const progress: number[] = [];
    const [revenue] = await workbook.readColumns(tableInfo(total), [1], {
      onProgress: (done) => progress.push(done),
    });
    expect(revenue.length).toBe(total);
    expect(revenue[0]).toBe(100);
    expect(revenue[total - 1]).toBe(100 * total);
    // probe of 1,000 rows, then 125,000-row chunks: 1 + ⌈(1,048,573 − 1,000) / 125,000⌉ = 1 + 9 = 10
    expect(workbook.rowsPerReadChunk(1)).toBe(125_000);
    expect(mock.log.syncs).toBe(1 + Math.ceil((total - READ_PROBE_ROWS) / 125_000));
    expect(mock.log.syncs).toBeLessThan(total / 10_000);
    expect(Math.max(...mock.log.cellsRead)).toBeLessThanOrEqual(1_000_000);
    expect(Math.max(...mock.log.responseBytes)).toBeLessThan(4_000_000);
    expect(progress[progress.length - 1]).toBe(total);
  });

  it("shrinks the chunks when the text is longer than assumed, keeping each response under the budget", async () => {
    const longName = (row: number) => `Customer with a rather long registered company name, number ${row}`;
    const mock = installExcelMock({
      sheets: [{ name: "Sheet1", cell: (row, column) => (column === 1 ? longName(row) : "") }],
    });
    const rows = 200_000;
    const [names] = await new OfficeWorkbook().readColumns(tableInfo(rows), [0]);
    expect(names[rows - 1]).toBe(longName(rows + 2));
    // ~75 bytes a cell: 125,000 rows would be ~9.4 MB; every response must stay under 4,000,000
    expect(Math.max(...mock.log.responseBytes)).toBeLessThanOrEqual(4_000_000);
  });

  it("retries a chunk with half the rows when Excel answers ResponsePayloadSizeLimitExceeded", async () => {
    const refuseOver = 2_000_000;
    let refusals = 0;
    const mock = installExcelMock({
      sheets: [customerSheet(300_000)],
      beforeSync: (_log, batch) => {
        if (batch.responseBytes > refuseOver) {
          refusals++;
          throw Object.assign(new Error("The response payload size has exceeded the limit."), {
            code: "ResponsePayloadSizeLimitExceeded",
          });
        }
      },
    });
    const [customers] = await new OfficeWorkbook().readColumns(tableInfo(300_000), [0]);
    expect(customers.length).toBe(300_000);
    expect(customers[299_999]).toBe("Customer 300000");
    // "Customer 123456" is ~20 bytes a cell: a 125,000-row chunk (~2.5 MB) is refused once, then halved
    expect(refusals).toBeGreaterThan(0);
    expect(Math.max(...mock.log.responseBytes)).toBeLessThanOrEqual(refuseOver);
  });

  it("stops between chunks when cancelled", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(500_000)] });
    const controller = new AbortController();
    const reading = new OfficeWorkbook().readColumns(tableInfo(500_000), [1], {
      signal: controller.signal,
      onProgress: (done) => {
        if (done > 0) controller.abort();
      },
    });
    await expect(reading).rejects.toMatchObject({ name: "AbortError" });
    // the probe was read, then the abort was seen before the next chunk
    expect(mock.log.syncs).toBe(1);
  });
});

describe("findNonEmptyCells", () => {
  it("reads only where the block meets the used range and counts formulas showing blank", async () => {
    // used range B3:E7 (E = column 4); the block is E3:F1000 → only E3:E7 (5 cells) is read
    const mock = installExcelMock({
      sheets: [
        {
          name: "Sheet1",
          usedRange: { row: 2, column: 1, rowCount: 5, columnCount: 4 },
          cell: (row, column) => (column === 4 && row === 4 ? "note" : ""),
          formula: (row, column) => (column === 4 && row === 6 ? '=IF(B7>0,"","x")' : undefined),
        },
      ],
    });
    const found = await new OfficeWorkbook().findNonEmptyCells(
      { sheet: "Sheet1", row: 2, column: 4, rowCount: 998, columnCount: 2 },
      10,
    );
    expect(found).toEqual(["Sheet1!E5", "Sheet1!E7"]);
    expect(mock.log.cellsRead.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("stops at the limit", async () => {
    installExcelMock({
      sheets: [
        { name: "Data 2", usedRange: { row: 0, column: 0, rowCount: 50, columnCount: 2 }, cell: () => "x" },
      ],
    });
    const found = await new OfficeWorkbook().findNonEmptyCells(
      { sheet: "Data 2", row: 0, column: 0, rowCount: 50, columnCount: 2 },
      3,
    );
    expect(found).toEqual(["'Data 2'!A1", "'Data 2'!B1", "'Data 2'!A2"]);
  });

  it("answers [] without reading cells when the sheet is empty", async () => {
    const mock = installExcelMock({ sheets: [{ name: "Sheet1", usedRange: null }] });
    const found = await new OfficeWorkbook().findNonEmptyCells(
      { sheet: "Sheet1", row: 0, column: 0, rowCount: EXCEL_ROWS, columnCount: 3 },
      5,
    );
    expect(found).toEqual([]);
    expect(mock.log.cellsRead).toEqual([0]);
  });
});

describe("appendColumns", () => {
  const risky = Object.freeze(["=SUM(A1)", "+1", "-x", "@me", "Strategic"]);

  it("adds table columns by name and writes their cells, text as text and formulas as formulas", async () => {
    const table = { name: "Customers", headerRow: 2, firstColumn: 1, columnCount: 3, rowCount: 5 };
    const mock = installExcelMock({ sheets: [customerSheet(5, { tables: [table] })] });
    await new OfficeWorkbook().appendColumns(tableInfo(5, "Customers"), [
      { header: "Segment", values: risky },
      {
        header: "Share",
        formulas: ["=C4/SUM(C:C)", "=C5/SUM(C:C)", "=C6/SUM(C:C)", "=C7/SUM(C:C)", "=C8/SUM(C:C)"],
        numberFormat: "0.0%",
      },
    ]);
    expect(mock.log.calls).toEqual([
      "table Customers columns.add(undefined, undefined, Segment)",
      "table Customers columns.add(undefined, undefined, Share)",
    ]);
    // new columns E (4) and F (5), data rows 4..8 (indexes 3..7)
    expect([3, 4, 5, 6, 7].map((row) => mock.written("Sheet1", row, 4))).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-x",
      "'@me",
      "Strategic",
    ]);
    expect(mock.written("Sheet1", 3, 5, "formulas")).toBe("=C4/SUM(C:C)");
    expect(mock.written("Sheet1", 3, 5, "values")).toBeUndefined();
    expect(mock.written("Sheet1", 7, 5, "numberFormat")).toBe("0.0%");
    // 5 rows: one round trip, with the calculation suspended for it
    expect(mock.log.syncs).toBe(1);
    expect(mock.log.suspendCalls).toBe(1);
  });

  it("writes a plain range's headers and cells right of it", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(3)] });
    await new OfficeWorkbook().appendColumns(tableInfo(3), [{ header: "=Segment", values: ["A", null, 3] }]);
    expect(mock.written("Sheet1", 2, 4)).toBe("'=Segment");
    expect([3, 4, 5].map((row) => mock.written("Sheet1", row, 4))).toEqual(["A", "", 3]);
  });

  it("writes 1,048,573 rows with every request under 4 MB and round trips in proportion to bytes", async () => {
    const total = EXCEL_ROWS - 3;
    const segments = ["Strategic", "Profit", "Potential", "Ordinary"];
    const labels = Array.from({ length: total }, (_, i) => segments[i % 4]);
    const shares = Array.from({ length: total }, (_, i) => i / total);
    const mock = installExcelMock({ sheets: [customerSheet(total)] });
    await new OfficeWorkbook().appendColumns(tableInfo(total), [
      { header: "Segment", values: labels },
      { header: "Share", values: shares, numberFormat: "0.00%" },
    ]);
    const largest = Math.max(...mock.log.requestBytes);
    const totalBytes = mock.log.requestBytes.reduce((a, b) => a + b, 0);
    expect(largest).toBeLessThanOrEqual(4_000_000);
    // Greedy chunks are full to within one row (< 100 bytes) of the budget, so the count lies between
    // ⌈total / 4,000,000⌉ and ⌈total / (4,000,000 − 100)⌉ + 1.
    expect(mock.log.syncs).toBeGreaterThanOrEqual(Math.ceil(totalBytes / 4_000_000));
    expect(mock.log.syncs).toBeLessThanOrEqual(Math.ceil(totalBytes / (4_000_000 - 100)) + 1);
    expect(mock.log.syncs).toBeLessThan(100);
    expect(mock.log.suspendCalls).toBe(mock.log.syncs);
    expect(mock.written("Sheet1", 3 + total - 1, 4)).toBe(segments[(total - 1) % 4]);
    expect(mock.written("Sheet1", 3 + total - 1, 5, "numberFormat")).toBe("0.00%");
    console.log(`largest write request: ${largest} bytes in ${mock.log.syncs} round trips`);
  });

  it("honours a smaller byte budget given to the constructor", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(100)] });
    const values = Array.from({ length: 100 }, (_, i) => `Row ${i}`);
    await new OfficeWorkbook({ maxRequestBytes: 1000 }).appendColumns(tableInfo(100), [
      { header: "Note", values },
    ]);
    expect(Math.max(...mock.log.requestBytes)).toBeLessThanOrEqual(1000);
    // "'Row 42" costs 9 bytes + 4 for [[ ]] and a comma ≈ 13 bytes a row: ~1,300 bytes → at least 2 requests
    expect(mock.log.syncs).toBeGreaterThanOrEqual(2);
    expect(mock.written("Sheet1", 102, 4)).toBe("'Row 99");
  });

  it("keeps every request within the budget to the byte, the brackets around each 2-D array included", async () => {
    // A one-column write of n one-digit numbers is [[1],[2],…] = 1 + 4n bytes: 4 per row (digit, [ ] ,)
    // less the last comma, plus the outer [ ]. With a 100-byte budget 24 rows fit (97 bytes), not 25 (101).
    // A number format doubles the arrays: ["0"] per row is 6 bytes, a chunk of both 10n + 2 ≤ 100 → 9 rows.
    const mock = installExcelMock({ sheets: [customerSheet(1000)] });
    const digits = Array.from({ length: 1000 }, (_, i) => i % 10);
    const workbook = new OfficeWorkbook({ maxRequestBytes: 100 });
    await workbook.appendColumns(tableInfo(1000), [{ header: "N", values: digits }]);
    expect(Math.max(...mock.log.requestBytes)).toBeLessThanOrEqual(100);
    expect(mock.log.requestBytes[1]).toBe(97);
    const formatted = installExcelMock({ sheets: [customerSheet(1000)] });
    await workbook.appendColumns(tableInfo(1000), [{ header: "N", values: digits, numberFormat: "0" }]);
    expect(Math.max(...formatted.log.requestBytes)).toBeLessThanOrEqual(100);
    expect(formatted.log.requestBytes[1]).toBe(92);
  });

  it("stops between chunks when cancelled, after the chunks already sent", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(1000)] });
    const controller = new AbortController();
    const writing = new OfficeWorkbook({ maxRequestBytes: 2000 }).appendColumns(
      tableInfo(1000),
      [{ header: "N", values: Array.from({ length: 1000 }, (_, i) => i) }],
      { signal: controller.signal, onProgress: (done) => done > 0 && controller.abort() },
    );
    await expect(writing).rejects.toMatchObject({ name: "AbortError" });
    expect(mock.log.syncs).toBe(1);
  });

  it("lets Excel's errors through, e.g. AccessDenied on a protected sheet", async () => {
    installExcelMock({
      sheets: [customerSheet(3)],
      beforeSync: () => {
        throw Object.assign(new Error("The cell or chart you're trying to change is protected."), {
          code: "AccessDenied",
        });
      },
    });
    await expect(
      new OfficeWorkbook().appendColumns(tableInfo(3), [{ header: "S", values: [1, 2, 3] }]),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("refuses a column whose length is not the table's row count", async () => {
    installExcelMock({ sheets: [customerSheet(3)] });
    await expect(
      new OfficeWorkbook().appendColumns(tableInfo(3), [{ header: "S", values: [1] }]),
    ).rejects.toThrow(/1 cells for 3 table rows/);
  });
});

describe("removeColumns", () => {
  it("deletes the named table columns that still exist and ignores the others", async () => {
    const table = {
      name: "Customers",
      headerRow: 2,
      firstColumn: 1,
      columnCount: 4,
      rowCount: 5,
      columnNames: ["Customer", "Revenue", "Match", "Segment"],
    };
    const mock = installExcelMock({ sheets: [customerSheet(5, { tables: [table] })] });
    const block = { sheet: "Sheet1", row: 2, column: 4, rowCount: 6, columnCount: 2 };
    await new OfficeWorkbook().removeColumns(tableInfo(5, "Customers"), ["Segment", "Gone"], block);
    expect(mock.log.calls).toEqual(["table Customers delete column Segment"]);
  });

  it("clears the contents of a plain range's block", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(5)] });
    const block = { sheet: "Sheet1", row: 2, column: 4, rowCount: 6, columnCount: 2 };
    await new OfficeWorkbook().removeColumns(tableInfo(5), ["Segment"], block);
    expect(mock.log.calls).toEqual([
      `clear Sheet1 {"row":2,"column":4,"rowCount":6,"columnCount":2} Contents`,
    ]);
  });
});

describe("sheets", () => {
  it("splits number formats into requests under the budget when they do not fit one", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(3)] });
    // 50 rows of ["0%"]: 6 bytes of JSON + 1 per row = 350 bytes, against a 200-byte budget.
    await new OfficeWorkbook({ maxRequestBytes: 200 }).addSheet({
      name: "Shares",
      cells: [["Share"]],
      numberFormats: [
        { block: { sheet: "Shares", row: 1, column: 0, rowCount: 50, columnCount: 1 }, format: "0%" },
      ],
    });
    expect(mock.written("Shares", 1, 0, "numberFormat")).toBe("0%");
    expect(mock.written("Shares", 50, 0, "numberFormat")).toBe("0%");
    // cells, at least two format chunks, and the closing sync
    expect(mock.log.syncs).toBeGreaterThanOrEqual(4);
    expect(Math.max(...mock.log.requestBytes)).toBeLessThanOrEqual(200);
  });

  it("adds a summary sheet with text kept as text, number formats and a Pareto chart", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(3)] });
    await new OfficeWorkbook().addSheet({
      name: "Segments",
      cells: [
        ["Segment", "Customers", "Share"],
        ["-Other-", 3, 0.75],
        ["Strategic", 1],
      ],
      numberFormats: [
        { block: { sheet: "Segments", row: 1, column: 2, rowCount: 2, columnCount: 1 }, format: "0%" },
      ],
      charts: [
        {
          kind: "pareto",
          title: "Value by segment",
          categories: { sheet: "Segments", row: 1, column: 0, rowCount: 2, columnCount: 1 },
          series: [
            {
              name: "Customers",
              values: { sheet: "Segments", row: 1, column: 1, rowCount: 2, columnCount: 1 },
            },
            {
              name: "Cumulative share",
              values: { sheet: "Segments", row: 1, column: 2, rowCount: 2, columnCount: 1 },
            },
          ],
          anchor: { row: 0, column: 5, rowCount: 15, columnCount: 8 },
        },
      ],
    });
    expect(mock.log.calls).toEqual(["add sheet Segments"]);
    // Two round trips for the whole sheet: the cells, then the number formats together with the chart.
    expect(mock.log.syncs).toBe(2);
    expect(mock.written("Segments", 1, 0)).toBe("'-Other-");
    // the short row is padded with an empty cell
    expect(mock.written("Segments", 2, 2)).toBe("");
    expect(mock.written("Segments", 2, 2, "numberFormat")).toBe("0%");
    const [chart] = mock.log.charts;
    expect(chart.type).toBe("ColumnClustered");
    expect(chart.title.text).toBe("Value by segment");
    expect(chart.position).toEqual(["F1", "M15"]);
    const [columns, line] = chart.seriesList;
    expect(columns).toMatchObject({
      name: "Customers",
      values: { row: 1, column: 1 },
      categories: { column: 0 },
    });
    expect(line).toMatchObject({ name: "Cumulative share", chartType: "Line", axisGroup: "Secondary" });
  });

  it("draws segment shares as a pie", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(3)] });
    const block = (column: number) => ({ sheet: "S", row: 1, column, rowCount: 4, columnCount: 1 });
    await new OfficeWorkbook().addSheet({
      name: "S",
      cells: [["a"]],
      charts: [
        {
          kind: "pie",
          title: "Share",
          categories: block(0),
          series: [{ name: "Share", values: block(1) }],
          anchor: { row: 0, column: 3, rowCount: 10, columnCount: 5 },
        },
      ],
    });
    expect(mock.log.charts[0].type).toBe("Pie");
  });

  it.each([
    ["bar", "BarClustered"],
    ["line", "Line"],
    ["column", "ColumnClustered"],
  ] as const)("draws a %s chart as Excel's %s, every series on the primary axis", async (kind, type) => {
    const mock = installExcelMock({ sheets: [customerSheet(3)] });
    const block = (column: number) => ({ sheet: "S", row: 1, column, rowCount: 4, columnCount: 1 });
    await new OfficeWorkbook().addSheet({
      name: "S",
      cells: [["a"]],
      charts: [
        {
          kind,
          title: "Shares",
          categories: block(0),
          series: [
            { name: "Share of customers", values: block(1) },
            { name: "Share of value", values: block(2) },
          ],
          anchor: { row: 0, column: 3, rowCount: 10, columnCount: 5 },
        },
      ],
    });
    const [chart] = mock.log.charts;
    expect(chart.type).toBe(type);
    expect(chart.seriesList).toHaveLength(2);
    expect(chart.seriesList[1]).toMatchObject({ name: "Share of value", values: { column: 2 } });
    expect(chart.seriesList[1].axisGroup).toBeUndefined();
  });

  it("lists sheet names and deletes a sheet, ignoring one that is gone", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(3), { name: "Old run" }] });
    const workbook = new OfficeWorkbook();
    expect(await workbook.sheetNames()).toEqual(["Sheet1", "Old run"]);
    await workbook.deleteSheet("Old run");
    await workbook.deleteSheet("Never there");
    expect(mock.log.calls).toEqual(["delete sheet Old run"]);
    expect(await workbook.sheetNames()).toEqual(["Sheet1"]);
  });
});

describe("asOneUndoStep", () => {
  it("runs all the work in one Excel.run with mergeUndoGroup on ExcelApi 1.20", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(3)], excelApi: "1.20" });
    const result = await new OfficeWorkbook().asOneUndoStep(async (wb) => {
      await wb.appendColumns(tableInfo(3), [{ header: "S", values: ["Profit", "Profit", "Ordinary"] }]);
      await wb.addSheet({ name: "Summary", cells: [["Profit", 2]] });
      return "done";
    });
    expect(result).toBe("done");
    expect(mock.log.runOptions).toEqual([{ mergeUndoGroup: true }]);
    expect(mock.written("Summary", 0, 1)).toBe(2);
  });

  it("uses a plain Excel.run on hosts before ExcelApi 1.20", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(3)], excelApi: "1.19" });
    await new OfficeWorkbook().asOneUndoStep(async (wb) => {
      await wb.appendColumns(tableInfo(3), [{ header: "S", values: [1, 2, 3] }]);
      await wb.deleteSheet("nothing");
    });
    expect(mock.log.runOptions).toEqual([null]);
  });
});

describe("settings", () => {
  it("reads, writes and removes document settings, saving each change", async () => {
    const mock = installExcelMock({ sheets: [customerSheet(1)], settings: { lastRun: "{}" } });
    const workbook = new OfficeWorkbook();
    expect(await workbook.readSetting("lastRun")).toBe("{}");
    expect(await workbook.readSetting("missing")).toBeNull();
    await workbook.writeSetting("lastRun", '{"sheet":"Segments"}');
    expect(await workbook.readSetting("lastRun")).toBe('{"sheet":"Segments"}');
    await workbook.writeSetting("lastRun", null);
    expect(await workbook.readSetting("lastRun")).toBeNull();
    expect(mock.log.settingsSaved).toBe(2);
  });
});
