import { readSharedStrings } from "../../../src/workbook/xlsx/sharedStrings";
import { zipWith } from "./zipFixture";

describe("the shared strings", () => {
  it("joins rich text runs, leaves out phonetic runs and decodes _xHHHH_", async () => {
    const zip = await zipWith(
      '<sst><si><t>A</t></si><si><r><t>B</t></r><r><t>C</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh></si><si><t>a_x000D_b</t></si><si><t/></si></sst>',
    );
    expect(await readSharedStrings(zip, "sheet.xml")).toEqual(["A", "BC", "a\rb", ""]);
    zip.close();
  });
});
