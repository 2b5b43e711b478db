import {
  cellAddress,
  columnIndex,
  columnLetters,
  parseCellAddress,
  parseRangeAddress,
  qualifiedCellAddress,
  qualifiedRange,
  sheetReference,
} from "../../src/core/a1";

describe("A1 addresses", () => {
  it("names columns in bijective base 26 and reads them back", () => {
    // 0 → A, 25 → Z, 26 → AA, 27 → AB, 701 → ZZ (26 + 26·26 − 1), 702 → AAA, 16383 → XFD
    const cases: [number, string][] = [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [27, "AB"],
      [701, "ZZ"],
      [702, "AAA"],
      [16383, "XFD"],
    ];
    for (const [index, letters] of cases) {
      expect(columnLetters(index)).toBe(letters);
      expect(columnIndex(letters)).toBe(index);
      expect(columnIndex(letters.toLowerCase())).toBe(index);
    }
    expect(columnIndex("XFE")).toBeNull();
    expect(columnIndex("A1")).toBeNull();
    expect(columnIndex("")).toBeNull();
  });

  it("round-trips cell addresses, absolute or not", () => {
    expect(cellAddress(6, 12)).toBe("M7");
    expect(cellAddress(1, 1, true)).toBe("$B$2");
    expect(parseCellAddress("M7")).toEqual({ row: 6, column: 12 });
    expect(parseCellAddress("$b$2")).toEqual({ row: 1, column: 1 });
    expect(parseCellAddress("XFD1048576")).toEqual({ row: 1048575, column: 16383 });
    for (const bad of ["A0", "A1048577", "XFE1", "1A", "A", "A1:B2", ""])
      expect(parseCellAddress(bad)).toBeNull();
  });

  it("reads ranges in either corner order", () => {
    expect(parseRangeAddress("B2:D10")).toEqual({ row: 1, column: 1, rowCount: 9, columnCount: 3 });
    expect(parseRangeAddress("D10:B2")).toEqual({ row: 1, column: 1, rowCount: 9, columnCount: 3 });
    expect(parseRangeAddress("C3")).toEqual({ row: 2, column: 2, rowCount: 1, columnCount: 1 });
    expect(parseRangeAddress("A1:B2:C3")).toBeNull();
  });
});

describe("sheet names in references", () => {
  it("leaves plain names bare", () => {
    for (const name of ["Customers", "Sheet1", "Q1_sales", "data.2024", "ABCD12"])
      expect(sheetReference(name)).toBe(name);
  });

  it("quotes names with spaces, quotes, leading digits or other characters, doubling quotes", () => {
    expect(sheetReference("CX Summary")).toBe("'CX Summary'");
    expect(sheetReference("Bob's")).toBe("'Bob''s'");
    expect(sheetReference("2024")).toBe("'2024'");
    expect(sheetReference("Übersicht")).toBe("'Übersicht'");
    expect(sheetReference("a-b")).toBe("'a-b'");
  });

  it("quotes names that would read as a cell, an R1C1 reference or a logical", () => {
    for (const name of ["AB12", "A1", "xfd3", "R", "C", "R1C1", "RC2", "R3", "C7", "TRUE", "false"]) {
      expect(sheetReference(name)).toBe(`'${name}'`);
    }
  });

  it("qualifies cells and ranges", () => {
    expect(qualifiedCellAddress("Sheet1", 6, 12)).toBe("Sheet1!M7");
    expect(qualifiedCellAddress("AB12", 0, 0, true)).toBe("'AB12'!$A$1");
    expect(qualifiedRange("CX Summary", 5, 0, 4, 1, true)).toBe("'CX Summary'!$A$6:$A$9");
    expect(qualifiedRange("S", 0, 0, 1, 1)).toBe("S!A1");
  });
});
