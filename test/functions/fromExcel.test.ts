import { FakeExcelError } from "./fakeCustomFunctions";
import { fromExcelCell, fromExcelGrid, fromExcelScalar } from "../../src/functions/fromExcel";
import { CoreError } from "../../src/core/errors";

describe("reading Excel's values", () => {
  it("leaves numbers, text, logicals and blanks as they are", () => {
    expect([3, "a", true, null, undefined, ""].map(fromExcelCell)).toEqual([
      3,
      "a",
      true,
      null,
      undefined,
      "",
    ]);
  });

  it("reads CustomFunctions.Error and error cell values as core errors of the same kind", () => {
    expect(fromExcelCell(new FakeExcelError("#DIV/0!", "m"))).toBeExcelError("#DIV/0!", "m");
    expect(fromExcelCell({ type: "Error", basicValue: "#N/A", errorType: "NotAvailable" })).toBeExcelError(
      "#N/A",
    );
  });

  it("reads errors the core has no kind for as #VALUE! naming the original", () => {
    expect(fromExcelCell({ type: "Error", basicValue: "#SPILL!" })).toBeExcelError("#VALUE!", "#SPILL!");
    expect(fromExcelCell({ code: "#CALC!", message: "" })).toBeExcelError("#VALUE!", "#CALC!");
  });

  it("reads data types by their basic value", () => {
    expect(fromExcelCell({ type: "Double", basicValue: 5, numberFormat: "0.00" })).toBe(5);
    expect(fromExcelCell({ type: "Entity", basicValue: "Contoso", text: "Contoso" })).toBe("Contoso");
    expect(fromExcelCell({ something: 1 })).toBeExcelError("#VALUE!", "cannot read");
  });

  it("passes a grid of plain values on without copying it", () => {
    const grid = Object.freeze([Object.freeze([1, 2]), Object.freeze([null, "x"])]);
    expect(fromExcelGrid(grid)).toBe(grid);
  });

  it("copies only the rows that hold objects, leaving the input untouched", () => {
    const plainRow = Object.freeze([1]);
    const errorRow = Object.freeze([{ type: "Error", basicValue: "#NUM!" }]);
    const grid = Object.freeze([plainRow, errorRow]);
    const read = fromExcelGrid(grid) as unknown[][];
    expect(read[0]).toBe(plainRow);
    expect(read[1][0]).toBeInstanceOf(CoreError);
    expect(grid[1]).toBe(errorRow);
  });

  it("reads an omitted range as null and a scalar as a one-cell grid", () => {
    expect(fromExcelGrid(null)).toBeNull();
    expect(fromExcelGrid(undefined)).toBeNull();
    expect(fromExcelGrid(0.5)).toEqual([[0.5]]);
  });
});

describe("reading any shape a caller can pass", () => {
  /* eslint-disable no-sparse-arrays -- holes are the point of these tests */
  it("fills holes and null rows with blanks, keeping the rows in place", () => {
    expect(fromExcelGrid([[1], , [3]])).toEqual([[1], [null], [3]]);
    expect(fromExcelGrid([[1], null])).toEqual([[1], [null]]);
    expect(fromExcelGrid([[1, , 3]])).toEqual([[1, undefined, 3]]);
    const holey = fromExcelGrid([[1, , 3]]) as unknown[][];
    expect(1 in holey[0]).toBe(true); // dense: array methods no longer skip the cell
  });
  /* eslint-enable no-sparse-arrays */

  it("pads ragged rows to the widest one and reads a lone value in place of a row as a one-cell row", () => {
    expect(fromExcelGrid([[1, 2], [3]])).toEqual([
      [1, 2],
      [3, null],
    ]);
    expect(fromExcelGrid([1, 2])).toEqual([[1], [2]]);
    expect(fromExcelGrid([[1], "x", [2]])).toEqual([[1], ["x"], [2]]);
  });

  it("reads empty shapes as grids without cells", () => {
    expect(fromExcelGrid([])).toEqual([]);
    expect(fromExcelGrid([[]])).toEqual([[]]);
    expect(fromExcelGrid([null])).toEqual([[]]);
  });

  it("reads values no Excel cell holds as #VALUE!, never throwing", () => {
    const hostile: unknown[] = [
      Symbol("s"),
      10n,
      () => 1,
      new Date(0),
      Object.create(null),
      { basicValue: { nested: true } },
      {
        get code() {
          throw new Error("getter");
        },
      },
    ];
    for (const value of hostile) expect(fromExcelCell(value)).toBeExcelError("#VALUE!", "cannot read");
  });

  it("reads a scalar given as a one-cell range as that value, and reports a larger range", () => {
    expect(fromExcelScalar([["ratio"]])).toBe("ratio");
    expect(fromExcelScalar("ratio")).toBe("ratio");
    expect(fromExcelScalar(undefined)).toBeNull();
    expect(fromExcelScalar([[]])).toBeNull();
    expect(fromExcelScalar([[1, 2]])).toEqual({ severalCells: 2 });
    expect(fromExcelScalar([[{ type: "Error", basicValue: "#N/A" }]])).toBeExcelError("#N/A");
  });
});
