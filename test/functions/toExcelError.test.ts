import { FakeExcelError } from "./fakeCustomFunctions";
import { toExcelError } from "../../src/functions/toExcelError";
import { CoreError, ErrorKind } from "../../src/core/errors";

describe("toExcelError", () => {
  it.each([ErrorKind.Value, ErrorKind.Num, ErrorKind.DivByZero, ErrorKind.NotAvailable, ErrorKind.Null])(
    "keeps %s and its message",
    (kind) => {
      const error = toExcelError(new CoreError(kind, "what to change"));
      expect(error).toBeInstanceOf(FakeExcelError);
      expect(error).toBeExcelError(kind, "what to change");
    },
  );

  it("returns #REF! and #NAME?, which Excel takes only as inputs, as #VALUE! naming them", () => {
    expect(toExcelError(new CoreError(ErrorKind.Ref, "row 2 of values"))).toBeExcelError(
      "#VALUE!",
      "#REF!: row 2",
    );
    expect(toExcelError(new CoreError(ErrorKind.Name, "x"))).toBeExcelError("#VALUE!", "#NAME?");
  });

  it("returns #GETTING_DATA as #N/A naming it", () => {
    expect(toExcelError(new CoreError(ErrorKind.GettingData, "x"))).toBeExcelError("#N/A", "#GETTING_DATA");
  });
});
