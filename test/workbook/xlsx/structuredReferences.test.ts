import { toFileFormula } from "../../../src/workbook/xlsx/structuredReferences";

describe("toFileFormula: structured references as a file stores them", () => {
  it("qualifies [@Column] and [Column] with the table and spells out [#This Row]", () => {
    expect(
      toFileFormula("=CX.SEGMENT([@Revenue],[@Match],MEDIAN([Revenue]),MEDIAN([Match]))", "Customers"),
    ).toBe(
      "=CX.SEGMENT(Customers[[#This Row],[Revenue]],Customers[[#This Row],[Match]],MEDIAN(Customers[Revenue]),MEDIAN(Customers[Match]))",
    );
  });

  it("keeps bracketed names with spaces and ' escapes, and already qualified references", () => {
    expect(toFileFormula("=[@[Net revenue]]+T[@Cost]+[[#Headers],[A'[1']]]", "T")).toBe(
      "=T[[#This Row],[Net revenue]]+T[[#This Row],[Cost]]+T[[#Headers],[A'[1']]]",
    );
  });

  it("leaves text constants and quoted sheet names alone", () => {
    expect(toFileFormula('=IF([@A]="[x]",\'[Q] sheet\'!A1,"")', "T")).toBe(
      '=IF(T[[#This Row],[A]]="[x]",\'[Q] sheet\'!A1,"")',
    );
  });

  it("leaves A1 formulas unchanged", () => {
    expect(toFileFormula("=CX.SEGMENT(B2,C2,MEDIAN($B$2:$B$101),MEDIAN($C$2:$C$101))", "T")).toBe(
      "=CX.SEGMENT(B2,C2,MEDIAN($B$2:$B$101),MEDIAN($C$2:$C$101))",
    );
  });
});
