import { fieldText, isFormulaLike, protectText } from "../../../src/workbook/csv/csvFieldText";

describe("fields the runner writes", () => {
  it.each<[unknown, string, string]>([
    [null, ",", ""],
    [true, ",", "TRUE"],
    [0.1 + 0.2, ",", "0.30000000000000004"],
    [NaN, ",", ""],
    [Infinity, ",", ""],
    ["Strategic", ",", "Strategic"],
    ["a,b", ",", '"a,b"'],
    ["a,b", ";", "a,b"],
    ["a;b", ";", '"a;b"'],
    ['say "hi"', ",", '"say ""hi"""'],
    ["two\nlines", ",", '"two\nlines"'],
    ["cr\ronly", ",", '"cr\ronly"'],
    [" padded", ",", '" padded"'],
    ["tab\t", ";", '"tab\t"'],
  ])("%j with delimiter %j → %j", (value, delimiter, expected) => {
    expect(fieldText(value as never, delimiter)).toBe(expected);
  });

  it("protects formula-like text only, and not numbers", () => {
    expect(["=1+2", "+x", "-minus", "@a", "-3", "+5", "plain", "-"].map(protectText)).toEqual([
      "'=1+2",
      "'+x",
      "'-minus",
      "'@a",
      "-3",
      "+5",
      "plain",
      "'-",
    ]);
    expect(isFormulaLike("-1e3")).toBe(false);
    expect(fieldText("=SUM(A1,B1)", ",", true)).toBe('"\'=SUM(A1,B1)"');
  });
});
