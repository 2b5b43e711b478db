import { patchWorkbookXml, widenTable } from "../../../src/workbook/xlsx/packageWriter";
import { attribute, childElements, findAll, findFirst, parseXml } from "../../../src/workbook/xlsx/xmlTree";

describe("the table part, widened", () => {
  it("widens ref and autoFilter (without the totals row) and appends columns with fresh ids", () => {
    const xml =
      '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="T" displayName="T" ref="B2:C6" totalsRowCount="1">' +
      '<autoFilter ref="B2:C5"/><tableColumns count="2"><tableColumn id="1" name="A"/><tableColumn id="7" name="B" totalsRowFunction="sum"/></tableColumns>' +
      '<tableStyleInfo name="TableStyleMedium2"/></table>';
    const tree = parseXml(widenTable(xml, ["Segment", "A & <B>"]));
    const table = findFirst(tree, "table")!;
    expect(attribute(table, "ref")).toBe("B2:E6");
    expect(attribute(findFirst(tree, "autoFilter")!, "ref")).toBe("B2:E5");
    const columns = findAll(tree, "tableColumn").map((c) => [attribute(c, "id"), attribute(c, "name")]);
    expect(columns).toEqual([
      ["1", "A"],
      ["7", "B"],
      ["8", "Segment"],
      ["9", "A & <B>"],
    ]);
    expect(attribute(findFirst(tree, "tableColumns")!, "count")).toBe("4");
    expect(findFirst(tree, "tableStyleInfo")).not.toBeNull();
  });
});

describe("the workbook part, patched", () => {
  it("adds a sheet with the next sheetId and, for formulas, calcPr fullCalcOnLoad in schema order", () => {
    const xml =
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>' +
      '<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="S" sheetId="4" r:id="rId1"/></sheets>' +
      '<definedNames><definedName name="x">S!$A$1</definedName></definedNames><extLst/></workbook>';
    const tree = parseXml(patchWorkbookXml(xml, [{ name: "CX Summary", relationshipId: "rIdCx1" }], true));
    const workbook = findFirst(tree, "workbook")!;
    const sheets = findAll(tree, "sheet");
    expect(sheets.map((s) => [attribute(s, "name"), attribute(s, "sheetId"), attribute(s, "r:id")])).toEqual([
      ["S", "4", "rId1"],
      ["CX Summary", "5", "rIdCx1"],
    ]);
    const order = workbook["workbook"] as Record<string, unknown>[];
    expect(order.map((node) => Object.keys(node).find((k) => k !== ":@"))).toEqual([
      "sheets",
      "definedNames",
      "calcPr",
      "extLst",
    ]);
    expect(attribute(childElements(workbook, "calcPr")[0], "fullCalcOnLoad")).toBe("1");
  });
});
