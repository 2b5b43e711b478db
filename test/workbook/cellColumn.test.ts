import { BLANK, CellColumn, ERROR, NUMBER, TEXT } from "../../src/workbook/cellColumn";

describe("CellColumn, the compact column store of the file workbooks", () => {
  it("keeps each kind of cell and gives it back as Range.values would", () => {
    const column = new CellColumn();
    column.setNumber(0, 12.5);
    column.setText(1, "=not a formula");
    column.setBoolean(2, true);
    column.setError(3, "#N/A");
    column.setBlank(4);
    expect([0, 1, 2, 3, 4].map((row) => column.get(row))).toEqual([
      12.5,
      "=not a formula",
      true,
      "#N/A",
      null,
    ]);
    expect([0, 1, 3, 4].map((row) => column.kind(row))).toEqual([NUMBER, TEXT, ERROR, BLANK]);
    expect(column.length).toBe(5);
  });

  it("grows past its first allocation and reads past the end as blank", () => {
    const column = new CellColumn();
    column.setNumber(100_000, 7);
    expect(column.get(100_000)).toBe(7);
    expect(column.get(99_999)).toBeNull();
    expect(column.get(5_000_000)).toBeNull();
    expect(column.isEmpty(5_000_000)).toBe(true);
    expect(column.length).toBe(100_001);
  });

  it("counts empty text as empty, a zero or FALSE as not", () => {
    const column = new CellColumn();
    column.setText(0, "");
    column.setNumber(1, 0);
    column.setBoolean(2, false);
    expect([0, 1, 2].map((row) => column.isEmpty(row))).toEqual([true, false, false]);
  });
});
