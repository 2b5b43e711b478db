import {
  DEFAULT_OFFICE_LIMITS,
  cellJsonBytes,
  nextReadBytesPerCell,
  nextWriteChunkEnd,
  readChunkRows,
  utf8Length,
} from "../../src/workbook/officeChunks";
import { cellAddress, columnLetters, qualifiedCellAddress, sheetReference } from "../../src/core/a1";
import { cellForValues, needsTextPrefix } from "../../src/workbook/officeText";

describe("read chunk size", () => {
  it("fits 125,000 one-column rows in 4 MB at 32 bytes a cell", () => {
    // 4,000,000 / (32 · 1) = 125,000
    expect(readChunkRows(1)).toBe(125_000);
  });

  it("divides the rows among the columns read together", () => {
    // ⌊4,000,000 / (32 · 3)⌋ = ⌊41,666.7⌋ = 41,666
    expect(readChunkRows(3)).toBe(41_666);
  });

  it("is capped by the cell budget when bytes would allow more", () => {
    // bytes: 10⁹ / (32 · 10) = 3,125,000 rows; cells: 10⁶ / 10 = 100,000 rows → 100,000
    expect(readChunkRows(10, { maxRequestBytes: 1e9, maxCellsPerRead: 1e6 })).toBe(100_000);
  });

  it("never drops below one row", () => {
    expect(readChunkRows(5, { maxRequestBytes: 10, maxCellsPerRead: 1 })).toBe(1);
  });

  it("keeps the default limits under Excel on the web's 5 MB and 5 million cells", () => {
    expect(DEFAULT_OFFICE_LIMITS.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(DEFAULT_OFFICE_LIMITS.maxCellsPerRead).toBeLessThanOrEqual(5_000_000);
  });

  it("raises the per-cell estimate to 1.25 times the mean measured, never lowers it", () => {
    // 100 cells of 80 bytes: mean 80 · 1.25 = 100
    expect(nextReadBytesPerCell(32, 8000, 100)).toBe(100);
    // 100 cells of 10 bytes: 12.5 < 32 → stays 32
    expect(nextReadBytesPerCell(32, 1000, 100)).toBe(32);
  });
});

describe("payload bytes", () => {
  it("counts UTF-8 bytes: 1 for ASCII, 2 for é, 3 for €, 4 for an emoji", () => {
    expect(utf8Length("a")).toBe(1);
    expect(utf8Length("é€")).toBe(5);
    expect(utf8Length("😀")).toBe(4);
  });

  it("measures each cell as its JSON text, the same count Buffer gives", () => {
    const cells = Object.freeze(["Strategic", 'say "hi"', "Zürich", 0.25, -1e21, true, null]);
    for (const cell of cells) {
      expect(cellJsonBytes(cell)).toBe(Buffer.byteLength(JSON.stringify(cell), "utf8"));
    }
    // "Strategic" with its two quotes = 11 bytes
    expect(cellJsonBytes("Strategic")).toBe(11);
  });
});

describe("write chunk boundaries", () => {
  it("takes rows while they fit the budget", () => {
    // 10 + 10 = 20 ≤ 25, a third row would make 30 > 25 → rows 0 and 1
    expect(nextWriteChunkEnd(0, 3, () => 10, 25, 100)).toBe(2);
    expect(nextWriteChunkEnd(2, 3, () => 10, 25, 100)).toBe(3);
  });

  it("takes a row bigger than the budget alone rather than never progressing", () => {
    expect(nextWriteChunkEnd(0, 3, () => 50, 25, 100)).toBe(1);
  });

  it("stops at the row cap", () => {
    expect(nextWriteChunkEnd(0, 1000, () => 1, 1e9, 300)).toBe(300);
  });
});

describe("A1 addresses", () => {
  it("names columns in bijective base 26", () => {
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    // 16,383 is Excel's last column: 16,384 = 24·676 + 5·26 + 4 → X F D
    expect(columnLetters(16_383)).toBe("XFD");
  });

  it("writes 0-based positions as Excel cell addresses", () => {
    expect(cellAddress(6, 12)).toBe("M7");
    expect(qualifiedCellAddress("Sheet1", 6, 12)).toBe("Sheet1!M7");
  });

  it("quotes sheet names the way Excel does", () => {
    expect(sheetReference("Q1 sales")).toBe("'Q1 sales'");
    expect(sheetReference("Bob's")).toBe("'Bob''s'");
    expect(sheetReference("AB12")).toBe("'AB12'");
    expect(sheetReference("Data_2024")).toBe("Data_2024");
  });
});

describe("text written through Range.values", () => {
  it.each([
    "=SUM(A1:A3)",
    "+1",
    "-x",
    "@mention",
    "'quoted",
    "#N/A",
    "00123",
    "1/2",
    "Jan 5",
    "TRUE",
    "false",
    " lead",
  ])("gets an apostrophe so %j stays text", (text) => {
    expect(needsTextPrefix(text)).toBe(true);
    expect(cellForValues(text)).toBe(`'${text}`);
  });

  it.each(["Strategic", "Highly satisfied", "Ordinary", "Zürich AG", "Other"])(
    "leaves plain words %j unchanged",
    (text) => {
      expect(cellForValues(text)).toBe(text);
    },
  );

  it("writes null as an empty cell and numbers and logicals unchanged", () => {
    expect(cellForValues(null)).toBe("");
    expect(cellForValues(0.25)).toBe(0.25);
    expect(cellForValues(false)).toBe(false);
  });

  it("refuses a number no cell can hold", () => {
    expect(() => cellForValues(Number.NaN)).toThrow(RangeError);
    expect(() => cellForValues(Infinity)).toThrow(/finite/);
  });
});
