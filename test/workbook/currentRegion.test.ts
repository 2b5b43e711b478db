import { currentRegion, firstFilledCell } from "../../src/workbook/currentRegion";

/** A grid from rows of "x" (filled) and "." (empty). */
function grid(lines: string[]) {
  const filled = (r: number, c: number) => lines[r]?.[c] === "x";
  return { filled, limits: { rowCount: lines.length, columnCount: Math.max(...lines.map((l) => l.length)) } };
}

describe("currentRegion (Excel's Ctrl+*)", () => {
  const sheet = grid([
    ".....", //
    ".xxx.",
    ".xx..",
    "...x.", // touches (2,2) diagonally: part of the region
    ".....",
    "....x", // beyond a blank row: not part of it
  ]);

  it("grows around the start cell through diagonal neighbours and stops at blank rows and columns", () => {
    expect(currentRegion(sheet.filled, 1, 1, sheet.limits)).toEqual({ top: 1, bottom: 3, left: 1, right: 3 });
  });

  it("from an empty cell next to data takes that data's region, as Excel does", () => {
    expect(currentRegion(sheet.filled, 0, 0, sheet.limits)).toEqual({ top: 0, bottom: 3, left: 0, right: 3 });
  });

  it("is null for an empty cell with no filled neighbour", () => {
    expect(currentRegion(sheet.filled, 5, 0, sheet.limits)).toBeNull();
  });

  it("finds the first filled cell in reading order", () => {
    expect(firstFilledCell(sheet.filled, sheet.limits)).toEqual({ row: 1, column: 1 });
    expect(firstFilledCell(grid(["..", ".."]).filled, { rowCount: 2, columnCount: 2 })).toBeNull();
  });
});
