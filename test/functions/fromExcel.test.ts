import { FakeExcelError } from "./fakeCustomFunctions";
import { fromExcelCell, fromExcelGrid } from "../../src/functions/fromExcel";
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
