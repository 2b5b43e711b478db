import { builtInFormatId, isDateFormat } from "../../../src/workbook/xlsx/numberFormats";

describe("number formats", () => {
  it("knows the built-in ids of common codes (ECMA-376 §18.8.30)", () => {
    expect(builtInFormatId("0.00%")).toBe(10);
    expect(builtInFormatId("0")).toBe(1);
    expect(builtInFormatId("0.0%")).toBeNull();
  });

  it.each([
    [14, undefined, true],
    [22, undefined, true],
    [4, undefined, false],
    [164, "yyyy-mm-dd", true],
    [164, "[$-409]d-mmm-yy;@", true],
    [164, "[h]:mm", true],
    [164, '0.0" days"', false],
    [164, "#,##0.00 [$€-407]", false],
    [164, "[Red]0.00;[Blue]-0.00", false],
    [164, "General", false],
  ] as const)("format %i %s shows a date: %s", (id, code, expected) => {
    expect(isDateFormat(id, code)).toBe(expected);
  });
});
