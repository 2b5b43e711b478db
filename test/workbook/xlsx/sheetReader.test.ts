import { readSheet } from "../../../src/workbook/xlsx/sheetReader";
import { zipWith } from "./zipFixture";

const wrap = (sheetData: string, prefix = "") =>
  `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<${prefix}dimension ref="A1:B3"/>${sheetData}<${prefix}pageMargins left="0.7"/></${prefix}worksheet>`;

describe("the sheet reader", () => {
  it("reads every kind of cell as Range.values shows it, and what the workflow must know", async () => {
    const sheetData =
      "<sheetData>" +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Ri</t></r><r><t xml:space="preserve">ch </t></r><rPh><t>ルビ</t></rPh></is></c>' +
      '<c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>' +
      '<row r="2" hidden="1"><c r="A2" t="d"><v>2024-01-31T12:00:00</v></c><c r="B2" s="1"><v>0</v></c><c r="C2"><f>X1*2</f></c>' +
      '<c r="D2" t="s"><v>1</v></c></row>' +
      '</sheetData><sheetProtection sheet="1"/><mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells>';
    const zip = await zipWith(wrap(sheetData));
    const sheet = await readSheet(zip, "sheet.xml", {
      sharedStrings: ["shared", "second"],
      // Style 1 shows a date in a 1904-system workbook: its serial 0 is 1904-01-01, 1900-serial 1462.
      dateStyles: Uint8Array.of(0, 1),
    });
    zip.close();
    const cell = (r: number, c: number) => sheet.columns[c]?.get(r) ?? null;
    expect([cell(0, 0), cell(0, 1), cell(0, 2), cell(0, 3), cell(0, 4)]).toEqual([
      "shared",
      "Rich ",
      true,
      "#N/A",
      "ab",
    ]);
    // 2024-01-31 is serial 45322; noon adds 0.5.
    expect(cell(1, 0)).toBe(45322.5);
    expect(cell(1, 1)).toBe(1462);
    expect(cell(1, 2)).toBeNull();
    expect(cell(1, 3)).toBe("second");
    expect(sheet.formulasWithoutValue).toEqual([[1, 2]]);
    expect([...sheet.hiddenRows]).toEqual([1]);
    expect(sheet.protected).toBe(true);
    expect(sheet.merges).toEqual([{ row: 2, column: 0, rowCount: 1, columnCount: 2 }]);
  });
});
