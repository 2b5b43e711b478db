import { cellXml } from "../../../src/workbook/xlsx/cellXml";
import { patchedSheet, type SheetPatch } from "../../../src/workbook/xlsx/sheetPatcher";
import { readSheet } from "../../../src/workbook/xlsx/sheetReader";
import { zipWith } from "./zipFixture";
import { cellAddress } from "../../../src/core/a1";

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** New text cells "N<row>" in column `column` for rows first..last (0-based). */
function patchOf(first: number, last: number, column: number, prefix = ""): SheetPatch {
  return {
    firstRow: first,
    lastRow: last,
    firstColumn: column,
    lastColumn: column,
    cellsOf: (row) => ({
      cells: [{ column, xml: cellXml(cellAddress(row, column), `N${row + 1}`, 0, prefix) }],
    }),
  };
}

const wrap = (sheetData: string, prefix = "") =>
  `<?xml version="1.0"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<${prefix}dimension ref="A1:B3"/>${sheetData}<${prefix}pageMargins left="0.7"/></${prefix}worksheet>`;

describe("the sheet patcher splices new cells into the original text", () => {
  it("appends to rows, widens spans and the dimension, opens a self-closing row and inserts a missing row", async () => {
    const sheetData =
      '<sheetData><row r="1" spans="1:2"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c><c r="B1"><v>1</v></c></row>' +
      '<row r="2" spans="1:2" ht="20" customHeight="1"/>' +
      '<row r="4"><c r="A4"><v>4</v></c></row></sheetData>';
    const zip = await zipWith(wrap(sheetData));
    const sheet = await readSheet(zip, "sheet.xml", { sharedStrings: [], dateStyles: null });
    const out = await text(patchedSheet(zip, "sheet.xml", sheet.layout, patchOf(0, 3, 2)));
    zip.close();
    expect(out).toBe(
      wrap(
        '<sheetData><row r="1" spans="1:3"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c><c r="B1"><v>1</v></c>' +
          '<c r="C1" t="inlineStr"><is><t>N1</t></is></c></row>' +
          '<row r="2" spans="1:3" ht="20" customHeight="1"><c r="C2" t="inlineStr"><is><t>N2</t></is></c></row>' +
          '<row r="3"><c r="C3" t="inlineStr"><is><t>N3</t></is></c></row>' +
          '<row r="4"><c r="A4"><v>4</v></c><c r="C4" t="inlineStr"><is><t>N4</t></is></c></row></sheetData>',
      ).replace('ref="A1:B3"', 'ref="A1:C4"'),
    );
  });

  it("puts new cells in column order before cells further right, replacing one in their column", async () => {
    const sheetData =
      '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C1" s="2"/><c r="E1"><v>5</v></c><extLst/></row></sheetData>';
    const zip = await zipWith(wrap(sheetData));
    const sheet = await readSheet(zip, "sheet.xml", { sharedStrings: [], dateStyles: null });
    const out = await text(patchedSheet(zip, "sheet.xml", sheet.layout, patchOf(0, 0, 2)));
    zip.close();
    expect(out).toContain(
      '<row r="1"><c r="A1"><v>1</v></c><c r="C1" t="inlineStr"><is><t>N1</t></is></c><c r="E1"><v>5</v></c><extLst/></row>',
    );
  });

  it("adds rows to an empty, self-closing sheetData, with the part's namespace prefix", async () => {
    const zip = await zipWith(wrap("<x:sheetData/>", "x:"));
    const sheet = await readSheet(zip, "sheet.xml", { sharedStrings: [], dateStyles: null });
    const out = await text(patchedSheet(zip, "sheet.xml", sheet.layout, patchOf(0, 1, 0, "x:")));
    zip.close();
    expect(out).toContain(
      '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>N1</x:t></x:is></x:c></x:row>' +
        '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>N2</x:t></x:is></x:c></x:row></x:sheetData>',
    );
  });

  it("handles rows and cells without r attributes (positions implied by order)", async () => {
    const zip = await zipWith(
      wrap("<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData>"),
    );
    const sheet = await readSheet(zip, "sheet.xml", { sharedStrings: [], dateStyles: null });
    expect(sheet.columns[1]?.get(0)).toBe(2);
    expect(sheet.columns[0]?.get(1)).toBe(3);
    const out = await text(patchedSheet(zip, "sheet.xml", sheet.layout, patchOf(0, 1, 2)));
    zip.close();
    expect(out).toContain(
      '<row><c><v>1</v></c><c><v>2</v></c><c r="C1" t="inlineStr"><is><t>N1</t></is></c></row>',
    );
    expect(out).toContain('<row><c><v>3</v></c><c r="C2" t="inlineStr"><is><t>N2</t></is></c></row>');
  });
});
